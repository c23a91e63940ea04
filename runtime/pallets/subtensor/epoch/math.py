"""Vectorised epoch math on I32F32 bit arrays (``epoch/math.rs`` of the reference, §1).

Sparse matrices are held as dense ``(rows, n)`` int64 blocks over the uids that have any entry,
with a boolean *presence* mask where the sparse/dense distinction matters; absent entries hold 0,
so sums and column normalisations agree with the sparse originals.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from runtime.primitives.fixed_array import (
    I64_MAX,
    ONE,
    U64_MAX,
    div_frac,
    exp_safe,
    mul,
    normalize,
)

IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]
INDEX_BITS = 16


def mul_nonneg(a: IntArray, b: IntArray | int) -> IntArray:
    """``mul`` for non-negative operands, using unsigned 64-bit products when they fit."""
    a_max = int(a.max()) if a.size else 0
    b_max = int(np.max(b)) if np.size(b) else 0
    if a_max * b_max <= I64_MAX:
        return (a * b) >> 32
    if a_max * b_max <= U64_MAX:
        prod = a.astype(np.uint64)
        prod *= np.asarray(b).astype(np.uint64)
        prod >>= np.uint64(32)
        return prod.view(np.int64)
    return mul(a, b)


def topk(stake: IntArray, k: int, *, nonzero: bool = True) -> BoolArray:
    """``is_topk_nonzero`` (``is_topk`` with ``nonzero=False``): the k largest entries by a
    stable ascending sort (among ties the lower index is dropped first); zeros never selected
    by the non-zero variant.
    """
    n = len(stake)
    result = stake != 0 if nonzero else np.ones(n, dtype=bool)
    if n < k:
        return result
    order = np.argsort(stake, kind="stable")
    result[order[: n - k]] = False
    return result


def weighted_median_columns(use_stake: IntArray, scores_t: IntArray, minority: int) -> IntArray:
    """Per-column stake-weighted median, identical to the reference's partition search.

    ``scores_t`` is ``(columns, validators)`` and is overwritten. The mid-pivot search of §1.7
    keeps the invariant ``lo = stake below the candidates`` and ``hi = lo + stake of the
    candidates`` exactly (fixed-point addition is exact), and returns the pivot p with
    ``stake(score < p) <= minority < stake(score <= p)`` when one exists; it walks to the lowest
    score when ``minority < 0`` and to the highest when ``minority >= total``. That is the score
    at the first position of the column sorted ascending whose cumulative stake exceeds
    ``minority``, or the column maximum if none does — computed here with one packed sort
    (score in the high bits, validator index in the low bits) of every column at once.
    """
    n_cols, n_val = scores_t.shape
    if n_val == 0 or n_cols == 0:
        return np.zeros(n_cols, dtype=np.int64)
    if n_val >= 1 << INDEX_BITS:
        raise ValueError(f"{n_val} validators exceed the packed median key")
    keys = scores_t
    keys <<= INDEX_BITS
    keys |= np.arange(n_val, dtype=np.int64)
    keys.sort(axis=1)
    cumulative = np.cumsum(use_stake[keys & ((1 << INDEX_BITS) - 1)], axis=1)
    first = np.minimum(np.count_nonzero(cumulative <= minority, axis=1), n_val - 1)
    return keys[np.arange(n_cols), first] >> INDEX_BITS


def column_consensus(active_stake: IntArray, weights: IntArray, index_of_row: IntArray,
                     kappa: int) -> IntArray:
    """Consensus per column (§1.7): positive active stake re-normalised, minority = sum - kappa.

    ``weights`` is a block whose row ``index_of_row[uid]`` (or none, if -1) is uid's row. The
    scores are laid out column-major (one row per column) so each column sorts contiguously.
    """
    n = weights.shape[1]
    validators = np.flatnonzero(active_stake > 0)
    use_stake = normalize(active_stake[validators])
    minority = int(use_stake.sum()) - kappa
    block_rows = index_of_row[validators]
    has_row = block_rows >= 0
    scores_t = np.empty((n, len(validators)), dtype=np.int64)
    if has_row.all() and np.array_equal(block_rows, np.arange(weights.shape[0])):
        scores_t[...] = weights.T
    elif has_row.all():
        scores_t[...] = weights[block_rows].T
    else:
        scores_t.fill(0)
        scores_t[:, has_row] = weights[block_rows[has_row]].T
    return weighted_median_columns(use_stake, scores_t, minority)


def clip_to_consensus(w: IntArray, present: BoolArray,
                      consensus: IntArray) -> tuple[IntArray, BoolArray]:
    """``col_clip_sparse``: entries above consensus become it, or are dropped if it is <= 0.

    Absent entries hold 0, so ``min(w, consensus)`` is right everywhere (a dropped entry has
    consensus 0); only the presence of entries in zero-consensus columns changes.
    """
    clipped = np.minimum(w, consensus[None, :])
    zero_columns = consensus <= 0
    if not zero_columns.any():
        return clipped, present
    return clipped, present & ~((w > 0) & zero_columns[None, :])


def ema_with_alpha(new: IntArray, old: IntArray, alpha: IntArray | int,
                   new_present: BoolArray | None = None,
                   old_present: BoolArray | None = None) -> tuple[IntArray, BoolArray]:
    """``mat_ema_alpha`` (dense: every entry) or ``mat_ema_alpha_sparse`` (presence masks given:
    only entries of ``new`` are produced): ``min(1, (1 - a) old + max(0, a new))``.
    """
    decayed = mul(ONE - alpha, old)
    if old_present is not None:
        decayed = np.where(old_present, decayed, 0)
    value = np.minimum(decayed + np.maximum(mul(alpha, new), 0), ONE)
    if new_present is None:
        return value, value > 0
    present = new_present & (value > 0)
    return np.where(present, value, 0), present


def col_normalize(m: IntArray) -> IntArray:
    """Each column divided by its sum (``inplace_col_normalize[_sparse]``); zero columns kept."""
    sums = m.sum(axis=0)
    if not sums.any():
        return m.copy()
    if sums.all():
        return div_frac(m, sums)
    return np.where(sums != 0, div_frac(m, sums), m)


def col_max_upscale(m: IntArray) -> IntArray:
    """Each column divided by its maximum (``inplace_col_max_upscale[_sparse]``)."""
    if m.size == 0:
        return m.copy()
    maxes = np.maximum(m.max(axis=0), 0)
    if maxes.all():
        return div_frac(np.maximum(m, 0), maxes)
    return np.where(maxes != 0, div_frac(np.maximum(m, 0), maxes), m)


def merge_records(present: BoolArray, position: NDArray[np.int32] | None) -> BoolArray:
    """Entries a forward-only merge over the row (in stored order) can find (§1.10 note).

    The reference walks each row once while j rises; an entry is seen only if its column
    exceeds every column stored before it in the row. For rows in ascending order (``position``
    None) every present entry is seen.
    """
    if position is None:
        return present
    found = present.copy()
    rows_to_check = np.flatnonzero(present.sum(axis=1) > 1)
    for r in rows_to_check:
        cols = np.flatnonzero(present[r])
        cols = cols[np.argsort(position[r, cols], kind="stable")]
        running = np.maximum.accumulate(cols)
        seen = np.ones(len(cols), dtype=bool)
        seen[1:] = cols[1:] > running[:-1]
        found[r, cols] = seen
    return found


def alpha_sigmoid(consensus: IntArray, weight: IntArray, bond: IntArray, low: int, high: int,
                  steepness: int) -> IntArray:
    """Liquid alpha per entry (``alpha_sigmoid``), broadcasting over its array arguments."""
    buy = np.clip(weight - consensus, 0, ONE)
    sell = np.clip(bond - weight, 0, ONE)
    diff = np.where(weight >= bond, buy, sell)
    factor = _trunc_div(steepness << 64, -100 << 32)
    x = mul(factor, diff - (ONE >> 1))
    sigmoid = div_frac(np.full(x.shape, ONE, dtype=np.int64), exp_safe(x) + ONE)
    alpha = low + mul(sigmoid, high - low)
    return np.maximum(np.minimum(alpha, high), low)


def _trunc_div(a: int, b: int) -> int:
    quotient = abs(a) // abs(b)
    return quotient if (a >= 0) == (b >= 0) else -quotient
