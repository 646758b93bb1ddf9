"""The batch matching as a job: its own session bound to the tenant, its own unit of work."""

from __future__ import annotations

import threading

from flask import Flask

from mentornet.modules.accounts.models import User
from mentornet.modules.matching import operations
from mentornet.modules.matching.models import BatchStatus, MatchingBatch
from mentornet.modules.tenants.operations import tenant_session


def launch_batch(app: Flask, slug: str, batch_id: int, actor_id: int) -> None:
    """Run the batch off the request: inline under TESTING, else in a thread of its own."""
    if app.config["TESTING"]:
        run_batch_job(app, slug, batch_id, actor_id)
        return
    threading.Thread(
        target=run_batch_job,
        args=(app, slug, batch_id, actor_id),
        daemon=True,
        name=f"batch-{batch_id}",
    ).start()


def run_batch_job(app: Flask, slug: str, batch_id: int, actor_id: int) -> None:
    """Commits progress, then the drafts; a failure is recorded on the batch, nothing else kept."""
    with app.app_context(), tenant_session(slug) as (session, tenant):
        batch = session.get(MatchingBatch, batch_id)
        actor = session.get(User, actor_id)
        if batch is None or actor is None:
            return
        try:
            operations.run_batch(session, tenant, batch, actor, save_progress=session.commit)
            session.commit()
        except Exception as exc:
            session.rollback()
            failed = session.get(MatchingBatch, batch_id)
            if failed is not None:
                failed.status, failed.error = BatchStatus.FAILED, str(exc)[:500]
                session.commit()
            raise
