"""Erlang benchmark: how long 10,000 half-hour intervals take to convert from volume to heads.

Seeded random intervals like a large contact centre's month: 1 to 1,500 contacts per half
hour (loads of up to 750 Erlangs, so up to a few hundred agents), AHT 60-900 s,
targets of 60-95 % within 10-60 s, some with an ASA target, a maximum occupancy of 85-100 %.
Each case is timed as the best of `--repeats` runs of `planner.demand.staffing`:

- `required_agents` for Erlang C rows, for Erlang A rows (a patience of 30-600 s), and for a
  mix (a fifth of the rows with a patience, a tenth with an ASA target);
- `queue_service` at the heads found (the service figures `coverage.csv` reports);
- `convert_demand` of 10,000 `Demand` rows (what building a scenario does).

    python benchmarks/erlang.py --intervals 10000 --repeats 5

prints the table and replaces the section between `<!-- erlang:start -->` and
`<!-- erlang:end -->` of `docs/BENCHMARKS.md` (appended when missing; `--no-write` only prints).
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from planner.demand.staffing import convert_demand, queue_service, required_agents  # noqa: E402
from planner.domain import Demand, QueueWork, ServiceSettings  # noqa: E402

DOC = ROOT / "docs" / "BENCHMARKS.md"
START, END = "<!-- erlang:start -->", "<!-- erlang:end -->"


def intervals(count: int, seed: int = 0) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    asa = np.where(rng.random(count) < 0.1, rng.uniform(10, 60, count), np.nan)
    return {
        "volume": np.round(rng.uniform(1, 1500, count)),
        "aht_seconds": rng.uniform(60, 900, count),
        "interval_seconds": np.full(count, 1800.0),
        "target_pct": rng.uniform(60, 95, count),
        "target_seconds": rng.uniform(10, 60, count),
        "asa_seconds": asa,
        "patience_seconds": rng.uniform(30, 600, count),
        "max_occupancy": rng.uniform(0.85, 1.0, count),
    }


def best_of(repeats: int, run: Callable[[], object]) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def measure(count: int, repeats: int) -> list[tuple[str, float, str]]:
    data = intervals(count)
    plain = {**data, "asa_seconds": np.full(count, np.nan), "patience_seconds": np.full(count, np.nan)}
    abandon = {**data, "asa_seconds": np.full(count, np.nan)}
    rng = np.random.default_rng(1)
    mixed = {**data, "patience_seconds": np.where(rng.random(count) < 0.2, data["patience_seconds"], np.nan)}
    results = []
    for name, rows in (("Erlang C, % in time", plain), ("Erlang A, % in time", abandon),
                       ("mix: 20 % Erlang A, 10 % ASA target", mixed)):
        heads = required_agents(**rows)
        seconds = best_of(repeats, lambda rows=rows: required_agents(**rows))
        results.append((f"required agents, {name}", seconds,
                        f"max {int(heads.max())} agents, mean {heads.mean():.1f}"))
    heads = required_agents(**mixed)
    service_args = {k: mixed[k] for k in ("volume", "aht_seconds", "interval_seconds", "target_seconds",
                                          "patience_seconds")}
    results.append(("service at those heads (level, ASA, occupancy, abandonment)",
                    best_of(repeats, lambda: queue_service(heads, **service_args)), "mix as above"))
    def maybe(value: float) -> float | None:
        return None if np.isnan(value) else float(value)

    demand = tuple(
        Demand(f"D{i}", i // 48, "phone", 0, (i % 48) * 30, (i % 48) * 30 + 30, 100.0, 5.0,
               queue=QueueWork(volume=float(mixed["volume"][i]), aht_seconds=float(mixed["aht_seconds"][i]),
                               target_pct=float(mixed["target_pct"][i]),
                               target_seconds=float(mixed["target_seconds"][i]),
                               asa_seconds=maybe(mixed["asa_seconds"][i]),
                               patience_seconds=maybe(mixed["patience_seconds"][i]),
                               shrinkage=0.3, max_occupancy=float(mixed["max_occupancy"][i])))
        for i in range(count)
    )
    results.append(("convert_demand of Demand rows (scenario build), mix, 30 % shrinkage",
                    best_of(repeats, lambda: convert_demand(demand, ServiceSettings())), "mix as above"))
    return results


def section(count: int, repeats: int, results: list[tuple[str, float, str]]) -> str:
    lines = [
        START,
        f"Command: `python benchmarks/erlang.py --intervals {count} --repeats {repeats}` "
        f"(best of {repeats}; Python {platform.python_version()}, numpy {np.__version__}, "
        f"{os.cpu_count()} cores shared with other work).",
        "",
        f"| {count:,} half-hour intervals | seconds | per interval | note |",
        "|---|---|---|---|",
    ]
    for name, seconds, note in results:
        lines.append(f"| {name} | {seconds:.3f} | {seconds / count * 1e6:.1f} us | {note} |")
    lines.append(END)
    return "\n".join(lines)


def write(text: str) -> None:
    doc = DOC.read_text(encoding="utf-8") if DOC.exists() else "# Benchmarks\n"
    block = re.compile(re.escape(START) + ".*?" + re.escape(END), re.S)
    if block.search(doc):
        doc = block.sub(lambda _: text, doc)
    else:
        doc = doc.rstrip("\n") + "\n\n## Erlang staffing: volume to heads\n\n" + HOW + "\n" + text + "\n"
    DOC.write_text(doc, encoding="utf-8")


HOW = """\
`benchmarks/erlang.py` converts 10,000 seeded random half-hour intervals (1-1,500 contacts,
AHT 60-900 s, so loads up to 750 Erlangs and up to 836 agents) from volume to
required agents with `planner.demand.staffing` and times it (best of several runs). Erlang C
rows start at their smallest stable candidate (Erlang B there in closed form) and step up by
the recursion, all rows at once; Erlang A rows gallop down from the Erlang C answer and
bisect on the closed form (incomplete gamma functions). The table between the `erlang:`
markers is rewritten by the script. The recorded run shared two cores with other solves and
test suites (load average about 15), so idle figures are lower.
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--intervals", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args(argv)
    results = measure(args.intervals, args.repeats)
    text = section(args.intervals, args.repeats, results)
    print(text)
    if not args.no_write:
        write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
