"""The network's public portal and the member area."""

from __future__ import annotations

from flask import Response, g, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from werkzeug.exceptions import NotFound

from mentornet.core.i18n import join_list, term
from mentornet.extensions import db
from mentornet.modules.accounts.models import Role, User
from mentornet.modules.events.listing import event_rows, public_events
from mentornet.modules.events.models import KIND_LABELS
from mentornet.modules.events.times import when
from mentornet.modules.mentorships.cards import pair_panels
from mentornet.modules.mentorships.models import STATE_LABELS
from mentornet.modules.mentorships.operations import REQUEST_MODES
from mentornet.modules.mentorships.outcomes import due_follow_ups
from mentornet.modules.mentorships.reasons import DECLINE_REASON_TITLES
from mentornet.modules.profiles.models import STATUS_LABELS, ProfileStatus
from mentornet.modules.profiles.operations import profiles_of
from mentornet.modules.profiles.progress import next_step
from mentornet.modules.tenants.logos import current_logo

CYCLE_STEPS = ("meet", "plan", "achieve", "close")
# The roles that make an account a working one (not a mentorship's), in the reader's words.
WORK_ROLE_TITLES = {
    Role.ADMIN: _l("administrator"),
    Role.TRANSLATOR: _l("translator"),
}


def work_roles(user: User) -> str:
    """The account's work roles as a list in words ("coordinator and translator"; "" for none)."""
    titles = [term("coordinator")] if Role.COORDINATOR in user.role_names else []
    titles += [str(WORK_ROLE_TITLES[r]) for r in sorted(user.role_names) if r in WORK_ROLE_TITLES]
    return join_list(titles)


def index() -> ResponseReturnValue:
    return render_template(
        "portal/index.html",
        cycle_steps=CYCLE_STEPS,
        public_events=event_rows(db.session, public_events(db.session)),
        kind_labels=KIND_LABELS,
        when=lambda moment: when(g.tenant, moment),
    )


def theme() -> ResponseReturnValue:
    """The network's colours as CSS custom properties (a file, so the CSP needs no inline style)."""
    branding = g.tenant.config.branding
    css = f":root {{ --brand: {branding.primary_color}; --accent: {branding.accent_color}; }}\n"
    response = Response(css, mimetype="text/css")
    response.headers["Cache-Control"] = "public, max-age=300"
    return response


def logo() -> ResponseReturnValue:
    """The network's logo, re-encoded when uploaded; the page links it with ?v=<its hash>."""
    found = current_logo(db.session, g.tenant)
    if found is None:
        raise NotFound()
    response = Response(found.content, mimetype="image/png")
    response.headers["Cache-Control"] = "public, max-age=86400"
    response.set_etag(found.sha256)
    return response.make_conditional(request)


def me() -> ResponseReturnValue:
    profiles = profiles_of(db.session, current_user)
    return render_template(
        "portal/me.html",
        user=current_user,
        work_roles=work_roles(current_user),
        profiles=profiles,
        next_steps={p.id: next_step(p, g.tenant.config) for p in profiles},
        status_labels=STATUS_LABELS,
        pausable={p.id: p.can_move_to(ProfileStatus.PAUSED) for p in profiles},
        pairs=pair_panels(db.session, g.tenant, profiles),
        decline_reasons=DECLINE_REASON_TITLES,
        state_labels=STATE_LABELS,
        follow_ups=[o for p in profiles for o in due_follow_ups(db.session, p)],
        can_browse=any(
            REQUEST_MODES.get(p.role) == g.tenant.config.matching.mode
            and p.status is ProfileStatus.APPROVED
            for p in profiles
        ),
    )
