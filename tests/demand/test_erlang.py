"""Erlang B, C and A: published worked examples, an exact rational cross-check, an independent
Markov-chain cross-check for Erlang A, stability at large loads, and seeded properties."""

from __future__ import annotations

import math
from decimal import Decimal, getcontext
from fractions import Fraction

import numpy as np
import pytest
from scipy.linalg import expm

from planner.demand import erlang
from planner.demand.staffing import heads_after_shrinkage, required_agents

# --------------------------------------------------------------------------- exact reference


def exact_erlang_c(agents: int, load: Fraction) -> Fraction:
    """The textbook closed form, in exact rational arithmetic:
    C = (A^N/N! x N/(N-A)) / (sum_{k<N} A^k/k! + A^N/N! x N/(N-A))."""
    top = load**agents / math.factorial(agents) * Fraction(agents) / (agents - load)
    return top / (sum(load**k / math.factorial(k) for k in range(agents)) + top)


def exact_service_level(agents: int, load: Fraction, aht: int, answer: int) -> Decimal:
    """1 - C exp(-(N - A) t / AHT), with C exact and the exponential to 40 digits."""
    getcontext().prec = 40
    c = exact_erlang_c(agents, load)
    exponent = -(Decimal(agents) - Decimal(load.numerator) / Decimal(load.denominator)) * answer / aht
    return 1 - Decimal(c.numerator) / Decimal(c.denominator) * exponent.exp()


def exact_erlang_b(agents: int, load: Fraction) -> Fraction:
    terms = [load**k / math.factorial(k) for k in range(agents + 1)]
    return terms[-1] / sum(terms)


# --------------------------------------------------------------------------- published examples


def test_call_centre_helper_worked_example() -> None:
    """Call Centre Helper, "Erlang C Formula - Made Simple With an Easy Worked Example":
    100 calls in 30 minutes, AHT 180 s, 80 % answered in 20 s, maximum occupancy 85 %,
    shrinkage 30 %. Traffic intensity A = 200 calls/h x 3 min / 60 = 10 Erlangs; the walk-
    through starts at N = A + 1 = 11 agents, where the probability that a call waits is
    68.21 % (and 39.0 % are answered in 20 s), and raises N until the target is met: 14
    agents answer 88.8 % in 20 s at 71.4 % occupancy; with 30 % shrinkage 14 / 0.7 = 20
    heads. Every figure is also re-derived here in exact rational arithmetic."""
    load = 100 * 180 / 1800
    assert load == 10.0
    assert erlang.erlang_c(11, load) == pytest.approx(0.6821, abs=5e-5)
    assert float(exact_erlang_c(11, Fraction(10))) == pytest.approx(0.6821, abs=5e-5)
    assert erlang.service_level_c(11, load, 180, 20) == pytest.approx(0.390, abs=5e-4)
    assert erlang.service_level_c(14, load, 180, 20) == pytest.approx(0.888, abs=5e-4)
    assert float(exact_service_level(14, Fraction(10), 180, 20)) == pytest.approx(0.888, abs=5e-4)
    assert round(load / 14, 3) == 0.714
    agents = required_agents(100, 180, 1800, 80, 20, max_occupancy=0.85)
    assert agents == 14
    assert heads_after_shrinkage(agents, 0.30) == 20
    # 13 agents fall just short (79.6 %): the search stops at the first N that meets it.
    assert erlang.service_level_c(13, load, 180, 20) == pytest.approx(0.7956, abs=5e-5)


def test_360_calls_per_half_hour_example() -> None:
    """The classic Erlang-C step-by-step example: 360 calls per half hour, average call
    duration 4 minutes, 55 agents, answer target 15 s. Traffic intensity A = 360/1800 s x
    240 s = 48 Erlangs, occupancy 48/55 = 0.873, probability of waiting E_C = 0.2387,
    average speed of answer E_C x 240 / (55 - 48) = 8.2 s, service level
    1 - E_C exp(-(55 - 48) x 15/240) = 84.6 %. Cross-checked in exact arithmetic."""
    load = 360 * 240 / 1800
    assert load == 48.0
    assert round(48 / 55, 3) == 0.873
    exact = exact_erlang_c(55, Fraction(48))
    assert float(exact) == pytest.approx(0.2387, abs=5e-5)
    assert erlang.erlang_c(55, load) == pytest.approx(float(exact), rel=1e-12)
    assert erlang.asa_c(55, load, 240) == pytest.approx(8.2, abs=0.05)
    level = erlang.service_level_c(55, load, 240, 15)
    assert level == pytest.approx(0.846, abs=5e-4)
    assert level == pytest.approx(float(exact_service_level(55, Fraction(48), 240, 15)), rel=1e-12)


def test_erlang_b_table_value() -> None:
    """Erlang B tables: 5 Erlangs offered to 10 trunks are blocked 1.84 % of the time; one
    Erlang on one trunk 50 %."""
    assert erlang.erlang_b(10, 5.0) == pytest.approx(0.0184, abs=5e-5)
    assert erlang.erlang_b(1, 1.0) == pytest.approx(0.5, rel=1e-14)
    assert float(exact_erlang_b(10, Fraction(5))) == pytest.approx(float(erlang.erlang_b(10, 5.0)), rel=1e-12)


# --------------------------------------------------------------------------- exactness and scale


@pytest.mark.parametrize(("agents", "load"), [
    (1, Fraction(1, 2)), (7, Fraction(13, 2)), (30, Fraction(563, 20)), (120, Fraction(110)),
    (300, Fraction(2857, 10)),
])
def test_erlang_c_equals_exact_rational_value(agents: int, load: Fraction) -> None:
    exact = float(exact_erlang_c(agents, load))
    assert erlang.erlang_c(agents, float(load)) == pytest.approx(exact, rel=1e-11)
    blocking = float(exact_erlang_b(agents, load))
    assert erlang.erlang_b(agents, float(load)) == pytest.approx(blocking, rel=1e-11)


def test_closed_form_and_recursion_agree_at_large_loads() -> None:
    rng = np.random.default_rng(7)
    load = rng.uniform(0.1, 3000.0, 400)
    agents = np.rint(load * rng.uniform(0.2, 1.3, 400))
    closed = erlang.erlang_b(agents, load)
    recursive = erlang.erlang_b_recursive(agents, load)
    assert np.all(np.isfinite(closed))
    np.testing.assert_allclose(closed, recursive, rtol=1e-9, atol=1e-300)


def test_hundreds_of_agents_stay_finite() -> None:
    load = np.array([450.0, 900.0, 2500.0, 5000.0])
    agents = np.array([470, 930, 2560, 5080])
    level = erlang.service_level_c(agents, load, 300, 20)
    assert np.all((level > 0) & (level < 1))
    needed = required_agents(load * 1800 / 300, 300, 1800, 80, 20)
    assert np.all(needed > load) and np.all(needed < load * 1.1)


# --------------------------------------------------------------------------- Erlang A


def markov_erlang_a(n: int, lam: float, aht: float, patience: float, t: float, states: int = 300):
    """Erlang A from scratch: the birth-death chain of contacts in the system (truncated),
    and for a contact that finds j waiting ahead of it, the chain of its own progress (ahead
    count falls by service or abandonment ahead; it may give up itself) solved with a matrix
    exponential. Returns (P(wait), P(abandon), service level, ASA of answered contacts)."""
    mu, theta = 1 / aht, 1 / patience
    log_p = [0.0]
    for k in range(1, states):
        log_p.append(log_p[-1] + math.log(lam / (min(k, n) * mu + max(k - n, 0) * theta)))
    p = np.exp(np.array(log_p) - max(log_p))
    p /= p.sum()
    level = answered = p[:n].sum()
    waited = 0.0
    for j in range(states - n):
        if p[n + j] < 1e-15:
            continue
        size = j + 3  # j+1 transient states, then answered and gave up
        q = np.zeros((size, size))
        for idx in range(j + 1):
            ahead = j - idx
            forward = n * mu + ahead * theta
            q[idx, idx + 1 if ahead else j + 1] += forward
            q[idx, j + 2] += theta
            q[idx, idx] -= forward + theta
        level += p[n + j] * expm(q * t)[0, j + 1]
        rates = [n * mu + i * theta for i in range(j + 1)]
        served = np.prod([r / (r + theta) for r in rates])
        answered += p[n + j] * served
        waited += p[n + j] * served * sum(1 / (r + theta) for r in rates)
    return p[n:].sum(), 1 - answered, level, waited / answered


@pytest.mark.parametrize(("n", "volume", "aht", "patience", "t"), [
    (10, 100, 180, 120, 20), (5, 100, 180, 60, 30), (48, 360, 240, 180, 15), (30, 360, 180, 120, 20),
])
def test_erlang_a_matches_an_independent_markov_chain(n: int, volume: float, aht: float, patience: float,
                                                      t: float) -> None:
    lam = volume / 1800
    m = erlang.erlang_a(n, lam, aht, patience, t)
    expected = markov_erlang_a(n, lam, aht, patience, t)
    got = (m.p_wait, m.abandon, m.service_level, m.asa_seconds)
    for value, reference in zip(got, expected, strict=True):
        assert float(value) == pytest.approx(reference, rel=1e-8, abs=1e-12)


def test_erlang_a_tends_to_erlang_c_without_abandonment() -> None:
    a = erlang.erlang_a(14, 100 / 1800, 180, 1e7, 20)
    assert float(a.abandon) < 1e-5
    assert float(a.p_wait) == pytest.approx(float(erlang.erlang_c(14, 10.0)), rel=1e-4)
    assert float(a.service_level) == pytest.approx(float(erlang.service_level_c(14, 10.0, 180, 20)), rel=1e-4)
    assert float(a.asa_seconds) == pytest.approx(float(erlang.asa_c(14, 10.0, 180)), rel=1e-3)


def test_erlang_a_serves_an_overloaded_queue() -> None:
    # Fewer agents than the load: Erlang C never empties, Erlang A settles with abandonment.
    c = erlang.erlang_c_metrics(8, 100 / 1800, 180, 20)
    a = erlang.erlang_a(8, 100 / 1800, 180, 120, 20)
    assert float(c.service_level) == 0.0 and math.isinf(float(c.asa_seconds))
    assert 0 < float(a.service_level) < 1 and 0.1 < float(a.abandon) < 0.5
    assert float(a.occupancy) == pytest.approx(10 * (1 - float(a.abandon)) / 8, rel=1e-12)


def test_no_agents_and_no_contacts() -> None:
    m = erlang.queue_metrics([0, 0, 3], [0.0, 0.05, 0.0], 180, 20, [np.nan, 60, np.nan])
    assert list(m.service_level) == [1.0, 0.0, 1.0]
    assert list(m.abandon) == [0.0, 1.0, 0.0]


# --------------------------------------------------------------------------- properties


def test_more_agents_never_lower_the_service_level() -> None:
    rng = np.random.default_rng(2026)
    for _ in range(40):
        volume = rng.uniform(1, 2000)
        aht = rng.uniform(30, 900)
        answer = rng.uniform(0, 120)
        lam = volume / 1800
        load = lam * aht
        n = np.arange(0, int(load * 1.5) + 25)
        for patience in (np.nan, rng.uniform(10, 900)):
            m = erlang.queue_metrics(n, lam, aht, answer, patience, with_asa=False)
            assert np.all(np.diff(m.service_level) >= -1e-12), (volume, aht, answer, patience)
            assert np.all(np.diff(m.abandon) <= 1e-12)
            # Fractional heads (after shrinkage) sit between their whole neighbours.
            half = erlang.queue_metrics(n[:-1] + 0.5, lam, aht, answer, patience, with_asa=False)
            assert np.all(half.service_level >= m.service_level[:-1] - 1e-12)
            assert np.all(half.service_level <= m.service_level[1:] + 1e-12)


def test_required_agents_never_fall_as_volume_rises() -> None:
    rng = np.random.default_rng(11)
    for _ in range(30):
        volume = np.sort(rng.uniform(0, 1500, 60))
        aht, answer, pct = rng.uniform(60, 600), rng.uniform(5, 60), rng.uniform(50, 95)
        occupancy = rng.uniform(0.7, 1.0)
        for patience in (np.nan, rng.uniform(30, 600)):
            needed = required_agents(volume, aht, 1800, pct, answer, patience_seconds=patience,
                                     max_occupancy=occupancy)
            assert np.all(np.diff(needed) >= 0), (aht, answer, pct, patience)
            asa_needed = required_agents(volume, aht, 1800, asa_seconds=answer, patience_seconds=patience)
            assert np.all(np.diff(asa_needed) >= 0)


def test_required_agents_are_the_fewest_that_meet_the_target() -> None:
    rng = np.random.default_rng(5)
    volume = rng.uniform(1, 800, 300)
    aht = rng.uniform(60, 600, 300)
    pct = rng.uniform(50, 95, 300)
    answer = rng.uniform(5, 60, 300)
    patience = np.where(rng.random(300) < 0.5, np.nan, rng.uniform(30, 600, 300))
    needed = required_agents(volume, aht, 1800, pct, answer, patience_seconds=patience, max_occupancy=1.0)
    lam = volume / 1800
    at = erlang.queue_metrics(needed, lam, aht, answer, patience, with_asa=False)
    below = erlang.queue_metrics(needed - 1, lam, aht, answer, patience, with_asa=False)
    assert np.all(at.service_level >= pct / 100 - 1e-9)
    assert np.all(below.service_level < pct / 100)
