"""Numpy integer arrays that behave exactly like substrate-fixed's I32F32 / I64F64 / I96F32.

An I32F32 array is an ``int64`` array of raw bits (value = bits / 2**32). Every helper here
reproduces the reference crate bit for bit (``spec/subtensor.md`` §0.2):

* multiplication floors (arithmetic shift of the exact product);
* division truncates (floor for the non-negative operands used here); ``safe_div`` gives 0 when
  the divisor is 0 or the quotient does not fit;
* conversions to integers and to fewer fractional bits floor.

No floats are used anywhere. Products that need more than 64 bits are split into 32-bit halves
and recombined exactly; a 64-bit fast path is taken only when the operands' magnitudes prove it
cannot overflow.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

FRAC_BITS = 32
ONE = 1 << FRAC_BITS
HALF = 1 << (FRAC_BITS - 1)
LOW_MASK = ONE - 1
I64_MAX = (1 << 63) - 1
U64_MAX = (1 << 64) - 1
U16_MAX = 65535
# e truncated to 23 fractional bits (substrate-fixed's I9F23 constant), widened to I32F32.
E_BITS = 22802601 << 9
EXP_MIN = -20 * ONE
EXP_MAX = 20 * ONE

IntArray = NDArray[np.int64]


class FixedArrayError(ValueError):
    """An operand is outside the range a fixed-point array helper can represent exactly."""


def _max_abs(values: IntArray | int) -> int:
    if isinstance(values, int):
        return abs(values)
    if values.size == 0:
        return 0
    return max(abs(int(values.max())), abs(int(values.min())))


def mul(a: IntArray | int, b: IntArray | int) -> IntArray:
    """I32F32 product ``floor(a * b / 2**32)`` of raw bits, elementwise (broadcasting).

    Exact for any operands whose true result fits in int64 (the epoch never saturates).
    """
    if _max_abs(a) * _max_abs(b) <= I64_MAX:
        return np.right_shift(np.multiply(a, b, dtype=np.int64), FRAC_BITS)
    a_arr = np.asarray(a, dtype=np.int64)
    b_arr = np.asarray(b, dtype=np.int64)
    a_hi = a_arr >> FRAC_BITS
    b_hi = b_arr >> FRAC_BITS
    a_lo = (a_arr & LOW_MASK).astype(np.uint64)
    b_lo = (b_arr & LOW_MASK).astype(np.uint64)
    low = ((a_lo * b_lo) >> np.uint64(FRAC_BITS)).astype(np.int64)
    return ((a_hi * b_hi) << FRAC_BITS) + a_hi * b_lo.astype(np.int64) \
        + a_lo.astype(np.int64) * b_hi + low


def _long_division(num: NDArray[np.uint64], num_max: int, den: NDArray[np.uint64],
                   den_max: int, bits: int) -> NDArray[np.uint64]:
    """``floor(num * 2**bits / den)`` in unsigned 64-bit chunks (multiply-subtract remainders).

    The caller guarantees the quotient fits 64 bits and ``den_max < 2**63``.
    """
    first = min(bits, 64 - num_max.bit_length())
    shifted = num << np.uint64(first)
    quotient = shifted // den
    rem = shifted - quotient * den
    left = bits - first
    step = 64 - den_max.bit_length()
    while left:
        if left <= 2 or step <= 1:
            rem = rem << np.uint64(1)
            carry = (rem >= den).astype(np.uint64)
            rem = rem - den * carry
            quotient = (quotient << np.uint64(1)) | carry
            left -= 1
            continue
        chunk = min(step, left)
        shifted = rem << np.uint64(chunk)
        part = shifted // den
        rem = shifted - part * den
        quotient = (quotient << np.uint64(chunk)) | part
        left -= chunk
    return quotient


UNSIGNED_DIVISION_SIZE = 4096


def _shifted_quotient(a: IntArray, den: IntArray, bits: int) -> IntArray:
    """``(a << bits) // den`` for operands known to fit; unsigned division is about twice as
    fast as signed on large arrays, worth its two conversions."""
    if a.size < UNSIGNED_DIVISION_SIZE:
        return (a << bits) // den
    shape = np.broadcast_shapes(a.shape, den.shape)
    shifted = np.broadcast_to(a, shape).astype(np.uint64)
    shifted <<= np.uint64(bits)
    shifted //= den.astype(np.uint64)
    return shifted.view(np.int64)


def _quotient_up_to_one(a: IntArray, den: IntArray) -> IntArray:
    """``floor(a * 2**32 / den)`` for ``0 <= a <= 2**32`` with one unsigned division; the
    entries equal to 2**32 (whose shift would wrap) take ``floor(2**64 / den)`` instead."""
    den_u = den.astype(np.uint64)
    shifted = np.broadcast_to(a, np.broadcast_shapes(a.shape, den.shape)).astype(np.uint64)
    shifted <<= np.uint64(FRAC_BITS)
    shifted //= den_u
    whole = a == ONE
    if whole.any():
        top = np.uint64(U64_MAX)
        full = top // den_u + (top % den_u == den_u - np.uint64(1))
        shifted = np.where(whole, full, shifted)
    return shifted.view(np.int64)


def div_frac(a: IntArray | int, b: IntArray | int, bits: int = FRAC_BITS) -> IntArray:
    """``safe_div`` of non-negative raw bits: ``floor(a * 2**bits / b)``, 0 where ``b == 0`` or
    where the quotient exceeds int64 (both cases are what the reference's ``safe_div`` yields).
    """
    a_arr = np.asarray(a, dtype=np.int64)
    b_arr = np.asarray(b, dtype=np.int64)
    shape = np.broadcast_shapes(a_arr.shape, b_arr.shape)
    if a_arr.size == 0 or b_arr.size == 0:
        return np.zeros(shape, dtype=np.int64)
    if int(a_arr.min()) < 0 or int(b_arr.min()) < 0:
        raise FixedArrayError("div_frac takes non-negative operands only")
    zero_den = b_arr == 0
    den = np.where(zero_den, 1, b_arr) if zero_den.any() else b_arr
    a_max, den_min = int(a_arr.max()), int(den.min())
    if (a_max << bits) // den_min > I64_MAX:
        a_full, den_full = np.broadcast_arrays(a_arr, den)
        exact = [(x << bits) // y for x, y in zip(a_full.ravel().tolist(),
                                                   den_full.ravel().tolist(), strict=True)]
        out = np.array([q if q <= I64_MAX else 0 for q in exact], dtype=np.int64)
        out = out.reshape(shape)
    elif a_max < (1 << (63 - bits)):
        out = _shifted_quotient(a_arr, den, bits)
    elif bits == FRAC_BITS and a_max <= ONE:
        out = _quotient_up_to_one(a_arr, den)
    else:
        out = _long_division(a_arr.astype(np.uint64), a_max, den.astype(np.uint64),
                             int(den.max()), bits).astype(np.int64)
    if zero_den.any():
        return np.where(zero_den, 0, out)
    return out if out.shape == shape else np.broadcast_to(out, shape).copy()


def normalize(x: IntArray) -> IntArray:
    """``inplace_normalize``: each entry divided by the (exact) sum; unchanged if the sum is 0."""
    total = int(x.sum())
    if total == 0:
        return x.copy()
    return div_frac(x, total)


def normalize_u64_to_i32f32(values: NDArray[np.uint64]) -> IntArray:
    """Normalise u64 amounts in I64F64 and truncate to I32F32: ``floor(v * 2**32 / sum)``.

    The sum must fit I64F64's integer part (below 2**63); all zeros stay zeros.
    """
    total = int(values.sum(dtype=np.uint64)) if values.size else 0
    if total == 0:
        return np.zeros(values.shape, dtype=np.int64)
    if total > I64_MAX:
        raise FixedArrayError(f"stake total {total} exceeds the I64F64 range")
    den = np.full(values.shape, total, dtype=np.uint64)
    return _long_division(values, int(values.max()), den, total, FRAC_BITS).astype(np.int64)


def from_u16_proportion(values: ArrayLike) -> IntArray:
    """u16 proportion to I32F32: ``x / 65535`` (floor)."""
    return (np.asarray(values, dtype=np.int64) << FRAC_BITS) // U16_MAX


def to_u16_proportion(x: IntArray) -> NDArray[np.uint16]:
    """``fixed_proportion_to_u16``: ``floor(x * 65535)`` saturated to [0, 65535]."""
    return u16_proportion_values(x).astype(np.uint16)


def u16_proportion_values(x: IntArray) -> IntArray:
    """:func:`to_u16_proportion` as int64 values (no narrowing copy)."""
    if x.size and int(x.min()) >= 0 and int(x.max()) <= ONE:
        scaled = x * U16_MAX
        scaled >>= FRAC_BITS
        return scaled
    clipped = np.clip(x, 0, ONE << 1)
    return np.minimum((clipped * U16_MAX) >> FRAC_BITS, U16_MAX)


def share_of_amount(share: IntArray, amount: int) -> NDArray[np.uint64]:
    """I96F32 ``share * amount`` floored to u64 and saturated (emission in rao).

    ``share`` holds non-negative I32F32 bits, ``amount`` is a u64.
    """
    if share.size == 0:
        return np.zeros(0, dtype=np.uint64)
    if int(share.min()) < 0:
        raise FixedArrayError("share_of_amount takes non-negative shares only")
    if int(share.max()) > ONE:
        exact = [min((int(s) * amount) >> FRAC_BITS, U64_MAX) for s in share]
        return np.array(exact, dtype=np.uint64)
    s = share.astype(np.uint64)
    hi = np.uint64(amount >> FRAC_BITS)
    lo = np.uint64(amount & LOW_MASK)
    return s * hi + ((s * lo) >> np.uint64(FRAC_BITS))


def exp_safe(x: IntArray) -> IntArray:
    """The epoch's ``exp_safe``: input clamped to [-20, 20], then substrate-fixed's ``exp``.

    ``exp(0) = 1``; ``exp(1)`` is e truncated to 23 fractional bits; otherwise a 30-term Taylor
    series of ``|x|`` (each term floored, then divided by ``i`` with truncation), inverted for
    negative inputs.
    """
    clamped = np.clip(x, EXP_MIN, EXP_MAX)
    operand = np.abs(clamped)
    op_hi = operand >> FRAC_BITS
    op_lo = (operand & LOW_MASK).astype(np.uint64)
    result = operand + ONE
    term = operand.copy()
    for i in range(2, FRAC_BITS):
        # term * operand >> 32, split exactly: |x| <= 20 keeps every partial product in range.
        term_lo = (term & LOW_MASK).astype(np.uint64)
        low = ((term_lo * op_lo) >> np.uint64(FRAC_BITS)).astype(np.int64)
        term = (term * op_hi + (term >> FRAC_BITS) * op_lo.astype(np.int64) + low) // i
        if not term.any():
            break
        result += term
    negative = clamped < 0
    if negative.any():
        result = np.where(negative, div_frac(ONE, np.where(negative, result, ONE)), result)
    result = np.where(clamped == 0, ONE, result)
    return np.where(clamped == ONE, E_BITS, result)
