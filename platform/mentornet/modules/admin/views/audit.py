"""The audit log viewer: who looked at which sensitive record and who changed what."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import render_template
from flask.typing import ResponseReturnValue
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from marshmallow import ValidationError, validates_schema

from mentornet.core.schemas import Date, RecordId, Schema, String, lazy_message, length
from mentornet.extensions import db
from mentornet.modules.accounts.models import User
from mentornet.modules.admin.views import Route, Section
from mentornet.modules.audit.kinds import kind_title
from mentornet.modules.audit.models import AuditEntry
from mentornet.modules.audit.operations import (
    AuditFilter,
    count_entries,
    list_entries,
    recorded_actions,
)
from mentornet.web.forms import flash_errors, parse_query
from mentornet.web.paging import page_of

PAGE_SIZE = 50
FILTER_LABELS = {
    "person": _l("Person"),
    "kind": lazy_pgettext("audit log entry", "Kind"),
    "since": lazy_pgettext("first day of a date range", "From"),
    "until": lazy_pgettext("last day of a date range", "Until"),
}


class AuditFilterSchema(Schema):
    person = RecordId()
    kind = String(single_line=True, validate=length(maximum=60))
    since = Date()
    until = Date()

    @validates_schema
    def _in_order(self, data: dict[str, Any], **_: Any) -> None:
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            raise ValidationError(
                lazy_message("The end date must not be before the start date."), "until"
            )


def audit() -> ResponseReturnValue:
    form = parse_query(AuditFilterSchema())
    actions = recorded_actions(db.session)
    if form.ok and form.data.get("person") and db.session.get(User, form.data["person"]) is None:
        form.errors["person"] = [str(lazy_message("Choose one of the options offered."))]
    if form.ok and form.data.get("kind") and form.data["kind"] not in actions:
        form.errors["kind"] = [str(lazy_message("Choose one of the options offered."))]
    if not form.ok:
        flash_errors(form, FILTER_LABELS)
    chosen = form.data if form.ok else {}
    wanted = AuditFilter(
        actor_id=chosen.get("person"),
        action=chosen.get("kind"),
        since=chosen.get("since"),
        until=chosen.get("until"),
    )
    page = page_of(count_entries(db.session, wanted), PAGE_SIZE, keep=tuple(FILTER_LABELS))
    entries = list_entries(db.session, wanted, offset=page.start, limit=PAGE_SIZE)
    html = render_template(
        "admin/audit.html",
        entries=entries,
        page=page,
        form=form,
        labels=FILTER_LABELS,
        actions=sorted(actions, key=lambda code: kind_title(code).casefold()),
        kind_title=kind_title,
        people=_actors(),
        names=_names({entry.actor_id for entry in entries} - {None}),
    )
    return html, 200 if form.ok else 400


def _actors() -> list[User]:
    """The people who appear in the log as its actors (the person filter's choices)."""
    ids = sa.select(AuditEntry.actor_id).where(AuditEntry.actor_id.is_not(None)).distinct()
    return list(db.session.scalars(sa.select(User).where(User.id.in_(ids)).order_by(User.name)))


def _names(ids: set[int | None]) -> dict[int, str]:
    rows = db.session.execute(sa.select(User.id, User.name).where(User.id.in_(ids)))
    return {row.id: row.name for row in rows}


SECTION = Section(_l("Audit log"), "audit", 90)
ROUTES = [Route("/audit", "audit", audit)]
