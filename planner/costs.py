"""The price list: every cost the planner counts, as whole objective units.

CP-SAT needs integer coefficients and the checker must reproduce the solver's objective
exactly, so both price everything through these functions. One currency unit is
`UNITS_PER_MONEY` objective units: 6,000 = 100 cents x 60 minutes, so an hourly price given
in cents, applied to a whole number of minutes, is an exact integer.
"""

from __future__ import annotations

from planner.domain import Employee, Shift, TempOffer

UNITS_PER_MONEY = 6000


def per_hour(price_per_hour: float, minutes: int = 1) -> int:
    """Units for `minutes` of something priced per hour."""
    return round(price_per_hour * 100 * minutes)


def fixed(amount: float) -> int:
    """Units for a lump sum (a course fee, a price per day or per shift)."""
    return round(amount * UNITS_PER_MONEY)


def to_money(units: float) -> float:
    return units / UNITS_PER_MONEY


def shift_wage(employee: Employee, shift: Shift) -> int:
    """Straight-time pay for one shift, with the shift's premium."""
    return per_hour(employee.hourly_cost * shift.premium, shift.paid_minutes)


def temp_paid_minutes(offer: TempOffer, shift: Shift) -> int:
    """A temp is paid for the shift's paid time, and at least the offer's minimum booking."""
    return max(shift.paid_minutes, round(offer.min_hours * 60))


def temp_cost(offer: TempOffer, shift: Shift) -> int:
    """Cost of one temp for one shift, with the shift's premium."""
    return per_hour(offer.hourly_cost * shift.premium, temp_paid_minutes(offer, shift))


def overtime_rate(employee: Employee, multiplier: float) -> int:
    """Extra units per overtime minute on top of straight time."""
    return per_hour(employee.hourly_cost * (multiplier - 1.0))
