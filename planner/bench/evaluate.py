"""An independent scorer for Curtois & Qu rosters, written from `benchmarks/curtois/FORMAT.md`.

It reads nothing of the planner's rules or checker: it works on the instance and a grid
roster alone, so that it can check the planner (the benchmark runner compares the two on
every solved instance). Hard violations are listed separately and never folded into the
penalty, which is the benchmark objective (requests plus cover), an integer.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from planner.bench.curtois import Grid, Instance

HARD_RULES: tuple[str, ...] = (
    "unknown_shift",
    "shift_succession",
    "max_shifts",
    "total_minutes",
    "max_consecutive_shifts",
    "min_consecutive_shifts",
    "min_consecutive_days_off",
    "max_weekends",
    "days_off",
)
"""FORMAT.md section 5, rules 2-9 (rule 1, one shift a day, holds by the grid's shape), plus
a cell naming a shift the instance does not have."""


@dataclass(frozen=True)
class HardViolation:
    rule: str
    staff_id: str
    day: int | None
    detail: str


@dataclass(frozen=True)
class Evaluation:
    cover_under: int
    """Penalty of missing heads (sum of missing x weight under)."""
    cover_over: int
    on_requests: int
    off_requests: int
    hard_violations: tuple[HardViolation, ...]

    @property
    def penalty(self) -> int:
        return self.cover_under + self.cover_over + self.on_requests + self.off_requests

    @property
    def feasible(self) -> bool:
        return not self.hard_violations

    def count_by_rule(self) -> dict[str, int]:
        return dict(Counter(v.rule for v in self.hard_violations))


def _runs(flags: list[bool], value: bool) -> list[tuple[int, int]]:
    """Maximal runs of `value`: (first day, length)."""
    found = []
    day = 0
    while day < len(flags):
        if flags[day] == value:
            first = day
            while day < len(flags) and flags[day] == value:
                day += 1
            found.append((first, day - first))
        else:
            day += 1
    return found


def evaluate(instance: Instance, grid: Grid) -> Evaluation:
    """Score a roster (rows in staff order, one cell per day: shift id or None)."""
    horizon = instance.horizon
    if len(grid) != len(instance.staff) or any(len(row) != horizon for row in grid):
        raise ValueError(f"the roster must have {len(instance.staff)} rows of {horizon} days")
    minutes = {s.shift_id: s.minutes for s in instance.shifts}
    forbidden = {s.shift_id: set(s.forbidden_after) for s in instance.shifts}
    hard: list[HardViolation] = []

    for staff, row in zip(instance.staff, grid, strict=True):
        e = staff.staff_id
        for day, cell in enumerate(row):
            if cell is not None and cell not in minutes:
                hard.append(HardViolation("unknown_shift", e, day, f"cell {cell!r}"))
        cells = [c if c in minutes else None for c in row]
        works = [c is not None for c in cells]
        # 2. successions inside the horizon
        for day in range(horizon - 1):
            today, tomorrow = cells[day], cells[day + 1]
            if today is not None and tomorrow is not None and tomorrow in forbidden[today]:
                hard.append(HardViolation("shift_succession", e, day, f"{today} then {tomorrow}"))
        # 3. shifts per type
        counts = Counter(c for c in cells if c is not None)
        for shift_id, limit in staff.max_shifts.items():
            if counts[shift_id] > limit:
                hard.append(HardViolation("max_shifts", e, None,
                                          f"{counts[shift_id]} x {shift_id} > {limit}"))
        # 4. total minutes
        total = sum(minutes[c] for c in cells if c is not None)
        if not staff.min_total_minutes <= total <= staff.max_total_minutes:
            hard.append(HardViolation(
                "total_minutes", e, None,
                f"{total} min not in [{staff.min_total_minutes}, {staff.max_total_minutes}]"))
        # 5. maximum run of work, edges included
        for first, length in _runs(works, True):
            if length > staff.max_consecutive_shifts:
                hard.append(HardViolation("max_consecutive_shifts", e, first,
                                          f"{length} days > {staff.max_consecutive_shifts}"))
        # 6. and 7. minimum runs strictly inside the horizon
        for value, rule, minimum in (
            (True, "min_consecutive_shifts", staff.min_consecutive_shifts),
            (False, "min_consecutive_days_off", staff.min_consecutive_days_off),
        ):
            for first, length in _runs(works, value):
                inside = first >= 1 and first + length <= horizon - 1
                if inside and length < minimum:
                    hard.append(HardViolation(rule, e, first, f"{length} days < {minimum}"))
        # 8. weekends (7k+5, 7k+6)
        weekends = sum(
            works[7 * k + 5] or works[7 * k + 6] for k in range(horizon // 7)
        )
        if weekends > staff.max_weekends:
            hard.append(HardViolation("max_weekends", e, None,
                                      f"{weekends} weekends > {staff.max_weekends}"))
        # 9. days off
        for day in instance.days_off.get(e, ()):
            if works[day]:
                hard.append(HardViolation("days_off", e, day, f"works {cells[day]}"))

    index = {s.staff_id: i for i, s in enumerate(instance.staff)}
    on = sum(r.weight for r in instance.on_requests if grid[index[r.staff_id]][r.day] != r.shift_id)
    off = sum(r.weight for r in instance.off_requests if grid[index[r.staff_id]][r.day] == r.shift_id)
    staffed = Counter((day, cell) for row in grid for day, cell in enumerate(row) if cell is not None)
    under = over = 0
    for row in instance.cover:
        n = staffed[row.day, row.shift_id]
        if n < row.requirement:
            under += (row.requirement - n) * row.weight_under
        elif n > row.requirement:
            over += (n - row.requirement) * row.weight_over
    return Evaluation(under, over, on, off, tuple(hard))
