"""Seeded generator of sample capacity plans: a contact centre with six skill groups.

`generate(weeks, groups, seed)` returns the files of a plan (file name -> bytes); the same
arguments always give the same bytes. The committed sample `data/capacity/` is
`generate(26, 6, 0)`; the benchmark uses larger ones (more weeks, and more groups made by
repeating the six as further sites `phone-2`, `chat-2`, ...).

The story of the sample: phone demand slides as customers move to chat; email declines;
billing has its annual invoice peak in weeks 9-14 (scaled to the horizon); technical support
grows after a product launch in week 8. Hiring takes weeks to months and new starters ramp up
slowly, so the cheap answer mixes retraining phone and email agents into chat, temps and
overtime for the billing peak, early hiring for tech, and part-time working before releases.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from collections.abc import Sequence
from pathlib import Path

START_DATE = dt.date(2026, 3, 2)
HOURS_PER_FTE = 37.5

# (group, headcount, hourly_cost, attrition_new, attrition, hire_max, hire_cost, hire_lead_weeks,
#  ramp_up_weeks, ramp_up_productivity, release_cost, overstaff_cost, part_time_max,
#  part_time_cost, temp_max_hours, temp_cost, overtime_max_hours)
GROUPS: tuple[tuple, ...] = (
    ("phone", 60, 18.0, 0.05, 0.004, 6, 1500, 4, 4, 0.6, 4000, 50, 8, 40, 300, 32, 4),
    ("chat", 24, 19.0, 0.04, 0.003, 4, 1500, 4, 3, 0.6, 4000, 50, 4, 40, 120, 34, 4),
    ("email", 20, 17.5, 0.04, 0.003, 3, 1200, 3, 2, 0.7, 3500, 50, 6, 40, 0, None, 3),
    ("billing", 18, 21.0, 0.05, 0.003, 3, 2500, 6, 6, 0.5, 5000, 60, 3, 40, 150, 45, 4),
    ("tech", 14, 25.0, 0.06, 0.004, 2, 3500, 8, 8, 0.4, 6000, 80, 2, 40, 80, 60, 5),
    ("retention", 8, 23.0, 0.05, 0.003, 1, 2500, 6, 6, 0.5, 5000, 60, 1, 40, 0, None, 4),
)

# (from, to, cost, duration_weeks, max_per_week, max_fraction, down, loss)
TRANSITIONS: tuple[tuple, ...] = (
    ("phone", "chat", 400, 1, 4, None, "no", None),
    ("phone", "email", 300, 1, 3, None, "no", None),
    ("phone", "billing", 900, 3, 3, 0.25, "no", None),
    ("chat", "email", 200, 1, 3, None, "no", None),
    ("email", "chat", 200, 1, 3, None, "no", None),
    ("billing", "tech", 1500, 4, 2, 0.2, "no", None),
    ("billing", "retention", 800, 2, 2, None, "no", None),
    ("chat", "phone", 0, 0, 4, None, "yes", 0.2),
    ("billing", "phone", 0, 0, 3, None, "yes", 0.15),
    ("tech", "billing", 0, 0, 2, None, "yes", 0.1),
)

# (group, FTE at week 1, FTE at the last week, extra FTE in the peak, peak from, peak to)
# Peaks are fractions of the horizon (weeks 9-14 of 26 is 0.31-0.54).
DEMAND: tuple[tuple, ...] = (
    ("phone", 58, 46, 4, 0.35, 0.50),
    ("chat", 22, 32, 0, 0.0, 0.0),
    ("email", 19, 13, 0, 0.0, 0.0),
    ("billing", 17, 17, 7, 0.31, 0.54),
    ("tech", 13, 20, 0, 0.0, 0.0),
    ("retention", 8, 10, 0, 0.0, 0.0),
)
LAUNCH = 0.27
"""Tech demand stays flat until this fraction of the horizon (week 8 of 26), then grows."""


def _num(value: float | None) -> str:
    if value is None:
        return ""
    text = f"{round(value, 4):.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _csv(header: Sequence[str], rows: Sequence[Sequence[object]]) -> bytes:
    lines = [",".join(header)]
    for row in rows:
        lines.append(",".join(_num(v) if isinstance(v, float | int) or v is None else str(v) for v in row))
    return ("\n".join(lines) + "\n").encode("utf-8")


def _name(base: str, copy: int) -> str:
    return base if copy == 0 else f"{base}-{copy + 1}"


def _fte(spec: tuple, week: int, weeks: int) -> float:
    group, first, last, peak, peak_from, peak_to = spec
    x = (week - 1) / max(weeks - 1, 1)
    if group == "tech":
        x = max(0.0, (x - LAUNCH) / (1 - LAUNCH))
    fte = first + (last - first) * x
    if peak and peak_from <= (week - 1) / max(weeks - 1, 1) <= peak_to:
        fte += peak
    return fte


def generate(weeks: int = 26, groups: int = 6, seed: int = 0) -> dict[str, bytes]:
    """The files of a sample plan: `groups` groups (the six above, repeated as further sites)."""
    rng = random.Random(f"planner-capacity/{weeks}/{groups}/{seed}")
    copies = -(-groups // len(GROUPS))
    chosen = [(copy, spec) for copy in range(copies) for spec in GROUPS][:groups]
    names = {_name(spec[0], copy) for copy, spec in chosen}

    group_rows = []
    for copy, spec in chosen:
        (base, heads, wage, att_new, att, hire_max, hire_cost, lead, ramp, ramp_prod, release, over,
         pt_max, pt_cost, temp_max, temp_cost, ot_max) = spec
        group_rows.append((
            _name(base, copy), heads, wage, HOURS_PER_FTE, att_new, att, hire_max, hire_cost, lead,
            ramp, ramp_prod, release, over, pt_max, 0.5, pt_cost, temp_max, temp_cost, ot_max, None,
        ))
    groups_csv = _csv(
        ("group", "headcount", "hourly_cost", "hours_per_fte", "attrition_new", "attrition", "hire_max",
         "hire_cost", "hire_lead_weeks", "ramp_up_weeks", "ramp_up_productivity", "release_cost",
         "overstaff_cost", "part_time_max", "part_time_productivity", "part_time_cost", "temp_max_hours",
         "temp_cost", "overtime_max_hours", "overtime_cost"),
        group_rows,
    )

    transition_rows = []
    for copy in range(copies):
        for source, target, *rest in TRANSITIONS:
            a, b = _name(source, copy), _name(target, copy)
            if a in names and b in names:
                transition_rows.append((a, b, *rest))
    transitions_csv = _csv(
        ("from", "to", "cost", "duration_weeks", "max_per_week", "max_fraction", "down", "loss"),
        transition_rows,
    )

    demand = {spec[0]: spec for spec in DEMAND}
    requirement_rows = []
    for week in range(1, weeks + 1):
        for copy, spec in chosen:
            fte = _fte(demand[spec[0]], week, weeks) * rng.uniform(0.97, 1.03)
            requirement_rows.append((week, _name(spec[0], copy), round(fte * HOURS_PER_FTE * 2) / 2))
    requirements_csv = _csv(("week", "group", "required_hours"), requirement_rows)

    settings = (
        f'name = "Contact centre, {weeks} weeks, {groups} groups"\n'
        f"start_date = {START_DATE.isoformat()}\n"
        f"weeks = {weeks}\n"
        'currency = "EUR"\n'
        'objective = "cost"\n'
        f"max_overstaff_fte = {max(8, groups + 2)}\n"
        "integer = true\n"
        "\n[solver]\n"
        'engine = "highs"\n'
        "time_limit_seconds = 60\n"
        "relative_gap = 0.002\n"
    )
    return {
        "groups.csv": groups_csv,
        "requirements.csv": requirements_csv,
        "transitions.csv": transitions_csv,
        "capacity.toml": settings.encode("utf-8"),
    }


def write(folder: Path, weeks: int = 26, groups: int = 6, seed: int = 0) -> Path:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in generate(weeks, groups, seed).items():
        (folder / name).write_bytes(data)
    return folder


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m planner.capacity.demo [--out data/capacity]`: rewrite the committed sample."""
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--out", type=Path, default=Path("data/capacity"))
    parser.add_argument("--weeks", type=int, default=26)
    parser.add_argument("--groups", type=int, default=6)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    folder = write(args.out, args.weeks, args.groups, args.seed)
    print(f"Wrote {folder}.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
