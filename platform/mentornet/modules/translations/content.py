"""The network's own texts: every `{locale = text}` table of its settings (names, about texts,
goals, questions, choices, help texts, the privacy notice, terminology), by settings path."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from mentornet.modules.tenants.models import Tenant


@dataclass(frozen=True)
class ContentText:
    """One translatable text of the settings: its path ("goals.job.label") and its texts."""

    path: str
    texts: dict[str, str]


@dataclass(frozen=True)
class ContentStatus:
    total: int
    missing: int


def content_texts(tenant: Tenant) -> list[ContentText]:
    """Every text table of the settings, in document order. A table is a mapping whose keys are
    all locales of the network and whose values are all text; list items are named by their
    `key` ("goals.job.label"), or by their position when they have none."""
    return [
        ContentText(path, dict(table))
        for path, table in text_tables(tenant.settings, "", frozenset(tenant.locales))
    ]


def text_tables(
    node: Any, path: str, locales: frozenset[str]
) -> Iterator[tuple[str, dict[str, str]]]:
    """The text tables of a settings document by path; the tables themselves, so a caller may
    change them in a copy of the document (the .po import does)."""
    if isinstance(node, dict):
        if node and set(node) <= locales and all(isinstance(v, str) for v in node.values()):
            yield path, node
            return
        for key, value in node.items():
            yield from text_tables(value, f"{path}.{key}" if path else str(key), locales)
    elif isinstance(node, list):
        for index, item in enumerate(node):
            name = item.get("key") if isinstance(item, dict) else None
            label = str(name) if isinstance(name, str) and name else str(index)
            yield from text_tables(item, f"{path}.{label}" if path else label, locales)


def content_status(tenant: Tenant) -> dict[str, ContentStatus]:
    """Per locale of the network: how many texts there are and how many lack that locale."""
    texts = content_texts(tenant)
    return {
        loc: ContentStatus(len(texts), sum(1 for t in texts if not t.texts.get(loc, "").strip()))
        for loc in tenant.locales
    }


MISSING = "missing"
TRANSLATED = "translated"
OUTDATED = "outdated"
HISTORY_LIMIT = 500


@dataclass(frozen=True)
class ContentRow:
    """One text for the side-by-side page: its source and target text and the target's state."""

    path: str
    source: str
    target: str
    state: str  # MISSING, TRANSLATED or OUTDATED


def content_rows(
    tenant: Tenant, versions: list[dict[str, Any]], source: str, target: str
) -> list[ContentRow]:
    """Every text of the network with its state in `target`: missing (empty), outdated (the
    source text changed in a later settings version than the target text did) or translated.

    `versions` are the settings documents of the network's versions, oldest first (the latest
    HISTORY_LIMIT are enough: a change older than those counts as made in the oldest one)."""
    locales = frozenset(tenant.locales)
    source_changed: dict[str, int] = {}
    target_changed: dict[str, int] = {}
    previous: dict[str, dict[str, str]] = {}
    for number, document in enumerate(versions):
        tables = {path: dict(table) for path, table in text_tables(document, "", locales)}
        for path, table in tables.items():
            before = previous.get(path, {})
            if table.get(source, "") != before.get(source, "") or path not in previous:
                source_changed[path] = number
            if table.get(target, "") != before.get(target, "") or path not in previous:
                target_changed[path] = number
        previous = tables
    rows = []
    for text in content_texts(tenant):
        wanted = text.texts.get(target, "")
        if not wanted.strip():
            state = MISSING
        elif source_changed.get(text.path, 0) > target_changed.get(text.path, 0):
            state = OUTDATED
        else:
            state = TRANSLATED
        rows.append(ContentRow(text.path, text.texts.get(source, ""), wanted, state))
    return rows
