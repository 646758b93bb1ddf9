"""The unit of work of a request: operations flush, the request commits once (or rolls back)."""

from __future__ import annotations

from flask import Response

from mentornet.extensions import db


def commit_or_rollback(response: Response) -> Response:
    """after_request: keep the work of a successful request, drop that of a refused one."""
    session = db.session
    if response.status_code < 400:
        session.commit()
    else:
        session.rollback()
    return response


def rollback_on_error(exc: BaseException | None) -> None:
    """teardown_request: an exception leaves nothing half-saved."""
    if exc is not None:
        db.session.rollback()
