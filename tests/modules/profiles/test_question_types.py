"""Every questionnaire question type a network can use validates through the one profile schema."""

from __future__ import annotations

from typing import Any

import pytest
from marshmallow import ValidationError

from mentornet.modules.profiles.models import ProfileRole
from mentornet.modules.profiles.schemas import profile_schema
from mentornet.modules.tenants.config import TenantConfig

from helpers import profile_values

# (type, choices, a valid answer, what is stored for it, an invalid answer)
CASES: list[tuple[str, list[str], Any, Any, Any]] = [
    ("text", [], "Aarhus", "Aarhus", "x" * 501),
    ("long_text", [], "A long answer.", "A long answer.", "x" * 5001),
    ("single_choice", ["a", "b"], "b", "b", "c"),
    ("multiple_choice", ["a", "b"], "a; b", ["a", "b"], "a; z"),
    ("number", [], "12", 12, "twelve"),
    ("date", [], "2026-03-08", "2026-03-08", "08/03/2026"),
    ("yes_no", [], "ja", True, "maybe"),
    ("country", [], "SO", "SO", "XX"),
    ("languages", [], ["so:C2"], [{"code": "so", "level": "C2"}], ["so:Z9"]),
    ("occupation", [], "2221", "2221", "9999"),
    ("education", [], "091", "091", "999"),
    ("goals", [], ["job"], ["job"], ["astronaut"]),
]


def _settings(reference_packs: dict[str, Any], kind: str, choices: list[str]) -> dict[str, Any]:
    settings = dict(reference_packs["denmark"])
    question = {
        "key": "extra", "type": kind, "label": {"da": "Ekstra", "en": "Extra"}, "help": {},
        "audience": ["mentee"], "required": True, "sensitive": False, "visible_to": ["staff"],
        "choices": [{"key": c, "label": {"da": c, "en": c}} for c in choices],
    }  # fmt: skip
    settings["questionnaire"] = [*settings["questionnaire"], question]
    return settings


@pytest.mark.parametrize(
    ("kind", "choices", "good", "stored", "bad"), CASES, ids=[c[0] for c in CASES]
)
def test_question_type_is_validated_and_stored_by_key(
    reference_packs: dict[str, Any], kind: str, choices: list[str], good: Any, stored: Any, bad: Any
) -> None:
    schema = profile_schema(
        TenantConfig.from_document(_settings(reference_packs, kind, choices)),
        ProfileRole.MENTEE,
        account="import",
    )
    data = schema.load(profile_values("denmark", "mentee", q_extra=good))
    assert data["answers"]["extra"] == stored
    with pytest.raises(ValidationError) as caught:
        schema.load(profile_values("denmark", "mentee", q_extra=bad))
    assert "q_extra" in caught.value.messages
    with pytest.raises(ValidationError) as missing:
        schema.load(profile_values("denmark", "mentee"))
    assert "q_extra" in missing.value.messages  # required
