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
