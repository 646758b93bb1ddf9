"""The audit log viewer: filtered by person, kind and dates, paged, for administrators only."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient

from mentornet.modules.accounts.models import Role, User
from mentornet.modules.audit.models import AuditEntry
from mentornet.modules.audit.operations import record
from mentornet.modules.tenants.operations import tenant_session

from helpers import UserFactory, login


def _entries(app: Flask, tenant: str, actor: User, count: int, action: str, when: datetime) -> None:
    with app.app_context(), tenant_session(tenant) as (session, _):
        for number in range(count):
            entry = record(
                session,
                actor_id=actor.id,
                action=action,
                subject_type="profile",
                subject_id=1000 + number,
                detail=f"{tenant}-{action}-{number}",
            )
            entry.created_at = when
        session.commit()


@pytest.fixture
def signed_in_admin(client: FlaskClient, make_user: UserFactory) -> User:
    admin = make_user("denmark", email="admin@denmark.test", roles=(Role.ADMIN,), name="Ada")
    login(client, "denmark", "admin@denmark.test")
    return admin


def test_the_log_is_filtered_by_person_kind_and_dates(
    app: Flask, client: FlaskClient, make_user: UserFactory, signed_in_admin: User
) -> None:
    coord = make_user("denmark", email="coord@denmark.test", roles=(Role.COORDINATOR,))
    _entries(app, "denmark", coord, 2, "view_sensitive_profile", datetime(2026, 3, 2, tzinfo=UTC))
    _entries(app, "denmark", signed_in_admin, 1, "role_given", datetime(2026, 3, 9, tzinfo=UTC))
    by_person = client.get(f"/denmark/admin/audit?person={coord.id}").get_data(as_text=True)
    assert "denmark-view_sensitive_profile-1" in by_person
    assert "denmark-role_given-0" not in by_person
    by_kind = client.get("/denmark/admin/audit?kind=role_given").get_data(as_text=True)
    assert "denmark-role_given-0" in by_kind
    assert "denmark-view_sensitive_profile-0" not in by_kind
    by_dates = client.get("/denmark/admin/audit?since=2026-03-01&until=2026-03-02")
    text = by_dates.get_data(as_text=True)
    assert "denmark-view_sensitive_profile-0" in text and "denmark-role_given-0" not in text


def test_another_networks_entries_never_show(
    app: Flask, client: FlaskClient, make_user: UserFactory, signed_in_admin: User
) -> None:
    foreign = make_user("morocco", email="coord@morocco.test", roles=(Role.COORDINATOR,))
    _entries(app, "morocco", foreign, 3, "view_sensitive_profile", datetime.now(UTC))
    page = client.get("/denmark/admin/audit").get_data(as_text=True)
    assert "morocco-view_sensitive_profile" not in page
    assert client.get(f"/denmark/admin/audit?person={foreign.id}").status_code == 400


def test_the_log_is_paged_in_sql(
    app: Flask, client: FlaskClient, make_user: UserFactory, signed_in_admin: User
) -> None:
    _entries(app, "denmark", signed_in_admin, 60, "csv_import", datetime(2026, 1, 1, tzinfo=UTC))
    first = client.get("/denmark/admin/audit?kind=csv_import").get_data(as_text=True)
    second = client.get("/denmark/admin/audit?kind=csv_import&page=2").get_data(as_text=True)
    assert first.count("denmark-csv_import-") == 50
    assert second.count("denmark-csv_import-") == 10
    assert 'rel="next"' in first and "kind=csv_import" in first


@pytest.mark.parametrize(
    "query",
    [
        "person=abc",
        "person=99999999999",
        "kind=no_such_kind",
        "since=yesterday",
        "until=2026-13-40",
        "since=2026-03-05&until=2026-03-01",
        "kind=" + "x" * 80,
    ],
)
def test_bad_filters_are_named_not_a_server_error(
    client: FlaskClient, signed_in_admin: User, query: str
) -> None:
    response = client.get(f"/denmark/admin/audit?{query}")
    assert response.status_code == 400
    assert "field__error" in response.get_data(as_text=True)


def test_coordinators_and_members_are_refused(client: FlaskClient, make_user: UserFactory) -> None:
    make_user("denmark", email="coord@denmark.test", roles=(Role.COORDINATOR,))
    login(client, "denmark", "coord@denmark.test")
    assert client.get("/denmark/admin/audit").status_code == 403


def test_staff_changes_appear_in_the_log(
    app: Flask, client: FlaskClient, make_user: UserFactory, signed_in_admin: User
) -> None:
    from helpers import csrf_token

    coord = make_user("denmark", email="coord@denmark.test", roles=(Role.COORDINATOR,))
    token = csrf_token(client, "/denmark/admin/staff")
    client.post(f"/denmark/admin/staff/{coord.id}/deactivate", data={"csrf_token": token})
    page = client.get("/denmark/admin/audit?kind=account_deactivated").get_data(as_text=True)
    assert "account_deactivated" in page and "Ada" in page
    with app.app_context(), tenant_session("denmark") as (session, _):
        assert (session.scalar(sa.select(sa.func.count()).select_from(AuditEntry)) or 0) > 0


def test_kinds_are_shown_by_their_translated_titles_and_unknown_ones_by_code(
    app: Flask, client: FlaskClient, signed_in_admin: User
) -> None:
    when = datetime(2026, 3, 9, tzinfo=UTC)
    _entries(app, "denmark", signed_in_admin, 1, "role_given", when)
    _entries(app, "denmark", signed_in_admin, 1, "some_future_kind", when)
    page = client.get("/denmark/admin/audit?lang=da").get_data(as_text=True)
    assert '<option value="role_given">Personalerolle givet</option>' in page
    assert "<td>Personalerolle givet</td>" in page
    assert '<option value="some_future_kind">some_future_kind</option>' in page
    assert '<code dir="ltr">some_future_kind</code>' in page
    english = client.get("/denmark/admin/audit?lang=en&kind=role_given").get_data(as_text=True)
    assert "<td>Staff role given</td>" in english
