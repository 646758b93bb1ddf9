"""Every module's models, imported so the metadata (and Alembic) knows each table.

A module keeps its models in `models.py`, or also in `*_models.py` files when it splits them
(mentorships/cycle_models.py); `find` imports them all, module by module in sorted order.
"""

from mentornet.modules import find

MODEL_MODULES = find("models", "*_models")
