"""The demo's tables, kept as TOML files in data/ next to this code and read from the package."""

from __future__ import annotations

import tomllib
from importlib import resources
from typing import Any


def read_table(name: str) -> dict[str, Any]:
    """The parsed data/<name>.toml; callers cache what they build from it."""
    text = resources.files(__package__).joinpath("data", f"{name}.toml").read_text("utf-8")
    return tomllib.loads(text)
