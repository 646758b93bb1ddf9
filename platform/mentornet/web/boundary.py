"""The unit of work of a request (anchor: Indico's web/rh.py).

Operations flush; the request commits once, at the end, unless an exception escaped the view. Every
exception a view raises rolls the session back before any handler runs (`abandon_unit_of_work`,
called from the application's exception hook), so nothing is ever half-saved. A `DomainError` is
then answered the way the view said beforehand: a form re-rendered with the message next to its
field (`refusal_shows_form`), or a flashed message and a redirect (`refusal_goes_to`). A view that
said nothing gets a localised error page with the message. Views never catch and roll back.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Response, flash, g, redirect
from flask.typing import ResponseReturnValue
from flask_babel import lazy_gettext as _l

from mentornet.core.errors import DomainError
from mentornet.extensions import db
from mentornet.web.errors import render_error
from mentornet.web.forms import FormResult

Refusal = Callable[[DomainError], ResponseReturnValue]
_REFUSAL_KEY = "mentornet_refusal"
REFUSED_TITLE = _l("This could not be done")


def commit_unit_of_work(response: Response) -> Response:
    """after_request: the view returned, so its work is kept (a raised exception was rolled back
    before its handler produced this response, and the handler itself writes nothing)."""
    db.session.commit()
    return response


def abandon_unit_of_work() -> None:
    """An exception left the view: drop everything it wrote, before the error is answered."""
    db.session.rollback()


def rollback_on_error(exc: BaseException | None) -> None:
    """teardown_request: an exception that escaped every handler leaves nothing half-saved."""
    if exc is not None:
        db.session.rollback()


def on_refusal(respond: Refusal) -> None:
    """If an operation of this request refuses, answer with respond(error) (after the rollback)."""
    setattr(g, _REFUSAL_KEY, respond)


def refusal_goes_to(location: str, code: int = 303) -> None:
    """If an operation of this request refuses, flash its message and redirect there (303 after a
    form; a refused link that was only followed keeps a plain 302)."""

    def respond(error: DomainError) -> ResponseReturnValue:
        flash(str(error.message), "error")
        return redirect(location, code)

    on_refusal(respond)


def refusal_shows_form(form: FormResult, render: Callable[[], ResponseReturnValue]) -> None:
    """If an operation of this request refuses, show the form again with the message by its field.

    `render` gives the whole response, status included (the form's page with 400 or 422); it runs
    after the rollback, so the page shows what is stored, not what was refused.
    """

    def respond(error: DomainError) -> ResponseReturnValue:
        form.add_error(error)
        return render()

    on_refusal(respond)


def answer_refusal(error: DomainError) -> ResponseReturnValue:
    """The error handler for DomainError: the answer the view chose, else an error page."""
    respond: Refusal | None = g.pop(_REFUSAL_KEY, None)
    if respond is not None:
        return respond(error)
    return render_error(400, REFUSED_TITLE, error.message)
