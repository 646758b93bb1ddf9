"""The admin console's front page: the parts of the configuration and its latest changes."""

from __future__ import annotations

import sqlalchemy as sa
from flask import render_template
from flask.typing import ResponseReturnValue

from mentornet.extensions import db
from mentornet.modules.admin.views import Route
from mentornet.modules.tenants.models import TenantSettingsVersion


def index() -> ResponseReturnValue:
    latest = db.session.scalars(
        sa.select(TenantSettingsVersion).order_by(TenantSettingsVersion.version.desc()).limit(5)
    ).all()
    return render_template("admin/index.html", latest=latest)


ROUTES = [Route("/", "index", index)]
