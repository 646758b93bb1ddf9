"""Flask extensions, created unbound; create_app() binds them."""

from __future__ import annotations

from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_wtf.csrf import CSRFProtect

from mentornet.core.db import Database
from mentornet.core.i18n import MentornetBabel

db = Database()
babel = MentornetBabel()
csrf = CSRFProtect()
login_manager = LoginManager()
limiter = Limiter(key_func=get_remote_address, default_limits=[])
