"""The project layout the brief requires, and the standard library left alone."""

from __future__ import annotations

import platform
import sysconfig
from pathlib import Path

from helpers import ROOT


def test_import_platform_is_still_the_standard_library() -> None:
    assert Path(platform.__file__).parent == Path(sysconfig.get_paths()["stdlib"])
    assert callable(platform.python_version)


def test_source_root_is_not_a_package() -> None:
    assert not (ROOT / "platform" / "__init__.py").exists()
    assert (ROOT / "platform" / "mentornet" / "__init__.py").is_file()


def test_required_top_level_layout() -> None:
    for name in (
        "tenants",
        "translations",
        "tests",
        "config",
        "deploy",
        "pyproject.toml",
        "Makefile",
        "README.md",
        ".ci/run",
    ):
        assert (ROOT / name).exists(), name


def test_readme_opens_with_the_two_commands() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = text.split("```")[1].splitlines()[1:]  # drop the language tag line
    assert [line.strip() for line in first_block if line.strip()] == ["make demo", "make test"]
    before = text[: text.index("```")].strip().splitlines()
    assert len(before) == 1 and before[0].startswith("# ")  # only the title comes first
