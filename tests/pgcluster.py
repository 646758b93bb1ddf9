"""A throw-away PostgreSQL cluster for the test suite: created in a temporary folder, gone after.

The suite never touches a server it did not start (unless MNTEST_DATABASE_URL points it at one on
purpose). The cluster listens only on a Unix socket inside its own private folder, so nothing else
on the machine can reach it; it has a superuser, a non-superuser owner of the tables and a separate
non-owner app role, so row-level security applies to the app exactly as in production.
"""

from __future__ import annotations

import getpass
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import psycopg

OWNER, APP = "mentornet_owner", "mentornet_app"
DATABASES = ("mentornet_test", "mentornet_migrations_test")
MISSING = (
    "PostgreSQL binaries (initdb, pg_ctl) were found neither on PATH nor under "
    "/usr/lib/postgresql/*/bin: install them (Debian: apt-get install postgresql) or point "
    "MNTEST_DATABASE_URL at a server of your own"
)


def find_binaries() -> Path | None:
    """The folder holding initdb and pg_ctl: on PATH, else the newest Debian install."""
    on_path = shutil.which("pg_ctl")
    if on_path:
        folder = Path(on_path).resolve().parent  # through a symlink such as /usr/local/bin/pg_ctl
        if (folder / "initdb").exists():
            return folder
    installed = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"),
        key=lambda path: [int(part) for part in re.findall(r"\d+", path.parent.parent.name)],
    )
    return installed[-1].parent if installed else None


@dataclass
class Cluster:
    """One running throw-away cluster; `url(role, database)` builds a SQLAlchemy URL to it."""

    binaries: Path
    folder: Path
    os_user: str | None  # the account the server runs as, when we are root (initdb refuses root)
    port: int = 5432

    @property
    def data(self) -> Path:
        return self.folder / "data"

    @property
    def socket_dir(self) -> Path:
        return self.folder / "socket"

    def url(self, role: str, database: str) -> str:
        return f"postgresql+psycopg://{role}@/{database}?host={self.socket_dir}&port={self.port}"

    def _run(self, *args: str) -> None:
        command = [str(self.binaries / args[0]), *args[1:]]
        if self.os_user:
            command = ["runuser", "-u", self.os_user, "--", *command]
        # Our own fixed binaries and arguments, never input from outside.
        result = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
        if result.returncode != 0:
            raise RuntimeError(f"{' '.join(args[:1])} failed:\n{result.stdout}{result.stderr}")

    def start(self) -> None:
        self.socket_dir.mkdir()
        if self.os_user:
            shutil.chown(self.folder, self.os_user)
            shutil.chown(self.socket_dir, self.os_user)
        # Only the socket in our private folder, trust for whoever can reach it (its owner).
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                  "--no-instructions", "--no-sync")  # fmt: skip
        options = (
            f"-c listen_addresses='' -c unix_socket_directories='{self.socket_dir}' "
            f"-c port={self.port} -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l",
                  str(self.folder / "server.log"), "-w", "-t", "60", "start")  # fmt: skip
        with psycopg.connect(
            host=str(self.socket_dir), port=self.port, user="postgres", dbname="postgres",
            autocommit=True,
        ) as connection:  # fmt: skip
            connection.execute(f"CREATE ROLE {OWNER} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE")
            connection.execute(
                f"CREATE ROLE {APP} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS"
            )
            for name in DATABASES:
                connection.execute(f"CREATE DATABASE {name} OWNER {OWNER}")

    def stop(self) -> None:
        try:
            if (self.data / "postmaster.pid").exists():
                self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


def start_cluster() -> Cluster:
    """Start a fresh cluster in a new temporary folder; raise with MISSING when none can be made."""
    binaries = find_binaries()
    if binaries is None:
        raise FileNotFoundError(MISSING)
    os_user = None
    if os.geteuid() == 0:
        os_user = "postgres" if _account_exists("postgres") else "nobody"
    folder = Path(tempfile.mkdtemp(prefix="mentornet-pg-"))
    # Inside a private socket folder, the port only names the socket file.
    cluster = Cluster(binaries, folder, os_user)
    try:
        cluster.start()
    except BaseException:
        cluster.stop()
        raise
    return cluster


def _account_exists(name: str) -> bool:
    try:
        import pwd

        pwd.getpwnam(name)
    except KeyError:
        return False
    return name != getpass.getuser()
