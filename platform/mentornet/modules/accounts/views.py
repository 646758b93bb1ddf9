"""Sign in, sign out, change and reset a password."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from flask import (
    Response,
    abort,
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
from flask_limiter import RequestLimit
from flask_login import current_user, login_user, logout_user

from mentornet.core.i18n import current_locale
from mentornet.extensions import db, limiter
from mentornet.modules.accounts import operations, second_factor
from mentornet.modules.accounts.models import User
from mentornet.modules.accounts.schemas import (
    ChangePasswordSchema,
    CurrentPasswordSchema,
    LoginSchema,
    NewPasswordSchema,
    ResetRequestSchema,
    SecondFactorCodeSchema,
    normalise_email,
)
from mentornet.modules.accounts.sessions import LOGIN_TOKEN_KEY
from mentornet.modules.outbox.notify import page_url
from mentornet.modules.outbox.operations import queue_message
from mentornet.web.boundary import refusal_goes_to, refusal_shows_form
from mentornet.web.forms import empty_form, parse_form

PENDING_KEY = "second_factor_pending"
RESET_TOKEN_KEY = "reset_token"  # noqa: S105  (a session key name, not a secret)
WRONG_CURRENT_PASSWORD = "mentornet_wrong_current_password"  # noqa: S105  (a flag's name)


View = Callable[[], ResponseReturnValue]


def _login_limit() -> str:
    return str(current_app.config["LOGIN_RATE_LIMIT"])


def _account_limit() -> str:
    return str(current_app.config["LOGIN_ACCOUNT_RATE_LIMIT"])


def _account_key() -> str:
    # Per network and address, so guessing one person's password is slow from any number of IPs.
    email = request.form.get("email", "").strip().lower()
    return f"account:{g.tenant.id}:{email}"


def _client_key() -> str:
    return f"client:{g.tenant.id}:{request.remote_addr}"


def _account_client_limit() -> str:
    return str(current_app.config["LOGIN_ACCOUNT_CLIENT_RATE_LIMIT"])


def _account_client_key() -> str:
    # One client guessing one person's password is stopped long before she is.
    return f"{_account_key()}:{request.remote_addr}"


def _login_failed(response: Response) -> bool:
    return response.status_code == 401


def _tell_owner(_limit: RequestLimit) -> None:
    """The account's own limit is reached: logins are paused for her too, so she is told, with a
    reset link that lets her in (the refusal that follows rolls the request back: commit first)."""
    email = normalise_email(request.form.get("email", ""))
    user = operations.get_user_by_email(db.session, email) if email else None
    if user is not None and user.active:
        operations.tell_owner_of_throttled_logins(db.session, g.tenant, user)
        db.session.commit()


def _change_limit() -> str:
    return str(current_app.config["PASSWORD_CHANGE_RATE_LIMIT"])


def _own_account_key() -> str:
    # The limit runs before the permission check, so a visitor without an account may reach it.
    who = current_user.id if current_user.is_authenticated else request.remote_addr
    return f"change:{g.tenant.id}:{who}"


def _current_password_was_wrong(_response: Response) -> bool:
    return bool(g.get(WRONG_CURRENT_PASSWORD))


def _throttled_by_account(view: View) -> View:
    """The limits of sign-in and reset requests, innermost first: per account (its breach tells the
    owner), per account and client address, then per client address."""
    view = limiter.limit(
        _account_limit,
        key_func=_account_key,
        methods=["POST"],
        deduct_when=_login_failed,
        on_breach=_tell_owner,
    )(view)
    view = limiter.limit(
        _account_client_limit,
        key_func=_account_client_key,
        methods=["POST"],
        deduct_when=_login_failed,
    )(view)
    return limiter.limit(_login_limit, key_func=_client_key, methods=["POST"])(view)


@_throttled_by_account
def login() -> ResponseReturnValue:
    if current_user.is_authenticated:
        return redirect(_home_for(current_user))
    form = empty_form()
    if request.method == "POST":
        form = parse_form(LoginSchema())
        user = (
            operations.authenticate(db.session, form.data["email"], form.data["password"])
            if form.ok
            else None
        )
        if user is not None and second_factor.is_enrolled(db.session, user):
            # The password was right; the login starts only once the code is right too.
            session[PENDING_KEY] = {
                "user": user.id,
                "tenant": g.tenant.id,
                "at": int(time.time()),
                "next": _safe_next(),
            }
            return redirect(url_for("accounts.login_code"), 303)
        if user is not None:
            sign_in(user)
            return redirect(_safe_next() or _home_for(user))
        if form.ok:
            form.errors["_form"] = [_("The e-mail address or password is not right.")]
        return render_template("accounts/login.html", form=form), 401
    return render_template("accounts/login.html", form=form)


def logout() -> ResponseReturnValue:
    if token := session.get(LOGIN_TOKEN_KEY):
        operations.end_login_session(db.session, token)
    logout_user()
    session.clear()
    flash(_("You are logged out."), "info")
    return redirect(url_for("portal.index"))


@_throttled_by_account
def request_password_reset() -> ResponseReturnValue:
    form = empty_form()
    if request.method == "POST":
        form = parse_form(ResetRequestSchema())
        if form.ok:
            user = operations.get_user_by_email(db.session, form.data["email"])
            if user is not None and user.active:
                _send_reset_link(user)
            # The same answer whether or not the address has an account: no enumeration.
            flash(
                _("If that address has an account, we have sent it a link to reset the password."),
                "info",
            )
            return redirect(url_for("accounts.login"))
        return render_template("accounts/password_reset_request.html", form=form), 422
    return render_template("accounts/password_reset_request.html", form=form)


def reset_password() -> ResponseReturnValue:
    """The e-mailed link /password/reset/new?token=...: the token moves into the session at once,
    so the page itself, the browser's history and every Referer carry no token (the access logs
    record the path only, never the query)."""
    refusal_goes_to(url_for("accounts.request_password_reset"), 302)
    if token := request.args.get("token"):
        operations.user_for_reset_token(db.session, token)
        session[RESET_TOKEN_KEY] = token
        return redirect(url_for("accounts.reset_password"), 303)
    user = operations.user_for_reset_token(db.session, session.get(RESET_TOKEN_KEY, ""))
    form = empty_form()
    if request.method == "POST":
        form = parse_form(NewPasswordSchema())
        if form.ok:
            refusal_shows_form(
                form, lambda: (render_template("accounts/password_reset.html", form=form), 422)
            )
            operations.set_password(db.session, user, form.data["password"], g.tenant)
            # The link proved the mailbox and a new password is set: she is in, even while
            # too many wrong passwords have paused logins to her account.
            sign_in(user)
            flash(_("Your password has been changed. You are logged in."), "success")
            return redirect(_home_for(user))
        return render_template("accounts/password_reset.html", form=form), 422
    return render_template("accounts/password_reset.html", form=form)


@limiter.limit(
    _change_limit,
    key_func=_own_account_key,
    methods=["POST"],
    deduct_when=_current_password_was_wrong,
)
def change_password() -> ResponseReturnValue:
    """Only a wrong current password counts against PASSWORD_CHANGE_RATE_LIMIT: whoever holds a
    signed-in browser cannot try passwords faster than at the login page."""
    form = empty_form()
    if request.method == "POST":
        form = parse_form(ChangePasswordSchema())
        if form.ok:

            def refused() -> ResponseReturnValue:
                g.setdefault(WRONG_CURRENT_PASSWORD, "current_password" in form.errors)
                return render_template("accounts/change_password.html", form=form), 422

            refusal_shows_form(form, refused)
            operations.change_password(
                db.session,
                g.tenant,
                current_user,
                form.data["current_password"],
                form.data["password"],
            )
            sign_in(current_user._get_current_object())
            flash(
                _("Your password has been changed. Other devices have been logged out."),
                "success",
            )
            return redirect(_home_for(current_user))
        return render_template("accounts/change_password.html", form=form), 422
    return render_template("accounts/change_password.html", form=form)


def _code_limit() -> str:
    return str(current_app.config["SECOND_FACTOR_RATE_LIMIT"])


def _pending_key() -> str:
    pending = session.get(PENDING_KEY) or {}
    return f"code:{g.tenant.id}:{pending.get('user', request.remote_addr)}"


def _pending_user() -> tuple[User, dict[str, Any]] | None:
    """The account whose password was right a moment ago in this browser, on this network."""
    pending = session.get(PENDING_KEY)
    if not isinstance(pending, dict) or pending.get("tenant") != g.tenant.id:
        return None
    age = time.time() - float(pending.get("at", 0))
    if not 0 <= age <= current_app.config["SECOND_FACTOR_PENDING_SECONDS"]:
        return None
    user = db.session.get(User, pending.get("user"))
    if user is None or not user.active:
        return None
    return user, pending


@limiter.limit(_code_limit, key_func=_pending_key, methods=["POST"], deduct_when=_login_failed)
def login_code() -> ResponseReturnValue:
    """The second step of a sign-in: the code from her authenticator app, or a recovery code."""
    found = _pending_user()
    if found is None:
        session.pop(PENDING_KEY, None)
        flash(_("Please log in again."), "info")
        return redirect(url_for("accounts.login"))
    user, pending = found
    form = empty_form()
    if request.method == "POST":
        form = parse_form(SecondFactorCodeSchema())
        if form.ok and second_factor.verify(db.session, user, form.data["code"]):
            sign_in(user)
            return redirect(pending.get("next") or _home_for(user))
        if form.ok:
            form.errors["code"] = [
                _("That code is not right. Enter the 6 digits your app shows now.")
            ]
        return render_template("accounts/login_code.html", form=form), 401
    return render_template("accounts/login_code.html", form=form)


def second_factor_page() -> ResponseReturnValue:
    """Her authenticator app: set it up (QR code), renew recovery codes, or remove it."""
    return _second_factor_page(empty_form())


def _second_factor_page(
    form: Any, codes: list[str] | None = None, status: int = 200
) -> ResponseReturnValue:
    user = current_user._get_current_object()
    factor = second_factor.factor_of(db.session, user)
    qr_code = None
    if factor is not None and factor.confirmed_at is None:
        locale = current_locale()
        qr_code = second_factor.qr_code_svg(
            second_factor.provisioning_uri(factor, user, g.tenant, locale)
        )
    page = render_template(
        "accounts/second_factor.html",
        form=form,
        factor=factor,
        qr_code=qr_code,
        codes=codes,
        required=second_factor.must_enrol(db.session, user),
        remaining=second_factor.remaining_recovery_codes(db.session, user),
    )
    return page, status


def start_second_factor() -> ResponseReturnValue:
    refusal_goes_to(url_for("accounts.second_factor_page"))
    second_factor.start_enrolment(db.session, current_user)
    return redirect(url_for("accounts.second_factor_page"), 303)


def confirm_second_factor() -> ResponseReturnValue:
    form = parse_form(SecondFactorCodeSchema())
    if not form.ok:
        return _second_factor_page(form, status=422)
    refusal_shows_form(form, lambda: _second_factor_page(form, status=422))
    codes = second_factor.confirm_enrolment(db.session, g.tenant, current_user, form.data["code"])
    flash(
        _("Your authenticator app is set up. From now on you log in with a code from it."),
        "success",
    )
    return _second_factor_page(empty_form(), codes=codes)


def _password_checked(view: View) -> View:
    """A wrong current password counts against PASSWORD_CHANGE_RATE_LIMIT, as on the change form."""
    return limiter.limit(
        _change_limit,
        key_func=_own_account_key,
        methods=["POST"],
        deduct_when=_current_password_was_wrong,
    )(view)


def _refuse_with_password_form(form: Any) -> None:
    def refused() -> ResponseReturnValue:
        g.setdefault(WRONG_CURRENT_PASSWORD, "current_password" in form.errors)
        return _second_factor_page(form, status=422)

    refusal_shows_form(form, refused)


@_password_checked
def renew_recovery_codes() -> ResponseReturnValue:
    form = parse_form(CurrentPasswordSchema())
    if not form.ok:
        return _second_factor_page(form, status=422)
    _refuse_with_password_form(form)
    codes = second_factor.renew_recovery_codes(
        db.session, current_user, form.data["current_password"]
    )
    return _second_factor_page(empty_form(), codes=codes)


@_password_checked
def remove_second_factor() -> ResponseReturnValue:
    form = parse_form(CurrentPasswordSchema())
    if not form.ok:
        return _second_factor_page(form, status=422)
    _refuse_with_password_form(form)
    second_factor.remove(db.session, g.tenant, current_user, form.data["current_password"])
    flash(_("Your authenticator app has been removed."), "info")
    return redirect(url_for("accounts.second_factor_page"), 303)


# What a staff account that must still set up its second factor may reach.
ENROLMENT_ENDPOINTS = frozenset(
    {
        "accounts.second_factor_page",
        "accounts.start_second_factor",
        "accounts.confirm_second_factor",
        "accounts.logout",
        "privacy.notice",  # the privacy notice in force may be asked for first (privacy/views.py)
        "portal.theme",
        "static",
    }
)


def require_second_factor() -> ResponseReturnValue | None:
    """before_request: where the settings require it, a staff account without a confirmed second
    factor reaches only its enrolment page."""
    if request.endpoint is None or request.endpoint in ENROLMENT_ENDPOINTS:
        return None
    if g.get("tenant") is None or not current_app.config["SECOND_FACTOR_REQUIRED"]:
        return None
    if not current_user.is_authenticated:
        return None
    if not second_factor.must_enrol(db.session, current_user):
        return None
    if request.method != "GET":
        abort(403)
    return redirect(url_for("accounts.second_factor_page"))


def sign_in(user: User) -> None:
    """A fresh session (no fixation) holding a new server-side login."""
    locale = session.get("lang")
    session.clear()
    if locale:
        session["lang"] = locale
    session[LOGIN_TOKEN_KEY] = operations.start_login_session(db.session, user)
    session.permanent = True
    login_user(user)
    if user.locale is None:
        user.locale = current_locale()


def _send_reset_link(user: User) -> None:
    queue_message(
        db.session,
        kind="password_reset",
        recipient=user.email,
        locale=user.locale or g.tenant.default_locale,
        template="accounts/email/password_reset.txt",
        network=g.tenant.name(user.locale or g.tenant.default_locale),
        name=user.name,
        minutes=current_app.config["PASSWORD_RESET_MAX_AGE"] // 60,
        link=page_url(
            db.session,
            g.tenant,
            f"/password/reset/new?token={operations.make_reset_token(db.session, user)}",
        ),
    )


def _home_for(user: User) -> str:
    return url_for("staff.index") if user.is_staff else url_for("portal.me")


def _safe_next() -> str | None:
    """Only a path on this site; never an absolute URL to elsewhere."""
    target = request.args.get("next", "")
    parts = urlsplit(target)
    if not target.startswith("/") or target.startswith("//") or parts.scheme or parts.netloc:
        return None
    if "\\" in target:
        abort(400)
    return target
