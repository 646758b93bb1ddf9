"""An event's times: stored in UTC, entered and shown in the network's own time zone."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from flask_babel import format_datetime

from mentornet.modules.tenants.models import Tenant


def zone(tenant: Tenant) -> ZoneInfo:
    return ZoneInfo(tenant.config.timezone)


def to_utc(tenant: Tenant, wall_clock: datetime) -> datetime:
    """A time read off the network's clocks (naive, as a form gives it) as a UTC moment.

    A wall-clock time that happens twice when clocks go back is taken the first time (fold 0);
    one that does not exist when they go forward is moved on by the gap, as zoneinfo does.
    """
    return wall_clock.replace(tzinfo=zone(tenant)).astimezone(UTC)


def local(tenant: Tenant, moment: datetime) -> datetime:
    """A stored moment on the network's clocks."""
    return moment.astimezone(zone(tenant))


def form_value(tenant: Tenant, moment: datetime | None) -> str:
    """A moment as an <input type="datetime-local"> shows it, on the network's clocks."""
    return local(tenant, moment).strftime("%Y-%m-%dT%H:%M") if moment else ""


def when(tenant: Tenant, moment: datetime, format: str = "medium") -> str:
    """A moment in words in the reader's language, on the network's clocks."""
    return str(format_datetime(local(tenant, moment), format, rebase=False))
