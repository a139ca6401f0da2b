"""Roster benchmark: solve the sample scenarios at several time limits and record the results.

Each (scenario, workers, time limit) is one solve in a fresh subprocess, so the peak memory
measured (`ru_maxrss` of that child, read with `os.wait4`) is the solve's own. Every run
records the time to the first feasible roster (from the call to `solve`, model building
included), the final objective, best bound and gap, the improving-roster trajectory, the
worker count and seed, and the checker's verdict (hard violations, and whether its cost
equals the solver's). The best bound is only known at the end of a solve, so each time limit
is its own run.

    python benchmarks/roster.py --scenarios contact-centre,clinic,large --limits 10,30,120 \\
        --workers 8 --out results.json

writes `results.json` and replaces the table section of `docs/BENCHMARKS.md` named by
`--section` (`roster` by default; the worker study uses `--workers 2,4,8 --section workers`)
with a Markdown table, the exact command that reproduces it and the machine it ran on.
Scenarios: `contact-centre` and `clinic` are the folders under `data/`, `large` is generated
with `planner.demo` (seed 0) into a temporary folder; any other name is read as a folder.
A name ending in `+no-training` solves that scenario with training switched off, e.g.

    python benchmarks/roster.py --scenarios cross-training,cross-training+no-training \
        --limits 10,30 --workers 8 --section training --out training-results.json
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from planner import demo  # noqa: E402

DOC = ROOT / "docs" / "BENCHMARKS.md"
SAMPLES = {"contact-centre": "small", "clinic": "medium", "large": "large"}
"""Scenario name -> demo size; the committed samples are read from `data/`."""
COMMITTED_NAMES = {demo.FOLDERS[size]: size for size in demo.COMMITTED}


# --------------------------------------------------------------------------- child side


NO_TRAINING = "+no-training"


def run_child(
    scenario_dir: Path, limit: float, workers: int, seed: int, out: Path, *, training: bool = True
) -> None:
    """Load, solve and check one scenario (with training switched off unless `training`);
    write one JSON record to `out`."""
    import resource

    from planner.check import check_plan
    from planner.domain import SolverSettings
    from planner.engine.solve import Progress, solve
    from planner.io import load_scenario_dir
    from planner.training import without_training

    loaded = load_scenario_dir(scenario_dir)
    if loaded.scenario is None:
        raise SystemExit(f"{scenario_dir.name}: {len(loaded.errors)} errors while loading")
    scenario = loaded.scenario if training else without_training(loaded.scenario)
    trajectory: list[dict[str, float]] = []
    started = time.monotonic()

    def on_progress(event: Progress) -> None:
        trajectory.append({
            "seconds": round(time.monotonic() - started, 3),
            "search_seconds": round(event.seconds, 3),
            "objective": round(event.objective, 2),
            "best_bound": round(event.best_bound, 2),
            "gap": round(event.gap, 5),
        })

    settings = SolverSettings(time_limit_seconds=limit, workers=workers, seed=seed)
    plan = solve(scenario, settings=settings, on_progress=on_progress)
    wall = time.monotonic() - started
    stats = plan.stats
    record: dict[str, Any] = {
        "status": stats.status,
        "objective": None if stats.objective is None else round(stats.objective, 2),
        "best_bound": None if stats.best_bound is None else round(stats.best_bound, 2),
        "gap": None if stats.gap is None else round(stats.gap, 5),
        "seconds": round(wall, 2),
        "first_feasible_seconds": trajectory[0]["seconds"] if trajectory else None,
        "first_solution_search_seconds": (
            None if stats.first_solution_seconds is None
            else round(stats.first_solution_seconds, 3)
        ),
        "trajectory": trajectory,
        "employees": len(scenario.employees),
        "days": scenario.settings.days,
        "shifts": len(scenario.shifts),
        "skills": len(scenario.skills),
        "demand_rows": len(scenario.demand),
        "assignments": len(plan.assignments),
        "temps_booked": sum(b.count for b in plan.temp_bookings),
        "training_sessions": len(plan.training),
    }
    if stats.objective is not None:
        report = check_plan(scenario, plan)
        record["hard_violations"] = len(report.hard_violations)
        record["hard_violations_by_rule"] = report.count_by_rule(hard=True)
        record["check_objective_matches"] = report.objective_units == stats.objective_units
        record["costs"] = {k: round(v, 2) for k, v in report.money_by_kind().items()}
    record["child_maxrss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    out.write_text(json.dumps(record))


# --------------------------------------------------------------------------- parent side


def machine() -> dict[str, Any]:
    """Cores, CPU model, Python and OR-Tools versions: never a path or a host name."""
    import ortools

    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        commit = subprocess.run(
            ["git", "describe", "--always", "--dirty"], cwd=ROOT, capture_output=True,
            text=True, check=False,
        ).stdout.strip() or "unknown"
    except OSError:
        commit = "unknown"
    return {
        "commit": commit,
        "cores": os.cpu_count(),
        "cpu": model,
        "python": platform.python_version(),
        "ortools": ortools.__version__,
        "system": platform.system(),
    }


def run_one(
    scenario_dir: Path, limit: float, workers: int, seed: int, *, training: bool = True
) -> dict[str, Any]:
    """One solve in a fresh subprocess; its own peak memory comes from `os.wait4`."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "result.json"
        command = [
            sys.executable, str(Path(__file__).resolve()), "--child",
            "--scenario-dir", str(scenario_dir), "--limits", str(limit),
            "--workers", str(workers), "--seed", str(seed), "--out", str(out),
            *([] if training else ["--no-training"]),
        ]
        load_before = os.getloadavg()[0]
        started = time.monotonic()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        elapsed = time.monotonic() - started
        record: dict[str, Any] = {"ok": process.returncode == 0}
        if out.exists():
            record.update(json.loads(out.read_text()))
    record.update({
        "limit": limit,
        "workers": workers,
        "seed": seed,
        "process_seconds": round(elapsed, 2),
        "peak_memory_mb": round(usage.ru_maxrss / 1024, 1),
        "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 1),
        "load_before": round(load_before, 2),
        "load_after": round(os.getloadavg()[0], 2),
    })
    return record


def resolve(name: str, tmp: Path) -> Path:
    name = name.removesuffix(NO_TRAINING)
    if name in COMMITTED_NAMES or (ROOT / "data" / name / "scenario.toml").exists():
        return ROOT / "data" / name
    if name in SAMPLES:
        return demo.write_demo(SAMPLES[name], tmp / name, seed=0)
    path = Path(name)
    if not path.is_dir():
        raise SystemExit(f"unknown scenario {name!r}: use {', '.join(SAMPLES)} or a folder")
    return path


def _cell(value: object, digits: int = 2) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "NO"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    return str(value)


def markdown(results: Sequence[dict[str, Any]], command: str, info: dict[str, Any],
             section: str) -> str:
    loads = [r["load_before"] for r in results] + [r["load_after"] for r in results]
    lines = [
        f"<!-- benchmark:{section}:start -->",
        "",
        f"Command: `{command}`",
        "",
        f"Machine: {info['cores']} cores ({info['cpu']}), Python {info['python']}, "
        f"OR-Tools {info['ortools']}, code at `{info['commit']}`. Load average during the runs: "
        f"{min(loads):.1f}-{max(loads):.1f} (above {info['cores']} means other work "
        "shared the cores and timings are pessimistic).",
        "",
        "| scenario | employees x days | workers | limit s | status | first roster s | "
        "objective | best bound | gap | temps | training sessions | peak MB | hard violations | "
        "check = solver | load |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        gap = r.get("gap")
        lines.append(
            f"| {r['scenario']} | {r.get('employees', '?')} x {r.get('days', '?')} | "
            f"{r['workers']} | {r['limit']:g} | {r.get('status', 'crashed')} | "
            f"{_cell(r.get('first_feasible_seconds'), 1)} | {_cell(r.get('objective'))} | "
            f"{_cell(r.get('best_bound'))} | "
            f"{'-' if gap is None else f'{100 * gap:.2f} %'} | {_cell(r.get('temps_booked'))} | "
            f"{_cell(r.get('training_sessions'))} | {_cell(r['peak_memory_mb'], 0)} | "
            f"{_cell(r.get('hard_violations'))} | {_cell(r.get('check_objective_matches'))} | "
            f"{r['load_before']:.1f} |"
        )
    lines += ["", f"<!-- benchmark:{section}:end -->"]
    return "\n".join(lines)


def update_doc(doc: Path, section: str, block: str) -> None:
    """Replace the marked section of the document (or append it under its own heading)."""
    text = doc.read_text() if doc.exists() else "# Benchmarks\n"
    start, end = f"<!-- benchmark:{section}:start -->", f"<!-- benchmark:{section}:end -->"
    if start in text and end in text:
        before, rest = text.split(start, 1)
        after = rest.split(end, 1)[1]
        text = before + block + after
    else:
        text = text.rstrip("\n") + f"\n\n## Results: {section}\n\n" + block + "\n"
    doc.parent.mkdir(parents=True, exist_ok=True)
    doc.write_text(text)


def command_line(args: argparse.Namespace) -> str:
    parts = ["python", "benchmarks/roster.py", "--scenarios", args.scenarios,
             "--limits", args.limits, "--workers", args.workers, "--seed", str(args.seed),
             "--out", Path(args.out).name]
    if args.section != "roster":
        parts += ["--section", args.section]
    return shlex.join(parts)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark the roster engine on the samples.")
    parser.add_argument("--scenarios", default="contact-centre,clinic,large")
    parser.add_argument("--limits", default="10,30,120", help="time limits in seconds")
    parser.add_argument("--workers", default="8", help="worker counts, e.g. 2,4,8")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", default="results.json")
    parser.add_argument("--doc", type=Path, default=DOC)
    parser.add_argument("--section", default="roster", help="section of the doc to replace")
    parser.add_argument("--no-doc", action="store_true", help="do not touch the doc")
    parser.add_argument("--render", type=Path, metavar="RESULTS_JSON",
                        help="only rewrite the doc's section from an earlier results file")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--scenario-dir", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--no-training", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    limits = [float(x) for x in args.limits.split(",")]
    workers = [int(x) for x in str(args.workers).split(",")]
    if args.child:
        run_child(args.scenario_dir, limits[0], workers[0], args.seed, Path(args.out),
                  training=not args.no_training)
        return 0
    if args.render:
        saved = json.loads(args.render.read_text())
        update_doc(args.doc, args.section, markdown(
            saved["results"], saved["command"], saved["machine"], args.section))
        return 0
    info = machine()
    results: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.scenarios.split(","):
            folder = resolve(name, Path(tmp))
            for count in workers:
                for limit in limits:
                    training = not name.endswith(NO_TRAINING)
                    record = {"scenario": name,
                              **run_one(folder, limit, count, args.seed, training=training)}
                    results.append(record)
                    print(
                        f"{name:15} workers {count} limit {limit:>5g}s: "
                        f"{record.get('status', 'crashed'):8} first "
                        f"{_cell(record.get('first_feasible_seconds'), 1):>6}s "
                        f"obj {_cell(record.get('objective')):>12} "
                        f"gap {_cell(record.get('gap'), 4):>7} "
                        f"mem {record['peak_memory_mb']:.0f} MB "
                        f"hard {_cell(record.get('hard_violations'))} "
                        f"load {record['load_before']:.1f}",
                        flush=True,
                    )
    command = command_line(args)
    Path(args.out).write_text(json.dumps(
        {"command": command, "machine": info, "results": results}, indent=2) + "\n")
    if not args.no_doc:
        update_doc(args.doc, args.section, markdown(results, command, info, args.section))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
