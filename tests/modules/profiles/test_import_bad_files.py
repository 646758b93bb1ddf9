"""A CSV file that cannot be read is refused as a whole, naming the row, in the staff member's
language, and nothing is imported: never a server error."""

from __future__ import annotations

import io

import pytest
import sqlalchemy as sa
from flask import Flask

from mentornet.modules.profiles.models import Profile
from mentornet.modules.tenants.operations import tenant_session

from helpers import UserFactory, coordinator_client, csrf_token

HEADER = "role,email,name\n"
GOOD = "mentee,a@example.org,Amina\n"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (HEADER + GOOD + "mentee,b@example.org,Bo,extra\n", "Række 3 har flere værdier"),
        (HEADER + GOOD + "mentee,b@example.org," + "x" * 140_000 + "\n", "Række 3 kan ikke læses"),
        (HEADER.encode() + "mentee,b@example.org,Åse\n".encode("latin-1"), "ikke UTF-8-tekst"),
    ],
    ids=["more values than columns", "a field over 128 KiB", "not UTF-8"],
)
def test_a_file_that_cannot_be_read_is_named_and_nothing_imported(
    app: Flask, make_user: UserFactory, content: str | bytes, message: str
) -> None:
    client = coordinator_client(app, make_user)
    page = "/denmark/staff/applicants/import"
    data = content.encode() if isinstance(content, str) else content
    response = client.post(
        page,
        data={"csrf_token": csrf_token(client, page), "file": (io.BytesIO(data), "members.csv")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    with app.app_context(), tenant_session("denmark") as (session, _):
        assert session.scalar(sa.select(sa.func.count()).select_from(Profile)) == 0
