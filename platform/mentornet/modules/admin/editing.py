"""What every settings page of the console shares: saving a change and showing a refusal.

A page builds the sections it changes from the submitted form, then `save_settings` hands them to
change_tenant_settings with the version the form was made from. A refusal (a wrong field, a change
saved meanwhile, a key in use) is answered by re-showing the page with what was typed, the
messages by their fields' dotted paths and, for a change saved meanwhile, that change.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from flask import g, request
from flask.typing import ResponseReturnValue
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy.orm import Session

from mentornet.core.errors import DomainError
from mentornet.core.schemas import String, ValidationError, length
from mentornet.extensions import db
from mentornet.modules.tenants.history import Change, settings_diff
from mentornet.modules.tenants.models import TenantSettingsVersion
from mentornet.modules.tenants.operations import (
    InvalidSettingsError,
    SettingsChangedMeanwhileError,
    change_tenant_settings,
)
from mentornet.modules.tenants.signals import settings_keys_in_use
from mentornet.web.boundary import on_refusal

_REASON = String(validate=length(maximum=500))
_STEP = re.compile(r"[^.\[\]]+|\[\d+\]")
Render = Callable[["SettingsForm", int], ResponseReturnValue]
STALE_FORM = _l("This form is out of date. Open the page again and make your change once more.")


@dataclass
class SettingsForm:
    """A settings page's state: what was typed, the messages by path and any change meanwhile."""

    values: Mapping[str, Any]
    version: int
    errors: dict[str, list[str]] = field(default_factory=dict)
    theirs: list[TenantSettingsVersion] = field(default_factory=list)
    diffs: dict[int, list[Change]] = field(default_factory=dict)

    def messages(self, path: str) -> list[str]:
        return self.errors.get(path, [])

    def value(self, name: str, default: Any) -> Any:
        """What was typed in the field `name`, else (a page as first shown) the stored value."""
        return self.values.get(name, default) if self.values else default

    def ticked(self, name: str, stored: bool, sent: str = "edit") -> bool:
        """Whether a checkbox is ticked: as sent by the form that has the field `sent`, else as
        stored (an unticked box sends nothing, so only that form's own fields tell)."""
        return name in self.values if sent in self.values else stored

    def chosen(self, name: str, stored: list[str], sent: str = "edit") -> list[str]:
        """The values ticked among the checkboxes called `name`, as sent or else as stored."""
        if sent not in self.values:
            return stored
        getlist = getattr(self.values, "getlist", None)
        return list(getlist(name)) if getlist else []

    def messages_under(self, prefix: str) -> list[str]:
        """Messages for a path and everything below it (a goal's row: goals[2] and goals[2].x)."""
        return [
            message
            for path, found in self.errors.items()
            if path == prefix or path.startswith((f"{prefix}.", f"{prefix}["))
            for message in found
        ]


def opened_form() -> SettingsForm:
    """The form as first shown: no values typed, made from the current version."""
    return SettingsForm(values={}, version=g.tenant.settings_version)


def submitted_form() -> SettingsForm:
    """The form as sent; `version` is the settings version the page was made from."""
    raw = request.form.get("version", "")
    version = int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 10 else -1
    return SettingsForm(values=request.form, version=version)


def answer_refusals(
    form: SettingsForm, render: Callable[[SettingsForm, int], ResponseReturnValue]
) -> None:
    """Before a save or restore: a refusal shows the page again through `render` with the messages
    by their paths (422) or the change saved meanwhile (409); a form without a version is refused."""

    def respond(error: DomainError) -> ResponseReturnValue:
        if isinstance(error, SettingsChangedMeanwhileError):
            form.theirs = error.theirs
            form.diffs = version_diffs(db.session, error.theirs)
            form.errors.setdefault("_form", []).append(str(error.message))
            return render(form, 409)
        if isinstance(error, InvalidSettingsError):
            for path, messages in error.errors.items():
                form.errors.setdefault(path, []).extend(messages)
        else:
            form.errors.setdefault(error.field or "_form", []).append(str(error.message))
        return render(form, 422)

    on_refusal(respond)
    if form.version < 1:
        raise DomainError(STALE_FORM, field="_form")


def save_settings(
    form: SettingsForm,
    changes: Mapping[str, Any],
    render: Callable[[SettingsForm, int], ResponseReturnValue],
) -> TenantSettingsVersion:
    """Save the sections as a new version; on a refusal show the page again through `render`."""
    answer_refusals(form, render)
    return change_tenant_settings(
        db.session,
        g.tenant,
        changes,
        actor=current_user,
        reason=submitted_reason(),
        expected_version=form.version,
    )


def submitted_reason() -> str:
    """The optional "why" of a change, refused (by its field) when it holds control characters."""
    try:
        reason: str = _REASON.deserialize(request.form.get("reason", ""))
    except ValidationError as error:
        raise DomainError(str(error.messages[0]), field="reason") from error
    return reason


def version_diffs(
    session: Session, versions: list[TenantSettingsVersion]
) -> dict[int, list[Change]]:
    """For each version, what changed against the version before it (all of it for the first)."""
    numbers = {v.version - 1 for v in versions} - {v.version for v in versions}
    earlier = {
        row.version: row.settings
        for row in session.scalars(
            sa.select(TenantSettingsVersion).where(TenantSettingsVersion.version.in_(numbers))
        )
    }
    documents = {**earlier, **{v.version: v.settings for v in versions}}
    return {
        v.version: settings_diff(documents.get(v.version - 1, {}), v.settings) for v in versions
    }


def without_key(section: str, key: str) -> list[dict[str, Any]] | None:
    """A copy of the section's items (goals, questions) without the one called `key`, or None
    when none is (a delete button of an older page, or a made-up key)."""
    stored = g.tenant.settings[section]
    kept = [copy.deepcopy(item) for item in stored if item["key"] != key]
    return kept if len(kept) < len(stored) else None


def with_added(section: str, new: dict[str, Any]) -> list[dict[str, Any]]:
    """A copy of the section's items with a new one at the end (a key used twice, like every
    other mistake, is for the schema to refuse)."""
    return [*copy.deepcopy(g.tenant.settings[section]), new]


def form_texts(
    stored: Mapping[str, str], name: str, locales: list[str], *, optional: bool = False
) -> dict[str, str]:
    """A {locale: text} of the settings with what the form sent as `<name>.<locale>`.

    An optional text (a help text) leaves out what was left empty, so that clearing it in every
    language removes it; the schema then names a language it is missing in."""
    texts = dict(stored)
    for loc in list(stored) + [x for x in locales if x not in stored]:
        if f"{name}.{loc}" in request.form:
            texts[loc] = request.form[f"{name}.{loc}"].strip()
    return {loc: text for loc, text in texts.items() if text} if optional else texts


def in_form_order(items: list[dict[str, Any]], name: str) -> list[dict[str, Any]]:
    """The items sorted by the position numbers the form sent as `<name>.<key>` (ties and
    missing numbers keep their order)."""

    def position(item: tuple[int, dict[str, Any]]) -> tuple[int, int]:
        index, found = item
        raw = request.form.get(f"{name}.{found['key']}", "").strip()
        return (int(raw) if raw.isascii() and raw.lstrip("-").isdigit() else index + 1, index)

    return [found for _index, found in sorted(enumerate(items), key=position)]


def named_path(path: str, document: Mapping[str, Any], names: Mapping[int, str]) -> str:
    """A schema's path by list indexes as the page names its rows: by each item's key.

    `questionnaire[3].choices[1].label.da` reads `questionnaire.sectors.choices.it.label.da`; an
    item this form adds has no row yet and is named by `names` (by its id(): `new`)."""
    shown: list[str] = []
    node: Any = document
    for step in _STEP.findall(path):
        if not step.startswith("["):
            shown.append(step)
            node = node.get(step) if isinstance(node, Mapping) else None
            continue
        index = int(step[1:-1])
        node = node[index] if isinstance(node, list) and index < len(node) else None
        if isinstance(node, Mapping) and id(node) in names:
            shown = [names[id(node)]]
        elif isinstance(node, Mapping) and isinstance(node.get("key"), str):
            shown.append(node["key"])
        elif shown:
            shown[-1] += step
        else:
            shown.append(step)
    return ".".join(shown)


def rows_named_by_key(
    section: str, items: list[dict[str, Any]], render: Render, names: Mapping[int, str]
) -> Render:
    """Show the schema's `goals[3].label.da` by the goal's row (`goals.job.label.da`)."""

    def respond(form: SettingsForm, status: int) -> ResponseReturnValue:
        renamed: dict[str, list[str]] = {}
        for path, messages in form.errors.items():
            renamed.setdefault(named_path(path, {section: items}, names), []).extend(messages)
        form.errors = renamed
        return render(form, status)

    return respond


def keys_in_use(kind: str, keys: set[str]) -> dict[str, int]:
    """How many records use each goal (kind "goal") or answer each question ("question")."""
    used: dict[str, int] = {}
    for _receiver, counts in settings_keys_in_use.send(db.session, kind=kind, keys=keys):
        for key, count in (counts or {}).items():
            used[key] = used.get(key, 0) + count
    return used
