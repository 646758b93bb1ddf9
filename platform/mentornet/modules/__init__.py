"""The feature modules, each a package that registers itself by the files it has.

create_app, the metadata and the `mentornet` command ask `find` for the modules' `blueprint`,
`models` and `cli` files (docs/architecture.md, "Modules"), so adding a module edits no list.
"""

from __future__ import annotations

import importlib
import pkgutil
from fnmatch import fnmatchcase
from types import ModuleType


def module_names() -> list[str]:
    """The module packages, sorted by name."""
    return sorted(info.name for info in pkgutil.iter_modules(__path__) if info.ispkg)


def find(*patterns: str) -> list[ModuleType]:
    """Import every module's files named like one of the patterns (`"cli"`, `"*_models"`).

    Sorted by module, then by file, so that registration never depends on the file system's order.
    """
    found = []
    for name in module_names():
        package = importlib.import_module(f"{__name__}.{name}")
        for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda info: info.name):
            if any(fnmatchcase(info.name, pattern) for pattern in patterns):
                found.append(importlib.import_module(f"{package.__name__}.{info.name}"))
    return found
