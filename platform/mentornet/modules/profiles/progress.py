"""What a member should expect next, by profile status (shown on /<slug>/me/)."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

from mentornet.core.i18n import lazy_gendered as _lg
from mentornet.modules.profiles.models import Profile, ProfileRole, ProfileStatus
from mentornet.modules.tenants.config import TenantConfig

S = ProfileStatus


def next_step(profile: Profile, config: TenantConfig) -> Any:
    intake = config.intake
    if profile.status is S.APPLIED:
        if intake.information_meeting_required:
            return _lg(
                "Next: come to an information meeting about the network. We will invite you by e-mail."
            )
        return _lg("Next: a %(coordinator)s will contact you for a talk.")
    if profile.status is S.INFO_MEETING:
        if intake.interview_required:
            return _lg("Next: a talk with a %(coordinator)s about your wishes and goals.")
        return _lg("Next: the %(coordinators)s look at your application.")
    if profile.status is S.INTERVIEWED:
        return _lg(
            "Next: the %(coordinators)s look at your application. We will write to you soon."
        )
    if profile.status is S.APPROVED:
        if profile.role is ProfileRole.MENTEE:
            return _lg("You are approved. We are looking for a %(mentor)s who fits your goals.")
        return _lg("You are approved. We will propose a %(mentee)s to you.")
    if profile.status is S.MATCHED:
        return _lg("You have a match. Your %(mentorship)s is on this page.")
    if profile.status is S.PAUSED:
        return _l("Your profile is paused. You can resume it at any time.")
    if profile.status is S.ALUMNI:
        return _lg("Thank you for taking part! You are welcome to become a %(mentor)s yourself.")
    if profile.status is S.WITHDRAWN:
        return _l("Your application is withdrawn. Contact the network if you want to apply again.")
    return _l(
        "Your application was not accepted this time. Contact the network if you have questions."
    )
