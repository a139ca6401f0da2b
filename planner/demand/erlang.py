"""Queueing formulas for contact work: Erlang B, Erlang C (M/M/n) and Erlang A (M/M/n+M).

Every function is vectorised with numpy: give arrays (or scalars, broadcast together) and get
arrays back. Nothing here forms a factorial or a power of the load; the formulas are kept
stable for loads of thousands of Erlangs:

- Erlang B by its recursion `B(k) = a B(k-1) / (k + a B(k-1))` (every step stays in [0, 1]),
  or in closed form in log space, `log B = log pmf(n; a) - log P(Poisson(a) <= n)`, with the
  regularised incomplete gamma function (the recursion takes over where that underflows).
- Erlang C from Erlang B: `C = B / (1 - (a/n)(1 - B))`.
- Erlang A (Palm's queue with exponential patience) through the function
  `A(x, y) = sum_j y^j / ((x+1)...(x+j)) = x e^y y^-x gamma(x, y)` of Mandelbaum and Zeltyn,
  "The Palm/Erlang-A queue, with applications to call centers" (2007), kept as its logarithm.

Units: `load` (a) in Erlangs = arrivals per second x handle time in seconds; times in
seconds; probabilities as fractions (0..1). Service level is the share of contacts answered
within the answer time `t`; with abandonment (Erlang A) a contact that gives up counts as
not answered within `t`, so the service level is the share of *all* arrivals answered in time.
ASA (average speed of answer) is the mean wait of the contacts that are answered.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import special

ArrayLike = np.typing.ArrayLike

_TINY = 1e-280
"""Below this the closed form's incomplete gamma is treated as underflowed."""


def _arrays(*values: ArrayLike) -> list[np.ndarray]:
    return [np.asarray(v, dtype=float) for v in np.broadcast_arrays(*values)]


# --------------------------------------------------------------------------- Erlang B


def erlang_b_recursive(servers: ArrayLike, load: ArrayLike) -> np.ndarray:
    """Blocking probability of `servers` (whole numbers) offered `load` Erlangs, by the
    recursion `B(0) = 1, B(k) = a B(k-1) / (k + a B(k-1))`: one pass per server up to the
    largest `servers`, every element at once."""
    n, a = _arrays(servers, load)
    n = np.rint(n).astype(np.int64)
    out = np.ones(n.shape)
    if n.size == 0:
        return out
    b = np.ones(n.shape)
    for k in range(1, int(n.max(initial=0)) + 1):
        ab = a * b
        b = ab / (k + ab)
        hit = n == k
        if hit.any():
            out[hit] = b[hit]
    return out


def erlang_b(servers: ArrayLike, load: ArrayLike) -> np.ndarray:
    """Blocking probability (Erlang B) of `servers` offered `load` Erlangs, in closed form:
    `B = pmf(n; a) / cdf(n; a)` of a Poisson(a) variable, both in log space."""
    n, a = _arrays(servers, load)
    n = np.maximum(np.rint(n), 0.0)
    out = np.ones(n.shape)
    busy = (a > 0) & (n > 0)
    out[(a <= 0) & (n > 0)] = 0.0
    if not busy.any():
        return out
    nb, ab = n[busy], a[busy]
    cdf = special.gammaincc(nb + 1.0, ab)
    with np.errstate(divide="ignore"):
        log_b = nb * np.log(ab) - ab - special.gammaln(nb + 1.0) - np.log(cdf)
    values = np.exp(np.minimum(log_b, 0.0))
    low = cdf < _TINY
    if low.any():
        values[low] = erlang_b_recursive(nb[low], ab[low])
    out[busy] = values
    return out


# --------------------------------------------------------------------------- Erlang C


def erlang_c(servers: ArrayLike, load: ArrayLike) -> np.ndarray:
    """Probability that a contact waits (Erlang C); 1 where `servers <= load` (the queue
    never empties)."""
    n, a = _arrays(servers, load)
    b = erlang_b(n, a)
    out = np.ones(n.shape)
    stable = n > a
    rho = np.divide(a, n, out=np.zeros(n.shape), where=n > 0)
    out[stable] = b[stable] / (1.0 - rho[stable] * (1.0 - b[stable]))
    out[(a <= 0) & (n > 0)] = 0.0
    return np.clip(out, 0.0, 1.0)


def service_level_c(
    servers: ArrayLike, load: ArrayLike, aht_seconds: ArrayLike, answer_seconds: ArrayLike
) -> np.ndarray:
    """Share of contacts answered within `answer_seconds`: `1 - C exp(-(n - a) t / aht)`."""
    n, a, aht, t = _arrays(servers, load, aht_seconds, answer_seconds)
    c = erlang_c(n, a)
    rate = np.divide(np.maximum(n - a, 0.0) * t, aht, out=np.zeros(n.shape), where=aht > 0)
    out = 1.0 - c * np.exp(-rate)
    return np.where(n > a, out, np.where(a <= 0, 1.0, 0.0))


def asa_c(servers: ArrayLike, load: ArrayLike, aht_seconds: ArrayLike) -> np.ndarray:
    """Average speed of answer in seconds, `C aht / (n - a)`; infinite where `n <= a`."""
    n, a, aht = _arrays(servers, load, aht_seconds)
    c = erlang_c(n, a)
    out = np.full(n.shape, np.inf)
    stable = n > a
    out[stable] = c[stable] * aht[stable] / (n[stable] - a[stable])
    out[a <= 0] = 0.0
    return out


# --------------------------------------------------------------------------- Erlang A


def log_a_function(x: ArrayLike, y: ArrayLike) -> np.ndarray:
    """`log A(x, y)` with `A(x, y) = sum_{j>=0} y^j / ((x+1)...(x+j))` for x > 0, y >= 0.

    The closed form `log x + y - x log y + log Gamma(x) + log P(x, y)` with the regularised
    lower incomplete gamma `P` where `P` does not underflow, else the series (which then
    converges: y is well below x, so every ratio y/(x+j) is below one)."""
    xs, ys = _arrays(x, y)
    out = np.zeros(xs.shape)
    closed = ys >= 0.5 * xs
    p = np.zeros(xs.shape)
    if closed.any():
        p[closed] = special.gammainc(xs[closed], ys[closed])
        closed &= p > _TINY
    if closed.any():
        xv, yv = xs[closed], ys[closed]
        out[closed] = (np.log(xv) + yv - xv * np.log(yv) + special.gammaln(xv)
                       + np.log(p[closed]))
    series = ~closed
    if series.any():
        # y is below x here (or P(x, y) would not underflow): every ratio y/(x+j) < 1.
        xv, yv = xs[series], ys[series]
        total = np.ones(xv.shape)
        term = np.ones(xv.shape)
        for j in range(1, 200_000):
            term = term * yv / (xv + j)
            total += term
            if not (term > 1e-17 * total).any():
                break
        out[series] = np.log(total)
    return out


@dataclass(frozen=True)
class QueueMetrics:
    """Expected service of a queue, one value per element (arrays of the broadcast shape)."""

    p_wait: np.ndarray
    """Probability that a contact is not answered at once."""
    service_level: np.ndarray
    """Share of all arriving contacts answered within the answer time (0..1)."""
    asa_seconds: np.ndarray
    """Mean wait of the answered contacts; infinite for an Erlang C queue that never empties."""
    occupancy: np.ndarray
    """Share of the agents' time spent handling contacts (0..1)."""
    abandon: np.ndarray
    """Share of contacts that give up waiting (0 without patience: Erlang C)."""


def _erlang_a_series_asa(x: np.ndarray, y: np.ndarray, log_a: np.ndarray, theta: np.ndarray) -> np.ndarray:
    """Mean wait, given that the contact waits, times the chance it is then answered:
    `E[V; answered | wait] = x / (theta A) sum_j t_j (psi(x+j+2) - psi(x+1)) / (x+j+1)`,
    with `t_j = y^j / ((x+1)...(x+j))` the queue-length weights (a contact that finds j
    waiting ahead is answered with probability x/(x+j+1), after a mean wait of
    sum_{i<=j} 1/(theta (x+i+1)))."""
    out = np.zeros(x.shape)
    if x.size == 0:
        return out
    peak = np.maximum(y - x, 0.0)
    terms = int(np.ceil((peak + 12.0 * np.sqrt(y) + 40.0).max()))
    rows = max(1, 2_000_000 // terms)
    for start in range(0, x.size, rows):
        sl = slice(start, start + rows)
        xv, yv, la = x[sl, None], y[sl, None], log_a[sl, None]
        j = np.arange(terms, dtype=float)[None, :]
        with np.errstate(divide="ignore"):
            log_t = j * np.log(yv) - (special.gammaln(xv + j + 1.0) - special.gammaln(xv + 1.0))
        log_t[:, 0] = 0.0
        weight = np.exp(log_t - la)
        waited = (special.digamma(xv + j + 2.0) - special.digamma(xv + 1.0)) / (xv + j + 1.0)
        out[sl] = xv[:, 0] * (weight * waited).sum(axis=1) / theta[sl]
    return out


def erlang_a(
    servers: ArrayLike,
    arrivals_per_second: ArrayLike,
    aht_seconds: ArrayLike,
    patience_seconds: ArrayLike,
    answer_seconds: ArrayLike,
    *,
    with_asa: bool = True,
) -> QueueMetrics:
    """Erlang A (M/M/n+M): Poisson arrivals, exponential handling and exponential patience.

    With `x = n mu / theta`, `y = lambda / theta` (mu = 1/aht, theta = 1/patience),
    `E` = Erlang B(n, lambda/mu) and `A = A(x, y)`:

    - P(wait) = A E / (1 + (A - 1) E)
    - P(abandon) = P(wait) (1 - 1/rho + 1/(rho A)), rho = y / x
    - P(answered within t | wait) = (x/y) (1 - (q A(x, z) + 1 - q) / A(x, y)) with
      `z = y e^(-theta t)` and `q = (z/y)^x e^(y - z)`

    (Mandelbaum and Zeltyn 2007; the last line follows from their offered-wait law
    P(V > t | wait) = gamma(x, z) / gamma(x, y)).
    """
    n, lam, aht, patience, t = _arrays(servers, arrivals_per_second, aht_seconds,
                                      patience_seconds, answer_seconds)
    n = np.maximum(np.rint(n), 0.0)
    shape = n.shape
    p_wait = np.zeros(shape)
    level = np.ones(shape)
    asa = np.zeros(shape)
    occupancy = np.zeros(shape)
    abandon = np.zeros(shape)
    # No one to answer: every contact waits and, sooner or later, gives up.
    empty = (n <= 0) & (lam > 0)
    p_wait[empty], level[empty], abandon[empty], asa[empty] = 1.0, 0.0, 1.0, np.nan
    live = (n > 0) & (lam > 0)
    if live.any():
        nv, lv, hv, pv, tv = n[live], lam[live], aht[live], patience[live], t[live]
        theta = 1.0 / pv
        x = nv * pv / hv
        y = lv * pv
        e = erlang_b(nv, lv * hv)
        log_a = log_a_function(x, y)
        inv_a = np.exp(-log_a)
        with np.errstate(divide="ignore", invalid="ignore"):
            pw = np.where(e > 0, 1.0 / (1.0 + (1.0 - e) * inv_a / np.where(e > 0, e, 1.0)), 0.0)
        rho = y / x
        ab = pw * (1.0 - 1.0 / rho + inv_a / rho)
        z = y * np.exp(-theta * tv)
        log_q = -theta * tv * x + y * (1.0 - np.exp(-theta * tv))
        ratio = np.exp(log_q + log_a_function(x, z) - log_a) + (1.0 - np.exp(log_q)) * inv_a
        in_time = np.clip((x / y) * (1.0 - ratio), 0.0, 1.0)
        p_wait[live] = pw
        abandon[live] = np.clip(ab, 0.0, 1.0)
        level[live] = np.clip(1.0 - pw + pw * in_time, 0.0, 1.0)
        occupancy[live] = np.minimum(1.0, lv * hv * (1.0 - abandon[live]) / nv)
        if with_asa:
            waited = pw * _erlang_a_series_asa(x, y, log_a, theta)
            answered = 1.0 - abandon[live]
            asa[live] = np.divide(waited, answered, out=np.full(waited.shape, np.nan),
                                  where=answered > 0)
        else:
            asa[live] = np.nan
    return QueueMetrics(p_wait, level, asa, occupancy, abandon)


def erlang_c_metrics(
    servers: ArrayLike, arrivals_per_second: ArrayLike, aht_seconds: ArrayLike, answer_seconds: ArrayLike
) -> QueueMetrics:
    """Erlang C service figures in the same shape as `erlang_a`."""
    n, lam, aht, t = _arrays(servers, arrivals_per_second, aht_seconds, answer_seconds)
    n = np.maximum(np.rint(n), 0.0)
    load = lam * aht
    occupancy = np.where(n > load, np.divide(load, n, out=np.ones(n.shape), where=n > 0), 1.0)
    occupancy = np.where(load <= 0, 0.0, occupancy)
    return QueueMetrics(
        p_wait=erlang_c(n, load),
        service_level=service_level_c(n, load, aht, t),
        asa_seconds=asa_c(n, load, aht),
        occupancy=occupancy,
        abandon=np.zeros(n.shape),
    )


def queue_metrics(
    servers: ArrayLike,
    arrivals_per_second: ArrayLike,
    aht_seconds: ArrayLike,
    answer_seconds: ArrayLike,
    patience_seconds: ArrayLike | None = None,
    *,
    with_asa: bool = True,
) -> QueueMetrics:
    """Service figures for any mix of Erlang C rows (patience NaN or None) and Erlang A rows
    (a patience in seconds). `servers` may be fractional (heads after shrinkage): figures
    are interpolated linearly between the whole numbers either side."""
    if patience_seconds is None:
        patience_seconds = np.nan
    n, lam, aht, t, patience = _arrays(servers, arrivals_per_second, aht_seconds, answer_seconds,
                                       patience_seconds)
    low = np.floor(np.maximum(n, 0.0) + 1e-9)
    weight = np.clip(n - low, 0.0, 1.0)
    fractional = weight > 1e-9
    at_low = _whole(low, lam, aht, t, patience, with_asa)
    if not fractional.any():
        return at_low
    at_high = _whole(low + 1.0, lam, aht, t, patience, with_asa)
    mixed = {}
    for name in ("p_wait", "service_level", "asa_seconds", "occupancy", "abandon"):
        lo, hi = getattr(at_low, name), getattr(at_high, name)
        with np.errstate(invalid="ignore"):
            blend = np.where(np.isfinite(lo) & np.isfinite(hi), (1 - weight) * lo + weight * hi, lo)
        mixed[name] = np.where(fractional, blend, lo)
    return QueueMetrics(**mixed)


def _whole(
    n: np.ndarray, lam: np.ndarray, aht: np.ndarray, t: np.ndarray, patience: np.ndarray, with_asa: bool
) -> QueueMetrics:
    """`queue_metrics` at whole numbers of servers."""
    abandoning = np.isfinite(patience) & (patience > 0)
    metrics = erlang_c_metrics(n, lam, aht, t)
    if not abandoning.any():
        return metrics
    a = erlang_a(n[abandoning], lam[abandoning], aht[abandoning], patience[abandoning],
                 t[abandoning], with_asa=with_asa)
    fields = {}
    for name in ("p_wait", "service_level", "asa_seconds", "occupancy", "abandon"):
        values = getattr(metrics, name).copy()
        values[abandoning] = getattr(a, name)
        fields[name] = values
    return QueueMetrics(**fields)
