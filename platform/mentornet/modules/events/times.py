"""An event's times: stored in UTC, entered and shown in the network's own time zone."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Literal
from zoneinfo import ZoneInfo

from babel.dates import get_datetime_format

from mentornet.core.i18n import format_date, format_time, formatting_locale
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


_QUOTED = re.compile(r"'([^']*)'")
Length = Literal["full", "long", "medium", "short"]


def when(tenant: Tenant, moment: datetime, format: Length = "medium") -> str:
    """A moment in words in the reader's language, on the network's clocks: the date in
    `format` and the time to the minute, joined the way the language joins them."""
    wall_clock = local(tenant, moment)
    day = format_date(wall_clock, format, rebase=False)
    hour = format_time(wall_clock, "short", rebase=False)
    pattern = _QUOTED.sub(r"\1", str(get_datetime_format(format, formatting_locale())))
    return pattern.format(hour, day)
