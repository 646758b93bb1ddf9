"""The staff's and the members' event pages, through the browser's requests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from flask import Flask

from event_data import EventFactory
from mentornet.core.types import utcnow
from mentornet.modules.accounts.models import Role
from mentornet.modules.events.listing import applicants_without_a_meeting
from mentornet.modules.events.models import (
    Audience,
    Event,
    EventKind,
    EventStatus,
    Registration,
    RegistrationState,
)
from mentornet.modules.outbox.models import OutboxMessage
from mentornet.modules.profiles.models import Profile, ProfileStatus
from mentornet.modules.tenants.operations import tenant_session

from helpers import (
    ProfileFactory,
    UserFactory,
    coordinator_client,
    csrf_token,
    member_client,
    post_form,
)

STAFF = "/denmark/staff/events"


def form(**overrides: str | list[str]) -> dict[str, str | list[str]]:
    values: dict[str, str | list[str]] = {
        "kind": "workshop",
        "audience": "members",
        "title_text_da": "Jobsøgning",
        "title_text_en": "Looking for work",
        "description_text_da": "Tag dit CV med.",
        "starts_at": "2030-03-08T18:30",
        "ends_at": "2030-03-08T20:00",
        "place": "Biblioteket, lokale 2",
        "languages": ["da", "en"],
        "capacity": "12",
    }
    return values | overrides


def stored_events(app: Flask, tenant: str = "denmark") -> list[Event]:
    with app.app_context(), tenant_session(tenant) as (session, _):
        events = list(session.scalars(sa.select(Event).order_by(Event.id)))
        for event in events:
            session.expunge(event)
        return events


def test_a_coordinator_creates_an_event_on_the_networks_clocks(
    app: Flask, make_user: UserFactory
) -> None:
    client = coordinator_client(app, make_user)
    response = post_form(client, f"{STAFF}/new", form())
    assert response.status_code == 303
    (event,) = stored_events(app)
    # 18:30 in Copenhagen in March (winter time, UTC+1) is 17:30 UTC.
    assert event.starts_at == datetime(2030, 3, 8, 17, 30, tzinfo=UTC)
    assert event.title == {"da": "Jobsøgning", "en": "Looking for work"}
    assert (event.kind, event.audience, event.capacity) == (
        EventKind.WORKSHOP,
        Audience.MEMBERS,
        12,
    )
    page = client.get(f"{STAFF}/{event.id}?lang=en").get_data(as_text=True)
    assert "Looking for work" in page and "Biblioteket, lokale 2" in page
    listing = client.get(f"{STAFF}?lang=en").get_data(as_text=True)
    assert "Looking for work" in listing and "0 of 12" in listing


def test_bad_input_is_named_by_field_and_nothing_is_saved(
    app: Flask, make_user: UserFactory
) -> None:
    client = coordinator_client(app, make_user)
    bad = {
        "title_text_da": ("", "This field is required."),
        "starts_at": ("8 March", "Enter a date and time like 2026-03-08 18:30."),
        "capacity": ("0", "Enter a number from 1 to 10000."),
        "online_link": ("javascript:alert(1)", "Enter a web address that starts with https://."),
        "kind": ("party", "Choose one of"),
        "place": ("Room\x00 2", "invisible control characters"),
    }
    for name, (value, message) in bad.items():
        response = post_form(client, f"{STAFF}/new?lang=en", form(**{name: value}))
        assert response.status_code == 400, name
        page = response.get_data(as_text=True)
        assert message in page, name
        assert 'id="field-' + name + '"' in page and 'aria-invalid="true"' in page
    refused = post_form(client, f"{STAFF}/new?lang=en", form(ends_at="2030-03-08T17:00"))
    assert refused.status_code == 422
    assert "The event must end after it starts." in refused.get_data(as_text=True)
    assert stored_events(app) == []


def test_members_may_not_open_the_staff_pages(
    app: Flask, make_user: UserFactory, make_event: EventFactory
) -> None:
    event = make_event()
    make_user("denmark", email="member@denmark.test")
    client = member_client(app, "denmark", "member@denmark.test")
    assert client.get(STAFF).status_code == 403
    assert client.get(f"{STAFF}/{event.id}").status_code == 403
    token = csrf_token(client, "/denmark/me/")
    assert client.post(f"{STAFF}/{event.id}/cancel", data={"csrf_token": token}).status_code == 403
    assert stored_events(app)[0].status is EventStatus.SCHEDULED


def test_a_member_signs_up_sees_the_place_and_gets_her_calendar_file(
    app: Flask, make_user: UserFactory, make_event: EventFactory
) -> None:
    event = make_event(online_link="https://meet.example.org/abc")
    make_user("denmark", email="member@denmark.test")
    client = member_client(app, "denmark", "member@denmark.test")
    before = client.get("/denmark/me/events?lang=en").get_data(as_text=True)
    assert "Networking" in before and "Sign up" in before
    assert "Library, room 2" not in before and "meet.example.org" not in before
    assert client.get(f"/denmark/me/events/{event.id}.ics").status_code == 404
    response = post_form(
        client, "/denmark/me/events", {}, action=f"/denmark/me/events/{event.id}/register"
    )
    assert response.status_code == 303
    after = client.get("/denmark/me/events?lang=en").get_data(as_text=True)
    assert "Library, room 2" in after and "https://meet.example.org/abc" in after
    calendar = client.get(f"/denmark/me/events/{event.id}.ics")
    assert calendar.status_code == 200 and calendar.mimetype == "text/calendar"
    body = calendar.get_data(as_text=True)
    assert f"UID:event-{event.id}@" in body and "METHOD:PUBLISH" in body
    again = post_form(
        client, "/denmark/me/events", {}, action=f"/denmark/me/events/{event.id}/register"
    )
    assert again.status_code == 303
    assert "You have already signed up" in client.get("/denmark/me/events?lang=en").get_data(
        as_text=True
    )
    cancelled = post_form(
        client, "/denmark/me/events", {}, action=f"/denmark/me/events/{event.id}/cancel"
    )
    assert cancelled.status_code == 303
    with app.app_context(), tenant_session("denmark") as (session, _):
        (registration,) = session.scalars(sa.select(Registration))
        assert registration.state is RegistrationState.CANCELLED


def test_an_event_for_mentors_is_not_offered_to_a_mentee(
    app: Flask, make_event: EventFactory, make_profile: ProfileFactory
) -> None:
    event = make_event(audience=Audience.MENTORS)
    make_profile("denmark", "mentee", status=ProfileStatus.APPROVED, email="e@x.org")
    client = member_client(app, "denmark", "e@x.org")
    assert "Networking" not in client.get("/denmark/me/events?lang=en").get_data(as_text=True)
    post_form(client, "/denmark/me/events", {}, action=f"/denmark/me/events/{event.id}/register")
    with app.app_context(), tenant_session("denmark") as (session, _):
        assert session.scalar(sa.select(sa.func.count(Registration.id))) == 0


def test_the_public_portal_lists_information_meetings_without_their_place(
    app: Flask, make_event: EventFactory
) -> None:
    make_event(kind=EventKind.INFORMATION_MEETING, audience=Audience.APPLICANTS)
    make_event(audience=Audience.MENTORS, title={"da": "Kun mentorer", "en": "Mentors only"})
    make_event("morocco", title={"ar": "لقاء", "fr": "Rencontre marocaine"})
    page = app.test_client().get("/denmark/?lang=en").get_data(as_text=True)
    assert "Networking" in page
    assert "Library, room 2" not in page
    assert "Mentors only" not in page and "Rencontre marocaine" not in page


def test_one_tap_attendance_and_cancelling_the_event(
    app: Flask, make_user: UserFactory, make_event: EventFactory, make_profile: ProfileFactory
) -> None:
    event = make_event(kind=EventKind.INFORMATION_MEETING, audience=Audience.APPLICANTS)
    applicant = make_profile("denmark", "mentee", email="a@x.org")
    member = member_client(app, "denmark", "a@x.org")
    post_form(member, "/denmark/me/events", {}, action=f"/denmark/me/events/{event.id}/register")
    client = coordinator_client(app, make_user)
    page = client.get(f"{STAFF}/{event.id}?lang=en").get_data(as_text=True)
    assert "Came" in page and "Did not come" in page
    with app.app_context(), tenant_session("denmark") as (session, _):
        registration_id = session.scalars(sa.select(Registration.id)).one()
    action = f"{STAFF}/{event.id}/registrations/{registration_id}/attendance"
    bad = post_form(client, f"{STAFF}/{event.id}", {"attended": "perhaps"}, action=action)
    assert bad.status_code == 303
    marked = post_form(client, f"{STAFF}/{event.id}", {"attended": "true"}, action=action)
    assert marked.status_code == 303
    with app.app_context(), tenant_session("denmark") as (session, _):
        assert session.get(Registration, registration_id).state is RegistrationState.ATTENDED  # type: ignore[union-attr]
        assert session.get(Profile, applicant.id).status is ProfileStatus.INFO_MEETING  # type: ignore[union-attr]
    post_form(client, f"{STAFF}/{event.id}", {}, action=f"{STAFF}/{event.id}/cancel")
    with app.app_context(), tenant_session("denmark") as (session, _):
        assert session.get(Event, event.id).status is EventStatus.CANCELLED  # type: ignore[union-attr]
        sent = session.scalars(
            sa.select(OutboxMessage).where(OutboxMessage.kind == "event_cancelled")
        ).all()
        assert [m.recipient for m in sent] == ["a@x.org"]


def test_the_arabic_pages_render_right_to_left(
    app: Flask, make_user: UserFactory, make_event: EventFactory
) -> None:
    make_event("morocco", title={"ar": "ورشة التمويل", "fr": "Atelier financement"})
    client = coordinator_client(app, make_user, "morocco")
    staff_page = client.get("/morocco/staff/events?lang=ar").get_data(as_text=True)
    assert 'dir="rtl"' in staff_page and "ورشة التمويل" in staff_page
    assert "الفعاليات" in staff_page or "فعاليات" in staff_page
    new_page = client.get("/morocco/staff/events/new?lang=ar")
    assert new_page.status_code == 200
    make_user("morocco", email="member@morocco.test", roles=(Role.MEMBER,))
    member = member_client(app, "morocco", "member@morocco.test")
    mine = member.get("/morocco/me/events?lang=ar").get_data(as_text=True)
    assert 'dir="rtl"' in mine and "ورشة التمويل" in mine


def test_registration_that_closed_shows_no_button(
    app: Flask, make_user: UserFactory, make_event: EventFactory
) -> None:
    soon = utcnow() + timedelta(days=1)
    make_event(registration_opens_at=soon, registration_closes_at=soon + timedelta(days=1))
    make_user("denmark", email="member@denmark.test")
    client = member_client(app, "denmark", "member@denmark.test")
    page = client.get("/denmark/me/events?lang=en").get_data(as_text=True)
    assert "Networking" in page and "Registration opens" in page and "Sign up" not in page


def test_editing_shows_the_stored_times_on_the_networks_clocks_and_raises_the_sequence(
    app: Flask, make_user: UserFactory
) -> None:
    client = coordinator_client(app, make_user)
    post_form(client, f"{STAFF}/new", form())
    (event,) = stored_events(app)
    page = client.get(f"{STAFF}/{event.id}/edit?lang=en").get_data(as_text=True)
    assert 'value="2030-03-08T18:30"' in page and 'value="Jobsøgning"' in page
    refused = post_form(client, f"{STAFF}/{event.id}/edit?lang=en", form(capacity="abc"))
    assert refused.status_code == 400 and "Enter a whole number." in refused.get_data(as_text=True)
    saved = post_form(
        client,
        f"{STAFF}/{event.id}/edit",
        form(starts_at="2030-07-01T09:00", ends_at="2030-07-01T10:00"),
    )
    assert saved.status_code == 303
    (changed,) = stored_events(app)
    # Summer time in Copenhagen: UTC+2.
    assert changed.starts_at == datetime(2030, 7, 1, 7, 0, tzinfo=UTC)
    assert (changed.sequence, changed.capacity) == (1, 12)


def test_coordinators_see_the_applicants_who_have_not_picked_an_information_meeting(
    app: Flask,
    make_user: UserFactory,
    make_event: EventFactory,
    make_profile: ProfileFactory,
) -> None:
    meeting = make_event(kind=EventKind.INFORMATION_MEETING, audience=Audience.APPLICANTS)
    make_event(kind=EventKind.WORKSHOP, audience=Audience.MEMBERS)
    make_profile("denmark", "mentee", ProfileStatus.APPLIED, email="booked@x.org")
    make_profile("denmark", "mentor", ProfileStatus.APPLIED, email="waiting@x.org")
    make_profile("denmark", "mentee", ProfileStatus.APPROVED, email="approved@x.org")
    make_profile("morocco", "mentee", ProfileStatus.APPLIED, email="moroccan@x.org")
    booked_client = member_client(app, "denmark", "booked@x.org")
    post_form(
        booked_client, "/denmark/me/events", {}, action=f"/denmark/me/events/{meeting.id}/register"
    )
    page = coordinator_client(app, make_user).get(f"{STAFF}?lang=en").get_data(as_text=True)
    section = page.split("Applicants without an information meeting", 1)[1]
    assert "1 applicant has not picked" in section
    assert "waiting@x.org" not in section  # names, not addresses
    with app.app_context(), tenant_session("denmark") as (session, _):
        assert [email for _p, _name, email in applicants_without_a_meeting(session)] == [
            "waiting@x.org"
        ]


def test_a_weekly_series_keeps_the_time_on_the_networks_clocks_across_summer_time(
    app: Flask, make_user: UserFactory
) -> None:
    client = coordinator_client(app, make_user)
    response = post_form(
        client,
        f"{STAFF}/new",
        form(
            starts_at="2030-03-19T18:30",
            ends_at="2030-03-19T20:00",
            repeat="weekly",
            occurrences="3",
        ),
    )
    assert response.status_code == 303
    events = stored_events(app)
    # Copenhagen moves to summer time on 31 March 2030: 17:30 UTC, then 16:30 UTC.
    assert [e.starts_at for e in events] == [
        datetime(2030, 3, 19, 17, 30, tzinfo=UTC),
        datetime(2030, 3, 26, 17, 30, tzinfo=UTC),
        datetime(2030, 4, 2, 16, 30, tzinfo=UTC),
    ]
    assert len({e.id for e in events}) == 3 and stored_events(app, "morocco") == []


def test_a_monthly_series_and_bad_series_input_save_nothing(
    app: Flask, make_user: UserFactory
) -> None:
    client = coordinator_client(app, make_user)
    for bad, status in (
        ({"repeat": "daily", "occurrences": "3"}, 400),
        ({"repeat": "weekly", "occurrences": "53"}, 400),
        ({"repeat": "weekly", "occurrences": "1"}, 422),
        ({"repeat": "none", "occurrences": "4"}, 422),
        (
            {
                "repeat": "monthly",
                "occurrences": "2",
                "starts_at": "2030-01-31T18:30",
                "ends_at": "2030-01-31T20:00",
            },
            422,
        ),
    ):
        response = post_form(client, f"{STAFF}/new?lang=en", form(**bad))
        assert response.status_code == status, bad
    assert stored_events(app) == []
    monthly = post_form(client, f"{STAFF}/new", form(repeat="monthly", occurrences="2"))
    assert monthly.status_code == 303
    assert [e.starts_at.month for e in stored_events(app)] == [3, 4]
