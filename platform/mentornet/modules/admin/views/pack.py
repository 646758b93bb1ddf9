"""The method pack: download the network's tenant.toml, or upload one and see every change it
would make before applying it.

The file is the format of `mentornet tenants export` and `mentornet tenants import`, validated by
the same schema. An uploaded pack never changes the network's slug, status or host names (the
platform's operators own those): they are kept before it is validated. The preview runs the real
save and undoes it (`try_tenant_settings`), so a pack that would be refused (a wrong field, a goal
or question that records still use) is refused on the preview already, with nothing stored.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Response, flash, g, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from mentornet.core.errors import DomainError
from mentornet.extensions import db
from mentornet.modules.admin.editing import (
    SettingsForm,
    answer_refusals,
    opened_form,
    submitted_form,
    submitted_reason,
)
from mentornet.modules.admin.views import Route, Section
from mentornet.modules.tenants.history import Change, settings_diff
from mentornet.modules.tenants.operations import (
    EDITABLE_SECTIONS,
    InvalidSettingsError,
    change_tenant_settings,
    export_tenant,
    try_tenant_settings,
)
from mentornet.modules.tenants.packs import (
    PACK_FILE,
    PackError,
    dump_pack,
    parse_pack,
    uploaded_pack_text,
)

# Owned by the platform's operators, never by an uploaded pack.
KEPT = ("slug", "status", "hosts")


def method_pack() -> ResponseReturnValue:
    return _render(opened_form(), 200)


def download_pack() -> ResponseReturnValue:
    text = dump_pack(export_tenant(g.tenant))
    response = Response(text, mimetype="application/toml")
    response.headers["Content-Disposition"] = f'attachment; filename="{g.tenant.slug}-{PACK_FILE}"'
    return response


def preview_pack() -> ResponseReturnValue:
    """What the uploaded pack would change, saved nowhere; the page carries the text on."""
    form = submitted_form()
    answer_refusals(form, _render)
    text = _uploaded_text()
    changes = _changes(text)
    # The real save, undone: every refusal it would make shows now.
    try_tenant_settings(
        db.session, g.tenant, _sections(text), actor=current_user, expected_version=form.version
    )
    return _render(form, 200, text=text, changes=changes)


def apply_pack() -> ResponseReturnValue:
    form = submitted_form()
    answer_refusals(form, _render)
    text = request.form.get("pack_text", "")
    if not text:
        raise DomainError(_l("Choose a tenant.toml file."), field="pack")
    saved = _save(form, text, reason=submitted_reason())
    flash(_("The method pack has been applied as version %(num)s.", num=saved.version), "success")
    return redirect(url_for("admin.settings_history"), 303)


def _uploaded_text() -> str:
    return uploaded_pack_text(request.files.get("pack"))


def _validated(text: str) -> dict[str, Any]:
    """The pack's settings with this network's slug, status and hosts; problems by key path."""
    keep = {key: g.tenant.settings.get(key) for key in KEPT}
    keep["status"] = g.tenant.status.value
    try:
        return parse_pack(text, Path(PACK_FILE), keep)
    except PackError as error:
        problems: dict[str, list[str]] = {}
        for problem in error.problems:
            if problem.key == "-":
                message = _("The file is not valid TOML (line %(line)s): %(detail)s",
                            line=problem.line, detail=problem.message)  # fmt: skip
                problems.setdefault("pack", []).append(message)
            else:
                line = _("line %(line)s", line=problem.line) if problem.line else ""
                problems.setdefault(problem.key, []).append(
                    f"{problem.message} ({line})" if line else problem.message
                )
        raise InvalidSettingsError("pack", problems) from error


def _changes(text: str) -> list[Change]:
    new = _validated(text)
    return [
        change
        for change in settings_diff(g.tenant.settings, new)
        if change.path.split(".")[0].split("[")[0] not in KEPT
    ]


def _sections(text: str) -> dict[str, Any]:
    new = _validated(text)
    return {name: new[name] for name in EDITABLE_SECTIONS - set(KEPT) if name in new}


def _save(form: SettingsForm, text: str, *, reason: str) -> Any:
    note = _("method pack uploaded")
    return change_tenant_settings(
        db.session,
        g.tenant,
        _sections(text),
        actor=current_user,
        reason=f"{note}: {reason}" if reason else note,
        expected_version=form.version,
    )


def _render(
    form: SettingsForm,
    status: int,
    *,
    text: str | None = None,
    changes: list[Change] | None = None,
) -> ResponseReturnValue:
    page = render_template("admin/pack.html", form=form, text=text, changes=changes, kept=KEPT)
    return page, status


SECTION = Section(_l("Method pack"), "method_pack", 85)
ROUTES = [
    Route("/pack", "method_pack", method_pack),
    Route("/pack/tenant.toml", "download_pack", download_pack),
    Route("/pack/preview", "preview_pack", preview_pack, methods=("POST",)),
    Route("/pack/apply", "apply_pack", apply_pack, methods=("POST",)),
]
