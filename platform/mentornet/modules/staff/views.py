"""The coordinator console's front page: shortcuts, people and the network's figures."""

from __future__ import annotations

import sqlalchemy as sa
from flask import current_app, g, render_template
from flask.typing import ResponseReturnValue
from flask_babel import lazy_gettext as _l

from mentornet.core.i18n import lazy_term
from mentornet.extensions import db
from mentornet.modules.accounts.models import Role, User, UserRole
from mentornet.modules.events.models import KIND_LABELS
from mentornet.modules.profiles.operations import count_waiting_applicants
from mentornet.modules.reports.operations import cached_dashboard

ROLE_LABELS = {
    Role.MEMBER: _l("Members"),
    Role.COORDINATOR: lazy_term("coordinators", title=True),
    Role.ADMIN: _l("Administrators"),
    Role.TRANSLATOR: _l("Translators"),
}


def index() -> ResponseReturnValue:
    counts = dict(
        db.session.execute(
            sa.select(UserRole.role, sa.func.count(sa.distinct(UserRole.user_id)))
            .join(User, sa.and_(User.id == UserRole.user_id, User.tenant_id == UserRole.tenant_id))
            .where(User.active.is_(True))
            .group_by(UserRole.role)
        ).all()
    )
    total = db.session.scalar(
        sa.select(sa.func.count()).select_from(User).where(User.active.is_(True))
    )
    waiting = count_waiting_applicants(db.session)
    cached = cached_dashboard(
        db.session, g.tenant, max_age=current_app.config["DASHBOARD_MAX_AGE_SECONDS"]
    )
    return render_template(
        "staff/index.html",
        waiting=waiting,
        total=total or 0,
        counts={role: counts.get(role, 0) for role in Role},
        role_labels=ROLE_LABELS,
        figures=cached.figures,
        computed_at=cached.computed_at,
        event_kinds=KIND_LABELS,
    )
