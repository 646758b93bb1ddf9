"""Make and check the hashed dependency locks in this folder.

`python requirements/lock.py make [--upgrade]` writes runtime.txt (the app and its production extras)
and dev.txt (that plus the development extras) with uv, for every platform and Python >= 3.11, and
stamps both with a digest of what pyproject.toml asks for. `python requirements/lock.py check` fails
with a clear message when pyproject.toml changed since: run `make lock` then. Only the standard
library is needed for `check`, so a fresh machine can run it before anything is installed.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
LOCKS = {"dev.txt": ("dev", "prod"), "runtime.txt": ("prod",)}  # dev first: it constrains runtime
STAMP = "# pyproject-digest: "


def requested() -> dict[str, object]:
    """The parts of pyproject.toml that decide what gets installed."""
    with (ROOT / "pyproject.toml").open("rb") as handle:
        project = tomllib.load(handle)
    return {
        "requires-python": project["project"].get("requires-python"),
        "dependencies": project["project"].get("dependencies", []),
        "optional-dependencies": project["project"].get("optional-dependencies", {}),
        "build-system": project["build-system"].get("requires", []),
    }


def digest() -> str:
    text = json.dumps(requested(), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def make(upgrade: bool) -> None:
    # The build backend is locked too: the project is installed with --no-build-isolation, so
    # nothing is fetched unhashed while building it.
    build = "\n".join(requested()["build-system"])  # type: ignore[arg-type]
    for name, extras in LOCKS.items():
        command = [
            sys.executable, "-m", "uv", "pip", "compile", "--quiet", "--universal",
            "--python-version", "3.11", "--generate-hashes", "--no-header",
            "pyproject.toml", "-", *(f"--extra={extra}" for extra in extras),
            "-o", f"requirements/{name}",
        ]  # fmt: skip
        if name != "dev.txt":
            # Same versions as the development lock, so what the tests passed with is what runs.
            command += ["--constraint", "requirements/dev.txt"]
        if upgrade:
            command.append("--upgrade")
        subprocess.run(command, input=build, text=True, cwd=ROOT, check=True)
        path = HERE / name
        body = path.read_text(encoding="utf-8")
        header = (
            f"# Locked by `make lock` from pyproject.toml (extras: {', '.join(extras)}); do not edit.\n"
            f"{STAMP}{digest()}\n"
        )
        path.write_text(header + body, encoding="utf-8")
    print(f"locked: {', '.join(LOCKS)} ({digest()[:12]})")


def check() -> int:
    want = digest()
    stale = []
    for name in LOCKS:
        path = HERE / name
        stamps = [
            line.removeprefix(STAMP).strip()
            for line in path.read_text(encoding="utf-8").splitlines()
            if line.startswith(STAMP)
        ] if path.exists() else []  # fmt: skip
        if stamps != [want]:
            stale.append(name)
    if stale:
        print(
            f"requirements/{', requirements/'.join(stale)} do not match pyproject.toml: its "
            "dependencies changed since the lock was made. Run `make lock` and commit the result.",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    verb = sys.argv[1] if len(sys.argv) > 1 else ""
    if verb == "make":
        make(upgrade="--upgrade" in sys.argv[2:])
    elif verb == "check":
        sys.exit(check())
    else:
        sys.exit("usage: lock.py make [--upgrade] | check")
