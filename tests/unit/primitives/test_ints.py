"""Rust integer helpers against exact Python-int arithmetic, for every width and signedness."""

from __future__ import annotations

import math
from collections.abc import Callable
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runtime.primitives import ints

KINDS = [(w, s) for w in (8, 16, 32, 64, 128) for s in (False, True)]


def range_of(width: int, signed: bool) -> tuple[int, int]:
    """Bounds stated independently of the module under test."""
    return (-(2 ** (width - 1)), 2 ** (width - 1) - 1) if signed else (0, 2**width - 1)


@st.composite
def operands(draw: st.DrawFn) -> tuple[int, int, int, bool]:
    """(a, b, width, signed) with a and b in range, edges and small values favoured."""
    width, signed = draw(st.sampled_from(KINDS))
    low, high = range_of(width, signed)
    edges = [v for v in (low, low + 1, -2, -1, 0, 1, 2, high - 1, high) if low <= v <= high]
    value = st.one_of(st.integers(low, high), st.sampled_from(edges),
                      st.integers(max(low, -1000), min(high, 1000)))
    return draw(value), draw(value), width, signed


def to_twos_complement(value: int, width: int, signed: bool) -> int:
    """value mod 2**width read back as the (un)signed type, via bytes."""
    raw = (value % 2**width).to_bytes(width // 8, "little")
    return int.from_bytes(raw, "little", signed=signed)


EXACT: dict[str, Callable[[int, int], int]] = {
    "add": lambda a, b: a + b,
    "sub": lambda a, b: a - b,
    "mul": lambda a, b: a * b,
}


@pytest.mark.parametrize("op", ["add", "sub", "mul"])
def test_checked_saturating_wrapping_match_exact(op: str) -> None:
    @given(operands())
    def run(args: tuple[int, int, int, bool]) -> None:
        a, b, width, signed = args
        low, high = range_of(width, signed)
        exact = EXACT[op](a, b)
        checked = getattr(ints, f"checked_{op}")(a, b, width, signed)
        assert checked == (exact if low <= exact <= high else None)
        assert getattr(ints, f"saturating_{op}")(a, b, width, signed) == min(max(exact, low), high)
        assert getattr(ints, f"wrapping_{op}")(a, b, width, signed) == to_twos_complement(
            exact, width, signed)

    run()


@given(operands())
def test_division_truncates_toward_zero(args: tuple[int, int, int, bool]) -> None:
    a, b, width, signed = args
    low, high = range_of(width, signed)
    if b == 0:
        assert ints.checked_div(a, b, width, signed) is None
        assert ints.checked_rem(a, b, width, signed) is None
        assert ints.safe_div(a, b, width, signed) == 0
        with pytest.raises(ints.IntDivisionByZeroError):
            ints.saturating_div(a, b, width, signed)
        return
    quotient = math.trunc(Fraction(a, b))
    remainder = a - b * quotient
    fits = low <= quotient <= high
    assert ints.checked_div(a, b, width, signed) == (quotient if fits else None)
    assert ints.safe_div(a, b, width, signed) == (quotient if fits else 0)
    assert ints.saturating_div(a, b, width, signed) == min(max(quotient, low), high)
    assert ints.checked_rem(a, b, width, signed) == (remainder if fits else None)


@given(st.sampled_from(KINDS), st.integers(-300, 300), st.integers(0, 200))
def test_pow_checked_and_saturating(kind: tuple[int, bool], base: int, exponent: int) -> None:
    width, signed = kind
    low, high = range_of(width, signed)
    if not low <= base <= high:
        with pytest.raises(ints.IntRangeError):
            ints.checked_pow(base, exponent, width, signed)
        return
    exact = base**exponent
    assert ints.checked_pow(base, exponent, width, signed) == (
        exact if low <= exact <= high else None)
    assert ints.saturating_pow(base, exponent, width, signed) == min(max(exact, low), high)


def test_out_of_range_operand_raises_range_error() -> None:
    with pytest.raises(ints.IntRangeError, match="u64"):
        ints.saturating_add(2**64, 1)
    with pytest.raises(ints.IntRangeError, match="u16"):
        ints.checked_sub(0, -1, 16)
    with pytest.raises(ints.IntRangeError, match="i8"):
        ints.wrapping_mul(128, 1, 8, True)


def test_unknown_width_raises_range_error() -> None:
    with pytest.raises(ints.IntRangeError, match="24 bits"):
        ints.bounds(24)


def test_ensure_and_fits_report_the_type() -> None:
    assert ints.ensure(65535, 16, what="uid") == 65535
    with pytest.raises(ints.IntRangeError, match="uid = 65536 does not fit u16"):
        ints.ensure(65536, 16, what="uid")
    assert ints.fits(-1, 32, True) and not ints.fits(-1, 32)


def test_named_bounds_match_definition() -> None:
    assert (ints.U16_MAX, ints.U64_MAX, ints.U128_MAX) == (2**16 - 1, 2**64 - 1, 2**128 - 1)
    assert (ints.I32_MIN, ints.I32_MAX) == (-(2**31), 2**31 - 1)
    assert ints.bounds(64) == (0, ints.U64_MAX)
    assert ints.bounds(128, True) == (ints.I128_MIN, ints.I128_MAX)


def test_rust_edge_cases() -> None:
    assert ints.checked_div(ints.I64_MIN, -1, 64, True) is None
    assert ints.saturating_div(ints.I64_MIN, -1, 64, True) == ints.I64_MAX
    assert ints.checked_rem(ints.I8_MIN, -1, 8, True) is None
    assert ints.checked_rem(-7, 2, 8, True) == -1
    assert ints.checked_pow(0, 0) == 1
    assert ints.saturating_pow(-2, 129, 128, True) == ints.I128_MIN
    assert ints.saturating_sub(5, 7) == 0
