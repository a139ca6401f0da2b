"""How the app writes numbers, money, hours and dates for a manager.

Pure functions (no Streamlit): thousands separators everywhere, money in the scenario's
currency (a symbol for the common ones, the code otherwise), dates with the weekday name.
"""

from __future__ import annotations

import datetime as dt
import math

CURRENCY_SYMBOLS: dict[str, str] = {
    "EUR": "€",
    "USD": "$",
    "GBP": "£",
    "JPY": "¥",
    "INR": "₹",
    "CHF": "CHF",
}
"""Codes written with a symbol; any other code is written as itself (`SEK 1,234.00`)."""


def currency_symbol(currency: str) -> str:
    code = (currency or "").strip().upper()
    return CURRENCY_SYMBOLS.get(code, code)


def money(value: float | None, currency: str, *, cents: bool = True) -> str:
    """`€12,345.60` (`€12,346` without cents); `-€5.00` for a negative amount; `–` when unknown."""
    if value is None or not math.isfinite(value):
        return "–"
    symbol = currency_symbol(currency)
    digits = 2 if cents else 0
    text = f"{abs(value):,.{digits}f}"
    if text.strip("0.,") == "":
        value = 0.0
    sign = "-" if value < 0 else ""
    spacer = " " if len(symbol) > 1 else ""
    return f"{sign}{symbol}{spacer}{text}"


def money_column_format(currency: str) -> str:
    """A printf format for Streamlit number columns: `€ %,.2f`."""
    return f"{currency_symbol(currency).replace('%', '%%')} %,.2f"


def number(value: float | None, digits: int = 0) -> str:
    """`12,345` or `12,345.5` (trailing zeros of the decimals dropped)."""
    if value is None or not math.isfinite(value):
        return "–"
    text = f"{value:,.{digits}f}"
    if digits:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def hours(value: float | None) -> str:
    """`1,234.5 h`."""
    return f"{number(value, 1)} h"


def percent(value: float | None, digits: int = 1) -> str:
    """`97.3 %` from 97.3 (already in percent)."""
    if value is None or not math.isfinite(value):
        return "–"
    return f"{value:,.{digits}f} %"


def seconds(value: float | None) -> str:
    """`8.2 s`, `1 min 05 s`."""
    if value is None or not math.isfinite(value):
        return "–"
    if value < 60:
        return f"{value:.1f} s"
    minutes, rest = divmod(round(value), 60)
    return f"{minutes} min {rest:02d} s"


def day(date: dt.date | str) -> str:
    """`Mon 2 Mar 2026`."""
    if isinstance(date, str):
        date = dt.date.fromisoformat(date[:10])
    return f"{date:%a} {date.day} {date:%b %Y}"


def short_day(date: dt.date | str) -> str:
    """`Mon 2 Mar` (for column headers and axes)."""
    if isinstance(date, str):
        date = dt.date.fromisoformat(date[:10])
    return f"{date:%a} {date.day} {date:%b}"


def moment(text: str) -> str:
    """`Mon 2 Mar 07:30` from an ISO local datetime `2026-03-02T07:30`."""
    when = dt.datetime.fromisoformat(text)
    return f"{short_day(when.date())} {when:%H:%M}"


def span(start: str, end: str) -> str:
    """`Mon 2 Mar 07:00–15:00`; `22:00–06:00 (+1)` when the end is on the next day."""
    first = dt.datetime.fromisoformat(start)
    last = dt.datetime.fromisoformat(end)
    days = (last.date() - first.date()).days
    if days == 0:
        return f"{short_day(first.date())} {first:%H:%M}–{last:%H:%M}"
    if days == 1 and last.time() == dt.time():
        return f"{short_day(first.date())} {first:%H:%M}–24:00"
    if days == 1:
        return f"{short_day(first.date())} {first:%H:%M}–{last:%H:%M} (+1)"
    return f"{moment(start)} – {moment(end)}"


def date_range(first: dt.date, days: int) -> str:
    """`Mon 2 Mar 2026 – Sun 8 Mar 2026 (7 days)`."""
    last = first + dt.timedelta(days=days - 1)
    return f"{day(first)} – {day(last)} ({days} day{'s' if days != 1 else ''})"


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):,.1f} MB"
