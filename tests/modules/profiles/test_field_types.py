"""The questionnaire field types, each on its own: what a pack may say, answers, display, demo."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any, cast

import pytest
from flask import Flask
from flask_babel import force_locale
from marshmallow import Schema as MarshmallowSchema
from marshmallow import ValidationError
from werkzeug.datastructures import MultiDict

from mentornet.core.schemas import Schema
from mentornet.modules.profiles.fields import FIELD_TYPES, Persona, Reader, field_type, show_answer
from mentornet.modules.tenants.config import Goal
from mentornet.modules.tenants.packs import PackError, dump_pack, parse_pack
from mentornet.modules.tenants.schemas import question_types

GOALS = (
    Goal("job", {"da": "Få et job", "ar": "الحصول على وظيفة"}, {}, "job", retired=False),
    Goal("network", {"da": "Et netværk", "ar": "شبكة علاقات"}, {}, "none", retired=False),
)
COLOURS: list[dict[str, Any]] = [
    {"key": "red", "label": {"da": "Rød", "ar": "أحمر"}},
    {"key": "blue", "label": {"da": "Blå", "ar": "أزرق"}},
]

# type: (good input, what is stored for it, bad input, the stored answer shown in da, in ar)
CASES: dict[str, tuple[Any, Any, Any, str, str]] = {
    "text": ("Aarhus", "Aarhus", "x" * 501, "Aarhus", "Aarhus"),
    "long_text": ("Mange år.", "Mange år.", "x" * 5001, "Mange år.", "Mange år."),
    "single_choice": ("blue", "blue", "green", "Blå", "أزرق"),
    "multiple_choice": ("red; blue", ["red", "blue"], ["red", "green"], "Rød og Blå", "أحمر وأزرق"),
    "number": ("1200", 1200, "twelve", "1.200", "1,200"),
    "date": ("2026-03-08", dt.date(2026, 3, 8), "08/03/2026", "8. mar. 2026", "08\u200f/03\u200f/2026"),
    "yes_no": ("ja", True, "maybe", "Ja", "نعم"),
    "country": ("SO", "SO", "XX", "Somalia", "الصومال"),
    "languages": (
        ["so:C2", "ar:B1"],
        [{"code": "so", "level": "C2"}, {"code": "ar", "level": "B1"}],
        ["so:Z9"],
        "somali (C2) og arabisk (B1)",
        "الصومالية (C2) والعربية (B1)",
    ),
    "occupation": ("2221", "2221", "9999", "Sygeplejersker", "الاختصاصيون في التمريض"),
    "education": ("091", "091", "999", "Sundhed", "الصحة"),
    "goals": (["job", "network"], ["job", "network"], ["astronaut"], "Få et job og Et netværk", "الحصول على وظيفة وشبكة علاقات"),
}  # fmt: skip


def _question(kind: str, key: str = "extra") -> dict[str, Any]:
    return {
        "key": key, "type": kind, "label": {"da": "Ekstra", "ar": "إضافي"}, "help": {},
        "audience": ["mentee", "mentor"], "required": True, "sensitive": False,
        "visible_to": ["staff"], "choices": COLOURS if FIELD_TYPES[kind].matchable else [],
    }  # fmt: skip


def _schema(kind: str) -> MarshmallowSchema:
    """A schema with just this question, under the name the profile schema gives it."""
    field = field_type(kind).answer_field(_question(kind), [goal.key for goal in GOALS])
    return Schema.from_dict({"q_extra": field})()


def _persona() -> Persona:
    return Persona(
        origin="SO",
        languages=[{"code": "so", "level": "C2"}, {"code": "da", "level": "B1"}],
        occupation_code="2221",
        education_field="0913",
        goals=["job"],
        tags=frozenset({"red"}),
        applied=dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC),
        write=lambda rng, kind: f"{kind} {rng.randint(1, 9)}",
    )


def test_the_registry_holds_every_type_a_pack_may_name() -> None:
    assert question_types() == FIELD_TYPES
    assert tuple(FIELD_TYPES) == tuple(CASES)
    assert all(field_type(key).key == key for key in FIELD_TYPES)


@pytest.mark.parametrize("kind", CASES)
def test_a_good_answer_is_stored_by_key(kind: str) -> None:
    good, stored, *_ = CASES[kind]
    assert _schema(kind).load({"q_extra": good}) == {"q_extra": stored}


@pytest.mark.parametrize("kind", CASES)
def test_a_bad_or_missing_answer_is_refused_under_the_fields_name(kind: str) -> None:
    bad = CASES[kind][2]
    for given in ({"q_extra": bad}, {}):
        with pytest.raises(ValidationError) as caught:
            _schema(kind).load(given)
        assert list(caught.value.messages) == ["q_extra"]


@pytest.mark.parametrize("kind", CASES)
def test_a_refusal_is_in_the_readers_language(app: Flask, kind: str) -> None:
    def refusal(locale: str) -> Any:
        with force_locale(locale), pytest.raises(ValidationError) as caught:
            _schema(kind).load({"q_extra": CASES[kind][2]})
        return cast(dict[str, Any], caught.value.messages)["q_extra"]  # a schema's: by field

    with app.test_request_context("/"):
        assert refusal("da") != refusal("en") != refusal("ar")


@pytest.mark.parametrize("kind", CASES)
def test_a_stored_answer_is_shown_with_labels_in_the_readers_language(
    app: Flask, kind: str
) -> None:
    stored = _schema(kind).dump({"q_extra": CASES[kind][1]})["q_extra"]
    with app.test_request_context("/"):
        for locale, expected in (("da", CASES[kind][3]), ("ar", CASES[kind][4])):
            with force_locale(locale):
                shown = show_answer(_question(kind), stored, Reader(locale, "da", GOALS))
            assert shown == expected


def test_a_missing_label_falls_back_to_the_networks_language_and_no_answer_shows_nothing() -> None:
    question = {**_question("single_choice"), "choices": [{"key": "red", "label": {"da": "Rød"}}]}
    assert show_answer(question, "red", Reader("ar", "da", GOALS)) == "Rød"
    assert show_answer(question, None, Reader("ar", "da", GOALS)) == ""
    assert show_answer(_question("multiple_choice"), [], Reader("ar", "da", GOALS)) == ""


@pytest.mark.parametrize("kind", CASES)
def test_the_demo_answer_is_one_its_own_field_accepts(kind: str) -> None:
    schema = _schema(kind)
    for seed in range(20):
        rng = random.Random(seed)  # noqa: S311  (demo data, not secrets)
        answer = field_type(kind).demo_answer(rng, _question(kind), _persona())
        assert answer is not None
        schema.load({"q_extra": answer})


def test_the_form_is_read_the_way_each_widget_posts() -> None:
    form = MultiDict(
        [
            ("q_text", " Aarhus "), ("q_number", ""), ("q_multi", "red"), ("q_multi", "blue"),
            ("q_langs-code", "so"), ("q_langs-level", "C2"), ("q_langs-code", ""),
            ("q_langs-level", ""),
        ]
    )  # fmt: skip

    def read(kind: str, name: str) -> Any:
        return field_type(kind).widget.read(form, name)

    assert read("text", "q_text") == "Aarhus"
    assert read("number", "q_number") is None  # left empty: not part of the input
    assert read("multiple_choice", "q_multi") == ["red", "blue"]
    assert read("goals", "q_absent") is None  # nothing ticked: not part of the input
    assert read("languages", "q_langs") == ["so:C2"]
    assert field_type("yes_no").widget.form_value(False) == "no"
    assert field_type("languages").widget.form_value([{"code": "so", "level": "C2"}]) == ["so:C2"]


def _with(settings: dict[str, Any], question: dict[str, Any]) -> str:
    return dump_pack({**settings, "questionnaire": [*settings["questionnaire"], question]})


def _pack_problems(settings: dict[str, Any], question: dict[str, Any]) -> dict[str, str]:
    with pytest.raises(PackError) as caught:
        parse_pack(_with(settings, question), Path("pack.toml"))
    return {p.key: p.message for p in caught.value.problems}


def _loads(settings: dict[str, Any], question: dict[str, Any]) -> bool:
    loaded = parse_pack(_with(settings, question), Path("pack.toml"))
    return bool(loaded["questionnaire"][-1]["type"] == question["type"])


@pytest.mark.parametrize("kind", CASES)
def test_a_pack_gives_choices_to_choice_questions_only(
    reference_packs: dict[str, Any], kind: str
) -> None:
    settings = reference_packs["denmark"]
    at = f"questionnaire[{len(settings['questionnaire'])}].choices"
    choices = [{"key": "red", "label": {"da": "Rød", "en": "Red"}}]
    question = {"key": "extra", "type": kind, "label": {"da": "Ekstra", "en": "Extra"}}
    if field_type(kind).matchable:
        assert _pack_problems(settings, question) == {at: "A choice question needs choices."}
        assert _loads(settings, {**question, "choices": choices})
    else:
        problems = _pack_problems(settings, {**question, "choices": choices})
        assert problems == {at: "Only choice questions have choices."}
        assert _loads(settings, question)
