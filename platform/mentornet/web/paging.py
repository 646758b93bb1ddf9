"""Long lists a page at a time: which page was asked for, and links to the others."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import request, url_for


@dataclass(frozen=True)
class Page:
    number: int
    pages: int
    size: int
    url: Callable[[int], str]  # the address of page n, with the list's other query arguments

    @property
    def start(self) -> int:
        return (self.number - 1) * self.size

    @property
    def end(self) -> int:
        return self.number * self.size


def page_of(total: int, size: int, keep: tuple[str, ...] = (), argument: str = "page") -> Page:
    """The page ?page= (or ?<argument>=, for a second list on the page) asks for, kept between
    the first and the last (never an error).

    Links to the other pages carry the list's own filters, the query arguments named in `keep`, and
    nothing else of the address: url_for would take a `_method` as its own argument (no such
    route: a 500) and a `tenant_slug` as the network of every link.
    """
    pages = max(1, -(-total // size))
    number = min(max(request.args.get(argument, 1, type=int) or 1, 1), pages)
    filters = {name: request.args[name] for name in keep if name in request.args}
    endpoint, arguments = request.endpoint or "", {**(request.view_args or {}), **filters}
    return Page(number, pages, size, lambda n: url_for(endpoint, **{**arguments, argument: n}))
