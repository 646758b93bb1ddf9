"""Write a planned demo network in bulk: one multi-row INSERT per table, ids read back in order.

Going through the per-object operations (a password hash and a flush per row) would take minutes
for thousands of members; the plan already obeys every rule the operations check (replay.py), and
the database's own constraints (one open pair per mentee, places within capacity, composite
foreign keys) check the result again as it is inserted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from mentornet.modules.accounts.models import Role, User, UserRole
from mentornet.modules.demo.plan import MENTEE, MENTOR, SELF, STAFF, DemoNetwork, DemoPair
from mentornet.modules.demo.planner import profile_data
from mentornet.modules.matching.operations import contribution_record
from mentornet.modules.matching.scoring import MatchingConfig, explain
from mentornet.modules.mentorships.cycle_models import (
    Activity,
    CheckIn,
    Meeting,
    Outcome,
    OutcomeStage,
    PlanGoal,
)
from mentornet.modules.mentorships.models import Mentorship, MentorshipTransition, Origin
from mentornet.modules.profiles.models import Consent, InterviewNote, Profile, ProfileStatusChange
from mentornet.modules.profiles.operations import PRIVACY, SENSITIVE
from mentornet.modules.tenants.models import Tenant

Progress = Callable[[str], None]
Row = dict[str, Any]


def insert(session: Session, model: type[Any], rows: list[Row], *, ids: bool = False) -> list[int]:
    """Insert the rows in bulk; with ids=True, return their new ids in the rows' order."""
    if not rows:
        return []
    if ids:
        statement = sa.insert(model).returning(model.id, sort_by_parameter_order=True)
        return list(session.scalars(statement, rows))
    session.execute(sa.insert(model), rows)
    return []


class Writer:
    """Turns plan indexes into database ids table by table, parents before children."""

    def __init__(
        self,
        session: Session,
        tenant: Tenant,
        network: DemoNetwork,
        staff_id: int,
        progress: Progress,
    ) -> None:
        self.session, self.tenant, self.network = session, tenant, network
        self.staff_id, self.progress = staff_id, progress
        self.users: list[int] = []
        self.profiles: list[int] = []
        self.pairs: list[int] = []

    def write(self, password_hash: str, config: MatchingConfig) -> None:
        self._users(password_hash)
        self.progress("users, roles and consents")
        self._profiles()
        self.progress("profiles, status histories and interview notes")
        self._pairs(config)
        self.progress("mentorships and their transitions")
        self._cycles()
        self.progress("plans, activities, meetings and check-ins")
        self._outcomes()
        self.progress("outcomes")

    def _row(self, **values: Any) -> Row:
        return {"tenant_id": self.tenant.id, **values}

    def _users(self, password_hash: str) -> None:
        users = self.network.users
        self.users = insert(
            self.session,
            User,
            [
                self._row(
                    email=u.email,
                    name=u.name,
                    password_hash=password_hash,
                    locale=u.locale,
                    active=True,
                    confirmed_at=u.created_at,
                    password_changed_at=u.created_at,
                    created_at=u.created_at,
                )
                for u in users
            ],
            ids=True,
        )
        roles = [self._row(user_id=user_id, role=Role.MEMBER) for user_id in self.users]
        insert(self.session, UserRole, roles)
        version = self.tenant.config.privacy.version
        consents = []
        for user_id, user in zip(self.users, users, strict=True):
            kinds = (PRIVACY, SENSITIVE) if user.consent_sensitive else (PRIVACY,)
            consents += [
                self._row(
                    user_id=user_id,
                    kind=kind,
                    version=version,
                    given_at=user.created_at,
                    withdrawn_at=None,
                )
                for kind in kinds
            ]
        insert(self.session, Consent, consents)

    def _profiles(self) -> None:
        rows = []
        for profile in self.network.profiles:
            first, last = profile.steps[0], profile.steps[-1]
            rows.append(
                self._row(
                    **profile.columns,
                    user_id=self.users[profile.user],
                    role=profile.role,
                    status=last.status,
                    places_taken=profile.places_taken,
                    created_at=first.at,
                    updated_at=last.at,
                    status_changed_at=last.at,
                )
            )
        self.profiles = insert(self.session, Profile, rows, ids=True)
        changes = [
            self._row(
                profile_id=self.profiles[index],
                from_status=step.previous,
                to_status=step.status,
                actor_id=self._actor(step.actor, self.users[profile.user]),
                reason=step.reason,
                created_at=step.at,
            )
            for index, profile in enumerate(self.network.profiles)
            for step in profile.steps
        ]
        insert(self.session, ProfileStatusChange, changes)
        notes = [
            self._row(
                profile_id=self.profiles[index], author_id=self.staff_id, text=text, created_at=at
            )
            for index, text, at in self.network.interview_notes
        ]
        insert(self.session, InterviewNote, notes)

    def _actor(self, actor: str | None, own: int, pair: DemoPair | None = None) -> int | None:
        if actor == SELF:
            return own
        if actor == STAFF:
            return self.staff_id
        if pair is not None and actor in (MENTEE, MENTOR):
            return self._user_of(pair.mentee if actor == MENTEE else pair.mentor)
        return None

    def _user_of(self, profile_index: int) -> int:
        return self.users[self.network.profiles[profile_index].user]

    def _pairs(self, config: MatchingConfig) -> None:
        rows = [self._pair_row(pair, config) for pair in self.network.pairs]
        self.pairs = insert(self.session, Mentorship, rows, ids=True)
        transitions = []
        for pair_id, pair in zip(self.pairs, self.network.pairs, strict=True):
            previous = None
            for step in pair.steps:
                transitions.append(
                    self._row(
                        mentorship_id=pair_id,
                        from_state=previous,
                        to_state=step.state,
                        actor_id=self._actor(step.actor, self.staff_id, pair),
                        reason=step.reason,
                        note=step.note,
                        created_at=step.at,
                    )
                )
                previous = step.state
        insert(self.session, MentorshipTransition, transitions)

    def _pair_row(self, pair: DemoPair, config: MatchingConfig) -> Row:
        columns = dict(pair.columns)
        proposer = columns.pop("proposed_by")
        score, explanation = None, []
        if pair.origin in (Origin.COORDINATOR, Origin.BATCH):
            network = self.network
            contributions = explain(
                config, profile_data(network, pair.mentee), profile_data(network, pair.mentor)
            )
            score = round(sum(c.contribution for c in contributions), 4)
            explanation = [contribution_record(c) for c in contributions]
        return self._row(
            mentee_profile_id=self.profiles[pair.mentee],
            mentor_profile_id=self.profiles[pair.mentor],
            state=pair.state,
            origin=pair.origin,
            pinned=False,
            score=score,
            explanation=explanation,
            proposed_by_id=self._actor(proposer, self.staff_id, pair),
            mentee_evaluation=columns.pop("mentee_evaluation", None),
            mentor_evaluation=columns.pop("mentor_evaluation", None),
            mentee_rating=columns.pop("mentee_rating", None),
            mentor_rating=columns.pop("mentor_rating", None),
            mentee_reminded_at=None,
            mentor_reminded_at=None,
            created_at=pair.created_at,
            updated_at=pair.steps[-1].at,
            **columns,
        )

    def _cycles(self) -> None:
        goal_rows, owners = [], []
        for pair_id, pair in zip(self.pairs, self.network.pairs, strict=True):
            for goal in pair.goals:
                goal_rows.append(
                    self._row(
                        mentorship_id=pair_id,
                        goal_key=goal.key,
                        description=goal.description,
                        target_date=goal.target_date,
                        status=goal.status,
                    )
                )
                owners.append(goal)
        goal_ids = insert(self.session, PlanGoal, goal_rows, ids=True)
        activities = [
            self._row(goal_id=goal_id, title=title, due_date=due, done_at=done)
            for goal_id, goal in zip(goal_ids, owners, strict=True)
            for title, due, done in goal.activities
        ]
        insert(self.session, Activity, activities)
        meetings, check_ins = [], []
        position = 0
        for pair_id, pair in zip(self.pairs, self.network.pairs, strict=True):
            ids = goal_ids[position : position + len(pair.goals)]
            position += len(pair.goals)
            for meeting in pair.meetings:
                logged = dt.datetime.combine(meeting.held_on, dt.time(18, 0), dt.UTC)
                meetings.append(
                    self._row(
                        mentorship_id=pair_id,
                        held_on=meeting.held_on,
                        minutes=meeting.minutes,
                        mode=meeting.mode,
                        notes=meeting.notes,
                        goal_ids=[str(ids[i]) for i in meeting.goals],
                        logged_by_id=self._user_of(
                            pair.mentee if meeting.by_mentee else pair.mentor
                        ),
                        created_at=min(logged, self.network.now),
                    )
                )
            for entry in pair.check_ins:
                check_ins.append(
                    self._row(
                        mentorship_id=pair_id,
                        profile_id=self.profiles[pair.mentee if entry.by_mentee else pair.mentor],
                        rating=entry.rating,
                        text=entry.text,
                        contact_me=entry.contact_me,
                        handled_at=entry.handled_at,
                        created_at=entry.at,
                    )
                )
        insert(self.session, Meeting, meetings)
        insert(self.session, CheckIn, check_ins)

    def _outcomes(self) -> None:
        rows = [
            self._row(
                profile_id=self.profiles[o.profile],
                mentorship_id=self.pairs[o.pair] if o.pair is not None else None,
                stage=OutcomeStage(o.stage),
                months_after=o.months_after,
                due_on=o.due_on,
                situation=o.situation,
                occupation_code=o.occupation_code,
                note="",
                recorded_at=o.recorded_at,
                reminded_at=o.reminded_at,
                created_at=o.created_at,
            )
            for o in self.network.outcomes
        ]
        insert(self.session, Outcome, rows)
