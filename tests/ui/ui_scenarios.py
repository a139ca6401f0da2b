"""Small scenarios for the app's tests, as the files a manager would upload."""

from __future__ import annotations

import datetime as dt

START = dt.date(2026, 3, 2)


def tiny_files(days: int = 3, time_limit: float = 10.0) -> dict[str, bytes]:
    """Three people, two shifts, desk and phone demand each day: solves to optimal in well
    under a second, with one shortfall-free roster and a temp offer that is never needed."""
    demand = ["date,start,skill,required"]
    for day in range(days):
        date = (START + dt.timedelta(days=day)).isoformat()
        demand += [f"{date},{hour:02d}:00,desk,1" for hour in range(8, 16)]
        demand += [f"{date},{hour:02d}:00,phone,1" for hour in range(12, 16)]
    settings = f"""name = "Tiny desk"
start_date = {START.isoformat()}
days = {days}
interval_minutes = 60
currency = "EUR"

[solver]
time_limit_seconds = {time_limit}
workers = 2
seed = 0
"""
    return {
        "demand.csv": ("\n".join(demand) + "\n").encode(),
        "staff.csv": b"employee_id,name,skills,hourly_cost\nA1,Ann Archer,desk,20\n"
        b"B2,Bob Baker,desk;phone,22\nC3,Cy Cole,phone,18\n",
        "shifts.csv": b"shift_id,start,end\nE,08:00,12:00\nL,12:00,16:00\n",
        "temp_pool.csv": b"skill,hourly_cost,provider\ndesk,40,Agency One\n",
        "scenario.toml": settings.encode(),
    }


def broken_files() -> dict[str, bytes]:
    """The tiny scenario with a staff table a spreadsheet mangled: a missing skill column
    value and a wage that is not a number."""
    files = tiny_files()
    files["staff.csv"] = b"employee_id,name,skills,hourly_cost\nA1,Ann Archer,desk,twenty\n" \
        b"B2,Bob Baker,desk;phone,22\n"
    return files


def infeasible_files() -> dict[str, bytes]:
    """The tiny scenario where Ann must work 40 hours a week but only one 4-hour shift a day
    exists for her: the weekly minimum clashes with one shift a day."""
    files = tiny_files()
    files["staff.csv"] = b"employee_id,name,skills,hourly_cost,min_hours_week\n" \
        b"A1,Ann Archer,desk,20,40\nB2,Bob Baker,desk;phone,22,\nC3,Cy Cole,phone,18,\n"
    return files


def training_files() -> dict[str, bytes]:
    """A week of desk work with billing needed on Thursday and Friday: Bob works the desk, and
    Ann, who may take the one-day billing course on Monday (its only session), is trained
    then and works billing on both days (nobody else can, and there are no temps)."""
    demand = ["date,shift_id,skill,required"]
    demand += [f"{(START + dt.timedelta(days=day)).isoformat()},E,desk,1" for day in range(5)]
    demand += [f"{(START + dt.timedelta(days=day)).isoformat()},E,billing,1" for day in (3, 4)]
    settings = f"""name = "Tiny training"
start_date = {START.isoformat()}
days = 7
currency = "EUR"

[solver]
time_limit_seconds = 10
workers = 2
seed = 0
"""
    return {
        "demand.csv": ("\n".join(demand) + "\n").encode(),
        "staff.csv": b"employee_id,name,skills,hourly_cost,trainable\nA1,Ann Archer,desk,20,C-BILL\n"
        b"B2,Bob Baker,desk,18,\n",
        "shifts.csv": b"shift_id,start,end\nE,07:00,15:00\n",
        "training.csv": b"course_id,skill,days,cost,hours_per_day,sessions\n"
        b"C-BILL,billing,1,50,6,2026-03-02\n",
        "scenario.toml": settings.encode(),
    }
