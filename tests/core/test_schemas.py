"""Validation errors reach people by field: every message of a field is kept, under its path."""

from __future__ import annotations

from mentornet.core.schemas import errors_by_path


def test_every_message_of_a_field_is_kept_under_its_dotted_path() -> None:
    messages = {
        "cycle": {"stalled_after_days": ["Enter a whole number.", "Enter a number from 1 to 365."]},
        "goals": {0: {"key": ["This field is required."]}},
        "_schema": ["Something is off."],
    }
    assert errors_by_path(messages) == {
        "cycle.stalled_after_days": ["Enter a whole number.", "Enter a number from 1 to 365."],
        "goals[0].key": ["This field is required."],
        "_schema": ["Something is off."],
    }
