"""Flask-Login wiring: a user is loaded only from a live server-side login of this tenant."""

from __future__ import annotations

from flask import Flask, g, session
from flask_babel import lazy_gettext as _l

from mentornet.extensions import db, login_manager
from mentornet.modules.accounts.models import User
from mentornet.modules.accounts.operations import find_login_session
from mentornet.modules.accounts.passwords import prepare_dummy_hash

LOGIN_TOKEN_KEY = "login_token"  # noqa: S105  (a session key name, not a secret)


def init_login(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = _l("Please log in to see this page.")
    login_manager.session_protection = None  # server-side LoginSession rows do this job
    login_manager.user_loader(load_user)
    prepare_dummy_hash(app)


def load_user(user_id: str) -> User | None:
    """Refuse anything but an active user of this request's tenant with a live login."""
    if g.get("tenant") is None:
        return None
    token = session.get(LOGIN_TOKEN_KEY)
    if not token:
        return None
    login = find_login_session(db.session, token)
    if login is None or str(login.user_id) != user_id:
        return None
    user = db.session.get(User, login.user_id)
    if user is None or user.tenant_id != g.tenant.id or not user.active:
        return None
    return user
