"""URLs of the events module (under /<tenant_slug>): the staff's pages and the members'."""

from flask import Blueprint

from mentornet.core.permissions import ALL_ROLES, ANYONE, STAFF
from mentornet.modules.events.views import cancel_link, feed, member, staff

bp = Blueprint("events", __name__, template_folder="templates")

# Who may call each route (core/permissions.py); create_app merges this into the one table.
PERMISSIONS = {
    "events": STAFF,
    "new_event": STAFF,
    "staff_event": STAFF,
    "edit_event": STAFF,
    "cancel_event": STAFF,
    "mark_attendance": STAFF,
    "my_events": ALL_ROLES,
    "register": ALL_ROLES,
    "cancel_registration": ALL_ROLES,
    "calendar_file": ALL_ROLES,
    "renew_feed": ALL_ROLES,
    # Anonymous: a calendar app has no session; the secret token in the query is the key.
    "calendar_feed": ANYONE,
    # Anonymous: the e-mailed link's token, moved into the session, says whose place it is.
    "cancel_by_link": ANYONE,
    "offer_by_link": ANYONE,
    "accept_offer": ALL_ROLES,
}

bp.add_url_rule("/staff/events", view_func=staff.events)
bp.add_url_rule("/staff/events/new", view_func=staff.new_event, methods=["GET", "POST"])
bp.add_url_rule("/staff/events/<int:event_id>", view_func=staff.staff_event)
bp.add_url_rule(
    "/staff/events/<int:event_id>/edit", view_func=staff.edit_event, methods=["GET", "POST"]
)
bp.add_url_rule(
    "/staff/events/<int:event_id>/cancel", view_func=staff.cancel_event, methods=["POST"]
)
bp.add_url_rule(
    "/staff/events/<int:event_id>/registrations/<int:registration_id>/attendance",
    view_func=staff.mark_attendance,
    methods=["POST"],
)

bp.add_url_rule("/me/events", view_func=member.my_events)
bp.add_url_rule("/me/events/<int:event_id>/register", view_func=member.register, methods=["POST"])
bp.add_url_rule(
    "/me/events/<int:event_id>/cancel", view_func=member.cancel_registration, methods=["POST"]
)
bp.add_url_rule("/me/events/<int:event_id>.ics", view_func=member.calendar_file)
bp.add_url_rule("/me/events/feed", view_func=feed.renew_feed, methods=["POST"])
bp.add_url_rule("/calendar.ics", view_func=feed.calendar_feed)
bp.add_url_rule("/events/cancel", view_func=cancel_link.cancel_by_link, methods=["GET", "POST"])
bp.add_url_rule("/events/offer", view_func=cancel_link.offer_by_link, methods=["GET", "POST"])
bp.add_url_rule("/me/events/<int:event_id>/accept", view_func=member.accept_offer, methods=["POST"])
