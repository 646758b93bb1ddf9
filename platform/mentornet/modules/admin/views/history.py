"""The settings history: every version with its author, time, reason and what it changed; any
version can be restored, which saves its settings again as a new version."""

from __future__ import annotations

import sqlalchemy as sa
from flask import flash, g, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from werkzeug.exceptions import NotFound

from mentornet.extensions import db
from mentornet.modules.admin.editing import (
    SettingsForm,
    answer_refusals,
    opened_form,
    submitted_form,
    submitted_reason,
    version_diffs,
)
from mentornet.modules.admin.views import Route, Section
from mentornet.modules.tenants.models import TenantSettingsVersion
from mentornet.modules.tenants.operations import restore_settings_version

# The newest versions shown; a network changes its settings a few times a month.
SHOWN = 100


def settings_history() -> ResponseReturnValue:
    return _render(opened_form(), 200)


def restore_version(settings_version_id: int) -> ResponseReturnValue:
    old = db.session.get(TenantSettingsVersion, settings_version_id)
    if old is None:  # another network's versions are not found either
        raise NotFound()
    form = submitted_form()
    answer_refusals(form, _render)
    restored = restore_settings_version(
        db.session,
        g.tenant,
        old,
        actor=current_user,
        reason=submitted_reason(),
        expected_version=form.version,
    )
    flash(
        _(
            "Version %(old)s has been restored as version %(new)s.",
            old=old.version,
            new=restored.version,
        ),
        "success",
    )
    return redirect(url_for("admin.settings_history"), 303)


def _render(form: SettingsForm, status: int) -> ResponseReturnValue:
    versions = list(
        db.session.scalars(
            sa.select(TenantSettingsVersion)
            .order_by(TenantSettingsVersion.version.desc())
            .limit(SHOWN)
        )
    )
    page = render_template(
        "admin/history.html",
        form=form,
        versions=versions,
        diffs=version_diffs(db.session, versions),
        current=g.tenant.settings_version,
    )
    return page, status


SECTION = Section(_l("History"), "settings_history", 90)
ROUTES = [
    Route("/history", "settings_history", settings_history),
    Route(
        "/history/<int:settings_version_id>/restore",
        "restore_version",
        restore_version,
        methods=("POST",),
    ),
]
