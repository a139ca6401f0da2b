"""A solve that runs beside the app: a background thread, live progress, a stop button.

Pure Python (no Streamlit): the page starts a `SolveJob`, reads `snapshot()` while it runs and
sets the stop event from its Stop button; the thread never touches the page. When the search
ends, the thread also checks the roster and builds its tables, so the result pages only
display a finished `RunResult`. A `TrainingComparison` is a second `SolveJob` for a finished
result: the same scenario with training switched off, to show what training saves.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import inspect
import os
import sys
import tempfile
import threading
import time
import traceback
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from planner.check import CheckReport, check_plan
from planner.domain import Plan, Scenario, SolverSettings
from planner.engine.solve import Progress, solve
from planner.io.export import (
    CALENDAR_DIR,
    PlanTables,
    build_summary,
    has_roster,
    plan_tables,
    write_outputs,
)
from planner.training import without_training
from planner.training_report import training_comparison
from planner.ui.workspace import zip_bytes

SOLVER_NICENESS = 5
"""How much lower the search runs than the web server (Linux `nice`), so pages stay quick."""


def lower_thread_priority(niceness: int = SOLVER_NICENESS) -> bool:
    """Run the calling thread, and the solver threads it starts, at a lower priority.

    On Linux priorities are per thread and new threads inherit them, so CP-SAT's workers
    yield the CPU to the server that draws the pages. Elsewhere nothing changes (False)."""
    if not sys.platform.startswith("linux") or not hasattr(os, "setpriority"):
        return False
    try:
        tid = threading.get_native_id()
        current = os.getpriority(os.PRIO_PROCESS, tid)
        os.setpriority(os.PRIO_PROCESS, tid, min(19, current + niceness))
    except OSError:
        return False
    return True


def _solve_accepts(name: str) -> bool:
    try:
        return name in inspect.signature(solve).parameters
    except (TypeError, ValueError):
        return False


@dataclass
class RunResult:
    """A finished solve: the scenario it was for, the plan, and everything shown about it."""

    run_id: str
    scenario: Scenario
    plan: Plan
    settings: SolverSettings
    progress: tuple[Progress, ...]
    stopped: bool
    """The manager pressed Stop (the best roster found so far is kept)."""
    files_signature: str
    """The working scenario's fingerprint when the solve started (to tell stale results)."""
    scenario_files: Mapping[str, bytes]
    finished_at: dt.datetime
    report: CheckReport | None = None
    summary: dict[str, Any] = field(default_factory=dict)
    tables: PlanTables | None = None
    _exports: dict[str, bytes] | None = field(default=None, repr=False)
    _exports_untrained: Plan | None = field(default=None, repr=False)

    @property
    def has_roster(self) -> bool:
        return has_roster(self.plan)

    @property
    def status(self) -> str:
        return self.plan.stats.status

    def exports(self, untrained: Plan | None = None) -> dict[str, bytes]:
        """Every download, by file name, built once: the CSV tables, `summary.json`,
        `roster.xlsx`, `calendars.zip` and `roster-files.zip` (all of them plus the scenario).
        With `untrained` (this scenario solved with training switched off), `summary.json`
        holds the comparison too; the files are built again when it changes."""
        if self._exports is None or self._exports_untrained is not untrained:
            self._exports = build_exports(self, untrained)
            self._exports_untrained = untrained
        return self._exports


def build_exports(result: RunResult, untrained: Plan | None = None) -> dict[str, bytes]:
    """Write the plan's files with `write_outputs` and read them back as bytes."""
    with tempfile.TemporaryDirectory(prefix="planner-export-") as tmp:
        out = Path(tmp)
        paths = write_outputs(
            result.scenario,
            result.plan,
            out,
            report=result.report,
            now=result.finished_at,
            untrained=untrained,
        )
        files: dict[str, bytes] = {}
        calendars: dict[str, bytes] = {}
        for path in paths:
            if path.parent.name == CALENDAR_DIR:
                calendars[path.name] = path.read_bytes()
            else:
                files[path.name] = path.read_bytes()
    everything = dict(files)
    everything.update({f"{CALENDAR_DIR}/{name}": data for name, data in calendars.items()})
    everything.update({f"scenario/{name}": data for name, data in result.scenario_files.items()})
    exports = dict(files)
    if calendars:
        exports["calendars.zip"] = zip_bytes(calendars)
    exports["roster-files.zip"] = zip_bytes(everything)
    return exports


def finish(
    *,
    scenario: Scenario,
    plan: Plan,
    settings: SolverSettings,
    progress: tuple[Progress, ...],
    stopped: bool,
    files_signature: str,
    scenario_files: Mapping[str, bytes],
) -> RunResult:
    """Check the plan and build its tables and summary (no files are written)."""
    result = RunResult(
        run_id=uuid.uuid4().hex[:12],
        scenario=scenario,
        plan=plan,
        settings=settings,
        progress=progress,
        stopped=stopped,
        files_signature=files_signature,
        scenario_files=dict(scenario_files),
        finished_at=dt.datetime.now(dt.UTC),
    )
    if has_roster(plan):
        result.report = check_plan(scenario, plan)
        result.tables = plan_tables(scenario, plan)
    result.summary = build_summary(scenario, plan, result.report)
    return result


@dataclass(frozen=True)
class Snapshot:
    """What the page shows of a running (or finished) job."""

    running: bool
    elapsed: float
    time_limit: float
    progress: tuple[Progress, ...]
    stop_requested: bool
    phase: str
    """`searching`, `checking`, `done` or `failed`."""

    @property
    def best(self) -> Progress | None:
        return self.progress[-1] if self.progress else None


class SolveJob:
    """One solve in a daemon thread. `start()` once; `stop()` any time; `snapshot()` to look."""

    def __init__(
        self,
        scenario: Scenario,
        settings: SolverSettings,
        *,
        files_signature: str = "",
        scenario_files: Mapping[str, bytes] | None = None,
    ) -> None:
        self.scenario = scenario
        self.settings = settings
        self.files_signature = files_signature
        self.scenario_files = dict(scenario_files or {})
        self._stop = threading.Event()
        self._done = threading.Event()
        self._lock = threading.Lock()
        self._progress: list[Progress] = []
        self._phase = "searching"
        self._started = 0.0
        self._ended: float | None = None
        self._thread: threading.Thread | None = None
        self.result: RunResult | None = None
        self.error: str | None = None
        """A fault in the planner (the traceback), when the solve itself raised."""

    # --- control ---------------------------------------------------------------------------

    def start(self) -> SolveJob:
        if self._thread is not None:
            raise RuntimeError("a job runs once")
        self._started = time.monotonic()
        self._thread = threading.Thread(target=self._run, name="planner-solve", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Ask the search to end now; the best roster found so far is kept."""
        self._stop.set()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the job is done (True) or the timeout passes (False)."""
        return self._done.wait(timeout)

    @property
    def done(self) -> bool:
        return self._done.is_set()

    @property
    def stop_requested(self) -> bool:
        return self._stop.is_set()

    def snapshot(self) -> Snapshot:
        with self._lock:
            progress = tuple(self._progress)
            phase = self._phase
            ended = self._ended
        elapsed = (ended if ended is not None else time.monotonic()) - self._started if self._started else 0.0
        return Snapshot(
            running=not self.done,
            elapsed=elapsed,
            time_limit=float(self.settings.time_limit_seconds),
            progress=progress,
            stop_requested=self.stop_requested,
            phase=phase,
        )

    # --- the thread ------------------------------------------------------------------------

    def _on_progress(self, event: Progress) -> None:
        with self._lock:
            self._progress.append(event)

    def _run(self) -> None:
        lower_thread_priority()
        try:
            kwargs: dict[str, Any] = {"on_progress": self._on_progress, "stop": self._stop}
            # CP-SAT must not install its own Ctrl-C handler off the main thread (it would
            # abort the whole server on Ctrl-C); pass the engine's switch when it has one.
            if _solve_accepts("catch_sigint"):
                kwargs["catch_sigint"] = False
            plan = solve(self.scenario, settings=self.settings, **kwargs)
            with self._lock:
                self._phase = "checking"
                self._ended = time.monotonic()
            self.result = finish(
                scenario=self.scenario,
                plan=plan,
                settings=self.settings,
                progress=tuple(self._progress),
                stopped=self._stop.is_set(),
                files_signature=self.files_signature,
                scenario_files=self.scenario_files,
            )
            with self._lock:
                self._phase = "done"
        except Exception:
            self.error = traceback.format_exc()
            with self._lock:
                self._phase = "failed"
                self._ended = self._ended or time.monotonic()
        finally:
            self._done.set()


@dataclass
class TrainingComparison:
    """A finished result solved again with training switched off (rule `train_staff`
    disabled, the same solver settings), and, once that roster is found, the comparison
    `planner.training_report.training_comparison` makes of the two."""

    result: RunResult
    """The roster with training that is compared."""
    job: SolveJob
    """The solve without training; its `files_signature` is the working data's when asked."""
    _comparison: dict[str, Any] | None = field(default=None, repr=False)

    @property
    def running(self) -> bool:
        return not self.job.done

    @property
    def untrained(self) -> Plan | None:
        """The roster without training, when the job found one."""
        found = self.job.result if self.job.done else None
        return found.plan if found is not None and found.has_roster else None

    def comparison(self) -> dict[str, Any] | None:
        """Totals with and without training, the saving and the per-skill savings (computed
        once); None while the job runs or when it found no roster."""
        untrained = self.untrained
        if untrained is None:
            return None
        if self._comparison is None:
            self._comparison = training_comparison(self.result.scenario, self.result.plan, untrained)
        return self._comparison

    def belongs_to(self, result: RunResult | None, files_signature: str) -> bool:
        """Still about the result shown, and the working data unchanged since it was asked."""
        return result is self.result and files_signature == self.job.files_signature


def compare_training(result: RunResult, files_signature: str) -> TrainingComparison:
    """Start solving `result`'s scenario with training switched off, in the background, with
    the same solver settings; `files_signature` is the working data's fingerprint now."""
    job = SolveJob(
        without_training(result.scenario),
        result.settings,
        files_signature=files_signature,
        scenario_files=result.scenario_files,
    )
    return TrainingComparison(result=result, job=job.start())


def app_solver_settings(settings: SolverSettings, cores: int | None = None) -> SolverSettings:
    """The scenario's solver settings with at most one search worker per CPU core: more
    workers than cores only share the same cores and slow the first roster down."""
    cores = cores or os.cpu_count() or 1
    if settings.workers <= cores:
        return settings
    return dataclasses.replace(settings, workers=max(1, cores))
