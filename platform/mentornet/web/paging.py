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


def page_of(total: int, size: int) -> Page:
    """The page ?page= asks for, kept between the first and the last (never an error)."""
    pages = max(1, -(-total // size))
    number = min(max(request.args.get("page", 1, type=int) or 1, 1), pages)
    endpoint, arguments = request.endpoint or "", {**(request.view_args or {}), **request.args}
    return Page(number, pages, size, lambda n: url_for(endpoint, **{**arguments, "page": n}))
