"""Events made through the real operations (tests/event_data.py)."""

from event_data import make_event  # noqa: F401  (a fixture, offered to this folder)
