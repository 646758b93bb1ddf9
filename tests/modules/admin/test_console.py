"""The admin console is for a network's administrators only, and lists its parts."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from mentornet.modules.accounts.models import Role

from helpers import UserFactory, login


def test_an_admin_reaches_the_console_in_her_language(
    client: FlaskClient, make_user: UserFactory
) -> None:
    make_user("denmark", email="admin@denmark.test", roles=(Role.ADMIN,))
    login(client, "denmark", "admin@denmark.test")
    page = client.get("/denmark/admin/")
    assert page.status_code == 200
    assert 'lang="da"' in page.get_data(as_text=True)
    assert 'href="/denmark/admin/"' in client.get("/denmark/me/").get_data(as_text=True)


@pytest.mark.parametrize("roles", [(Role.COORDINATOR,), (Role.TRANSLATOR,), (Role.MEMBER,)])
def test_every_other_role_is_refused(
    client: FlaskClient, make_user: UserFactory, roles: tuple[Role, ...]
) -> None:
    make_user("denmark", email="someone@denmark.test", roles=roles)
    login(client, "denmark", "someone@denmark.test")
    assert client.get("/denmark/admin/").status_code == 403
    page = client.get("/denmark/me/").get_data(as_text=True)
    if roles == (Role.TRANSLATOR,):  # a translator is offered the translation pages only
        assert 'href="/denmark/admin/translations"' in page
        page = page.replace('href="/denmark/admin/translations"', "")
    assert "/denmark/admin/" not in page


def test_another_networks_admin_is_not_signed_in_here(
    client: FlaskClient, make_user: UserFactory
) -> None:
    make_user("morocco", email="admin@morocco.test", roles=(Role.ADMIN,))
    login(client, "morocco", "admin@morocco.test")
    assert client.get("/morocco/admin/").status_code == 200
    refused = client.get("/denmark/admin/")
    assert refused.status_code == 302
    assert refused.headers["Location"].startswith("/denmark/login")
