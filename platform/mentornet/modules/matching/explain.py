"""Suggestion explanations in words, in the reader's language."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import g
from flask_babel import gettext as _
from flask_babel import ngettext

from mentornet.core.i18n import current_locale, join_list, language_name, ngettext_terms
from mentornet.modules.matching.scoring import Contribution
from mentornet.modules.profiles.classifications import isced_fields, isco
from mentornet.modules.tenants.models import localized


@dataclass(frozen=True)
class Reason:
    text: str
    points: float  # share of the total score, 0-100, so the reasons add up to the shown score


def reasons(contributions: list[Contribution] | list[dict[str, Any]]) -> list[Reason]:
    """Every weighted criterion as a sentence, largest contribution first."""
    items = [c if isinstance(c, dict) else c.__dict__ for c in contributions]
    found = [
        Reason(
            _sentence(item["criterion"], item["score"], item.get("detail") or {}),
            100 * item["contribution"],
        )
        for item in items
        if item["weight"] > 0
    ]
    return sorted(found, key=lambda r: -r.points)


def _sentence(criterion: str, score: float, detail: dict[str, Any]) -> str:
    return str(_phrase(criterion, score, detail))


def _phrase(criterion: str, score: float, detail: dict[str, Any]) -> Any:
    locale = current_locale()
    if criterion == "occupation":
        code = detail.get("code")
        if not code or code not in isco():
            return _("Different fields of work")
        name = isco()[code].label(locale)
        if detail.get("level") == "unit":
            return _("Same occupation: %(occupation)s", occupation=name)
        return _("Related occupations (both in: %(group)s)", group=name)
    if criterion == "languages":
        shared = [language_name(code) for code in detail.get("shared", [])]
        if shared:
            return _("Both speak %(languages)s", languages=join_list(shared))
        return _("No shared language at a usable level")
    if criterion == "goals":
        covered, wanted = detail.get("covered", []), detail.get("wanted", [])
        names = join_list(_goal(key) for key in covered)
        if not wanted:
            return _("The mentee has not chosen goals yet")
        return ngettext_terms(
            "Can help with %(num)d of the %(mentee)s's %(total)s goals: %(names)s",
            "Can help with %(num)d of the %(mentee)s's %(total)s goals: %(names)s",
            len(covered),
            total=len(wanted),
            names=names or "-",
        )
    if criterion == "education":
        field = detail.get("field_match")
        if field and field in isced_fields():
            return _(
                "Education in the same field: %(field)s", field=isced_fields()[field].label(locale)
            )
        return _("Different fields of education")
    if criterion == "distance":
        if detail.get("same_city"):
            return _("Live in the same city")
        if detail.get("km") is not None:
            return _("Live %(km)s km apart", km=round(float(detail["km"])))
        return _("Live in different places")
    if criterion == "age_gap":
        if detail.get("years") is None:
            return _("Age not known")
        return ngettext(
            "%(num)d year apart in age", "%(num)d years apart in age", int(detail["years"])
        )
    if criterion == "availability":
        if detail.get("shared"):
            return _("Can meet at the same times")
        return _("Few shared times to meet")
    if criterion.startswith("question:"):
        question = _question_label(criterion.split(":", 1)[1])
        if score >= 1:
            return _("Same answer to “%(question)s”", question=question)
        if score > 0:
            return _("Partly the same answer to “%(question)s”", question=question)
        return _("Different answers to “%(question)s”", question=question)
    return criterion


def _goal(key: str) -> str:
    labels: dict[str, str] = g.tenant.goal_labels(current_locale())
    return labels.get(key, key)


def _question_label(key: str) -> str:
    for question in g.tenant.config.questionnaire:
        if question["key"] == key:
            return localized(question["label"], current_locale(), g.tenant.default_locale)
    return key
