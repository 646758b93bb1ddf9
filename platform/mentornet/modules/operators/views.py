"""The operator console: sign in (password, then a TOTP code), the networks with their counts,
suspend and resume, the method pack, and figures across networks. No page shows a person."""

from __future__ import annotations

import csv
import io
import time
import tomllib
from typing import Any

import pyotp
from flask import (
    Response,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import NotFound

from mentornet.core.errors import DomainError
from mentornet.core.i18n import core_locales, current_locale, native_language_name
from mentornet.extensions import db, limiter
from mentornet.modules.accounts.models import Role
from mentornet.modules.accounts.second_factor import qr_code_svg
from mentornet.modules.accounts.staffing import ROLE_LABELS
from mentornet.modules.mentorships.models import STATE_LABELS
from mentornet.modules.operators import figures as cross_network
from mentornet.modules.operators import launch, operations
from mentornet.modules.operators.models import Operator
from mentornet.modules.operators.schemas import (
    DeleteNetworkSchema,
    LaunchSchema,
    OperatorCodeSchema,
    OperatorLoginSchema,
)
from mentornet.modules.tenants.models import Tenant, TenantStatus, localized
from mentornet.modules.tenants.operations import (
    InvalidSettingsError,
    export_tenant,
    get_tenant_by_slug,
    list_tenants,
)
from mentornet.modules.tenants.packs import PACK_FILE, dump_pack, uploaded_pack_text
from mentornet.web.boundary import on_refusal
from mentornet.web.forms import empty_form, parse_form

TOKEN_KEY = "operator_token"  # noqa: S105  (a session key name, not a secret)
PENDING_KEY = "operator_pending"


def load_operator() -> None:
    """before_request: g.operator for a live operator login on the platform's own pages."""
    g.operator = None
    if (
        g.get("tenant") is None
        and request.path.startswith("/operator")
        and (token := session.get(TOKEN_KEY))
    ):
        g.operator = operations.operator_for_token(db.session, str(token))


def _login_limit() -> str:
    return str(current_app.config["LOGIN_RATE_LIMIT"])


def _failed(response: Response) -> bool:
    return response.status_code == 401


@limiter.limit(_login_limit, methods=["POST"], deduct_when=_failed)
def login() -> ResponseReturnValue:
    if g.get("operator") is not None:
        return redirect(url_for("operators.networks"))
    form = empty_form()
    if request.method == "POST":
        form = parse_form(OperatorLoginSchema())
        operator = (
            operations.authenticate(db.session, form.data["email"], form.data["password"])
            if form.ok
            else None
        )
        if operator is not None:
            session.clear()
            session[PENDING_KEY] = {"operator": operator.id, "at": int(time.time())}
            return redirect(url_for("operators.login_code"), 303)
        if form.ok:
            form.errors["_form"] = [_("The e-mail address or password is not right.")]
        return render_template("operators/login.html", form=form), 401
    return render_template("operators/login.html", form=form)


def _pending() -> Operator | None:
    pending = session.get(PENDING_KEY)
    if not isinstance(pending, dict):
        return None
    if (
        not 0
        <= time.time() - float(pending.get("at", 0))
        <= current_app.config["SECOND_FACTOR_PENDING_SECONDS"]
    ):
        return None
    operator = db.session.get(Operator, pending.get("operator"))
    return operator if operator is not None and operator.active else None


@limiter.limit(
    lambda: str(current_app.config["SECOND_FACTOR_RATE_LIMIT"]),
    methods=["POST"],
    deduct_when=_failed,
)
def login_code() -> ResponseReturnValue:
    """The second step: the code of her authenticator app; the first time, setting it up."""
    operator = _pending()
    if operator is None:
        session.pop(PENDING_KEY, None)
        flash(_("Please log in again."), "info")
        return redirect(url_for("operators.login"))
    enrolling = operator.totp_confirmed_at is None
    form = empty_form()
    status = 200
    if request.method == "POST":
        form = parse_form(OperatorCodeSchema())
        if form.ok and operations.check_code(db.session, operator, form.data["code"]):
            session.clear()
            session[TOKEN_KEY] = operations.start_session(db.session, operator)
            session.permanent = True
            return redirect(url_for("operators.networks"), 303)
        if form.ok:
            form.errors["code"] = [
                _("That code is not right. Enter the 6 digits your app shows now.")
            ]
        status = 401
    qr_code = secret = None
    if enrolling:
        secret = operations.enrolment_secret(db.session, operator)
        uri = pyotp.TOTP(secret).provisioning_uri(name=operator.email, issuer_name="Mentornet")
        qr_code = qr_code_svg(uri)
    page = render_template(
        "operators/code.html", form=form, enrolling=enrolling, qr_code=qr_code, secret=secret
    )
    return page, status


def logout() -> ResponseReturnValue:
    if token := session.get(TOKEN_KEY):
        operations.end_session(db.session, str(token))
    session.clear()
    flash(_("You are logged out."), "info")
    return redirect(url_for("operators.login"))


def networks() -> ResponseReturnValue:
    locale = current_locale()
    rows = operations.network_rows(db.session)
    return render_template(
        "operators/networks.html",
        rows=rows,
        names={row.slug: localized(row.names, locale, row.default_locale) for row in rows},
        role_labels={
            str(role): label for role, label in {**ROLE_LABELS, Role.MEMBER: _l("Member")}.items()
        },
        state_labels={str(state): label for state, label in STATE_LABELS.items()},
    )


def _network(slug: str) -> Tenant:
    tenant = get_tenant_by_slug(db.session, slug)
    if tenant is None:
        raise NotFound()
    return tenant


def suspend(slug: str) -> ResponseReturnValue:
    return _set_status(
        slug,
        TenantStatus.SUSPENDED,
        _("%(network)s is suspended: its pages answer that it is closed for now."),
    )


def resume(slug: str) -> ResponseReturnValue:
    return _set_status(slug, TenantStatus.ACTIVE, _("%(network)s is open again."))


def _set_status(slug: str, status: TenantStatus, message: str) -> ResponseReturnValue:
    tenant = _network(slug)
    operations.change_network_status(db.session, tenant, status, g.operator)
    flash(message % {"network": tenant.slug}, "success")
    return redirect(url_for("operators.networks"), 303)


def download_pack(slug: str) -> ResponseReturnValue:
    tenant = _network(slug)
    response = Response(dump_pack(export_tenant(tenant)), mimetype="application/toml")
    response.headers["Content-Disposition"] = f'attachment; filename="{tenant.slug}-tenant.toml"'
    return response


def network_figures() -> ResponseReturnValue:
    return render_template(
        "operators/figures.html",
        rows=cross_network.figures(db.session),
        minimum=cross_network.MIN_PEOPLE,
    )


def figures_csv() -> ResponseReturnValue:
    out = io.StringIO()
    writer = csv.writer(out)
    columns = (
        "completed",
        "success_share",
        "job_found_share",
        "job_wanted",
        "median_days_to_pair",
        "early_end_share",
    )
    writer.writerow(["network", "year", *columns])
    for row in cross_network.figures(db.session):
        writer.writerow([row.slug, row.year, *(_csv_cell(getattr(row, name)) for name in columns)])
    response = Response(out.getvalue(), mimetype="text/csv")
    response.headers["Content-Disposition"] = 'attachment; filename="mentornet-figures.csv"'
    return response


def _csv_cell(cell: cross_network.Cell) -> Any:
    """The same rule as the page: below the minimum, the cell says so instead of a number."""
    if cell.withheld:
        return f"<{cross_network.MIN_PEOPLE}"
    if cell.value is None:
        return ""
    return round(cell.value, 3)


def new_network() -> ResponseReturnValue:
    """Launch a network: a template's method, its own address and languages, its first admin."""
    form = empty_form()
    if request.method == "POST":
        form = parse_form(LaunchSchema(), list_fields=("locales",))
        if not form.ok:
            return _launch_page(form, 422)

        def refused(error: DomainError) -> ResponseReturnValue:
            if isinstance(
                error, InvalidSettingsError
            ):  # the settings' own paths (goals[0].label.is)
                for path, messages in error.errors.items():
                    form.errors.setdefault(path, []).extend(messages)
            else:
                form.add_error(error)
            return _launch_page(form, 422)

        on_refusal(refused)
        data = form.data
        template, template_name = _template(data["template"])
        network = {
            "slug": data["slug"],
            "name": {loc: request.form.get(f"name.{loc}", "").strip() for loc in data["locales"]},
            "locales": data["locales"],
            "default_locale": data["default_locale"],
            "timezone": data["timezone"],
            "hosts": data["hosts"],
        }
        tenant = launch.launch_network(
            db.session, g.operator, template, network=network, admin_name=data["admin_name"],
            admin_email=data["admin_email"], template_name=template_name,
        )  # fmt: skip
        flash(
            _("%(network)s is launched at /%(slug)s/; its first administrator has been invited by e-mail.",
              network=tenant.name(tenant.default_locale), slug=tenant.slug),
            "success",
        )  # fmt: skip
        return redirect(url_for("operators.networks"), 303)
    return _launch_page(form, 200)


def _template(choice: str) -> tuple[dict[str, Any], str]:
    """The chosen network's method pack, or the uploaded tenant.toml (validated by its reader)."""
    if choice != "upload":
        tenant = get_tenant_by_slug(db.session, choice)
        if tenant is None:
            raise DomainError(
                _l("Choose a network to copy, or upload a tenant.toml file."), field="template"
            )
        return export_tenant(tenant), tenant.slug
    upload = request.files.get("pack")
    text = uploaded_pack_text(upload)
    try:
        return tomllib.loads(text), str(upload.filename if upload else PACK_FILE)
    except tomllib.TOMLDecodeError as error:
        raise DomainError(_l("The file is not a valid tenant.toml."), field="pack") from error


def _launch_page(form: Any, status: int) -> ResponseReturnValue:
    page = render_template(
        "operators/new_network.html",
        form=form,
        templates=[(t.slug, t.name(current_locale())) for t in list_tenants(db.session)],
        locales=core_locales(),
        chosen=request.form.getlist("locales"),
        locale_names={code: native_language_name(code) for code in core_locales()},
    )
    return page, status


def delete_network(slug: str) -> ResponseReturnValue:
    """GET: what deleting means, the method pack to download first, and the slug to type."""
    tenant = _network(slug)
    form = empty_form()
    if request.method == "POST":
        form = parse_form(DeleteNetworkSchema())
        if form.ok:
            on_refusal(lambda error: _delete_page(tenant, form, error))
            removed = launch.delete_network(db.session, g.operator, tenant, form.data["confirm"])
            flash(
                _("The network %(slug)s and its %(num)s records have been deleted.",
                  slug=slug, num=sum(removed.values())),
                "success",
            )  # fmt: skip
            return redirect(url_for("operators.networks"), 303)
        return _delete_page(tenant, form)
    return render_template("operators/delete.html", network=tenant, form=form)


def _delete_page(
    tenant: Tenant, form: Any, error: DomainError | None = None
) -> ResponseReturnValue:
    if error is not None:
        form.add_error(error)
    return render_template("operators/delete.html", network=tenant, form=form), 422
