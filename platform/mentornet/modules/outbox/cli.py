"""`mentornet outbox send`: deliver queued messages of every network."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from mentornet.extensions import db
from mentornet.modules.outbox.operations import configured_backend, send_pending
from mentornet.modules.tenants.operations import list_tenants, tenant_session


@click.group("outbox")
def outbox_group() -> None:
    """Outgoing e-mail."""


@outbox_group.command("send")
@with_appcontext
def send() -> None:
    """Try every pending message once, network by network."""
    backend = configured_backend()
    for slug in [tenant.slug for tenant in list_tenants(db.session)]:
        with tenant_session(slug) as (session, _tenant):
            sent, failed = send_pending(session, backend)
            session.commit()
        if sent or failed:
            click.echo(f"{slug}: {sent} sent, {failed} failed", err=True)
