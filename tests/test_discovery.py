"""Modules register themselves: blueprints, permissions, models and commands are found, not listed."""

from __future__ import annotations

import os
import subprocess
import sys
import types
from pathlib import Path

import click
import pytest
from flask import Flask

from mentornet.cli import add_commands, main, module_commands
from mentornet.core.db import Base
from mentornet.core.permissions import ANYONE, STAFF, merge_permissions
from mentornet.modules import find, module_names

from helpers import ROOT

MODULES = ROOT / "platform" / "mentornet" / "modules"


def _files_on_disk(*names: str) -> list[str]:
    return sorted(
        f"mentornet.modules.{path.parent.name}.{path.stem}"
        for name in names
        for path in MODULES.glob(f"*/{name}.py")
    )


def test_every_module_file_of_a_kind_is_found_in_sorted_order() -> None:
    assert module_names() == sorted(path.parent.name for path in MODULES.glob("*/__init__.py"))
    for patterns in (("blueprint",), ("cli",), ("models", "*_models"), ("signals",)):
        found = [module.__name__ for module in find(*patterns)]
        assert found == _files_on_disk(*patterns), patterns


def test_every_blueprint_is_registered_under_the_network_prefix(app: Flask) -> None:
    """Every module's pages belong to a network, but those whose blueprint.py says
    TENANT_PREFIX = False (the operator console, at its own url_prefix)."""
    platform_level = {}
    for module in find("blueprint"):
        assert app.blueprints[module.bp.name] is module.bp
        if getattr(module, "TENANT_PREFIX", True) is False:
            platform_level[module.bp.name] = module.bp.url_prefix
    assert platform_level == {"operators": "/operator"}
    for rule in app.url_map.iter_rules():
        blueprint = rule.endpoint.split(".")[0]
        if blueprint in platform_level:
            assert rule.rule.startswith(f"{platform_level[blueprint]}/"), rule.rule
        elif rule.endpoint != "static" and not rule.endpoint.startswith("web."):
            assert rule.rule.startswith("/<tenant_slug>/"), rule.rule


def test_every_model_file_is_in_the_metadata() -> None:
    tables = {table.name for table in Base.metadata.sorted_tables}
    for module in find("models", "*_models"):
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, Base)
                and value.__module__ == module.__name__
            ):
                assert value.__tablename__ in tables, value


def test_every_receiver_a_module_lists_is_connected(app: Flask) -> None:
    listed = [pair for module in find("signals") for pair in getattr(module, "RECEIVERS", ())]
    assert listed != []
    for signal, receiver in listed:
        assert receiver in list(signal.receivers_for(object())), (signal.name, receiver)


def test_the_mentornet_command_has_core_s_and_every_module_s_commands() -> None:
    found = [command for module in find("cli") for command in module_commands(module)]
    assert sorted(command.name or "" for command in found) == [
        "bench",
        "demo",
        "events",
        "mentorships",
        "operators",
        "outbox",
        "profiles",
        "retention",
        "tenants",
        "translations",
        "users",
    ]
    # Flask adds plugins' commands (Flask-Limiter's `limiter`) the first time the command runs.
    for command in found:
        assert main.commands[command.name or ""] is command
    assert {"db", "serve"} <= main.commands.keys()


def test_a_cli_module_offers_its_top_level_commands_not_their_subcommands() -> None:
    module = types.ModuleType("mentornet.modules.example.cli")

    def group() -> None: ...

    def sub() -> None: ...

    def alone() -> None: ...

    for function in (group, sub, alone):
        function.__module__ = module.__name__
    example = click.group("example")(group)
    vars(module).update(
        example=example,
        sub=example.command("sub")(sub),
        alone=click.command("alone")(alone),
        serve=main.commands["serve"],  # imported from core: not this module's own
    )
    assert [command.name for command in module_commands(module)] == ["alone", "example"]


def test_a_second_command_of_one_name_is_refused() -> None:
    with pytest.raises(ValueError, match="'serve'"):
        add_commands(main, [main.commands["serve"]])


def test_a_route_given_two_different_permissions_is_refused() -> None:
    merge_permissions("web", {"landing": ANYONE})  # the same again is fine: every app merges
    with pytest.raises(ValueError, match=r"web\.landing"):
        merge_permissions("web", {"landing": STAFF})


def test_importing_the_app_the_models_and_the_command_reads_no_settings(tmp_path: Path) -> None:
    # Reading the settings would refuse this variable, and the missing configuration file.
    env = {
        **os.environ,
        "MENTORNET_NOT_A_SETTING": "1",
        "MENTORNET_CONFIG": str(tmp_path / "missing.toml"),
    }
    # S603: our own interpreter running our own line of code
    command = [sys.executable, "-c", "import mentornet.app, mentornet.models, mentornet.cli"]
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    assert result.returncode == 0, result.stderr
