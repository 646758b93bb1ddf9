"""`mentornet events remind`: the events' regular job (deploy/systemd runs it every 12 hours)."""

from __future__ import annotations

import click
from flask.cli import with_appcontext


@click.group("events")
def events_group() -> None:
    """Information meetings, workshops and social events."""


@events_group.command("remind")
@with_appcontext
def remind() -> None:
    """End the offers nobody took in time (the next person waiting gets one), then queue the
    reminders for events starting in 24 to 36 hours, once per registration."""
    from mentornet.extensions import db
    from mentornet.modules.events.operations import expire_offers, send_reminders
    from mentornet.modules.tenants.operations import list_tenants, tenant_session

    for slug in [tenant.slug for tenant in list_tenants(db.session)]:
        with tenant_session(slug) as (session, tenant):
            expired = expire_offers(session, tenant)
            reminders = send_reminders(session, tenant)
            session.commit()
        click.echo(f"{slug}: {expired} offers expired, {reminders} event reminders")
