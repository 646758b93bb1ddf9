"""CSV import and the JSON API share the application form's schema."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import sqlalchemy as sa
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient

from mentornet.modules.accounts.models import Role
from mentornet.modules.profiles.cli import profiles_group
from mentornet.modules.profiles.models import Profile, ProfileStatus
from mentornet.modules.tenants.operations import tenant_session

from helpers import UserFactory, csrf_token, login, profile_values


def _csv(rows: list[dict[str, object]]) -> str:
    columns: list[str] = []
    for row in rows:
        columns += [key for key in row if key not in columns]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns)
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {
                k: "; ".join(v) if isinstance(v, list) else ("yes" if v is True else v)
                for k, v in row.items()
            }
        )
    return out.getvalue()


def _row(role: str, email: str, **overrides: object) -> dict[str, object]:
    return {"role": role, **profile_values("denmark", role, email=email, **overrides)}


def _profiles(app: Flask, tenant: str = "denmark") -> list[tuple[str, ProfileStatus]]:
    with app.app_context(), tenant_session(tenant) as (session, _):
        return [
            (p.role.value, p.status)
            for p in session.scalars(sa.select(Profile).order_by(Profile.id))
        ]


def _run(app: Flask, tmp_path: Path, text: str, *options: str) -> tuple[int, str]:
    path = tmp_path / "members.csv"
    path.write_text(text, encoding="utf-8")
    with app.app_context():
        result = CliRunner().invoke(
            profiles_group, ["import", str(path), "--tenant", "denmark", *options]
        )
    return result.exit_code, result.output


def test_import_is_all_or_nothing_with_a_row_report(app: Flask, tmp_path: Path) -> None:
    text = _csv(
        [_row("mentee", "a@example.org"), _row("mentor", "b@example.org", birth_year="1890")]
    )
    code, output = _run(app, tmp_path, text)
    assert code == 1
    assert f"{tmp_path / 'members.csv'}:3: birth_year:" in output
    assert _profiles(app) == []


def test_skip_bad_rows_imports_the_good_ones_as_approved_members(
    app: Flask, tmp_path: Path
) -> None:
    text = _csv(
        [_row("mentee", "a@example.org"), _row("mentor", "b@example.org", birth_year="1890")]
    )
    code, output = _run(app, tmp_path, text, "--skip-bad-rows")
    assert code == 0, output
    assert _profiles(app) == [("mentee", ProfileStatus.APPROVED)]


def test_dry_run_saves_nothing(app: Flask, tmp_path: Path) -> None:
    code, output = _run(app, tmp_path, _csv([_row("mentee", "a@example.org")]), "--dry-run")
    assert code == 0
    assert "would import 1" in output
    assert _profiles(app) == []


def test_duplicates_in_the_file_and_in_the_network_are_reported(
    app: Flask, tmp_path: Path, make_user: UserFactory
) -> None:
    make_user("denmark", email="taken@example.org")
    rows = [
        _row("mentee", "a@example.org"),
        _row("mentor", "A@example.org"),
        _row("mentee", "taken@example.org"),
    ]
    code, output = _run(app, tmp_path, _csv(rows))
    assert code == 1
    assert ":3: email: The same e-mail address is on line 2." in output
    assert ":4: email: An account with this e-mail address already exists." in output


def test_staff_console_import_reports_in_the_staff_language(
    app: Flask, client: FlaskClient, make_user: UserFactory
) -> None:
    make_user("denmark", email="coord@example.org", roles=(Role.COORDINATOR,))
    login(client, "denmark", "coord@example.org")
    text = _csv([_row("mentee", "a@example.org"), _row("mentor", "b@example.org", languages="da")])
    token = csrf_token(client, "/denmark/staff/applicants/import")
    response = client.post(
        "/denmark/staff/applicants/import",
        data={"csrf_token": token, "file": (io.BytesIO(text.encode()), "members.csv")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "<code>languages</code>" in html and "Intet blev importeret" in html
    assert _profiles(app) == []


def test_api_uses_the_same_schema_and_errors(
    app: Flask, client: FlaskClient, make_user: UserFactory
) -> None:
    make_user("morocco", email="coord@example.org", roles=(Role.COORDINATOR,))
    login(client, "morocco", "coord@example.org")
    token = csrf_token(client, "/morocco/staff/applicants")
    body = {
        "role": "mentee",
        **profile_values("morocco", "mentee", email="salma@example.org", birth_year="2020"),
    }
    headers = {"X-CSRFToken": token, "Accept-Language": "fr"}
    response = client.post("/morocco/api/v1/profiles", json=body, headers=headers)
    assert response.status_code == 422
    assert "birth_year" in response.get_json()["errors"]
    body["birth_year"] = "1990"
    response = client.post("/morocco/api/v1/profiles", json=body, headers=headers)
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["status"] == "applied"
    assert "country_of_origin" not in response.get_json()
    listed = client.get("/morocco/api/v1/profiles").get_json()["items"]
    assert [item["id"] for item in listed] == [response.get_json()["id"]]
