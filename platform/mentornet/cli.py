"""The `mentornet` command: Flask's CLI for this app, with core's commands and every module's."""

from __future__ import annotations

from types import ModuleType

import click
from flask.cli import FlaskGroup

from mentornet.app import create_app
from mentornet.core.cli import db_group, serve
from mentornet.modules import find


@click.group(cls=FlaskGroup, create_app=lambda: create_app(), add_default_commands=False)
def main() -> None:
    """Mentornet: run and manage mentor networks."""


def module_commands(module: ModuleType) -> list[click.Command]:
    """The commands a cli.py defines at its top level that none of its groups holds."""
    own = [
        value
        for value in vars(module).values()
        if isinstance(value, click.Command)
        and getattr(value.callback, "__module__", None) == module.__name__
    ]
    held = {id(command) for group in own for command in _subcommands(group)}
    return sorted((c for c in own if id(c) not in held), key=lambda command: command.name or "")


def _subcommands(command: click.Command) -> list[click.Command]:
    if not isinstance(command, click.Group):
        return []
    children = list(command.commands.values())
    return children + [grandchild for child in children for grandchild in _subcommands(child)]


def add_commands(group: click.Group, commands: list[click.Command]) -> None:
    """Add each command, refusing a second one of the same name (it would hide the first)."""
    for command in commands:
        if command.name in group.commands:
            raise ValueError(f"two commands are called {command.name!r}")
        group.add_command(command)


add_commands(main, [db_group, serve])
for cli_module in find("cli"):
    add_commands(main, module_commands(cli_module))
