"""Members find each other: a mentor browses mentees, or a mentee mentors, as the network's mode says.

Cards are privacy-reduced (mentorships.cards), ranked by the matching scorer; a request goes to the
one asked (mentorships.operations.request_match).
"""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.exceptions import NotFound

from mentornet.extensions import db
from mentornet.modules.matching import operations
from mentornet.modules.matching.explain import reasons
from mentornet.modules.mentorships import operations as pairs
from mentornet.modules.mentorships.cards import card_for
from mentornet.modules.mentorships.operations import REQUEST_MODES
from mentornet.modules.profiles.models import Profile, ProfileRole, ProfileStatus
from mentornet.modules.profiles.operations import profiles_of
from mentornet.web.boundary import refusal_goes_to


def _browsing_profile() -> Profile:
    """The member's approved profile whose role may browse in this network's mode."""
    mode = g.tenant.config.matching.mode
    for profile in profiles_of(db.session, current_user):
        if REQUEST_MODES.get(profile.role) == mode and profile.status is ProfileStatus.APPROVED:
            return profile
    raise NotFound()


def browse() -> ResponseReturnValue:
    profile = _browsing_profile()
    is_mentor = profile.role is ProfileRole.MENTOR
    rank = operations.ranked_mentees_for if is_mentor else operations.suggestions_for
    cards = [
        (
            card_for(db.session, g.tenant, s.profile, to_partner=False),
            s.score,
            reasons(s.contributions),
        )
        for s in rank(db.session, g.tenant, profile)
    ]
    return render_template(
        "matching/browse.html",
        cards=cards,
        browsing_role=profile.role,
        open_pair=pairs.open_mentorship_of(db.session, profile)
        if profile.role is ProfileRole.MENTEE
        else None,
    )


def request_match(profile_id: int) -> ResponseReturnValue:
    requester = _browsing_profile()
    target = db.session.get(Profile, profile_id)
    if target is None or target.role is requester.role:
        abort(404)
    refusal_goes_to(url_for("matching.browse"))
    pairs.request_match(db.session, g.tenant, requester, target, actor=current_user)
    flash(_("Your request has been sent."), "success")
    return redirect(url_for("portal.me"))
