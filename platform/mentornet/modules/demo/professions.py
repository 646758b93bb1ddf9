"""Professions of demo members: an ISCO-08 unit group with the education that usually leads to it.

The table is data/professions.toml. Tags are the sector keys the reference questionnaires use
(Denmark's "sectors", Morocco's "business_sectors", the men's network's "interests"), so a member's
answers fit her profession.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from mentornet.modules.demo.tables import read_table


@dataclass(frozen=True)
class Profession:
    isco: str  # ISCO-08 unit group
    field: str  # ISCED-F 2013 detailed field
    levels: tuple[int, int]  # ISCED 2011 levels, lowest and highest
    tags: frozenset[str]


@cache
def professions() -> dict[str, Profession]:
    """Every demo profession by its ISCO-08 code."""
    return {isco: _profession(isco, entry) for isco, entry in read_table("professions").items()}


def _profession(isco: str, entry: dict[str, Any]) -> Profession:
    low, high = entry["levels"]
    return Profession(isco, entry["field"], (low, high), frozenset(entry["tags"]))
