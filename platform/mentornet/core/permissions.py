"""Who may call which route: one explicit table, enforced before every view (docs/security.md).

A route missing from the table is refused (fail closed), and tests/test_permissions.py fails for
every registered route that is not listed. Object-level checks (is this her own mentorship?) stay in
the views and operations; this table says which kinds of user may reach a route at all.
"""

from __future__ import annotations

import logging

from flask import abort, g, redirect, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

log = logging.getLogger(__name__)

PUBLIC = "public"
SIGNED_IN = "signed_in"  # any account of this tenant, whatever its roles
MEMBER = "member"
COORDINATOR = "coordinator"
ADMIN = "admin"
TRANSLATOR = "translator"

ANYONE = frozenset({PUBLIC})
ANY_ACCOUNT = frozenset({SIGNED_IN})
STAFF = frozenset({COORDINATOR, ADMIN})
ALL_ROLES = frozenset({MEMBER, COORDINATOR, ADMIN, TRANSLATOR})

ROUTE_PERMISSIONS: dict[str, frozenset[str]] = {
    # platform
    "static": ANYONE,
    "web.landing": ANYONE,
    "web.healthz": ANYONE,
    "web.readyz": ANYONE,
    # public portal
    "portal.index": ANYONE,
    "portal.theme": ANYONE,
    # accounts
    "accounts.login": ANYONE,
    "accounts.logout": ANY_ACCOUNT,
    "accounts.request_password_reset": ANYONE,
    "accounts.reset_password": ANYONE,
    "accounts.change_password": ANY_ACCOUNT,
    # member area
    "portal.me": ALL_ROLES,
    # intake and profiles
    "profiles.apply_mentee": ANYONE,
    "profiles.apply_mentor": ANYONE,
    "profiles.edit_profile": ANY_ACCOUNT,
    "profiles.pause_profile": ANY_ACCOUNT,
    "profiles.resume_profile": ANY_ACCOUNT,
    "profiles.applicants": STAFF,
    "profiles.applicant": STAFF,
    "profiles.change_status": STAFF,
    "profiles.add_note": STAFF,
    "profiles.import_profiles": STAFF,
    "profiles.list_profiles": STAFF,
    "profiles.create_profile": STAFF,
    # matching and the chemistry step
    "matching.console": STAFF,
    "matching.mentee_suggestions": STAFF,
    "matching.propose": STAFF,
    "matching.start_batch": STAFF,
    "matching.batch": STAFF,
    "matching.drafts": STAFF,
    "matching.publish_drafts": STAFF,
    "matching.discard_draft": STAFF,
    "matching.pin_draft": STAFF,
    "matching.withdraw": STAFF,
    "mentorships.answer": ANY_ACCOUNT,
    "mentorships.browse": ANY_ACCOUNT,
    "mentorships.request_match": ANY_ACCOUNT,
    # the cycle: the pair's own page (object checks in the views: only her own pair)
    "mentorships.my_mentorships": ANY_ACCOUNT,
    "mentorships.mentorship": ANY_ACCOUNT,
    "mentorships.add_goal": ANY_ACCOUNT,
    "mentorships.edit_goal": ANY_ACCOUNT,
    "mentorships.remove_goal": ANY_ACCOUNT,
    "mentorships.goal_status": ANY_ACCOUNT,
    "mentorships.add_activity": ANY_ACCOUNT,
    "mentorships.toggle_activity": ANY_ACCOUNT,
    "mentorships.remove_activity": ANY_ACCOUNT,
    "mentorships.confirm_plan": ANY_ACCOUNT,
    "mentorships.log_meeting": ANY_ACCOUNT,
    "mentorships.check_in": ANY_ACCOUNT,
    "mentorships.start_closing": ANY_ACCOUNT,
    "mentorships.evaluate": ANY_ACCOUNT,
    "mentorships.pairs": STAFF,
    "mentorships.pair": STAFF,
    "mentorships.end_early": STAFF,
    "mentorships.mark_handled": STAFF,
    "mentorships.follow_up": ANY_ACCOUNT,
    # staff console
    "staff.index": STAFF,
}


def enforce_permissions() -> ResponseReturnValue | None:
    """before_request: let the request through, send it to the login page, or refuse it."""
    endpoint = request.endpoint
    if endpoint is None:  # no route matched: the 404 handler answers
        return None
    allowed = ROUTE_PERMISSIONS.get(endpoint)
    if allowed is None:
        log.error("route %s is not in the permission table; refused", endpoint)
        abort(403)
    if PUBLIC in allowed:
        return None
    if not current_user.is_authenticated:
        if g.get("tenant") is None:
            abort(404)
        return redirect(url_for("accounts.login", next=request.full_path.rstrip("?")))
    if SIGNED_IN not in allowed and not current_user.has_role(*allowed):
        abort(403)
    return None
