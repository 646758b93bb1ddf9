"""What one member may see of another: a privacy-reduced card (docs/security.md)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from mentornet.core.i18n import current_locale, join_list, language_name
from mentornet.modules.accounts.models import User
from mentornet.modules.mentorships.models import OPEN_FOR_MENTEE
from mentornet.modules.mentorships.operations import mentorships_of
from mentornet.modules.profiles.classifications import isced_levels, isco
from mentornet.modules.profiles.fields import Reader, show_answer
from mentornet.modules.profiles.models import Profile, ProfileRole
from mentornet.modules.tenants.models import Tenant


@dataclass(frozen=True)
class Card:
    profile_id: int
    first_name: str
    role: ProfileRole
    facts: list[tuple[Any, str]]
    shared_story: str | None


def card_for(session: Session, tenant: Tenant, profile: Profile, *, to_partner: bool) -> Card:
    """First name and what helps a match, with the answers the network shares (_shared_answers).
    Her story only for her partner in a pair (proposed or working together), and only if she
    allowed her mentor to read it; never on browsing cards."""
    user = session.get(User, profile.user_id)
    locale = current_locale()
    facts: list[tuple[Any, str]] = []
    if profile.languages:
        facts.append(
            (
                _l("Languages"),
                join_list(f"{language_name(s['code'])} ({s['level']})" for s in profile.languages),
            )
        )
    occupation = (
        profile.target_occupation_code
        if profile.role is ProfileRole.MENTEE
        else profile.occupation_code
    )
    if occupation and occupation in isco():
        label = _l("Aims for") if profile.role is ProfileRole.MENTEE else _l("Profession")
        facts.append((label, isco()[occupation].label(locale)))
    if profile.education_level and profile.education_level in isced_levels():
        facts.append((_l("Education"), isced_levels()[profile.education_level].label(locale)))
    goals = tenant.goal_labels(locale)
    if profile.goals:
        label = _l("Goals") if profile.role is ProfileRole.MENTEE else _l("Can help with")
        facts.append((label, join_list(goals.get(key, key) for key in profile.goals)))
    if profile.city:
        facts.append((_l("City"), profile.city))
    facts.extend(_shared_answers(tenant, profile, locale, to_partner=to_partner))
    shared = to_partner and "story" in (profile.shared_with_mentor or [])
    story = profile.story if shared else None
    return Card(profile.id, first_name(user), profile.role, facts, story)


def _shared_answers(
    tenant: Tenant, profile: Profile, locale: str, *, to_partner: bool
) -> list[tuple[Any, str]]:
    """Her answers to the questions whose `visible_to` lets this reader see them: "cards" on every
    card, "mentor" or "mentee" on her partner's card. A private (sensitive) answer goes only to her
    partner, and only if she ticked it among what her mentor may read; never onto other cards."""
    reader = Reader.of(tenant.config, locale)
    partner = ("mentor" if profile.role is ProfileRole.MENTEE else "mentee") if to_partner else None
    facts: list[tuple[Any, str]] = []
    for question in tenant.config.questionnaire:
        if profile.role.value not in question["audience"]:
            continue
        readers = set(question.get("visible_to") or ["staff"])
        if question.get("sensitive"):
            allowed = partner in readers and question["key"] in (profile.shared_with_mentor or [])
        else:
            allowed = "cards" in readers or partner in readers
        shown = show_answer(question, (profile.answers or {}).get(question["key"]), reader)
        if allowed and shown:
            facts.append((reader.text(question["label"]), shown))
    return facts


def first_name(user: User | None) -> str:
    """How a member is named to another; an erased member is "a former member"."""
    if user is None:
        return "?"
    if user.is_erased:
        return str(_l("a former member"))
    return (user.name.split() or ["?"])[0]


@dataclass(frozen=True)
class PairPanel:
    """A member's view of one of her open pairs."""

    mentorship: Any
    mine: Profile
    other: Card
    my_answer: bool | None
    other_answer: bool | None


def pair_panels(session: Session, tenant: Tenant, profiles: list[Profile]) -> list[PairPanel]:
    panels = []
    for profile in profiles:
        for mentorship in mentorships_of(session, profile):
            if mentorship.state not in OPEN_FOR_MENTEE:
                continue
            is_mentee = profile.role is ProfileRole.MENTEE
            other_id = mentorship.mentor_profile_id if is_mentee else mentorship.mentee_profile_id
            other = session.get(Profile, other_id)
            if other is None:
                continue
            panels.append(
                PairPanel(
                    mentorship,
                    profile,
                    card_for(session, tenant, other, to_partner=True),
                    mentorship.mentee_answer if is_mentee else mentorship.mentor_answer,
                    mentorship.mentor_answer if is_mentee else mentorship.mentee_answer,
                )
            )
    return panels
