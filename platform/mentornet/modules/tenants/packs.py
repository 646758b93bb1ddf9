"""Reading and writing tenant.toml method packs, with errors that name the file, line and key."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomli_w
from flask_babel import lazy_gettext as _l
from marshmallow import ValidationError
from werkzeug.datastructures import FileStorage

from mentornet.core.errors import DomainError
from mentornet.core.schemas import flatten_errors
from mentornet.modules.tenants.schemas import TenantPackSchema

PACK_FILE = "tenant.toml"
# A real pack is about 20 KiB; anything far larger is not one.
MAX_PACK_BYTES = 512 * 1024


@dataclass(frozen=True)
class PackProblem:
    """One thing wrong with a pack, located as precisely as the file allows."""

    path: Path
    key: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        return f"{where}: {self.key}: {self.message}"


class PackError(Exception):
    """A pack could not be read or is invalid; carries every problem found."""

    def __init__(self, problems: list[PackProblem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


def pack_file(location: Path) -> Path:
    """Accept either the pack folder or the tenant.toml inside it."""
    return location / PACK_FILE if location.is_dir() else location


def read_pack(location: Path) -> dict[str, Any]:
    """Parse and validate a pack; the result is the normalised settings document."""
    path = pack_file(location)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise PackError([PackProblem(path, "-", f"cannot read the file ({exc.strerror})")]) from exc
    return parse_pack(text, path)


def parse_pack(text: str, path: Path, keep: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Validate a pack's text; `keep` replaces sections before validation (an uploaded pack keeps
    the network's own slug, status and hosts)."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message, line = _toml_error(exc, text)
        raise PackError([PackProblem(path, "-", f"not valid TOML: {message}", line)]) from exc
    raw.update(keep or {})
    try:
        settings: dict[str, Any] = TenantPackSchema().load(raw)
    except ValidationError as exc:
        locator = KeyLocator(text)
        problems = [
            PackProblem(path, key, message, locator.line_of(key))
            for key, message in flatten_errors(exc.messages)
        ]
        raise PackError(problems) from exc
    return settings


def _toml_error(exc: tomllib.TOMLDecodeError, text: str) -> tuple[str, int]:
    """The parser's message and line (Python 3.11 puts the position only into the message)."""
    message = str(exc)
    if match := re.search(r"\s*\(at line (\d+), column \d+\)$", message):
        return message[: match.start()], int(match.group(1))
    return re.sub(r"\s*\(at end of document\)$", "", message), max(1, len(text.splitlines()))


def dump_pack(settings: dict[str, Any]) -> str:
    """The settings document as tenant.toml text."""
    header = (
        f"# Mentornet method pack for the network '{settings['slug']}'.\n"
        "# Import with: mentornet tenants import <folder>\n\n"
    )
    return header + tomli_w.dumps(settings)


_TABLE = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_ASSIGN = re.compile(r"^\s*([A-Za-z0-9_\-\"'. ]+?)\s*=")


class KeyLocator:
    """Maps dotted key paths (goals[2].label.fr) to the line that defines them in a TOML file.

    It understands the subset of TOML that packs use: tables, arrays of tables, dotted keys and
    plain assignments. A key it cannot place gets the line of its nearest placed parent.
    """

    def __init__(self, text: str) -> None:
        self.lines: dict[str, int] = {}
        counts: dict[str, int] = {}
        table = ""
        in_multiline = False
        for number, line in enumerate(text.splitlines(), start=1):
            if in_multiline:
                in_multiline = line.count('"""') % 2 == 0
                continue
            if match := _TABLE.match(line):
                name = _normalise(match.group(2))
                if match.group(1) == "[[":
                    index = counts.get(name, 0)
                    counts[name] = index + 1
                    table = f"{name}[{index}]"
                else:
                    table = self._resolve(name, counts)
                self.lines.setdefault(table, number)
            elif match := _ASSIGN.match(line):
                key = _normalise(match.group(1))
                self.lines.setdefault(f"{table}.{key}" if table else key, number)
                in_multiline = line.count('"""') % 2 == 1

    @staticmethod
    def _resolve(name: str, counts: dict[str, int]) -> str:
        # [goals.label] after [[goals]] belongs to the latest goals entry.
        parts = name.split(".")
        for cut in range(len(parts) - 1, 0, -1):
            head = ".".join(parts[:cut])
            if head in counts:
                return f"{head}[{counts[head] - 1}]." + ".".join(parts[cut:])
        return name

    def line_of(self, key: str) -> int | None:
        candidate = key
        while candidate:
            if candidate in self.lines:
                return self.lines[candidate]
            shorter = re.sub(r"(\.[^.\[\]]+|\[\d+\])$", "", candidate)
            if shorter == candidate:
                return None
            candidate = shorter
        return None


def _normalise(name: str) -> str:
    return ".".join(part.strip().strip("\"'") for part in name.split("."))


def uploaded_pack_text(upload: FileStorage | None) -> str:
    """The text of a tenant.toml sent with a form (field `pack`): chosen, at most MAX_PACK_BYTES,
    UTF-8; the admin console's method pack page and the operators' launch form read it so."""
    if upload is None or not upload.filename:
        raise DomainError(_l("Choose a tenant.toml file."), field="pack")
    data = upload.stream.read(MAX_PACK_BYTES + 1)
    if len(data) > MAX_PACK_BYTES:
        raise DomainError(
            _l("The file is larger than %(size)s KiB: this is not a method pack.", size=512),
            field="pack",
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise DomainError(_l("The file is not UTF-8 text."), field="pack") from error
