"""The `mentornet` command: Flask's CLI for this app, with one group per module."""

from __future__ import annotations

import click
from flask.cli import FlaskGroup

from mentornet.app import create_app
from mentornet.core.cli import db_group, serve
from mentornet.modules.accounts.cli import users_group
from mentornet.modules.bench.cli import bench_group
from mentornet.modules.demo.cli import demo
from mentornet.modules.mentorships.cli import mentorships_group
from mentornet.modules.outbox.cli import outbox_group
from mentornet.modules.profiles.cli import profiles_group
from mentornet.modules.tenants.cli import tenants_group
from mentornet.modules.translations.cli import translations_group


@click.group(cls=FlaskGroup, create_app=lambda: create_app(), add_default_commands=False)
def main() -> None:
    """Mentornet: run and manage mentor networks."""


for command in (
    db_group,
    serve,
    tenants_group,
    users_group,
    profiles_group,
    mentorships_group,
    bench_group,
    outbox_group,
    translations_group,
    demo,
):
    main.add_command(command)
