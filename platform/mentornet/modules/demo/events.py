"""The demo's coming events (data/events.toml), made and joined through the events operations."""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from mentornet.modules.accounts.models import User
from mentornet.modules.demo.tables import read_table
from mentornet.modules.events.audiences import audiences_of
from mentornet.modules.events.models import Audience, EventKind
from mentornet.modules.events.operations import create_event, register
from mentornet.modules.events.times import local, to_utc
from mentornet.modules.profiles.models import Profile
from mentornet.modules.tenants.models import Tenant


def make_events(
    session: Session, tenant: Tenant, coordinator: User, now: datetime, seed: int
) -> int:
    """The network's coming events, each with sign-ups (a waiting list where it is full)."""
    rng = random.Random(f"{seed}/{tenant.slug}/events")  # noqa: S311  (demo data, not secrets)
    people = _people_by_audience(session)
    made = 0
    for spec in read_table("events").get(tenant.slug, []):
        event = create_event(session, tenant, _data(tenant, spec, now), actor=coordinator)
        candidates = list(people.get(event.audience, []))
        rng.shuffle(candidates)
        candidates.sort(key=lambda user: not user.email.startswith("mentee@"))
        for user in candidates[: spec["signups"]]:
            register(session, tenant, event, user)
        made += 1
    return made


def _data(tenant: Tenant, spec: dict[str, Any], now: datetime) -> dict[str, Any]:
    day = local(tenant, now + timedelta(days=spec["days"])).date()
    starts = to_utc(tenant, datetime.combine(day, time(spec["hour"])))
    return {
        "kind": EventKind(spec["kind"]),
        "audience": Audience(spec["audience"]),
        "title": {k: v for k, v in spec["title"].items() if k in tenant.locales},
        "description": {k: v for k, v in spec["description"].items() if k in tenant.locales},
        "starts_at": starts,
        "ends_at": starts + timedelta(hours=spec["hours"]),
        "place": spec["place"],
        "online_link": spec.get("online_link", ""),
        "languages": spec["languages"],
        "capacity": spec["capacity"],
        "registration_opens_at": None,
        "registration_closes_at": None,
        "cancellation_deadline": starts - timedelta(days=1),
    }


def _people_by_audience(session: Session) -> dict[Audience, list[User]]:
    """The network's active members, by each audience they belong to (in id order)."""
    profiles: dict[int, list[Profile]] = {}
    for profile in session.scalars(sa.select(Profile).order_by(Profile.id)):
        profiles.setdefault(profile.user_id, []).append(profile)
    found: dict[Audience, list[User]] = {}
    for user in session.scalars(sa.select(User).where(User.active.is_(True)).order_by(User.id)):
        if user.id not in profiles:
            continue  # a staff account: the demo's sign-ups are members'
        for audience in audiences_of(profiles[user.id]):
            found.setdefault(audience, []).append(user)
    return found
