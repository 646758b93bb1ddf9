"""A network's wording overrides of core texts: saved through the pages and operations, layered
over the core catalogue per network and locale, refused on bad input, flagged when outdated."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from babel.messages.pofile import read_po, write_po
from click.testing import CliRunner
from flask import Flask, g
from flask.testing import FlaskClient
from flask_babel import force_locale, ngettext, pgettext

from mentornet.core.errors import DomainError
from mentornet.core.tenancy import bind_tenant
from mentornet.extensions import db
from mentornet.modules.accounts.models import Role
from mentornet.modules.audit.models import AuditEntry
from mentornet.modules.tenants.models import Tenant
from mentornet.modules.tenants.operations import tenant_session
from mentornet.modules.translations import overrides as ops
from mentornet.modules.translations.cli import translations_group
from mentornet.modules.translations.models import TranslationOverride

from helpers import UserFactory, csrf_token, login

OVERRIDES = "/{tenant}/admin/translations/overrides"
EDIT = "/{tenant}/admin/translations/overrides/edit"
REVERT = "/{tenant}/admin/translations/overrides/revert"
STATUS = "/{tenant}/admin/translations"


def _signed_in(
    app: Flask, make_user: UserFactory, tenant: str = "denmark", role: Role = Role.TRANSLATOR
) -> FlaskClient:
    email = f"{role.value}@{tenant}.test"
    make_user(tenant, email=email, roles=(role,))
    client = app.test_client()
    login(client, tenant, email)
    return client


def _state(app: Flask, tenant: str) -> tuple[list[tuple[str, str, list[str]]], int, int]:
    """The network's overrides, its overrides version and its number of audit entries."""
    with app.app_context(), tenant_session(tenant) as (session, row):
        rows = [(o.locale, o.msgid, list(o.forms)) for o in ops.list_overrides(session)]
        audits = session.scalar(sa.select(sa.func.count()).select_from(AuditEntry)) or 0
        return rows, row.overrides_version, audits


def _save(client: FlaskClient, tenant: str, data: dict[str, Any]) -> Any:
    page = EDIT.format(tenant=tenant)
    query = {k: data[k] for k in ("locale", "context", "msgid") if k in data}
    token = csrf_token(client, page, query_string=query)
    return client.post(page, data={**data, "csrf_token": token})


def test_a_translator_rewords_a_core_text_for_her_network_and_language_only(
    app: Flask, make_user: UserFactory
) -> None:
    translator = _signed_in(app, make_user, "denmark")
    assert "Log ud" in translator.get("/denmark/admin/translations?lang=da").get_data(as_text=True)
    response = _save(
        translator, "denmark", {"locale": "da", "context": "", "msgid": "Log out", "form_0": "Gå"}
    )
    assert response.status_code == 303
    rows, version, _audits = _state(app, "denmark")
    assert rows == [("da", "Log out", ["Gå"])] and version != 0
    page = translator.get("/denmark/admin/translations/overrides?lang=da").get_data(as_text=True)
    assert ">Gå<" in page.replace("\n", "") or "Gå</button>" in page
    assert "Log ud" not in page.split("<main")[0]  # the header's button is reworded
    # The same network in English, and another network in Danish, keep the core text.
    assert "Log out" in translator.get("/denmark/admin/translations?lang=en").get_data(as_text=True)
    men = _signed_in(app, make_user, "men")
    assert "Log ud" in men.get("/men/admin/translations?lang=da").get_data(as_text=True)
    assert _state(app, "men")[1] == 0


def test_a_change_made_elsewhere_reaches_the_next_request_and_a_revert_brings_back_the_core_text(
    app: Flask, make_user: UserFactory
) -> None:
    translator = _signed_in(app, make_user, "denmark")
    admin = _signed_in(app, make_user, "denmark", Role.ADMIN)
    _save(admin, "denmark", {"locale": "da", "context": "", "msgid": "Log out", "form_0": "Farvel"})
    assert "Farvel" in translator.get("/denmark/admin/translations?lang=da").get_data(as_text=True)
    # Another worker (here: a command's session) changes it; this worker's cache is keyed by
    # the network's overrides version, so the next page shows the new wording.
    with app.app_context(), tenant_session("denmark") as (session, tenant):
        ops.save_override(
            session,
            tenant,
            actor_id=None,
            locale="da",
            context="",
            msgid="Log out",
            forms=["Hej hej"],
        )
        session.commit()
    page = translator.get("/denmark/admin/translations?lang=da").get_data(as_text=True)
    assert "Hej hej" in page and "Farvel" not in page
    token = csrf_token(translator, OVERRIDES.format(tenant="denmark"))
    response = translator.post(
        REVERT.format(tenant="denmark"),
        data={"locale": "da", "context": "", "msgid": "Log out", "csrf_token": token},
    )
    assert response.status_code == 303
    assert _state(app, "denmark")[0] == []
    page = translator.get("/denmark/admin/translations?lang=da").get_data(as_text=True)
    assert "Log ud" in page and "Hej hej" not in page
    with app.app_context(), tenant_session("denmark") as (session, _tenant):
        actions = session.scalars(sa.select(AuditEntry.action)).all()
    assert actions.count("translation_override_saved") == 2
    assert "translation_override_reverted" in actions


@pytest.mark.parametrize(
    ("form", "field", "message"),
    [
        ({"form_0": "Navn"}, "form_0", "placeholders"),  # %(language)s left out
        ({"form_0": "Navn (%(sprog)s)"}, "form_0", "placeholders"),  # renamed
        ({"form_0": "Navn (%(language)s)\x07"}, "form_0", "control characters"),
        ({"form_0": "   "}, "form_0", ""),
    ],
)
def test_bad_wording_is_refused_by_its_field_and_changes_nothing(
    app: Flask, make_user: UserFactory, form: dict[str, str], field: str, message: str
) -> None:
    admin = _signed_in(app, make_user, "denmark", Role.ADMIN)
    before = _state(app, "denmark")
    key = {"locale": "da", "context": "", "msgid": "Name (%(language)s)"}
    response = _save(admin, "denmark", {**key, **form})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert f'id="error-{field}-1"' in page
    if message == "placeholders":
        assert "%(language)s" in page.split(f'id="error-{field}-1"')[1].split("</p>")[0]
    assert _state(app, "denmark") == before


def test_the_operation_names_the_field_and_refuses_unknown_texts_and_languages(app: Flask) -> None:
    with app.app_context(), tenant_session("morocco") as (session, tenant):
        cases: list[tuple[dict[str, Any], str]] = [
            (
                {"locale": "da", "msgid": "Log out", "forms": ["x"]},
                "locale",
            ),  # not a Moroccan locale
            ({"locale": "fr", "msgid": "No such text", "forms": ["x"]}, "msgid"),
            ({"locale": "fr", "msgid": "Used by %(num)d record", "forms": ["x"]}, "form_0"),
            (
                {"locale": "fr", "msgid": "Used by %(num)d record", "forms": ["a", "b", "%(n)s"]},
                "form_2",
            ),
        ]
        for arguments, field in cases:
            with pytest.raises(DomainError) as refused:
                ops.save_override(session, tenant, actor_id=None, context="", **arguments)
            assert refused.value.field == field
        assert session.scalar(sa.select(sa.func.count()).select_from(TranslationOverride)) == 0


def test_every_arabic_plural_form_is_overridden_and_chosen_by_the_count(app: Flask) -> None:
    forms = [
        "صفر سجل",
        "سجل فريد",
        "سجلان اثنان",
        "%(num)d سجلات قليلة",
        "%(num)d سجلًا كثيرًا",
        "%(num)d سجل مئوي",
    ]
    with app.app_context(), tenant_session("morocco") as (session, tenant):
        ops.save_override(
            session,
            tenant,
            actor_id=None,
            locale="ar",
            context="",
            msgid="Used by %(num)d record",
            forms=forms,
        )
        session.commit()
        tenant_id = tenant.id
    with app.test_request_context("/morocco/"):
        bind_tenant(db.session, tenant_id)
        g.tenant = db.session.get(Tenant, tenant_id)
        with force_locale("ar"):
            said = [
                ngettext("Used by %(num)d record", "Used by %(num)d records", n)
                for n in (0, 1, 2, 3, 11, 100)
            ]
        with force_locale("fr"):
            french = ngettext("Used by %(num)d record", "Used by %(num)d records", 2)
    assert said == [
        "صفر سجل",
        "سجل فريد",
        "سجلان اثنان",
        "3 سجلات قليلة",
        "11 سجلًا كثيرًا",
        "100 سجل مئوي",
    ]
    assert "%(num)d" not in french and "2" in french


def test_search_finds_core_texts_by_english_or_by_translation(
    app: Flask, make_user: UserFactory
) -> None:
    translator = _signed_in(app, make_user, "morocco")
    by_english = translator.get(OVERRIDES.format(tenant="morocco") + "?locale=fr&q=log+out")
    assert "Log out" in by_english.get_data(as_text=True)
    with app.app_context():
        french = ops.core_messages("fr")[("", "Log out")].translation[0]
    by_french = translator.get(
        OVERRIDES.format(tenant="morocco"), query_string={"locale": "fr", "q": french}
    )
    assert "Log out" in by_french.get_data(as_text=True)
    assert translator.get(OVERRIDES.format(tenant="morocco") + "?q=%07").status_code == 200


def test_an_override_is_outdated_when_the_core_text_changes(
    app: Flask, make_user: UserFactory, tmp_path: Path
) -> None:
    with app.app_context(), tenant_session("denmark") as (session, tenant):
        ops.save_override(
            session, tenant, actor_id=None, locale="da", context="", msgid="Log out", forms=["Gå"]
        )
        session.commit()
    folder = tmp_path / "translations"
    shutil.copytree(Path(app.config["TRANSLATIONS_DIR"]), folder)
    path = folder / "da" / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        catalogue = read_po(handle, locale="da")
    catalogue["Log out"].string = "Log af"
    with path.open("wb") as handle:
        write_po(handle, catalogue, width=100)
    with app.app_context():
        assert ops.flag_outdated_everywhere(Path(app.config["TRANSLATIONS_DIR"])) == {}
        found = ops.flag_outdated_everywhere(folder)
        assert [o.msgid for o in found["denmark"]] == ["Log out"]
    with app.app_context(), tenant_session("denmark") as (session, _tenant):
        assert [o.outdated for o in ops.list_overrides(session)] == [True]
    translator = _signed_in(app, make_user, "denmark")
    with app.app_context():
        result = CliRunner().invoke(translations_group, ["flag-overrides"])
    assert result.exit_code == 0 and "overrides: 0 outdated" in result.output
    with app.app_context(), tenant_session("denmark") as (session, _tenant):
        assert [o.outdated for o in ops.list_overrides(session)] == [False]  # the real catalogue
    page = translator.get(STATUS.format(tenant="denmark") + "?lang=en").get_data(as_text=True)
    assert "Translations" in page


def test_only_translators_and_admins_of_the_network_reach_the_translation_pages(
    app: Flask, make_user: UserFactory
) -> None:
    translator = _signed_in(app, make_user, "denmark")
    for path in (STATUS, OVERRIDES):
        assert translator.get(path.format(tenant="denmark")).status_code == 200
    assert translator.get("/denmark/admin/").status_code == 403
    assert translator.get("/denmark/admin/terminology").status_code == 403
    menu = translator.get(STATUS.format(tenant="denmark")).get_data(as_text=True)
    assert "/denmark/admin/terminology" not in menu and "/denmark/admin/translations" in menu
    coordinator = _signed_in(app, make_user, "denmark", Role.COORDINATOR)
    member = _signed_in(app, make_user, "denmark", Role.MEMBER)
    for client in (coordinator, member):
        for path in (STATUS, OVERRIDES, EDIT):
            assert client.get(path.format(tenant="denmark")).status_code == 403
    other = translator.get(STATUS.format(tenant="morocco"))
    assert other.status_code in (302, 303, 404)
    assert "/morocco/login" in other.headers.get("Location", "/morocco/login")
    before = _state(app, "morocco")
    token = csrf_token(translator, OVERRIDES.format(tenant="denmark"))
    posted = translator.post(
        EDIT.format(tenant="morocco"),
        data={
            "locale": "fr",
            "context": "",
            "msgid": "Log out",
            "form_0": "x",
            "csrf_token": token,
        },
    )
    assert posted.status_code in (302, 303, 400, 403, 404)
    assert _state(app, "morocco") == before


def test_the_status_page_counts_each_language(app: Flask, make_user: UserFactory) -> None:
    admin = _signed_in(app, make_user, "morocco", Role.ADMIN)
    with app.app_context(), tenant_session("morocco") as (session, tenant):
        ops.save_override(
            session,
            tenant,
            actor_id=None,
            locale="fr",
            context="",
            msgid="Log out",
            forms=["Sortir"],
        )
        session.commit()
    page = admin.get(STATUS.format(tenant="morocco") + "?lang=en").get_data(as_text=True)
    for name in ("Arabic", "French", "English"):
        assert name in page
    assert 'href="/morocco/admin/translations/overrides?locale=fr">1<' in page


def test_an_override_with_a_context_changes_only_that_context(app: Flask) -> None:
    with app.app_context():
        terms = [m for m in ops.core_messages("da").values() if m.context == "terminology"]
    mentees = next(m for m in terms if m.msgid == "mentees")
    with app.app_context(), tenant_session("men") as (session, tenant):
        ops.save_override(
            session,
            tenant,
            actor_id=None,
            locale="da",
            context="terminology",
            msgid="mentees",
            forms=["deltagerne"],
        )
        session.commit()
        tenant_id = tenant.id
    with app.test_request_context("/men/"):
        bind_tenant(db.session, tenant_id)
        g.tenant = db.session.get(Tenant, tenant_id)
        with force_locale("da"):
            assert pgettext("terminology", "mentees") == "deltagerne"
            assert pgettext("terminology", "mentors") != "deltagerne"
        with force_locale("en"):
            assert pgettext("terminology", "mentees") == "mentees"
    assert mentees.translation[0] != "deltagerne"
