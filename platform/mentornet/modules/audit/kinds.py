"""What each kind of audit entry (its `action` code) is called on the audit log viewer.

A code that is not listed here (a new kind, or one an older version wrote) is shown as its code.
"""

from __future__ import annotations

from flask_babel import LazyString, lazy_pgettext

KIND_TITLES: dict[str, LazyString] = {
    "sign_in": lazy_pgettext("audit kind", "Signed in"),
    "sign_in_failed": lazy_pgettext("audit kind", "Sign-in refused"),
    "password_changed": lazy_pgettext("audit kind", "Password changed"),
    "role_given": lazy_pgettext("audit kind", "Staff role given"),
    "role_taken": lazy_pgettext("audit kind", "Staff role taken away"),
    "account_deactivated": lazy_pgettext("audit kind", "Account deactivated"),
    "account_reactivated": lazy_pgettext("audit kind", "Account reactivated"),
    "account_erased": lazy_pgettext("audit kind", "Account erased"),
    "view_sensitive_profile": lazy_pgettext("audit kind", "Sensitive profile viewed"),
    "view_mentorship": lazy_pgettext("audit kind", "Mentorship viewed"),
    "contact_request_handled": lazy_pgettext("audit kind", "Request for contact handled"),
    "csv_import": lazy_pgettext("audit kind", "Profiles imported from CSV"),
    "api_read_profiles": lazy_pgettext("audit kind", "Profiles read through the API"),
    "api_create_profile": lazy_pgettext("audit kind", "Profile created through the API"),
    "data_viewed": lazy_pgettext("audit kind", "Own data viewed"),
    "data_exported": lazy_pgettext("audit kind", "Own data downloaded"),
    "consent_withdrawn": lazy_pgettext("audit kind", "Consent withdrawn"),
    "privacy_notice_published": lazy_pgettext("audit kind", "Privacy notice published"),
    "privacy_notice_accepted": lazy_pgettext("audit kind", "Privacy notice accepted"),
    "second_factor_enabled": lazy_pgettext("audit kind", "Authenticator app set up"),
    "second_factor_removed": lazy_pgettext("audit kind", "Authenticator app removed"),
    "second_factor_reset": lazy_pgettext("audit kind", "Authenticator app reset by the operators"),
    "second_factor_failed": lazy_pgettext("audit kind", "Wrong sign-in code"),
    "recovery_code_used": lazy_pgettext("audit kind", "Recovery code used"),
    "recovery_codes_renewed": lazy_pgettext("audit kind", "Recovery codes renewed"),
    "invitation_sent": lazy_pgettext("audit kind", "Staff invitation sent"),
    "invitation_accepted": lazy_pgettext("audit kind", "Staff invitation accepted"),
    "invitation_revoked": lazy_pgettext("audit kind", "Staff invitation revoked"),
    "logo_changed": lazy_pgettext("audit kind", "Logo changed"),
    "logo_removed": lazy_pgettext("audit kind", "Logo removed"),
    "create_event": lazy_pgettext("audit kind", "Event created"),
    "update_event": lazy_pgettext("audit kind", "Event changed"),
    "cancel_event": lazy_pgettext("audit kind", "Event cancelled"),
    "cancel_registration": lazy_pgettext("audit kind", "Place at an event given up"),
    "mark_attended": lazy_pgettext("audit kind", "Attendance marked"),
    "translation_override_saved": lazy_pgettext("audit kind", "Wording of a core text changed"),
    "translation_override_reverted": lazy_pgettext("audit kind", "Wording of a core text reverted"),
    "network_suspended": lazy_pgettext("audit kind", "Network suspended by an operator"),
    "network_resumed": lazy_pgettext("audit kind", "Network resumed by an operator"),
    "network_launched": lazy_pgettext("audit kind", "Network launched by an operator"),
}


def kind_title(code: str) -> str:
    """The kind's title in the current locale, or the code itself for a kind without one."""
    title = KIND_TITLES.get(code)
    return str(title) if title is not None else code
