"""Method packs: validated with errors that name file, line and key; export and import round-trip."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient
from markupsafe import escape

from mentornet.extensions import db
from mentornet.modules.tenants.operations import export_tenant, get_tenant_by_slug, import_tenant
from mentornet.modules.tenants.packs import PackError, dump_pack, parse_pack, read_pack

from helpers import ROOT


def _broken(tmp_path: Path, old: str, new: str, slug: str = "denmark") -> Path:
    text = (ROOT / "tenants" / slug / "tenant.toml").read_text(encoding="utf-8")
    assert old in text, f"fixture text {old!r} not in the {slug} pack"
    path = tmp_path / "tenant.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def _problems(path: Path) -> list[Any]:
    with pytest.raises(PackError) as caught:
        read_pack(path)
    return caught.value.problems


PACKS = sorted(path.parent.name for path in (ROOT / "tenants").glob("*/tenant.toml"))


def test_the_reference_networks_are_the_four_packs_in_tenants() -> None:
    assert PACKS == ["denmark", "iceland", "men", "morocco"]


@pytest.mark.parametrize("slug", PACKS)
def test_reference_packs_are_valid(slug: str) -> None:
    settings = read_pack(ROOT / "tenants" / slug)
    assert settings["slug"] == slug
    assert len(settings["goals"]) >= 3
    assert settings["questionnaire"]


def test_an_unknown_key_is_refused_with_file_line_and_key(tmp_path: Path) -> None:
    path = _broken(tmp_path, "default_locale", 'colour = "blue"\ndefault_locale')
    [problem] = _problems(path)
    assert problem.key == "colour"
    assert problem.path == path
    lines = path.read_text(encoding="utf-8").splitlines()
    assert problem.line is not None and lines[problem.line - 1].startswith("colour")
    assert str(problem).startswith(f"{path}:{problem.line}: colour:")


def test_a_bad_value_inside_a_table_is_located(tmp_path: Path) -> None:
    path = _broken(tmp_path, 'mode = "coordinator"', 'mode = "lottery"')
    [problem] = _problems(path)
    assert problem.key == "matching.mode"
    assert "coordinator" in problem.message  # names the allowed values
    assert (
        path.read_text(encoding="utf-8").splitlines()[problem.line - 1].strip().startswith("mode")
    )


def test_a_missing_translation_is_reported_for_the_right_entry(
    reference_packs: dict[str, Any],
) -> None:
    settings = reference_packs["denmark"]
    text = dump_pack({**settings, "locales": ["da", "en", "fr"]})
    with pytest.raises(PackError) as caught:
        parse_pack(text, Path("pack.toml"))
    keys = {p.key for p in caught.value.problems}
    assert "name" in keys
    assert "goals[0].label" in keys


def test_repeats_and_stray_locales_are_refused(reference_packs: dict[str, Any]) -> None:
    settings = reference_packs["denmark"]
    cycle = {**settings["cycle"], "follow_up_months": [3, 3, 12]}
    name = {**settings["name"], "fr": "Réseau"}
    with pytest.raises(PackError) as caught:
        parse_pack(dump_pack({**settings, "cycle": cycle, "name": name}), Path("pack.toml"))
    messages = {p.key: p.message for p in caught.value.problems}
    assert messages["cycle.follow_up_months"] == "A value is listed twice."
    assert messages["name"] == "Not one of this network's locales: fr."


def test_invalid_toml_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "tenant.toml"
    path.write_text('slug = "x"\nlocales = [\n', encoding="utf-8")
    [problem] = _problems(path)
    assert problem.line is not None
    assert "TOML" in problem.message


def test_export_then_import_gives_an_identical_tenant(app: Flask) -> None:
    with app.app_context():
        tenant = get_tenant_by_slug(db.session, "morocco")
        assert tenant is not None
        before = (dict(tenant.settings), tenant.settings_version, list(tenant.locales))
        text = dump_pack(export_tenant(tenant))
        reimported = import_tenant(db.session, parse_pack(text, Path("export.toml")), actor="test")
        assert (
            dict(reimported.settings),
            reimported.settings_version,
            list(reimported.locales),
        ) == before
        assert dump_pack(export_tenant(reimported)) == text


def test_import_updates_an_existing_tenant_and_keeps_history(app: Flask) -> None:
    with app.app_context():
        tenant = get_tenant_by_slug(db.session, "denmark")
        assert tenant is not None
        changed = {
            **export_tenant(tenant),
            "cycle": {**tenant.settings["cycle"], "expected_months": 9},
        }
        import_tenant(db.session, changed, actor="test")
        assert tenant.settings["cycle"]["expected_months"] == 9
        assert tenant.settings_version == 2


def test_cli_validate_exits_non_zero_with_located_messages(app: Flask, tmp_path: Path) -> None:
    from mentornet.modules.tenants.cli import tenants_group

    path = _broken(tmp_path, 'mode = "coordinator"', 'mode = "lottery"')
    runner = CliRunner()
    with app.app_context():
        good = runner.invoke(tenants_group, ["validate", str(ROOT / "tenants" / "denmark")])
        bad = runner.invoke(tenants_group, ["validate", str(path)])
    assert good.exit_code == 0 and "ok" in good.output
    assert bad.exit_code == 1
    assert f"{path}:" in bad.output and "matching.mode" in bad.output


def test_cli_export_writes_a_pack_that_validates(app: Flask, tmp_path: Path) -> None:
    from mentornet.modules.tenants.cli import tenants_group

    runner = CliRunner()
    with app.app_context():
        result = runner.invoke(tenants_group, ["export", "men", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert read_pack(tmp_path)["slug"] == "men"


def test_every_reference_pack_imports_and_its_pages_speak_its_default_locale(
    app: Flask, client: FlaskClient
) -> None:
    with app.app_context():
        for slug in PACKS:
            import_tenant(db.session, read_pack(ROOT / "tenants" / slug), actor="tests")
        db.session.commit()
    for slug in PACKS:
        settings = read_pack(ROOT / "tenants" / slug)
        locale = settings["default_locale"]
        for path in ("/", "/apply/mentee", "/apply/mentor", "/login"):
            response = client.get(f"/{slug}{path}")
            assert response.status_code == 200, (slug, path)
            html = response.get_data(as_text=True)
            assert f'<html lang="{locale}"' in html, (slug, path)
        portal = client.get(f"/{slug}/").get_data(as_text=True)
        assert escape(settings["name"][locale]) in portal
        assert escape(settings["tagline"][locale]) in portal


def test_the_iceland_network_speaks_icelandic_with_no_danish_left() -> None:
    settings = read_pack(ROOT / "tenants" / "iceland")
    assert settings["locales"] == ["is", "en"] and settings["timezone"] == "Atlantic/Reykjavik"
    danish = read_pack(ROOT / "tenants" / "denmark")
    keys = {q["key"] for q in settings["questionnaire"]}
    assert "years_in_iceland" in keys and "years_in_denmark" not in keys
    assert [g["outcome"] for g in settings["goals"]] == [g["outcome"] for g in danish["goals"]]
    text = dump_pack(settings)
    assert "da =" not in text and "Danmark" not in text and "Denmark" not in text


def test_the_iceland_pages_are_in_icelandic(app: Flask, client: FlaskClient) -> None:
    with app.app_context():
        import_tenant(db.session, read_pack(ROOT / "tenants" / "iceland"), actor="tests")
        db.session.commit()
    portal = client.get("/iceland/").get_data(as_text=True)
    assert "Leiðsagnarnet kvenna" in portal and "Skrá inn" in portal
    by_host = client.get("/", headers={"Host": "iceland.localhost:5000"})
    assert by_host.status_code == 200 and "Leiðsagnarnet kvenna" in by_host.get_data(as_text=True)
    apply = client.get("/iceland/apply/mentee").get_data(as_text=True)
    assert "Hve mörg ár hefur þú búið á Íslandi?" in apply
    assert "Augliti til auglitis" in apply and "Verða betri í íslensku" in apply
    login = client.get("/iceland/login").get_data(as_text=True)
    assert "Lykilorð" in login and "Password" not in login
    english = client.get("/iceland/apply/mentee?lang=en").get_data(as_text=True)
    assert "How many years have you lived in Iceland?" in english
