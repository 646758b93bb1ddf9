"""The network's figures: members, origins, ages, completed pairs and "found a job".

Every query aggregates in SQL on the session's tenant; only small grouped rows reach Python.
Who counts as a member: a profile approved into the network that is waiting in the pool, matched
or an alumna (approved, matched, alumni). Applicants still in intake, paused, withdrawn and
rejected profiles are not members.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from mentornet.core.i18n import country_name
from mentornet.core.types import utcnow
from mentornet.modules.events.models import (
    Event,
    EventKind,
    EventStatus,
    Registration,
    RegistrationState,
)
from mentornet.modules.mentorships.cycle_models import (
    JOB_SITUATIONS,
)
from mentornet.modules.mentorships.models import Mentorship, State
from mentornet.modules.mentorships.outcomes import goal_outcome_columns
from mentornet.modules.profiles.models import Profile, ProfileRole, ProfileStatus
from mentornet.modules.profiles.situations import Situation
from mentornet.modules.reports.ages import AgeBand, AgeSummary, summarise_ages
from mentornet.modules.reports.models import DashboardSnapshot
from mentornet.modules.tenants.models import Tenant

S = ProfileStatus
MEMBER_STATUSES = frozenset({S.APPROVED, S.MATCHED, S.ALUMNI})
APPLYING_STATUSES = frozenset({S.APPLIED, S.INFO_MEETING, S.INTERVIEWED})


@dataclass(frozen=True)
class RoleCounts:
    role: ProfileRole
    members: int  # approved, matched or alumni
    matched: int  # of the members, those in a mentorship now
    applying: int  # applied, information meeting or interviewed


@dataclass(frozen=True)
class CountryCount:
    code: str | None  # None: not given (no answer, or no consent to keep it)
    name: str
    count: int


@dataclass(frozen=True)
class YearCount:
    year: int
    completed: int
    successful: int


@dataclass(frozen=True)
class CompletedPairs:
    total: int
    successful: int  # at least one goal achieved (Mentorship.success)
    by_year: list[YearCount]  # newest year first, by the year the pair closed


@dataclass(frozen=True)
class GoalOutcome:
    """Among mentees who had a goal of this kind in an ended mentorship, how many reached it."""

    wanted: int  # the denominator: mentees whose plan had such a goal
    reached: int  # of those, with a closing or follow-up situation that counts

    @property
    def share(self) -> float | None:
        return self.reached / self.wanted if self.wanted else None


@dataclass(frozen=True)
class EventYear:
    """The events of one kind held in one calendar year (ended, not cancelled)."""

    kind: EventKind
    year: int
    held: int
    registrations: int  # places taken at the end: came, did not come, or not marked
    attended: int
    no_shows: int
    reached: int  # distinct people who came
    mentees_reached: int  # of those, with a mentee profile
    mentors_reached: int  # of those, with a mentor profile

    @property
    def attendance_rate(self) -> float | None:
        """Of the people marked, the share who came (unmarked places are left out)."""
        marked = self.attended + self.no_shows
        return self.attended / marked if marked else None

    @property
    def no_show_rate(self) -> float | None:
        marked = self.attended + self.no_shows
        return self.no_shows / marked if marked else None


@dataclass(frozen=True)
class Dashboard:
    members: list[RoleCounts]
    countries: list[CountryCount]
    ages: dict[ProfileRole, AgeSummary]
    pairs: CompletedPairs
    found_job: GoalOutcome
    events: list[EventYear]


def members_by_role(session: Session) -> list[RoleCounts]:
    rows = session.execute(
        sa.select(Profile.role, Profile.status, sa.func.count()).group_by(
            Profile.role, Profile.status
        )
    )
    counts: dict[ProfileRole, dict[ProfileStatus, int]] = defaultdict(dict)
    for role, status, count in rows:
        counts[role][status] = count
    return [
        RoleCounts(
            role=role,
            members=sum(counts[role].get(status, 0) for status in MEMBER_STATUSES),
            matched=counts[role].get(S.MATCHED, 0),
            applying=sum(counts[role].get(status, 0) for status in APPLYING_STATUSES),
        )
        for role in (ProfileRole.MENTEE, ProfileRole.MENTOR)
    ]


def countries_of_origin(
    session: Session, role: ProfileRole = ProfileRole.MENTEE
) -> list[CountryCount]:
    """Members of this role per country of origin, most first; names in the reader's language."""
    rows = session.execute(
        sa.select(Profile.country_of_origin, sa.func.count())
        .where(Profile.role == role, Profile.status.in_(MEMBER_STATUSES))
        .group_by(Profile.country_of_origin)
    )
    countries = [
        CountryCount(code, country_name(code) if code else str(_l("Not given")), count)
        for code, count in rows
    ]
    # Most first; "not given" comes last, whatever its count.
    return sorted(countries, key=lambda c: (c.code is None, -c.count, c.name))


def ages_by_role(session: Session, *, year: int | None = None) -> dict[ProfileRole, AgeSummary]:
    """Members' ages in whole years as of this year, from the year of birth."""
    year = year or datetime.now(UTC).year
    rows = session.execute(
        sa.select(Profile.role, Profile.birth_year, sa.func.count())
        .where(Profile.status.in_(MEMBER_STATUSES), Profile.birth_year.is_not(None))
        .group_by(Profile.role, Profile.birth_year)
    )
    by_age: dict[ProfileRole, dict[int, int]] = {role: {} for role in ProfileRole}
    for role, birth_year, count in rows:
        if birth_year is not None:  # filtered out above; this tells the type checker
            by_age[role][year - birth_year] = count
    return {role: summarise_ages(by_age[role]) for role in (ProfileRole.MENTEE, ProfileRole.MENTOR)}


def completed_pairs(session: Session) -> CompletedPairs:
    """Pairs that completed the cycle, all time and per calendar year of closing."""
    year = sa.extract("year", Mentorship.closed_at)
    rows = session.execute(
        sa.select(
            year,
            sa.func.count(),
            sa.func.coalesce(sa.func.sum(sa.case((Mentorship.success.is_(True), 1), else_=0)), 0),
        )
        .where(Mentorship.state == State.COMPLETED, Mentorship.closed_at.is_not(None))
        .group_by(year)
        .order_by(year.desc())
    ).all()
    by_year = [YearCount(int(y), int(done), int(good)) for y, done, good in rows]
    return CompletedPairs(
        total=sum(y.completed for y in by_year),
        successful=sum(y.successful for y in by_year),
        by_year=by_year,
    )


def goal_outcome(
    session: Session, tenant: Tenant, kind: str, situations: frozenset[Situation]
) -> GoalOutcome:
    """Mentees of ended mentorships whose plan had a goal of this kind (the catalogue's "outcome"),
    and how many of them were, at closing or at a follow-up, in one of these situations."""
    keys = [goal.key for goal in tenant.config.goals if goal.outcome == kind]
    if not keys:
        return GoalOutcome(0, 0)
    wanted_count, reached_count, ended_with_goal = goal_outcome_columns(keys, situations)
    wanted, reached = session.execute(
        sa.select(wanted_count, reached_count).where(ended_with_goal)
    ).one()
    return GoalOutcome(int(wanted), int(reached))


def found_a_job(session: Session, tenant: Tenant) -> GoalOutcome:
    """At least 4 in 10 mentees who want a job find one (docs/architecture.md): the network's figure."""
    return goal_outcome(session, tenant, "job", JOB_SITUATIONS)


def event_figures(session: Session, now: datetime | None = None) -> list[EventYear]:
    """Per kind and calendar year of the start, the events held and who came: one grouped
    query (the newest year first)."""
    year = sa.extract("year", Event.starts_at)
    came = Registration.state == RegistrationState.ATTENDED
    role_of = {
        role: Registration.user_id.in_(sa.select(Profile.user_id).where(Profile.role == role))
        for role in (ProfileRole.MENTEE, ProfileRole.MENTOR)
    }
    rows = session.execute(
        sa.select(
            Event.kind,
            year,
            sa.func.count(sa.distinct(Event.id)),
            sa.func.count(
                sa.case(
                    (
                        Registration.state.in_(
                            (
                                RegistrationState.REGISTERED,
                                RegistrationState.ATTENDED,
                                RegistrationState.NO_SHOW,
                            )
                        ),
                        1,
                    )
                )
            ),
            sa.func.count(sa.case((came, 1))),
            sa.func.count(sa.case((Registration.state == RegistrationState.NO_SHOW, 1))),
            sa.func.count(sa.distinct(sa.case((came, Registration.user_id)))),
            sa.func.count(
                sa.distinct(sa.case((came & role_of[ProfileRole.MENTEE], Registration.user_id)))
            ),
            sa.func.count(
                sa.distinct(sa.case((came & role_of[ProfileRole.MENTOR], Registration.user_id)))
            ),
        )
        .select_from(Event)
        .outerjoin(Registration, Registration.event_id == Event.id)
        .where(Event.status == EventStatus.SCHEDULED, Event.ends_at <= (now or _now()))
        .group_by(Event.kind, year)
        .order_by(year.desc(), Event.kind)
    ).all()
    return [EventYear(kind, int(y), *(int(value) for value in values)) for kind, y, *values in rows]


def _now() -> datetime:
    return datetime.now(UTC)


def dashboard(session: Session, tenant: Tenant) -> Dashboard:
    return Dashboard(
        members=members_by_role(session),
        countries=countries_of_origin(session),
        ages=ages_by_role(session),
        pairs=completed_pairs(session),
        found_job=found_a_job(session, tenant),
        events=event_figures(session),
    )


@dataclass(frozen=True)
class CachedDashboard:
    figures: Dashboard
    computed_at: datetime


def cached_dashboard(session: Session, tenant: Tenant, *, max_age: int) -> CachedDashboard:
    """The dashboard as last computed for this network, computed again (and kept for the other
    workers) when older than max_age seconds. Country names are in the reader's language."""
    now = utcnow()
    snapshot = session.scalar(sa.select(DashboardSnapshot))
    if snapshot is not None and now - snapshot.computed_at <= timedelta(seconds=max_age):
        return CachedDashboard(_from_json(snapshot.figures), snapshot.computed_at)
    figures = dashboard(session, tenant)
    if snapshot is None:
        try:
            with session.begin_nested():  # another worker may have written the row meanwhile
                session.add(DashboardSnapshot(computed_at=now, figures=_to_json(figures)))
        except sa.exc.IntegrityError:
            pass
    else:
        snapshot.computed_at, snapshot.figures = now, _to_json(figures)
        session.flush()
    return CachedDashboard(figures, now)


def _to_json(figures: Dashboard) -> dict[str, Any]:
    return {
        "members": [
            {
                "role": c.role.value,
                "members": c.members,
                "matched": c.matched,
                "applying": c.applying,
            }
            for c in figures.members
        ],
        "countries": [{"code": c.code, "count": c.count} for c in figures.countries],
        "ages": {role.value: asdict(summary) for role, summary in figures.ages.items()},
        "pairs": asdict(figures.pairs),
        "found_job": asdict(figures.found_job),
        "events": [{**asdict(e), "kind": e.kind.value} for e in figures.events],
    }


def _from_json(data: dict[str, Any]) -> Dashboard:
    countries = [
        CountryCount(
            c["code"], country_name(c["code"]) if c["code"] else str(_l("Not given")), c["count"]
        )
        for c in data["countries"]
    ]
    pairs = data["pairs"]
    return Dashboard(
        members=[
            RoleCounts(ProfileRole(c["role"]), c["members"], c["matched"], c["applying"])
            for c in data["members"]
        ],
        countries=sorted(countries, key=lambda c: (c.code is None, -c.count, c.name)),
        ages={
            ProfileRole(role): AgeSummary(
                summary["count"],
                summary["youngest"],
                summary["oldest"],
                summary["median"],
                [AgeBand(**band) for band in summary["bands"]],
            )
            for role, summary in data["ages"].items()
        },
        pairs=CompletedPairs(
            pairs["total"], pairs["successful"], [YearCount(**y) for y in pairs["by_year"]]
        ),
        found_job=GoalOutcome(**data["found_job"]),
        # A snapshot kept before the events figures existed has none: they come at its refresh.
        events=[EventYear(**{**e, "kind": EventKind(e["kind"])}) for e in data.get("events", [])],
    )
