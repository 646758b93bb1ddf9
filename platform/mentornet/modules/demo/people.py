"""Demo members: names, origins, towns, languages, professions, education, goals, answers."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from babel import Locale

from mentornet.modules.demo import texts
from mentornet.modules.demo.draws import choose, some, spread
from mentornet.modules.demo.plan import DemoNetwork, DemoProfile, DemoUser
from mentornet.modules.demo.professions import Profession, professions
from mentornet.modules.demo.recipes import LanguageRule, Recipe, local_levels
from mentornet.modules.demo.world import ascii_slug, languages_of, names, region_of
from mentornet.modules.profiles.classifications import isced_fields
from mentornet.modules.profiles.models import ProfileRole
from mentornet.modules.profiles.schemas import AVAILABILITY, CEFR_LEVELS
from mentornet.modules.tenants.config import TenantConfig

SENSITIVE_CONSENT = {ProfileRole.MENTEE: 0.92, ProfileRole.MENTOR: 0.5}
_HERITAGE = (("B2", 0.3), ("C1", 0.4), ("C2", 0.3))
_SECOND_ORIGIN_LANGUAGE = (("B2", 0.4), ("C1", 0.4), ("C2", 0.2))
_GOAL_COUNTS = {
    ProfileRole.MENTEE: ((1, 0.35), (2, 0.45), (3, 0.2)),
    ProfileRole.MENTOR: ((2, 0.3), (3, 0.35), (4, 0.25), (5, 0.1)),
}
_CAPACITY = ((1, 0.72), (2, 0.22), (3, 0.06))
_YEARS_HERE = ((1, 3, 0.3), (4, 7, 0.35), (8, 15, 0.25), (16, 30, 0.1))
# Goals as questionnaire choices: what a mentee needs support with, or a mentor offers.
GOAL_TAGS = {
    "start_business": "business_plan",
    "finance": "financing",
    "financial_management": "accounting",
    "grow_business": "marketing digital_tools",
    "formalise_business": "legal",
    "job": "job_search",
    "leadership": "leadership",
}


def add_people(
    rng: random.Random,
    network: DemoNetwork,
    recipe: Recipe,
    pack: TenantConfig,
    role: ProfileRole,
    count: int,
) -> list[int]:
    """count new members of one role (a user and a profile each); returns the profile indexes."""
    origins = spread(
        rng, recipe.mentee_origins if role is ProfileRole.MENTEE else recipe.mentor_origins, count
    )
    found = []
    for origin in origins:
        user = _user(rng, network, recipe, pack, role, origin)
        network.users.append(user)
        profile = _profile(rng, recipe, pack, role, origin, len(network.users) - 1, user)
        network.profiles.append(profile)
        found.append(len(network.profiles) - 1)
    return found


def add_mentor_profile(
    rng: random.Random,
    network: DemoNetwork,
    recipe: Recipe,
    pack: TenantConfig,
    mentee_index: int,
    applied: dt.datetime,
) -> int:
    """An alumna who volunteers as a mentor: a second profile of the same person."""
    mentee = network.profiles[mentee_index]
    same = mentee.columns
    work = (
        same["target_occupation_code"] or same["occupation_code"] or choose(rng, recipe.mentor_work)
    )
    goal_weights = [(g.key, recipe.goals.get(g.key, 0.2)) for g in pack.goals]
    goals = some(rng, goal_weights, choose(rng, _GOAL_COUNTS[ProfileRole.MENTOR]))
    columns = {
        **same,
        "story": None,
        "occupation_code": work,
        "target_occupation_code": None,
        "goals": goals,
        "availability": _availability(rng, mentee=False),
        "capacity": 1,
        "answers": {},
        "shared_with_mentor": [],
    }
    known = professions()
    tags = frozenset(known[work].tags if work in known else ()) | mentee.tags
    age = applied.year - same["birth_year"]
    profile = DemoProfile(mentee.user, ProfileRole.MENTOR, columns, mentee.origin, tags, age)
    profile.years_here = mentee.years_here
    network.profiles.append(profile)
    return len(network.profiles) - 1


def _user(
    rng: random.Random,
    network: DemoNetwork,
    recipe: Recipe,
    pack: TenantConfig,
    role: ProfileRole,
    origin: str,
) -> DemoUser:
    gender = recipe.mentee_gender if role is ProfileRole.MENTEE else recipe.mentor_gender
    given_names, families = names(region_of(origin), gender)
    given, family = rng.choice(given_names), rng.choice(families)
    local = ".".join(part for part in (ascii_slug(given), ascii_slug(family)) if part) or "member"
    mother_tongue = languages_of(origin)[0]
    locales = [
        (code, weight * (3 if code == mother_tongue else 1))
        for code, weight in recipe.locales
        if code in pack.locales
    ]
    return DemoUser(
        name=f"{given} {family}",
        email=f"{local}.{len(network.users) + 1}@{network.slug}.example",
        locale=choose(rng, locales) if locales else pack.default_locale,
        created_at=network.now,  # set from the timeline
        consent_sensitive=rng.random() < SENSITIVE_CONSENT[role],
    )


def _profile(
    rng: random.Random,
    recipe: Recipe,
    pack: TenantConfig,
    role: ProfileRole,
    origin: str,
    user_index: int,
    user: DemoUser,
) -> DemoProfile:
    mentee = role is ProfileRole.MENTEE
    age = _age(rng, recipe, pack, role)
    born_here = mentee and origin != recipe.home_country and rng.random() < recipe.born_here
    years = None
    if origin != recipe.home_country and not born_here:
        low, high, _ = choose(rng, [((lo, hi, w), w) for lo, hi, w in _YEARS_HERE])
        years = max(1, min(rng.randint(low, high), age - 5))
    before, target = _work(rng, recipe, role)
    known = professions()
    qualified = known.get(before or "") if mentee else known.get(target or "")
    level, field = _education(rng, recipe, qualified, age)
    city = choose(rng, [(c, c.weight) for c in recipe.cities])
    located = rng.random() < 0.92
    goal_weights = [(g.key, recipe.goals.get(g.key, 0.2)) for g in pack.goals]
    goals = some(rng, goal_weights, choose(rng, _GOAL_COUNTS[role]))
    tags = frozenset(
        tag
        for source in [known[c].tags for c in (before, target) if c in known]
        + [GOAL_TAGS.get(goal, "").split() for goal in goals]
        for tag in source
    )
    columns: dict[str, Any] = {
        "country_of_origin": origin if user.consent_sensitive else None,
        "story": None,
        "languages": _languages(rng, recipe, role, origin, born_here, years),
        "city": city.name if rng.random() < 0.97 else None,
        "latitude": round(city.latitude + rng.uniform(-0.02, 0.02), 5) if located else None,
        "longitude": round(city.longitude + rng.uniform(-0.03, 0.03), 5) if located else None,
        "occupation_code": before if mentee else target,
        "occupation_text": None,
        "target_occupation_code": target if mentee else None,
        "education_level": level,
        "education_field": field,
        "goals": goals,
        "availability": _availability(rng, mentee),
        "capacity": 1 if mentee else choose(rng, _CAPACITY),
        "answers": {},
        "shared_with_mentor": [],
    }
    profile = DemoProfile(user_index, role, columns, origin, tags, age, born_here, years)
    if user.consent_sensitive and mentee:
        _private_parts(rng, profile, recipe, user.locale, city.name)
    return profile


def _age(rng: random.Random, recipe: Recipe, pack: TenantConfig, role: ProfileRole) -> int:
    bands = recipe.mentee_ages if role is ProfileRole.MENTEE else recipe.mentor_ages
    low, high, _ = choose(rng, [(band, band[2]) for band in bands])
    intake = pack.intake
    least = int(intake.mentee_min_age if role is ProfileRole.MENTEE else intake.mentor_min_age)
    most = int(intake.mentee_max_age if role is ProfileRole.MENTEE else 0) or 100
    return max(least, min(rng.randint(low, high), most))


def _work(rng: random.Random, recipe: Recipe, role: ProfileRole) -> tuple[str | None, str | None]:
    """(previous occupation, target occupation) of a mentee, (None, occupation) of a mentor."""
    if role is ProfileRole.MENTOR:
        return None, choose(rng, recipe.mentor_work)
    before = choose(rng, recipe.mentee_before) or None
    if before and rng.random() < 0.5:
        return before, before
    if rng.random() < 0.05:
        return before, None
    known = professions()
    near = known[before].tags if before else frozenset()
    weighted = [
        (code, weight * (4 if known[code].tags & near else 1))
        for code, weight in recipe.mentee_target
    ]
    return before, choose(rng, weighted)


def _education(
    rng: random.Random, recipe: Recipe, qualified: Profession | None, age: int
) -> tuple[str | None, str | None]:
    """(ISCED level, ISCED-F field) of what she trained for; school only, without a profession."""
    if qualified is None:
        general = "2" if age < 18 else choose(rng, recipe.no_education)
        return (general if rng.random() < 0.95 else None), None
    low, high = qualified.levels
    level = rng.randint(low, high)
    draw = rng.random()
    field = qualified.field if draw < 0.85 else qualified.field[:3] if draw < 0.95 else None
    if level <= 2 and rng.random() < 0.7:
        field = None  # general schooling, no field of study
    return str(level), field


def _languages(
    rng: random.Random,
    recipe: Recipe,
    role: ProfileRole,
    origin: str,
    born_here: bool,
    years: int | None,
) -> list[dict[str, str]]:
    spoken: dict[str, str] = {}
    own = languages_of(origin)
    spoken[own[0]] = choose(rng, _HERITAGE) if born_here else "C2"
    if len(own) > 1 and rng.random() < 0.35:
        spoken.setdefault(own[1], choose(rng, _SECOND_ORIGIN_LANGUAGE))
    local = recipe.local_language
    if role is ProfileRole.MENTEE and local and local not in spoken:
        if born_here:
            spoken[local] = "C2"
        else:
            levels = local_levels()
            bound = next(limit for limit in sorted(levels) if (years or 0) <= limit)
            spoken[local] = choose(rng, levels[bound])
    rules: tuple[LanguageRule, ...] = (
        recipe.mentee_languages if role is ProfileRole.MENTEE else recipe.mentor_languages
    )
    for rule in rules:
        if rule.code not in spoken and rng.random() < rule.chance:
            spoken[rule.code] = choose(rng, rule.levels)
    _make_usable(spoken, recipe.usable)
    return [{"code": code, "level": level} for code, level in spoken.items()]


def _make_usable(spoken: dict[str, str], usable: tuple[str, ...]) -> None:
    """Every member can work in one of the network's languages at B1 or better."""
    b1 = CEFR_LEVELS.index("B1")
    if any(CEFR_LEVELS.index(spoken.get(code, "A1")) >= b1 for code in usable if code in spoken):
        return
    code = next((c for c in usable if c in spoken), usable[0])
    spoken[code] = "B1"


def _availability(rng: random.Random, mentee: bool) -> list[str]:
    chances = (0.6, 0.55, 0.4) if mentee else (0.3, 0.7, 0.5)
    chosen = [
        slot for slot, chance in zip(AVAILABILITY, chances, strict=True) if rng.random() < chance
    ]
    return chosen if chosen or rng.random() < 0.1 else [rng.choice(AVAILABILITY)]


def _private_parts(
    rng: random.Random, profile: DemoProfile, recipe: Recipe, locale: str, city: str
) -> None:
    """Her story (in her own words) and what she lets a mentor see; only with consent."""
    columns = profile.columns
    if rng.random() < 0.7:
        kind = (
            "story_born_here"
            if profile.born_here
            else "story_local"
            if profile.origin == recipe.home_country
            else "story_newcomer"
        )
        language = texts.language_of(kind, locale, recipe.writing)
        field = isced_fields().get(columns["education_field"] or "")
        options = [
            text
            for text in texts.phrasebook().texts[kind][language]
            if field or "{field}" not in text
        ]
        columns["story"] = rng.choice(options).format(
            country=Locale.parse(language).territories.get(profile.origin, profile.origin),
            years=profile.years_here or 1,
            field=field.label(language).lower() if field else "",
            city=city,
        )
    shared = []
    if rng.random() < 0.45:
        shared.append("country_of_origin")
    if columns["story"] and rng.random() < 0.25:
        shared.append("story")
    columns["shared_with_mentor"] = shared
