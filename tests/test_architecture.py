"""Module packages depend on each other without cycles (STYLE rule 9, docs/architecture.md).

The imports are read from the source with ast, so an import inside a function or under
TYPE_CHECKING counts as much as one at the top of a file.
"""

from __future__ import annotations

import ast
from collections import defaultdict, deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from helpers import ROOT

MODULES = ROOT / "platform" / "mentornet" / "modules"
PREFIX = "mentornet.modules."

# Imports that still close a cycle, each the upward half of its cycle, waiting for a change of
# their own. The test fails once one of them is gone or closes no cycle, so the list only shrinks.
WAITING: frozenset[tuple[str, str]] = frozenset()


@dataclass(frozen=True)
class Import:
    """One import of a module package by another, as written in one file."""

    path: str  # relative to modules/, e.g. "profiles/forms.py"
    line: int
    source: str  # the importing module package
    target: str  # the imported module package

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}"


def module_imports(modules: Path) -> list[Import]:
    """Every import from one module package of `modules` into another."""
    found = []
    for file in sorted(modules.glob("*/**/*.py")):
        path = file.relative_to(modules).as_posix()
        source = path.split("/")[0]
        package = f"{PREFIX}{path.removesuffix('.py').replace('/', '.')}".removesuffix(".__init__")
        is_package = file.name == "__init__.py"
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"), str(file))):
            for name in _imported_names(node, package, is_package):
                if name.startswith(PREFIX) and (target := name.split(".")[2]) != source:
                    found.append(Import(path, getattr(node, "lineno", 0), source, target))
    return found


def _imported_names(node: ast.AST, package: str, is_package: bool) -> Iterator[str]:
    if isinstance(node, ast.Import):
        yield from (alias.name for alias in node.names)
    elif isinstance(node, ast.ImportFrom):
        base = node.module or ""
        if node.level:  # relative: `.` is the package the file is in (itself, for an __init__.py)
            parts = package.split(".")
            parts = parts[: len(parts) - node.level + (1 if is_package else 0)]
            base = ".".join([*parts, base] if base else parts)
        # `from mentornet.modules import profiles` names the package in the alias
        yield from (f"{base}.{alias.name}" for alias in node.names)


def cycles(imports: Iterable[Import]) -> list[str]:
    """Each group of module packages that depend on one another, with its shortest cycle."""
    graph: dict[str, dict[str, Import]] = defaultdict(dict)
    for found in imports:
        graph[found.source].setdefault(found.target, found)
    return [
        _describe(group, _shortest_cycle(graph, min(group), group)) for group in _tangles(graph)
    ]


def _describe(group: set[str], cycle: list[Import]) -> str:
    names = " -> ".join([cycle[0].source, *(found.target for found in cycle)])
    sites = ", ".join(found.where for found in cycle)
    return f"{names} ({sites}); the group: {', '.join(sorted(group))}"


def _tangles(graph: dict[str, dict[str, Import]]) -> list[set[str]]:
    """The strongly connected groups of more than one package (Kosaraju's two passes)."""
    order: list[str] = []
    seen: set[str] = set()

    def visit(node: str, edges: dict[str, set[str]], out: list[str]) -> None:
        stack = [(node, iter(sorted(edges.get(node, ()))))]
        seen.add(node)
        while stack:
            current, rest = stack[-1]
            following = next((n for n in rest if n not in seen), None)
            if following is None:
                stack.pop()
                out.append(current)
            else:
                seen.add(following)
                stack.append((following, iter(sorted(edges.get(following, ())))))

    forward = {node: set(targets) for node, targets in graph.items()}
    backward: dict[str, set[str]] = defaultdict(set)
    for node, targets in forward.items():
        for target in targets:
            backward[target].add(node)
    for node in sorted(forward):
        if node not in seen:
            visit(node, forward, order)
    seen.clear()
    groups = []
    for node in reversed(order):
        if node not in seen:
            group: list[str] = []
            visit(node, backward, group)
            if len(group) > 1:
                groups.append(set(group))
    return sorted(groups, key=min)


def _shortest_cycle(
    graph: dict[str, dict[str, Import]], start: str, group: set[str]
) -> list[Import]:
    came_by: dict[str, Import] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for target, found in sorted(graph[node].items()):
            if target == start:
                path = [found]
                while path[0].source != start:
                    path.insert(0, came_by[path[0].source])
                return path
            if target in group and target not in came_by:
                came_by[target] = found
                queue.append(target)
    raise AssertionError(f"{start} is in a tangle but on no cycle")


def test_module_packages_import_each_other_without_cycles() -> None:
    imports = [i for i in module_imports(MODULES) if (i.path, i.target) not in WAITING]
    found = cycles(imports)
    assert found == [], "import cycles between module packages:\n" + "\n".join(found)


def test_every_waiting_import_still_closes_a_cycle() -> None:
    imports = module_imports(MODULES)
    present = {(i.path, i.target) for i in imports}
    assert WAITING - present == set(), "gone: remove them from WAITING"
    for path, target in sorted(WAITING):
        allowed = [i for i in imports if (i.path, i.target) not in WAITING - {(path, target)}]
        assert cycles(allowed) != [], f"{path} -> {target} closes no cycle: remove it from WAITING"


def _package(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_a_cycle_of_three_is_found_and_named(tmp_path: Path) -> None:
    modules = _package(
        tmp_path,
        {
            "alpha/__init__.py": "",
            "alpha/operations.py": "from mentornet.modules.beta.models import B\n",
            "beta/models.py": "import mentornet.modules.gamma.models\n",
            "gamma/models.py": "def f():\n    from mentornet.modules import alpha\n",
            "delta/views.py": "from mentornet.modules.alpha import operations\n",
        },
    )
    assert cycles(module_imports(modules)) == [
        "alpha -> beta -> gamma -> alpha "
        "(alpha/operations.py:1, beta/models.py:1, gamma/models.py:2); the group: alpha, beta, gamma"
    ]


def test_relative_imports_and_imports_within_a_package_are_understood(tmp_path: Path) -> None:
    modules = _package(
        tmp_path,
        {
            "alpha/__init__.py": "from . import models\nfrom ..beta import models as b\n",
            "alpha/views/pages.py": "from ..models import A\nfrom ...beta.models import B\n",
            "beta/models.py": "from .models import B\n",
        },
    )
    assert [(i.where, i.target) for i in module_imports(modules)] == [
        ("alpha/__init__.py:2", "beta"),
        ("alpha/views/pages.py:2", "beta"),
    ]
    assert cycles(module_imports(modules)) == []
