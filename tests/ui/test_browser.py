"""End to end in a real browser: Debian's Chromium drives `streamlit run streamlit_app.py`.

Open the app, load the clinic sample, solve, stop once the first roster is in, wait for the
results chart, download roster.csv and read it back; a screenshot of the results page is saved
in the test's temporary folder. On the Capacity plan page: load the sample, solve, see the
checker confirm the plan, download capacity_plan.csv. With `CI=true` the test must run: a missing Chromium or
Playwright is a failure there, not a skip.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LAPTOP = {"width": 1366, "height": 768}
IN_CI = os.environ.get("CI", "").lower() == "true"

try:
    from playwright.sync_api import Page, sync_playwright
except ImportError:  # pragma: no cover - the test extra installs it
    sync_playwright = None  # type: ignore[assignment]

if not IN_CI and (sync_playwright is None or not CHROMIUM.exists()):
    pytest.skip("Chromium (/usr/bin/chromium) or Playwright is not installed", allow_module_level=True)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = _free_port()
    log = tmp_path_factory.mktemp("server") / "streamlit.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [
                sys.executable, "-m", "streamlit", "run", "streamlit_app.py",
                "--server.port", str(port),
                "--server.address", "127.0.0.1",
                "--server.headless", "true",
                "--browser.gatherUsageStats", "false",
            ],
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                        if response.read() == b"ok":
                            break
                except OSError:
                    pass
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"streamlit did not start:\n{log.read_text(errors='replace')}")
                time.sleep(0.3)
            yield url
        finally:
            server.terminate()
            try:
                server.wait(15)
            except subprocess.TimeoutExpired:
                server.kill()


def _settled(page: Page, quiet_seconds: float = 1.5, timeout: float = 90) -> None:
    """Wait until the app has finished running its script for a while (no running badge)."""
    deadline = time.monotonic() + timeout
    quiet_since = time.monotonic()
    status = page.get_by_test_id("stStatusWidget")
    while time.monotonic() < deadline:
        if status.count() and status.is_visible():
            quiet_since = time.monotonic()
        elif time.monotonic() - quiet_since >= quiet_seconds:
            return
        time.sleep(0.2)
    raise AssertionError("the app kept running its script")


def _no_exception(page: Page) -> None:
    errors = page.get_by_test_id("stException")
    assert errors.count() == 0, errors.first.inner_text()


def test_sample_to_downloaded_roster_in_chromium(app_url: str, tmp_path: Path) -> None:
    assert sync_playwright is not None, "pip install playwright (the test extra)"
    assert CHROMIUM.exists(), "apt-get install chromium (.ci/run does)"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch_persistent_context(
            str(tmp_path / "profile"),
            executable_path=str(CHROMIUM),
            args=CHROMIUM_ARGS,
            viewport=LAPTOP,
            accept_downloads=True,
        )
        page = browser.new_page()
        try:
            page.set_default_timeout(60_000)
            page.goto(app_url)

            # Data: pick the clinic sample (its first roster comes in seconds) and load it.
            page.get_by_role("button", name="Load sample").wait_for()
            page.get_by_text("Clinic ward, four weeks").click()
            page.get_by_role("radio", name="Clinic ward, four weeks", checked=True).wait_for(state="attached")
            page.get_by_role("button", name="Load sample").click()
            page.get_by_text("Loaded the sample “Clinic ward").wait_for()
            page.get_by_text("Ready to solve.").wait_for()
            _no_exception(page)

            # Solve: start, wait for the first roster, stop (the best one found is kept).
            page.get_by_test_id("stSidebarNav").get_by_role("link", name="Solve").click()
            page.locator(".st-key-solve button").click()
            stop = page.locator(".st-key-stop button")
            deadline = time.monotonic() + 90
            while time.monotonic() < deadline:
                if page.get_by_text("Demand covered").count():
                    break  # the search already ended and the results opened
                if page.get_by_test_id("stVegaLiteChart").count() and stop.count() and stop.is_enabled():
                    stop.click()
                    break
                time.sleep(0.3)

            # The solve page opens the results by itself; a click that raced it (Stop as the
            # time limit ran out) leaves the solve page with a link to them instead.
            see_results = page.get_by_role("link", name="See the results")
            deadline = time.monotonic() + 90
            while not page.get_by_text("Demand covered").count() and time.monotonic() < deadline:
                if see_results.count():
                    see_results.click()
                    break
                time.sleep(0.3)

            # Results: the headline figures and the coverage chart, once the page has settled.
            page.get_by_text("Demand covered").wait_for(timeout=90_000)
            _settled(page)
            chart = page.get_by_test_id("stVegaLiteChart").first
            chart.locator("canvas, svg").first.wait_for()
            _no_exception(page)
            assert page.get_by_text("Hard rule breaches").count() == 1
            main = page.get_by_test_id("stMain")
            scroll, width = main.evaluate("el => [el.scrollWidth, el.clientWidth]")
            assert scroll <= width, "the results page scrolls sideways on a laptop screen"
            chart.scroll_into_view_if_needed()
            page.screenshot(path=str(tmp_path / "results.png"))

            # Download the roster and read it back.
            with page.expect_download() as download_info:
                page.locator(".st-key-results-download-roster button").click()
            download = download_info.value
            assert download.suggested_filename == "roster.csv"
            saved = tmp_path / "roster.csv"
            download.save_as(saved)
        except Exception:
            page.screenshot(path=str(tmp_path / "failure.png"), full_page=True)
            print(f"screenshot of the failure: {tmp_path / 'failure.png'}\n{page.inner_text('body')[:3000]}")
            raise
        finally:
            browser.close()

    roster = pd.read_csv(saved)
    assert len(roster) > 0
    assert {"date", "employee_id", "name", "shift_id", "start_at", "end_at", "skill"} <= set(roster.columns)
    staff = pd.read_csv(ROOT / "data" / "clinic" / "staff.csv")
    assert set(roster["employee_id"]) <= set(staff["employee_id"])
    assert roster["date"].between("2026-03-02", "2026-03-29").all()
    assert set(roster["shift_id"]) <= {"E", "L", "N"}
    assert (tmp_path / "results.png").stat().st_size > 10_000


def test_capacity_sample_to_downloaded_plan_in_chromium(app_url: str, tmp_path: Path) -> None:
    """The Capacity plan page: load the sample, solve for the fewest releases, see the checker
    confirm the plan and its charts drawn, and download capacity_plan.csv."""
    assert sync_playwright is not None, "pip install playwright (the test extra)"
    assert CHROMIUM.exists(), "apt-get install chromium (.ci/run does)"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch_persistent_context(
            str(tmp_path / "profile"),
            executable_path=str(CHROMIUM),
            args=CHROMIUM_ARGS,
            viewport=LAPTOP,
            accept_downloads=True,
        )
        page = browser.new_page()
        try:
            page.set_default_timeout(60_000)
            page.goto(app_url)
            page.get_by_test_id("stSidebarNav").get_by_role("link", name="Capacity plan").click()
            page.get_by_role("button", name="Load the sample").click()
            page.get_by_text("Ready to solve.").wait_for()
            page.locator(".st-key-capacity_objective").get_by_text("Fewest releases", exact=True).click()
            _settled(page)
            page.locator(".st-key-capacity_solve button").click()
            page.get_by_text("Checked without the solver").wait_for(timeout=120_000)
            _settled(page)
            _no_exception(page)
            assert page.get_by_text("Objective: fewest releases.").count() == 1
            page.get_by_role("tab", name="Charts").click()
            chart = page.locator("[data-testid='stVegaLiteChart']:visible").first
            chart.locator("canvas, svg").first.wait_for()
            _settled(page)
            _no_exception(page)
            main = page.get_by_test_id("stMain")
            scroll, width = main.evaluate("el => [el.scrollWidth, el.clientWidth]")
            assert scroll <= width, "the capacity page scrolls sideways on a laptop screen"
            page.screenshot(path=str(tmp_path / "capacity.png"), full_page=True)
            page.get_by_role("tab", name="Downloads").click()
            with page.expect_download() as download_info:
                page.get_by_role("button", name="capacity_plan.csv").click()
            download = download_info.value
            assert download.suggested_filename == "capacity_plan.csv"
            saved = tmp_path / "capacity_plan.csv"
            download.save_as(saved)
        except Exception:
            page.screenshot(path=str(tmp_path / "failure.png"), full_page=True)
            print(f"screenshot of the failure: {tmp_path / 'failure.png'}\n{page.inner_text('body')[:3000]}")
            raise
        finally:
            browser.close()

    plan = pd.read_csv(saved)
    groups = pd.read_csv(ROOT / "data" / "capacity" / "groups.csv")
    assert set(plan["group"]) == set(groups["group"])
    assert len(plan) == 26 * len(groups) and plan["releases"].sum() == 0
