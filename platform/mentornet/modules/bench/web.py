"""`mentornet bench web` (`make bench-web`): every page of issue 16 under load, as the right role.

A generated Danish network (`mentornet demo --members N --tenant denmark`) is served by gunicorn with
2 sync workers, and each page is driven at 10 concurrent connections for a few seconds by a load
generator written here (threads, one keep-alive http.client connection each; gunicorn's sync
workers close after each answer, so a connection is opened again when they do). In the same run a
bare Flask + SQLAlchemy page reading one row from the same database is driven the same way: it is
the reference, and each page's throughput is given as a ratio of it. The generator runs on the same
machine as the servers, so it takes some of the CPU it measures; the ratio is what compares runs.
"""

from __future__ import annotations

import http.client
import os
import platform
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode

Say = Callable[[str], None]
CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')
TENANT = "denmark"
HOST = "localhost"  # a platform host of the development settings: networks by path
ORDINARY_BUDGET_MS = 25.0  # DESIGN section 10: p95 at 10 concurrent, 2 workers
DASHBOARD_BUDGET_MS = 50.0


@dataclass(frozen=True)
class Target:
    name: str
    path: str  # may name {mentee_id}, {mentorship_id}
    role: str | None  # None: anonymous; coordinator, admin (demo staff) or member
    budget_ms: float | None = ORDINARY_BUDGET_MS


PAGES: tuple[Target, ...] = (
    Target("healthz", "/healthz", None, None),
    Target("portal", f"/{TENANT}/", None),
    Target("dashboard", f"/{TENANT}/staff/", "coordinator", DASHBOARD_BUDGET_MS),
    Target("applicants", f"/{TENANT}/staff/applicants", "coordinator"),
    Target("mentorships", f"/{TENANT}/staff/mentorships", "coordinator"),
    Target("matching", f"/{TENANT}/staff/matching", "coordinator"),
    Target("matching mentee", f"/{TENANT}/staff/matching/mentees/{{mentee_id}}", "coordinator"),
    Target("mentorship", f"/{TENANT}/staff/mentorships/{{mentorship_id}}", "coordinator"),
    Target("events", f"/{TENANT}/staff/events", "coordinator"),
    Target("admin", f"/{TENANT}/admin/", "admin"),
    Target("admin audit", f"/{TENANT}/admin/audit", "admin"),
    Target("me", f"/{TENANT}/me/", "member"),
)


@dataclass
class Figures:
    requests: int = 0
    errors: int = 0
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)

    def summary(self) -> dict[str, float | int]:
        ordered = sorted(self.latencies) or [0.0]

        def pct(p: float) -> float:
            return round(ordered[min(len(ordered) - 1, int(p * len(ordered)))] * 1000, 1)

        return {
            "requests": self.requests,
            "errors": self.errors,
            "requests_per_s": round(self.requests / self.seconds, 1) if self.seconds else 0.0,
            "p50_ms": pct(0.50),
            "p95_ms": pct(0.95),
            "p99_ms": pct(0.99),
        }


class Client:
    """One keep-alive connection with its own cookies (a logged-in browser tab)."""

    def __init__(self, port: int, cookies: dict[str, str] | None = None) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.cookies = dict(cookies or {})

    def request(
        self, method: str, path: str, body: dict[str, str] | None = None
    ) -> tuple[int, str, dict[str, str]]:
        headers = {"Host": HOST, "Connection": "keep-alive"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        data = None
        if body is not None:
            data = urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            self.connection.request(method, path, body=data, headers=headers)
            response = self.connection.getresponse()
        except (http.client.HTTPException, OSError):  # closed by the server between requests
            self.connection.close()
            self.connection.request(method, path, body=data, headers=headers)
            response = self.connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        if response.will_close:
            self.connection.close()
        return response.status, text, dict(response.getheaders())

    def login(self, email: str, password: str) -> None:
        status, page, _ = self.request("GET", f"/{TENANT}/login")
        match = CSRF_FIELD.search(page)
        if status != 200 or not match:
            raise RuntimeError(f"no login form at /{TENANT}/login (status {status})")
        status, _, _ = self.request(
            "POST",
            f"/{TENANT}/login",
            {"email": email, "password": password, "csrf_token": match.group(1)},
        )
        if status not in (302, 303):
            raise RuntimeError(f"login as {email} refused (status {status})")


def drive(
    port: int, path: str, cookies: dict[str, str], *, concurrency: int, seconds: float
) -> Figures:
    """`concurrency` connections asking for `path` one after the other for `seconds` (after a warm-up)."""
    figures = Figures()
    lock = threading.Lock()
    start = threading.Barrier(concurrency + 1)
    stop_at = [0.0]

    def worker() -> None:
        client = Client(port, cookies)
        client.request("GET", path)  # warm-up: connection, worker caches
        own: list[float] = []
        errors = 0
        start.wait()
        while True:
            begin = time.perf_counter()
            if begin >= stop_at[0]:
                break
            status, _, _ = client.request("GET", path)
            own.append(time.perf_counter() - begin)
            errors += status != 200
        with lock:
            figures.latencies += own
            figures.requests += len(own)
            figures.errors += errors

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    stop_at[0] = time.perf_counter() + 3600  # set for real once every warm-up is done
    start.wait()
    began = time.perf_counter()
    stop_at[0] = began + seconds
    for thread in threads:
        thread.join()
    figures.seconds = time.perf_counter() - began
    return figures


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def gunicorn(app: str, env: dict[str, str], workers: int = 2) -> Iterator[int]:
    port = free_port()
    command = [sys.executable, "-m", "gunicorn", "-w", str(workers), "-k", "sync"]
    command += ["-b", f"127.0.0.1:{port}", "--log-level", "warning", app]
    process = subprocess.Popen(command, env={**os.environ, **env})  # noqa: S603 (our own command)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"gunicorn {app} did not start") from None
                time.sleep(0.2)
        yield port
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


def seed(url: str, members: int, say: Say) -> None:
    """The demo generator into this database (it adds no members to a network that has some)."""
    env = {**os.environ, "MENTORNET_DATABASE_URL": url, "MENTORNET_DATABASE_MIGRATION_URL": url}
    say(f"seeding {members:,} Danish members (once per database; kept for the next run) ...")
    command = [str(Path(sys.executable).parent / "mentornet"), "demo", "--members", str(members)]
    subprocess.run([*command, "--tenant", TENANT], env=env, check=True, stdout=subprocess.DEVNULL)  # noqa: S603


def pick(url: str) -> dict[str, object]:
    """Ids for the pages that need one, and a member with a running mentorship to log in as."""
    import sqlalchemy as sa

    from mentornet.app import create_app
    from mentornet.modules.accounts.models import User
    from mentornet.modules.mentorships.models import OPEN_FOR_MENTEE, RUNNING, Mentorship
    from mentornet.modules.profiles.models import Profile, ProfileRole, ProfileStatus
    from mentornet.modules.tenants.operations import tenant_session

    app = create_app({"DATABASE_URL": url, "DATABASE_MIGRATION_URL": url})
    with app.app_context(), tenant_session(TENANT) as (session, _tenant):
        busy = sa.select(Mentorship.mentee_profile_id).where(Mentorship.state.in_(OPEN_FOR_MENTEE))
        mentee_id = session.scalar(
            sa.select(Profile.id)
            .where(
                Profile.role == ProfileRole.MENTEE,
                Profile.status == ProfileStatus.APPROVED,
                Profile.id.not_in(busy),
            )
            .order_by(Profile.id)
            .limit(1)
        )
        mentorship = session.scalars(
            sa.select(Mentorship).where(Mentorship.state.in_(RUNNING)).order_by(Mentorship.id)
        ).first()
        if mentee_id is None or mentorship is None:
            raise RuntimeError("the generated network has no waiting mentee or running pair")
        email = session.scalar(
            sa.select(User.email)
            .join(Profile, Profile.user_id == User.id)
            .where(Profile.id == mentorship.mentee_profile_id)
        )
        members = session.scalar(sa.select(sa.func.count()).select_from(Profile))
    from mentornet.extensions import db

    with app.app_context():
        db.engine.dispose()
    return {
        "mentee_id": mentee_id,
        "mentorship_id": mentorship.id,
        "member_email": email,
        "profiles": members,
    }


def run_database(
    label: str,
    url: str,
    *,
    members: int,
    seconds: float,
    concurrency: int,
    pages: Sequence[Target],
    say: Say,
) -> dict[str, object]:
    seed(url, members, say)
    ids = pick(url)
    password = os.environ.get("MENTORNET_DEMO_PASSWORD", "mentornet-demo")
    env = {
        "MENTORNET_ENV": "development",
        "MENTORNET_DATABASE_URL": url,
        "MENTORNET_DATABASE_MIGRATION_URL": url,
        "MENTORNET_RATELIMIT_ENABLED": "false",  # the load test logs in; nothing else is limited
        "MENTORNET_LOG_LEVEL": "WARNING",
        "BENCH_REFERENCE_DATABASE": url,
    }
    result: dict[str, object] = {"database": label, "profiles": ids["profiles"]}
    with gunicorn("mentornet.modules.bench.reference:create_reference_app()", env) as port:
        say(f"{label}: reference (bare Flask + SQLAlchemy, one row) ...")
        reference = drive(port, "/", {}, concurrency=concurrency, seconds=seconds).summary()
    result["reference"] = reference
    say(f"  {reference}")
    rows = []
    with gunicorn("mentornet.app:create_app()", env) as port:
        sessions: dict[str | None, dict[str, str]] = {None: {}}
        for role, email in (
            ("coordinator", f"coordinator@{TENANT}.example"),
            ("admin", f"admin@{TENANT}.example"),
            ("member", str(ids["member_email"])),
        ):
            client = Client(port)
            client.login(email, password)
            sessions[role] = client.cookies
        for target in pages:
            path = target.path.format(**ids)
            say(f"{label}: {target.name} {path} as {target.role or 'anonymous'} ...")
            status, body, _ = Client(port, sessions[target.role]).request("GET", path)
            figures = drive(
                port, path, sessions[target.role], concurrency=concurrency, seconds=seconds
            ).summary()
            row: dict[str, object] = {
                "page": target.name,
                "path": path,
                "role": target.role or "anonymous",
                "status": status,
                "html_kib": round(len(body.encode()) / 1024, 1),
                **figures,
                "ratio_to_reference": round(
                    float(figures["requests_per_s"]) / float(reference["requests_per_s"] or 1), 3
                ),
                "budget_p95_ms": target.budget_ms,
                "within_budget": None
                if target.budget_ms is None
                else float(figures["p95_ms"]) <= target.budget_ms,
            }
            say(f"  {row}")
            rows.append(row)
    result["pages"] = rows
    return result


def bench_web(
    *,
    members: int,
    seconds: float,
    concurrency: int,
    postgres_url: str | None,
    folder: Path,
    say: Say,
) -> dict[str, object]:
    folder.mkdir(parents=True, exist_ok=True)
    databases = [("SQLite (file)", f"sqlite:///{folder / f'web-{TENANT}-{members}.db'}")]
    if postgres_url:
        databases.append(("PostgreSQL", postgres_url))
    runs = [
        run_database(
            label,
            url,
            members=members,
            seconds=seconds,
            concurrency=concurrency,
            pages=PAGES,
            say=say,
        )
        for label, url in databases
    ]
    return {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}",
        "members_asked": members,
        "gunicorn_workers": 2,
        "concurrency": concurrency,
        "seconds_per_page": seconds,
        "load_generator": "Python threads, http.client keep-alive, on the same machine",
        "runs": runs,
    }


def table(figures: dict[str, object]) -> str:
    """The figures as a Markdown table, for the docs and commit messages."""
    lines = []
    for run in figures["runs"]:  # type: ignore[attr-defined]
        ref = run["reference"]
        lines.append(
            f"{run['database']}, {run['profiles']:,} profiles; reference "
            f"p95 {ref['p95_ms']} ms, {ref['requests_per_s']} req/s"
        )
        lines.append("| Page | p50 | p95 | p99 | req/s | ratio to reference |")
        lines.append("|---|---|---|---|---|---|")
        for row in run["pages"]:
            lines.append(
                f"| `{row['path']}` | {row['p50_ms']} | {row['p95_ms']} | {row['p99_ms']} "
                f"| {row['requests_per_s']} | {row['ratio_to_reference']} |"
            )
    return "\n".join(lines)
