"""Oracle fixed-point arithmetic: I32F32 on Python ints, written straight from spec §0.2.

Fixed-point values are raw I32F32 bits held in Python ints (value = bits / 2**32); every
operation is written out exactly as spec/subtensor.md §0.2 describes it (floor on products,
truncation on quotients, ``safe_div`` = 0 on a zero divisor or an overflowing quotient,
saturation at the type bounds). This is the reference the numpy helpers are tested against.
"""

from __future__ import annotations

FRAC = 32
ONE = 1 << FRAC
I32F32_MAX = (1 << 63) - 1
I32F32_MIN = -(1 << 63)
U64_MAX = (1 << 64) - 1
E_BITS = 22802601 << 9


def sat(x: int) -> int:
    """Clamp raw bits to the I32F32 range."""
    return max(I32F32_MIN, min(I32F32_MAX, x))


def fmul(a: int, b: int) -> int:
    """I32F32 saturating_mul (floor)."""
    return sat((a * b) >> FRAC)


def tdiv(a: int, b: int) -> int:
    """Integer division truncating toward zero (Rust semantics)."""
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b >= 0) else -q


def safe_div(a: int, b: int) -> int:
    """I32F32 safe_div: 0 on a zero divisor or an out-of-range quotient."""
    if b == 0:
        return 0
    q = tdiv(a << FRAC, b)
    return q if I32F32_MIN <= q <= I32F32_MAX else 0


def sat_div(a: int, b: int) -> int:
    """I32F32 saturating_div."""
    return sat(tdiv(a << FRAC, b))


def from_u16_prop(u: int) -> int:
    """u16 / 65535 as I32F32."""
    return safe_div(u << FRAC, 65535 << FRAC)


def to_u16_prop(x: int) -> int:
    """fixed_proportion_to_u16: saturating_mul by 65535 then saturating_to_num::<u16>."""
    return max(0, min(65535, fmul(x, 65535 << FRAC) >> FRAC))


def exp_fixed(x: int) -> int:
    """substrate-fixed's exp on I32F32 bits (None on overflow)."""
    if x == 0:
        return ONE
    if x == ONE:
        return E_BITS
    neg = x < 0
    op = -x if neg else x
    result = op + ONE
    term = op
    for i in range(2, FRAC):
        term = (term * op) >> FRAC
        term = tdiv(term << FRAC, i << FRAC)
        result += term
    if neg:
        return tdiv(ONE << FRAC, result)
    return result


def exp_safe(x: int) -> int:
    """exp with the input clamped to [-20, 20]."""
    return exp_fixed(max(-20 * ONE, min(20 * ONE, x)))


def sigmoid_safe(x: int, rho: int, kappa: int) -> int:
    """1 / (1 + exp(-rho * (x - kappa))) with the reference's saturating steps."""
    offset = sat(x - kappa)
    neg_rho = fmul(rho, -ONE)
    e = exp_safe(fmul(neg_rho, offset))
    return safe_div(ONE, sat(e + ONE))


def normalize(x: list[int]) -> list[int]:
    """inplace_normalize."""
    total = sum(x)
    if total == 0:
        return list(x)
    return [safe_div(v, total) for v in x]


def is_topk_nonzero(vector: list[int], k: int) -> list[bool]:
    """Top-k by a stable ascending sort; zero entries are never selected."""
    n = len(vector)
    result = [v != 0 for v in vector]
    if n < k:
        return result
    order = sorted(range(n), key=lambda i: vector[i])
    for idx in order[: n - k]:
        result[idx] = False
    return result


def weighted_median(stake: list[int], score: list[int], minority: int, lo: int, hi: int) -> int:
    """The reference's deterministic mid-pivot partition search (§1.7)."""
    part = list(range(len(stake)))
    for _ in range(len(stake) + 1):
        if not part:
            return 0
        if len(part) == 1:
            return score[part[0]]
        pivot = score[part[len(part) // 2]]
        lower = [i for i in part if score[i] < pivot]
        upper = [i for i in part if score[i] > pivot]
        lo_stake = sum(stake[i] for i in lower)
        hi_stake = sum(stake[i] for i in upper)
        if minority < lo + lo_stake and lower:
            part, hi = lower, lo + lo_stake
        elif hi - hi_stake <= minority and upper:
            part, lo = upper, hi - hi_stake
        else:
            return pivot
    return 0


def median_columns(active_stake: list[int], score_rows: list[list[int]], kappa: int) -> list[int]:
    """weighted_median_col: positive-stake rows only, re-normalised, minority = sum - kappa."""
    keep = [i for i, s in enumerate(active_stake) if s > 0]
    use_stake = normalize([active_stake[i] for i in keep])
    total = sum(use_stake)
    minority = sat(total - kappa)
    n_cols = len(score_rows[0]) if score_rows else 0
    return [weighted_median(use_stake, [score_rows[i][j] for i in keep], minority, 0, total)
            for j in range(n_cols)]
