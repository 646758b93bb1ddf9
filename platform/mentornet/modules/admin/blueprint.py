"""URLs of the admin console (under /<tenant_slug>/admin).

Each file in admin/views/ is one part of the console and declares its own `ROUTES` (and, when it
has a page of its own in the console's menu, a `SECTION`); this file collects them, so adding a
part edits no list. Every route is for administrators unless its Route says otherwise.
"""

from __future__ import annotations

import importlib
import pkgutil

from flask import Blueprint
from flask_login import current_user

from mentornet.modules.admin import views
from mentornet.modules.admin.views import Route, Section

bp = Blueprint("admin", __name__, template_folder="templates")

PERMISSIONS: dict[str, frozenset[str]] = {}
SECTIONS: list[Section] = []

for _info in sorted(pkgutil.iter_modules(views.__path__), key=lambda info: info.name):
    _part = importlib.import_module(f"{views.__name__}.{_info.name}")
    _routes: list[Route] = getattr(_part, "ROUTES", [])
    for _route in _routes:
        bp.add_url_rule(
            f"/admin{_route.rule}",
            endpoint=_route.endpoint,
            view_func=_route.view,
            methods=list(_route.methods),
        )
        PERMISSIONS[_route.endpoint] = _route.allowed
    if (_section := getattr(_part, "SECTION", None)) is not None:
        SECTIONS.append(_section)
SECTIONS.sort(key=lambda section: section.order)


def may_open(endpoint: str) -> bool:
    """Whether the signed-in user's roles reach an admin page (a translator reaches only the
    translation pages), so the menu offers only those."""
    allowed = PERMISSIONS.get(endpoint, frozenset())
    return bool(current_user.is_authenticated and current_user.has_role(*allowed))


@bp.context_processor
def _admin_menu() -> dict[str, object]:
    sections = [s for s in SECTIONS if may_open(s.endpoint)]
    return {"admin_sections": sections, "admin_overview": may_open("index")}
