"""The member with data in every personal field (tests/member_data.py)."""

from member_data import member  # noqa: F401  (a fixture, offered to this folder)
