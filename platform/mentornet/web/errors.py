"""Localised error pages; never a stack trace."""

from __future__ import annotations

import logging

from flask import Flask, render_template
from flask.typing import ResponseReturnValue
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from mentornet.modules.tenants.resolver import adopt_tenant_for_error_page

log = logging.getLogger(__name__)

PAGES = {
    400: (
        _l("Bad request"),
        _l("The request could not be understood. Please go back and try again."),
    ),
    401: (_l("Please sign in"), _l("Sign in to see this page.")),
    403: (_l("Not allowed"), _l("You do not have permission to see this page.")),
    404: (
        _l("Page not found"),
        _l("We could not find this page. It may have moved, or the address may be wrong."),
    ),
    405: (_l("Not allowed"), _l("This page cannot be used this way.")),
    409: (_l("Changed meanwhile"), _l("This changed while you were working on it. Reload it.")),
    410: (_l("Gone"), _l("This page is no longer here.")),
    413: (_l("Too large"), _l("What you sent is too large.")),
    415: (_l("Not understood"), _l("What you sent is not in a form this page reads.")),
    422: (_l("Not understood"), _l("What you sent could not be read.")),
    429: (_l("Too many attempts"), _l("Please wait a few minutes before you try again.")),
    500: (
        _l("Something went wrong"),
        _l("An error on our side stopped this page. It has been logged; please try again later."),
    ),
    503: (
        _l("Temporarily unavailable"),
        _l("This network is not available at the moment. Please try again later."),
    ),
}
# Any other error: its own (English) name and description never reach the reader.
OTHER_ERROR = (_l("Something went wrong"), _l("This request could not be completed."))
CSRF_PAGE = (
    _l("The form has expired"),
    _l("For your security the form timed out. Please go back, reload the page and try again."),
)


def register_error_handlers(app: Flask) -> None:
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected_error)


def render_error(code: int, title: object, message: object) -> ResponseReturnValue:
    return render_template("errors/error.html", code=code, title=title, message=message), code


def _http_error(error: HTTPException) -> ResponseReturnValue:
    code = error.code or 500
    if code < 400:
        return error
    title, message = PAGES.get(code, OTHER_ERROR)
    adopt_tenant_for_error_page()
    headers = error.get_headers()  # keeps Allow on 405 and Retry-After on 429
    page = render_template("errors/error.html", code=code, title=title, message=message)
    return page, code, [(k, v) for k, v in headers if k.lower() != "content-type"]


def _csrf_error(error: CSRFError) -> ResponseReturnValue:
    log.info("CSRF check failed: %s", error.description)
    adopt_tenant_for_error_page()
    return render_error(400, *CSRF_PAGE)


def _unexpected_error(error: Exception) -> ResponseReturnValue:
    if isinstance(error, HTTPException):
        return _http_error(error)
    log.exception("unhandled error", exc_info=error)
    return _http_error(InternalServerError())
