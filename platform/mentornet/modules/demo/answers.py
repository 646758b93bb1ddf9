"""A demo member's year of birth and questionnaire answers, fixed once her timeline is known."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Mapping
from typing import Any

from mentornet.modules.demo import texts
from mentornet.modules.demo.draws import choose
from mentornet.modules.demo.plan import DemoProfile, DemoUser
from mentornet.modules.demo.recipes import Recipe
from mentornet.modules.profiles.fields import Persona, field_type
from mentornet.modules.profiles.models import ProfileRole
from mentornet.modules.profiles.schemas import sensitive_keys
from mentornet.modules.tenants.config import TenantConfig


def finish(
    rng: random.Random,
    profile: DemoProfile,
    pack: TenantConfig,
    user: DemoUser,
    recipe: Recipe,
    now: dt.datetime,
) -> None:
    """Once the timeline is known: birth year (within the network's ages) and the questionnaire."""
    applied = profile.applied_at or now
    intake = pack.intake
    mentee = profile.role is ProfileRole.MENTEE
    least = intake.mentee_min_age if mentee else intake.mentor_min_age
    most = (intake.mentee_max_age if mentee else 0) or 100
    # Nobody grows older than the recipe's oldest band while waiting: ages stay "18 to late 60s".
    most = min(most, (recipe.mentee_ages if mentee else recipe.mentor_ages)[-1][1])
    years_since = now.year - applied.year
    if "birth_year" not in profile.columns:  # an alumna's mentor profile keeps her year of birth
        age_then = max(least, min(profile.age_at_application, most - years_since))
        profile.age_at_application = age_then
        profile.columns["birth_year"] = applied.year - age_then
    persona = _persona(profile, user, recipe, applied)
    answers = {}
    for question in pack.questionnaire:
        if profile.role.value not in question["audience"]:
            continue
        if question["sensitive"] and not user.consent_sensitive:
            continue
        value = _answer(rng, question, profile, persona)
        if value is not None:
            answers[question["key"]] = value
    profile.columns["answers"] = answers
    private = set(sensitive_keys(pack, profile.role)) & set(profile.columns["shared_with_mentor"])
    profile.columns["shared_with_mentor"] = sorted(private)


def _persona(profile: DemoProfile, user: DemoUser, recipe: Recipe, applied: dt.datetime) -> Persona:
    columns = profile.columns
    return Persona(
        origin=profile.origin,
        languages=columns["languages"],
        occupation_code=columns["occupation_code"] or columns["target_occupation_code"],
        education_field=columns["education_field"],
        goals=columns["goals"],
        tags=profile.tags,
        applied=applied,
        write=lambda rng, kind: texts.phrase(rng, kind, user.locale, recipe.writing),
    )


def _answer(
    rng: random.Random, question: Mapping[str, Any], profile: DemoProfile, persona: Persona
) -> Any:
    """An answer to one question that fits the member (her age, work, goals and years here)."""
    choices = [choice["key"] for choice in question["choices"]]
    special = _SPECIAL.get(question["key"])
    if special is not None:
        value = special(rng, question, profile)
        # A pack of its own may ask under the same key with other choices: then answer generically.
        if not choices or value is None or value in choices:
            return value
    if not question["required"] and rng.random() < 0.25:
        return None
    return field_type(question["type"]).demo_answer(rng, question, persona)


def _years_here(rng: random.Random, question: Mapping[str, Any], profile: DemoProfile) -> Any:
    return profile.years_here


def _guardian(rng: random.Random, question: Mapping[str, Any], profile: DemoProfile) -> Any:
    return (rng.random() < 0.9) if profile.age_at_application < 18 else None


def _business_stage(rng: random.Random, question: Mapping[str, Any], profile: DemoProfile) -> Any:
    goals = set(profile.columns["goals"])
    if goals <= {"job", "leadership", "network"} and "job" in goals:
        return "no_business"
    if "start_business" in goals:
        return choose(rng, (("idea", 0.6), ("starting", 0.4)))
    return choose(rng, (("starting", 0.3), ("running", 0.45), ("established", 0.25)))


def _current_situation(
    rng: random.Random, question: Mapping[str, Any], profile: DemoProfile
) -> Any:
    age = profile.age_at_application
    if age < 18:
        return choose(rng, (("school", 0.75), ("vocational", 0.2), ("other", 0.05)))
    if profile.columns["occupation_code"] and rng.random() < 0.4:
        return "working"
    if age < 22:
        return choose(
            rng, (("vocational", 0.3), ("school", 0.2), ("job_seeking", 0.35), ("other", 0.15))
        )
    return choose(
        rng,
        (("higher_education", 0.3), ("job_seeking", 0.45), ("vocational", 0.1), ("other", 0.15)),
    )


def _meeting_format(rng: random.Random, question: Mapping[str, Any], profile: DemoProfile) -> Any:
    return choose(rng, (("in_person", 0.45), ("either", 0.4), ("online", 0.15)))


_SPECIAL = {
    "years_in_denmark": _years_here,
    "years_in_iceland": _years_here,
    "guardian_aware": _guardian,
    "business_stage": _business_stage,
    "current_situation": _current_situation,
    "meeting_format": _meeting_format,
}
