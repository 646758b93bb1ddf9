"""The admin console's retention page: the periods, when retention last ran and what it did."""

from __future__ import annotations

from flask import g, render_template
from flask.typing import ResponseReturnValue
from flask_babel import lazy_gettext as _l

from mentornet.core.i18n import lazy_gettext_terms as _lt
from mentornet.extensions import db
from mentornet.modules.admin.views import Route, Section
from mentornet.modules.privacy.retention import KINDS, recent_runs

KIND_TITLES = {
    "applicants": _l("Rejected or withdrawn applicants"),
    "alumni": _l("Alumni with no activity"),
    "free_texts": _lt("Texts of long-closed %(mentorships)s"),
}


def retention() -> ResponseReturnValue:
    return render_template(
        "admin/retention.html",
        runs=recent_runs(db.session),
        periods=g.tenant.config.retention,
        kinds=KINDS,
        kind_titles=KIND_TITLES,
    )


ROUTES = [Route("/retention", "retention", retention)]
SECTION = Section(_l("Retention"), "retention", 80)
