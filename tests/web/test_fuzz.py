"""Junk on every route, as every role: never a server error, and a refusal changes nothing.

Every route of app.url_map is asked, as anonymous, a mentee in a running pair, a mentor with a
proposal to answer, a coordinator, an admin and a translator of Denmark, with Morocco's records present, with junk in the path (ids too
large for the database, digits that are not ASCII, NUL, 100,000 characters), in the query and in
the form fields (the same, lists where one value is expected), and with a valid CSRF token so that
forms are really processed. A request that is refused (4xx, or a redirect that flashes an error)
must leave every table as it was, and no control character may be stored anywhere. `test_every_route_as_every_role` walks all routes once with the
worst junk; `test_random_junk` lets hypothesis combine the rest (a few hundred requests).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict
from werkzeug.routing import Rule

from mentornet.core.db import Base
from mentornet.modules.accounts.models import Role, User
from mentornet.modules.matching.models import MatchingBatch
from mentornet.modules.mentorships import cycle
from mentornet.modules.mentorships.cycle_models import MeetingMode
from mentornet.modules.mentorships.operations import answer, propose
from mentornet.modules.profiles.models import Profile, ProfileStatus
from mentornet.modules.tenants.operations import tenant_session

from helpers import (
    PASSWORD,
    Database,
    ProfileFactory,
    UserFactory,
    csrf_token,
    ended_pair,
    every_row,
    table_digests,
)

# Written on purpose by requests that are refused: a read of sensitive data is audited, a login's
# last activity is kept, and a paused login tells the owner (with a reset link) before its 429.
WRITTEN_ON_PURPOSE = {"audit_entries", "login_sessions"}
WRITTEN_BY_A_PAUSE = {"outbox_messages", "password_reset_tokens"}
ROLES = ("anonymous", "mentee", "mentor", "coordinator", "admin", "translator")
HUGE = "9" * 25
JUNK = (
    HUGE,
    str(2**63),
    str(2**31),  # one more than a PostgreSQL integer holds
    "-1",
    "0",
    "²",
    "٣",
    "1e9",
    "a\x00b",
    "\x00",
    "\x1b[31m",
    "x" * 100_000,
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "../../etc/passwd",
    "%00",
    "\ud800".encode("utf-8", "surrogatepass").decode("utf-8", "replace"),
)
FORM_FIELDS = (
    "email", "password", "password_confirm", "current_password", "name", "text", "reason",
    "status", "mentor_id", "note", "draft", "answer", "reason_text", "goal_key", "description",
    "target_date", "title", "due_date", "held_on", "minutes", "mode", "notes", "goal_ids",
    "rating", "contact_me", "situation", "occupation_code", "birth_year", "languages-code",
    "languages-level", "goals", "consent_privacy", "consent_sensitive", "country_of_origin",
    "story", "city", "capacity", "availability", "shared_with_mentor", "q_sectors",
    "q_meeting_format", "q_years_in_denmark", "dry_run", "skip_bad_rows", "locale", "role",
)  # fmt: skip
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
QUERY_FIELDS = (
    "page", "state", "q", "attention", "role", "status", "waiting", "goal", "language", "lang",
    "next", "token", "_method", "tenant_slug", "_external", "_anchor",
)  # fmt: skip


@dataclass
class Network:
    """The records the routes take ids of, the people who sign in, and the figures of the run."""

    ids: dict[str, list[str]]
    emails: dict[str, str]
    clients: dict[str, FlaskClient] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)
    sent: int = 0
    logins: int = 0
    statuses: Counter[int] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)


def _stored_control_characters(database: Database) -> list[str]:
    """Every text column of every row that holds a control character (NUL, ESC, ...)."""
    found = []
    with every_row(database) as connection:
        for table in Base.metadata.sorted_tables:
            texts = [c for c in table.columns if isinstance(c.type, sa.String | sa.Text)]
            for row in connection.execute(sa.select(*texts)) if texts else []:
                found += [
                    f"{table.name}.{column.name}"
                    for column, value in zip(texts, row, strict=True)
                    if isinstance(value, str) and CONTROL.search(value)
                ]
    return sorted(set(found))


def _proposed_pair(app: Flask, make_profile: ProfileFactory) -> int:
    """A pair proposed to both, waiting for their answers."""
    approved = ProfileStatus.APPROVED
    mentee = make_profile("denmark", "mentee", approved, email="lina@example.org")
    mentor = make_profile("denmark", "mentor", approved, email="jens@example.org")
    with app.test_request_context("/denmark/"), tenant_session("denmark") as (session, network):
        her, them = session.get(Profile, mentee.id), session.get(Profile, mentor.id)
        assert her is not None and them is not None
        he = session.get(User, them.user_id)
        assert he is not None
        pair = propose(session, network, her, them, actor=he)
        session.commit()
        return pair.id


def _running_pair(app: Flask, make_profile: ProfileFactory) -> tuple[int, int, int]:
    """A pair at work, with a goal, an activity and a check-in: (mentorship, goal, activity)."""
    approved = ProfileStatus.APPROVED
    mentee = make_profile("denmark", "mentee", approved, email="sara@example.org")
    mentor = make_profile("denmark", "mentor", approved, email="ole@example.org")
    with app.test_request_context("/denmark/"), tenant_session("denmark") as (session, network):
        her, them = session.get(Profile, mentee.id), session.get(Profile, mentor.id)
        assert her is not None and them is not None
        she, he = session.get(User, her.user_id), session.get(User, them.user_id)
        assert she is not None and he is not None
        pair = propose(session, network, her, them, actor=he)
        answer(session, network, pair, her, yes=True, actor=she)
        answer(session, network, pair, them, yes=True, actor=he)
        cycle.start_planning(session, pair, actor=she)
        goal = cycle.add_goal(
            session, network, pair, goal_key="job", description="", target_date=None
        )
        activity = cycle.add_activity(session, pair, goal, title="CV", due_date=None)
        cycle.confirm_plan(session, pair, her, actor=she)
        cycle.confirm_plan(session, pair, them, actor=he)
        cycle.log_meeting(
            session, pair, held_on=dt.date.today(), minutes=60, mode=MeetingMode.IN_PERSON,
            notes="", goal_ids=[goal.id], actor=she,
        )  # fmt: skip
        cycle.check_in(session, pair, her, rating=3, text="Fint", contact_me=True)
        session.commit()
        return pair.id, goal.id, activity.id


@pytest.fixture
def network(app: Flask, make_user: UserFactory, make_profile: ProfileFactory) -> Iterator[Network]:
    ended, mentee_id = ended_pair(
        app, make_profile, mentee_email="amina@example.org", mentor_email="mette@example.org"
    )
    running, goal, activity = _running_pair(app, make_profile)
    proposed = _proposed_pair(app, make_profile)
    waiting = make_profile("denmark", "mentee", ProfileStatus.APPLIED, email="eva@example.org")
    moroccan = make_profile("morocco", "mentee", ProfileStatus.APPROVED, email="salma@example.org")
    for role in (Role.COORDINATOR, Role.ADMIN, Role.TRANSLATOR):
        make_user("denmark", email=f"{role.value}@example.org", roles=(role,))
    with app.app_context(), tenant_session("denmark") as (session, _):
        starter = session.scalar(sa.select(User.id).where(User.email == "coordinator@example.org"))
        batch = MatchingBatch(started_by_id=starter)
        session.add(batch)
        session.commit()
        outcomes = [str(i) for i in session.scalars(sa.text("SELECT id FROM outcomes"))]
        check_ins = [str(i) for i in session.scalars(sa.text("SELECT id FROM check_ins"))]
        batch_id = str(batch.id)
    pairs = [str(running), str(proposed), str(ended)]
    found = Network(
        ids={
            "profile_id": [str(waiting.id), str(mentee_id), str(moroccan.id)],
            "mentorship_id": pairs,
            "goal_id": [str(goal)],
            "activity_id": [str(activity)],
            "check_in_id": check_ins,
            "outcome_id": outcomes,
            "batch_id": [batch_id],
        },
        emails={
            "mentee": "sara@example.org",
            "mentor": "jens@example.org",
            "coordinator": "coordinator@example.org",
            "admin": "admin@example.org",
            "translator": "translator@example.org",
        },
    )
    yield found
    # The figures of the run (pytest -s shows them).
    print(f"\nfuzz: {found.sent} requests, {len(found.errors)} server errors")
    print(f"fuzz: statuses {sorted(found.statuses.items())}")


def _client(app: Flask, network: Network, role: str) -> tuple[FlaskClient, str]:
    """A signed-in client of the role and its CSRF token, made again after a request that may
    have ended or renewed the session."""
    if role not in network.clients:
        client = app.test_client()
        # Each login from an address of its own, so the login limits never stop the setup.
        network.logins += 1
        address = {"REMOTE_ADDR": f"10.9.{network.logins // 250}.{network.logins % 250}"}
        if role != "anonymous":
            token = csrf_token(client, "/denmark/login")
            data = {"csrf_token": token, "email": network.emails[role], "password": PASSWORD}
            signed_in = client.post("/denmark/login", data=data, environ_base=address)
            assert signed_in.status_code == 302, (role, signed_in.status_code)
        page = "/denmark/login" if role == "anonymous" else "/denmark/password/change"
        network.clients[role] = client
        network.tokens[role] = csrf_token(client, page)
    return network.clients[role], network.tokens[role]


def _path(rule: Rule, network: Network, junk: dict[str, str]) -> str:
    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if name == "tenant_slug":
            return "denmark"
        if name in junk:
            return quote(junk[name], safe="") or "0"
        return network.ids.get(name, ["1"])[0]

    return re.sub(r"<(?:\w+:)?(\w+)>", value, rule.rule)


def _refused_by_flash(client: FlaskClient) -> bool:
    """A redirect that flashed an error is a refusal too (refusal_goes_to); flashes are read and
    dropped, so the next request starts clean."""
    with client.session_transaction("/denmark/") as session:
        flashes = session.pop("_flashes", [])
    return any(category == "error" for category, _message in flashes)


SESSION_CHANGING = {"accounts.logout", "accounts.login", "accounts.change_password"}


def _send(
    app: Flask,
    database: Database,
    network: Network,
    role: str,
    rule: Rule,
    junk_path: dict[str, str],
    query: list[tuple[str, str]],
    form: list[tuple[str, Any]],
) -> None:
    client, token = _client(app, network, role)
    path = _path(rule, network, junk_path)
    methods = sorted((rule.methods or set()) & {"GET", "POST"})
    for method in methods:
        before = table_digests(database, WRITTEN_ON_PURPOSE)
        if method == "POST" and rule.endpoint == "profiles.create_profile":
            body: Any = dict(form) if form else [value for _name, value in query]
            response = client.post(
                path, query_string=MultiDict(query), json=body, headers={"X-CSRFToken": token}
            )
        elif method == "POST":
            data: list[tuple[str, Any]] = [("csrf_token", token), *form]
            if rule.endpoint == "profiles.import_profiles":
                data.append(("file", (io.BytesIO(str(dict(form)).encode()), "junk.csv")))
            response = client.post(path, query_string=MultiDict(query), data=MultiDict(data))
        else:
            response = client.get(path, query_string=MultiDict(query))
        network.sent += 1
        network.statuses[response.status_code] += 1
        if response.status_code >= 500:
            network.errors.append(f"{role} {method} {path} ?{query} {form!r:.300}")
        refused = response.status_code >= 400 or (
            300 <= response.status_code < 400 and _refused_by_flash(client)
        )
        if refused:
            skip = WRITTEN_ON_PURPOSE | (
                WRITTEN_BY_A_PAUSE if response.status_code == 429 else set()
            )
            after = table_digests(database, WRITTEN_ON_PURPOSE)
            changed = [t for t in before if t not in skip and before[t] != after[t]]
            assert changed == [], f"refused {role} {method} {path} changed {changed}"
        else:
            _refused_by_flash(client)
        if rule.endpoint in SESSION_CHANGING:
            network.clients.pop(role, None)


def _rules(app: Flask) -> list[Rule]:
    return sorted(app.url_map.iter_rules(), key=lambda rule: rule.rule)


def _worst(
    rule: Rule,
) -> Iterator[tuple[dict[str, str], list[tuple[str, str]], list[tuple[str, Any]]]]:
    names = re.findall(r"<int:(\w+)>", rule.rule)
    yield (dict.fromkeys(names, HUGE), [], [])
    yield (dict.fromkeys(names, str(2**31)), [], [(name, str(2**31)) for name in FORM_FIELDS])
    yield (
        dict.fromkeys(names, "²"),
        [(name, "²") for name in QUERY_FIELDS] + [(name, HUGE) for name in QUERY_FIELDS],
        [(name, "a\x00b") for name in FORM_FIELDS] + [(name, HUGE) for name in FORM_FIELDS],
    )
    yield (
        {},
        [(name, "x" * 100_000) for name in ("q", "next", "lang")],
        [(name, value) for name in FORM_FIELDS for value in ("x" * 100_000, "٣")],
    )


def test_every_route_as_every_role(app: Flask, migrated: Database, network: Network) -> None:
    for role in ROLES:
        for rule in _rules(app):
            for junk_path, query, form in _worst(rule):
                _send(app, migrated, network, role, rule, junk_path, query, form)
    assert network.errors == []
    assert network.sent > len(ROLES) * 4 * 55
    assert _stored_control_characters(migrated) == []


junk = st.one_of(
    st.sampled_from(JUNK),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.text(max_size=30),
    st.just(""),
)
pairs = st.lists(st.tuples(st.sampled_from(FORM_FIELDS), junk), max_size=12)


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,
)
@given(data=st.data())
def test_random_junk(app: Flask, migrated: Database, network: Network, data: st.DataObject) -> None:
    rules = _rules(app)
    rule = data.draw(st.sampled_from(rules), label="rule")
    role = data.draw(st.sampled_from(ROLES), label="role")
    names = re.findall(r"<int:(\w+)>", rule.rule)
    path_ids = st.one_of(
        *(st.sampled_from(network.ids[name]) for name in names if network.ids.get(name)),
        junk,
    )
    junk_path = {name: data.draw(path_ids, label=name) for name in names}
    query = data.draw(st.lists(st.tuples(st.sampled_from(QUERY_FIELDS), junk), max_size=6))
    form = data.draw(pairs, label="form")
    _send(app, migrated, network, role, rule, junk_path, query, form)
    assert network.errors == [], network.errors
    if rule.methods and "POST" in rule.methods:
        assert _stored_control_characters(migrated) == [], (role, rule.rule, form)
