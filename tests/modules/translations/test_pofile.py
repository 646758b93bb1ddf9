"""The network's texts and overrides of one locale as a .po file: exported, checked (a dry run
with every error and its line) and imported as one settings version plus overrides."""

from __future__ import annotations

import io
from typing import Any

import sqlalchemy as sa
from babel.messages.pofile import read_po, write_po
from flask import Flask
from flask.testing import FlaskClient

from mentornet.modules.accounts.models import Role
from mentornet.modules.tenants.models import TenantSettingsVersion
from mentornet.modules.tenants.operations import tenant_session
from mentornet.modules.translations import overrides as ops

from helpers import UserFactory, csrf_token, login

PAGE = "/{tenant}/admin/translations/po"
IMPORT = "/{tenant}/admin/translations/po/import"


def _translator(app: Flask, make_user: UserFactory, tenant: str) -> FlaskClient:
    make_user(tenant, email=f"translator@{tenant}.test", roles=(Role.TRANSLATOR,))
    client = app.test_client()
    login(client, tenant, f"translator@{tenant}.test")
    return client


def _state(app: Flask, tenant: str) -> tuple[int, int, dict[str, Any], list[Any]]:
    with app.app_context(), tenant_session(tenant) as (session, row):
        versions = session.scalar(sa.select(sa.func.count()).select_from(TenantSettingsVersion))
        found = [(o.locale, o.msgid, list(o.forms)) for o in ops.list_overrides(session)]
        return row.settings_version, versions or 0, row.settings, found


def _exported(client: FlaskClient, tenant: str, locale: str) -> bytes:
    response = client.get(f"/{tenant}/admin/translations/po/export?locale={locale}")
    assert response.status_code == 200
    assert f'filename="{tenant}-{locale}.po"' in response.headers["Content-Disposition"]
    return bytes(response.data)


def _edited(data: bytes, locale: str, strings: dict[str | None, str]) -> bytes:
    catalogue = read_po(io.BytesIO(data), locale=locale)
    for message in catalogue:
        if message.context in strings:
            message.string = strings[message.context]
    out = io.BytesIO()
    write_po(out, catalogue, width=100)
    return out.getvalue()


def _upload(client: FlaskClient, tenant: str, locale: str, data: bytes) -> Any:
    token = csrf_token(client, PAGE.format(tenant=tenant))
    return client.post(
        IMPORT.format(tenant=tenant),
        data={
            "csrf_token": token,
            "action": "preview",
            "locale": locale,
            "file": (io.BytesIO(data), "texts.po"),
        },
        content_type="multipart/form-data",
    )


def test_export_then_import_changes_a_goal_and_an_override_after_a_dry_run(
    app: Flask, make_user: UserFactory
) -> None:
    client = _translator(app, make_user, "denmark")
    data = _exported(client, "denmark", "en")
    catalogue = read_po(io.BytesIO(data), locale="en")
    goal = catalogue.get("Få et job, der matcher mine kvalifikationer", context="goals.job.label")
    assert goal is not None and goal.string == "Find a job that matches my qualifications"
    assert catalogue.get("Mentornetværket", context="name") is not None
    edited = _edited(data, "en", {"goals.job.label": "Get a job that fits my skills"})
    edited += b'\nmsgctxt "core"\nmsgid "Log out"\nmsgstr "Sign off"\n'
    before = _state(app, "denmark")
    preview = _upload(client, "denmark", "en", edited)
    page = preview.get_data(as_text=True)
    assert preview.status_code == 200, page[page.find("error-summary") :][:3000]
    assert "Get a job that fits my skills" in page and "Sign off" in page
    assert _state(app, "denmark") == before  # the dry run saved nothing
    token = csrf_token(client, PAGE.format(tenant="denmark"))
    applied = client.post(
        IMPORT.format(tenant="denmark"),
        data={"csrf_token": token, "action": "apply", "locale": "en", "po_text": edited.decode()},
    )
    assert applied.status_code == 303
    version, versions, settings, found = _state(app, "denmark")
    assert (version, versions) == (before[0] + 1, before[1] + 1)
    job = next(g for g in settings["goals"] if g["key"] == "job")
    assert job["label"] == {
        "da": before[2]["goals"][0]["label"]["da"],
        "en": "Get a job that fits my skills",
    }
    assert found == [("en", "Log out", ["Sign off"])]
    # Exporting again carries the override.
    again = read_po(io.BytesIO(_exported(client, "denmark", "en")), locale="en")
    override = again.get("Log out", context="core")
    assert override is not None and override.string == "Sign off"


def test_every_error_is_reported_with_its_line_and_nothing_is_saved(
    app: Flask, make_user: UserFactory
) -> None:
    client = _translator(app, make_user, "morocco")
    data = _exported(client, "morocco", "fr")
    bad = data + (
        b'\nmsgctxt "goals.nothing.label"\nmsgid "x"\nmsgstr "y"\n'
        b'\nmsgctxt "core"\nmsgid "Name (%(language)s)"\nmsgstr "Nom"\n'
        b'\nmsgctxt "core"\nmsgid "No such core text"\nmsgstr "z"\n'
        b'\nmsgctxt "name"\nmsgid "an old source"\nmsgstr "w"\n'
        b'\nmsgctxt "tagline"\nmsgid "t"\nmsgstr "bell \\a"\n'
    )
    before = _state(app, "morocco")
    response = _upload(client, "morocco", "fr", bad)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    lines = {m.context: m.lineno for m in read_po(io.BytesIO(bad), locale="fr")}
    for where in ("goals.nothing.label", "core", "name"):
        assert f'<code dir="ltr">{where}</code>' in page
    assert "%(language)s" in page
    assert f'{lines["goals.nothing.label"]} <code dir="ltr">goals.nothing.label</code>' in page
    assert "Save these changes" not in page and "Enregistrer ces modifications" not in page
    token = csrf_token(client, PAGE.format(tenant="morocco"))
    refused = client.post(
        IMPORT.format(tenant="morocco"),
        data={"csrf_token": token, "action": "apply", "locale": "fr", "po_text": bad.decode()},
    )
    assert refused.status_code == 422
    assert _state(app, "morocco") == before


def test_a_broken_file_is_refused_with_its_line(app: Flask, make_user: UserFactory) -> None:
    client = _translator(app, make_user, "men")
    before = _state(app, "men")
    broken = b'msgid ""\nmsgstr ""\n\nmsgid "a"\nmsgstr "b\n'
    response = _upload(client, "men", "en", broken)
    assert response.status_code == 422
    assert "5: " in response.get_data(as_text=True).replace("</code>", "")
    assert _state(app, "men") == before
    latin1 = _upload(client, "men", "en", 'msgid "ø"\nmsgstr "ø"\n'.encode("latin-1"))
    assert latin1.status_code == 422
    assert _state(app, "men") == before


def test_a_coordinator_and_another_networks_translator_cannot_export(
    app: Flask, make_user: UserFactory
) -> None:
    make_user("denmark", email="coord@denmark.test", roles=(Role.COORDINATOR,))
    coordinator = app.test_client()
    login(coordinator, "denmark", "coord@denmark.test")
    assert coordinator.get("/denmark/admin/translations/po/export?locale=da").status_code == 403
    other = _translator(app, make_user, "morocco")
    response = other.get("/denmark/admin/translations/po/export?locale=da")
    assert response.status_code in (302, 303, 404)
    assert b"msgctxt" not in response.data
