"""CSV import in the staff console: /<slug>/staff/applicants/import."""

from __future__ import annotations

from flask import g, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from mentornet.extensions import db
from mentornet.modules.profiles.importing import import_profiles, read_rows
from mentornet.modules.profiles.models import ProfileRole
from mentornet.modules.profiles.schemas import questions_for
from mentornet.web.boundary import on_refusal

TEMPLATE = "profiles/staff/import.html"


def import_profiles_view() -> ResponseReturnValue:
    questions = {
        role: [f"q_{q['key']}" for q in questions_for(g.tenant.config, role)]
        for role in ProfileRole
    }
    if request.method != "POST":
        return render_template(TEMPLATE, report=None, error=None, questions=questions)
    upload = request.files.get("file")
    dry_run = "dry_run" in request.form
    skip_bad_rows = "skip_bad_rows" in request.form
    if upload is None or not upload.filename:
        return render_template(
            TEMPLATE, report=None, error=_("Choose a CSV file."), questions=questions
        ), 422
    on_refusal(
        lambda error: (
            render_template(TEMPLATE, report=None, error=error.message, questions=questions),
            422,
        )
    )
    rows = read_rows(upload.read())
    report = import_profiles(
        db.session, g.tenant, rows, actor=current_user, skip_bad_rows=skip_bad_rows, dry_run=dry_run
    )
    failed = bool(report.problems) and not skip_bad_rows
    status = 422 if failed else 200
    return render_template(
        TEMPLATE, report=report, dry_run=dry_run, failed=failed, error=None, questions=questions
    ), status
