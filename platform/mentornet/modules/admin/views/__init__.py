"""The parts of the admin console, one file each; blueprint.py collects their ROUTES and SECTION."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask.typing import ResponseReturnValue
from flask_babel import LazyString

from mentornet.core.permissions import ADMINS


@dataclass(frozen=True)
class Route:
    rule: str  # below /<slug>/admin, e.g. "/goals"
    endpoint: str  # the view's name in the admin blueprint: url_for("admin.<endpoint>")
    view: Callable[..., ResponseReturnValue]
    methods: tuple[str, ...] = ("GET",)
    allowed: frozenset[str] = ADMINS


@dataclass(frozen=True)
class Section:
    """An entry in the console's menu: its title and the endpoint of its first page."""

    title: LazyString
    endpoint: str
    order: int
