"""`mentornet bench matching|reports`: the performance budgets (docs/architecture.md, "Performance budgets")."""

from __future__ import annotations

import json
import platform
from datetime import UTC, datetime
from pathlib import Path

import click

from mentornet.core.config import project_root


@click.group("bench")
def bench_group() -> None:
    """Benchmarks that check the performance budgets (docs/architecture.md, "Performance budgets")."""


@bench_group.command("matching")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--quick", is_flag=True, help="Skip the 50,000 x 50,000 batch.")
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Where to write the figures (default: bench-results/matching.json).",
)
def bench_matching(as_json: bool, quick: bool, output: Path | None) -> None:
    """Top-10 suggestions among 50,000 mentors, batch 5,000 x 5,000 and (unless --quick) 50,000 x 50,000."""
    from mentornet.modules.matching import bench

    def say(text: str) -> None:
        if not as_json:
            click.echo(text, err=True)

    say("suggestions: top 10 among 50,000 mentors ...")
    figures: dict[str, object] = dict(bench.bench_suggest())
    say("batch 5,000 x 5,000 ...")
    figures.update(bench.bench_batch())
    if not quick:
        say("batch 50,000 x 50,000 (a few minutes) ...")
        figures.update(
            bench.bench_batch_large(progress=lambda done, total: say(f"  {done}/{total} mentees"))
        )
    figures["measured_at"] = datetime.now(UTC).isoformat(timespec="seconds")
    figures["machine"] = f"{platform.machine()}, Python {platform.python_version()}"
    target = output or project_root() / "bench-results" / "matching.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    if as_json:
        click.echo(json.dumps(figures, indent=2))
    else:
        for key, value in figures.items():
            click.echo(f"{key}: {value}")
        click.echo(f"written {target}")


@bench_group.command("reports")
@click.option("--members", type=click.IntRange(min=100), default=50_000, show_default=True)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Where to write the figures (default: bench-results/reports.json).",
)
def bench_reports(members: int, output: Path | None) -> None:
    """The staff dashboard over a generated network of 50,000 members (budget 300 ms)."""
    from mentornet.modules.reports.bench import bench_dashboard

    click.echo(f"dashboard over {members:,} generated members ...", err=True)
    figures: dict[str, object] = dict(
        bench_dashboard(members, progress=lambda text: click.echo(text, err=True))
    )
    figures["measured_at"] = datetime.now(UTC).isoformat(timespec="seconds")
    figures["machine"] = f"{platform.machine()}, Python {platform.python_version()}"
    target = output or project_root() / "bench-results" / "reports.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    for key, value in figures.items():
        click.echo(f"{key}: {value}")
    click.echo(f"written {target}")


@bench_group.command("web")
@click.option("--members", type=click.IntRange(min=30), default=10_000, show_default=True)
@click.option("--seconds", type=click.FloatRange(min=0.5), default=5.0, show_default=True)
@click.option("--concurrency", type=click.IntRange(min=1), default=10, show_default=True)
@click.option("--quick", is_flag=True, help="One second per page.")
@click.option(
    "--postgres",
    "postgres_url",
    envvar="MNTEST_DATABASE_URL",
    default=None,
    help="Also on this PostgreSQL database (default: MNTEST_DATABASE_URL); SQLite always.",
)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Where to write the figures (default: bench-results/web.json).",
)
def bench_web(
    members: int,
    seconds: float,
    concurrency: int,
    quick: bool,
    postgres_url: str | None,
    output: Path | None,
) -> None:
    """Every staff and member page of issue 16 under gunicorn (2 workers) at 10 concurrent."""
    from mentornet.modules.bench import web

    figures = web.bench_web(
        members=members,
        seconds=1.0 if quick else seconds,
        concurrency=concurrency,
        postgres_url=postgres_url or None,
        folder=project_root() / "bench-results",
        say=lambda text: click.echo(text, err=True),
    )
    target = output or project_root() / "bench-results" / "web.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    click.echo(web.table(figures))
    click.echo(f"written {target}")
