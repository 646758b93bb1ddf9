"""`mentornet mentorships expire|remind`: the daily jobs of the cycle (deploy/systemd runs them)."""

from __future__ import annotations

from collections.abc import Callable

import click
from flask.cli import with_appcontext
from sqlalchemy.orm import Session

from mentornet.modules.tenants.models import Tenant


@click.group("mentorships")
def mentorships_group() -> None:
    """Mentor-mentee pairs."""


@mentorships_group.command("expire")
@with_appcontext
def expire() -> None:
    """Expire requests and proposals nobody answered in time (run daily)."""
    from mentornet.modules.mentorships.operations import expire_overdue

    _each_tenant(lambda session, tenant: f"{expire_overdue(session, tenant)} expired")


@mentorships_group.command("remind")
@with_appcontext
def remind() -> None:
    """Ask for check-ins and follow-ups that are due, once each, by e-mail (run daily)."""
    from mentornet.modules.mentorships.monitoring import send_check_in_reminders
    from mentornet.modules.mentorships.outcomes import send_follow_up_reminders

    def both(session: Session, tenant: Tenant) -> str:
        check_ins = send_check_in_reminders(session, tenant)
        follow_ups = send_follow_up_reminders(session, tenant)
        return f"{check_ins} check-in reminders, {follow_ups} follow-up reminders"

    _each_tenant(both)


def _each_tenant(job: Callable[[Session, Tenant], str]) -> None:
    """Run a job in each network's own session and commit it; one network's data at a time."""
    from mentornet.extensions import db
    from mentornet.modules.tenants.operations import list_tenants, tenant_session

    for slug in [tenant.slug for tenant in list_tenants(db.session)]:
        with tenant_session(slug) as (session, tenant):
            summary = job(session, tenant)
            session.commit()
        click.echo(f"{slug}: {summary}")
