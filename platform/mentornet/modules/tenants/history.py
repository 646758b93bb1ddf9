"""What changed between two settings documents, as a list a person can read."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Change:
    """One value that differs: its dotted path (`goals.job.label.da`) and both sides.

    `before` is None for an added value and `after` is None for a removed one.
    """

    path: str
    before: Any
    after: Any


def settings_diff(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """Every leaf value that differs, in the order of the documents.

    Lists of tables with a `key` (goals, questions, choices) are compared by key, so that moving
    one goal up reads as a change of order, not as every goal after it being replaced.
    """
    return list(_diff("", old, new))


def _diff(path: str, old: Any, new: Any) -> Iterator[Change]:
    if isinstance(old, dict) and isinstance(new, dict):
        for name in [*old, *(k for k in new if k not in old)]:
            yield from _diff(_join(path, str(name)), old.get(name), new.get(name))
    elif _keyed(old) and _keyed(new):
        old_keys, new_keys = [item["key"] for item in old], [item["key"] for item in new]
        before, after = dict(zip(old_keys, old, strict=True)), dict(zip(new_keys, new, strict=True))
        for key in [*old_keys, *(k for k in new_keys if k not in before)]:
            yield from _diff(_join(path, key), before.get(key), after.get(key))
        common = [k for k in old_keys if k in after]
        if common != [k for k in new_keys if k in before]:
            yield Change(_join(path, "order"), old_keys, new_keys)
    elif old != new:
        yield Change(path, old, new)


def _keyed(value: Any) -> bool:
    return (
        isinstance(value, list)
        and bool(value)
        and all(isinstance(item, dict) and "key" in item for item in value)
    )


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name
