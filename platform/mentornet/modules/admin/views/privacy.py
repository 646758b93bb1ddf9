"""The privacy notice: edit a draft per locale, publish it as a new version (which every account
of the network must then accept, modules/privacy/notices.py), and the versions published so far."""

from __future__ import annotations

import sqlalchemy as sa
from flask import flash, g, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from mentornet.core.i18n import language_name
from mentornet.core.schemas import String, ValidationError, length
from mentornet.extensions import db
from mentornet.modules.accounts.models import User
from mentornet.modules.admin.editing import (
    SettingsForm,
    answer_refusals,
    opened_form,
    submitted_form,
    submitted_reason,
)
from mentornet.modules.admin.views import Route, Section
from mentornet.modules.privacy.notices import (
    draft_notice,
    next_version,
    publish_notice,
    published_notices,
    save_draft,
)

MAX_NOTICE = 20_000
_TEXT = String(validate=length(maximum=MAX_NOTICE))


def privacy_notice() -> ResponseReturnValue:
    """GET: the page; POST: keep the texts as the draft (members do not see it)."""
    if request.method != "POST":
        return _render(opened_form(), 200)
    form = submitted_form()
    texts = _submitted_texts(form)
    if form.errors:
        return _render(form, 422)
    save_draft(db.session, current_user, texts)
    flash(_("The draft has been saved. Members see it only once it is published."), "success")
    return redirect(url_for("admin.privacy_notice"), 303)


def publish_privacy_notice() -> ResponseReturnValue:
    form = submitted_form()
    texts = _submitted_texts(form)
    if form.errors:
        return _render(form, 422)
    answer_refusals(form, _render)
    notice = publish_notice(
        db.session,
        g.tenant,
        current_user,
        texts,
        reason=submitted_reason(),
        expected_version=form.version,
    )
    flash(
        _(
            "Version %(num)s of the privacy notice has been published. Everyone signed in to the"
            " network is asked to accept it on their next page.",
            num=notice.version,
        ),
        "success",
    )
    return redirect(url_for("admin.privacy_notice"), 303)


def _submitted_texts(form: SettingsForm) -> dict[str, str]:
    """The notice per locale of the network; a text that is too long or holds control characters
    is named by its field (`privacy.notice.da`). An empty one is kept: publishing refuses it."""
    texts: dict[str, str] = {}
    for loc in g.tenant.locales:
        path = f"privacy.notice.{loc}"
        try:
            texts[loc] = _TEXT.deserialize(request.form.get(path, "")).strip()
        except ValidationError as error:
            form.errors.setdefault(path, []).extend(str(m) for m in error.messages)
    return texts


def _labels() -> dict[str, str]:
    labels = {"reason": _("Why (optional)")}
    for loc in g.tenant.locales:
        labels[f"privacy.notice.{loc}"] = _(
            "Privacy notice (%(language)s)", language=language_name(loc)
        )
    labels["privacy.notice"] = _("Privacy notice")
    return labels


def _render(form: SettingsForm, status: int) -> ResponseReturnValue:
    draft = draft_notice(db.session)
    published = published_notices(db.session)
    people = {n.published_by_id for n in published} | {draft.edited_by_id if draft else None}
    rows = db.session.execute(sa.select(User.id, User.name).where(User.id.in_(people - {None})))
    names = {row.id: row.name for row in rows}
    stored = draft.texts if draft is not None else g.tenant.settings["privacy"]["notice"]
    if form.values:
        texts = {loc: form.values.get(f"privacy.notice.{loc}", "") for loc in g.tenant.locales}
    else:
        texts = {loc: stored.get(loc, "") for loc in g.tenant.locales}
    page = render_template(
        "admin/privacy.html",
        form=form,
        texts=texts,
        labels=_labels(),
        draft=draft,
        published=published,
        names=names,
        current=g.tenant.settings["privacy"]["version"],
        upcoming=next_version(db.session, g.tenant),
        max_length=MAX_NOTICE,
    )
    return page, status


SECTION = Section(_l("Privacy notice"), "privacy_notice", 70)
ROUTES = [
    Route("/privacy", "privacy_notice", privacy_notice, methods=("GET", "POST")),
    Route("/privacy/publish", "publish_privacy_notice", publish_privacy_notice, methods=("POST",)),
]
