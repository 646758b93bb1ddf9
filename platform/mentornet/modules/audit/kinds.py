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
    "translation_override_saved": lazy_pgettext("audit kind", "Wording of a core text changed"),
    "translation_override_reverted": lazy_pgettext("audit kind", "Wording of a core text reverted"),
}


def kind_title(code: str) -> str:
    """The kind's title in the current locale, or the code itself for a kind without one."""
    title = KIND_TITLES.get(code)
    return str(title) if title is not None else code
