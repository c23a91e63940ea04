"""Construction, conversion, rounding, proportions and display of the fixed-point types."""

from __future__ import annotations

import copy
import math
import pickle
import struct
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from runtime.primitives.fixed import (
    FIXED_TYPES,
    I32F32,
    I64F64,
    I96F32,
    U64F64,
    U96F32,
    FixedConversionError,
    FixedDivisionByZeroError,
    FixedOverflowError,
    FixedPoint,
    FixedTypeError,
)
from tests.unit.primitives.test_fixed_arith import TYPE_IDS, bits_of, value
from tests.unit.primitives.test_fixed_reference import (
    MODELS,
    ref_fixed_to_u16,
    ref_from_f32,
    ref_from_f64,
    ref_round_away,
    ref_u16_to_fixed,
)

ULP32 = 2.0**-32


# ---------------------------------------------------------------------- floats


@pytest.mark.parametrize("cls", FIXED_TYPES, ids=TYPE_IDS)
def test_from_f64_matches_nearest_ties_even_model(cls: type[FixedPoint]) -> None:
    m = MODELS[cls.__name__]

    @given(st.floats(allow_nan=False, allow_infinity=False))
    def run(x: float) -> None:
        expected = ref_from_f64(m, x)
        if m.fits(expected):
            assert cls.from_f64(x).bits == m.bits(expected)
            assert cls.saturating_from_f64(x).bits == m.bits(expected)
        else:
            with pytest.raises(FixedOverflowError):
                cls.from_f64(x)
            assert cls.saturating_from_f64(x).bits == m.bits(m.clamp(expected))

    run()


@pytest.mark.parametrize("cls", FIXED_TYPES, ids=TYPE_IDS)
def test_from_f32_rounds_to_single_first(cls: type[FixedPoint]) -> None:
    m = MODELS[cls.__name__]

    @given(st.floats(allow_nan=False, allow_infinity=False, min_value=-3e38, max_value=3e38))
    def run(x: float) -> None:
        expected = ref_from_f32(m, x)
        if m.fits(expected):
            assert cls.from_f32(x).bits == m.bits(expected)
        else:
            with pytest.raises(FixedOverflowError):
                cls.from_f32(x)
            assert cls.saturating_from_f32(x).bits == m.bits(m.clamp(expected))

    run()


@pytest.mark.parametrize(("x", "expected_bits"), [
    (ULP32 / 2, 0),            # tie between 0 and 1 ulp -> 0 (even)
    (3 * ULP32 / 2, 2),        # tie between 1 and 2 ulp -> 2
    (5 * ULP32 / 2, 2),        # tie between 2 and 3 ulp -> 2
    (-ULP32 / 2, 0),           # tie between -1 ulp and 0 -> 0
    (-3 * ULP32 / 2, -2),      # tie between -2 and -1 ulp -> -2
    (7 * ULP32 / 4, 2),        # not a tie: nearest
    (1.0 + ULP32 / 2, 1 << 32),  # 1 + half ulp -> 1 (even)
])
def test_from_f64_ties_round_to_even(x: float, expected_bits: int) -> None:
    assert I32F32.from_f64(x).bits == expected_bits
    if struct.unpack("<f", struct.pack("<f", x))[0] == x:  # also a single: same answer
        assert I32F32.from_f32(x).bits == expected_bits


def test_from_f32_double_rounding_tie_goes_to_even_single() -> None:
    # 1 + 2^-24 is exactly halfway between the singles 1 and 1 + 2^-23: the single is 1.0,
    # although I32F32 could hold 1 + 2^-24 exactly (and from_f64 keeps it).
    x = 1.0 + 2.0**-24
    assert I32F32.from_f32(x) == I32F32.ONE
    assert I32F32.from_f64(x).bits == (1 << 32) + (1 << 8)
    y = 1.0 + 3 * 2.0**-24  # halfway between 1 + 2^-23 and 1 + 2^-22: goes to 1 + 2^-22
    assert I32F32.from_f32(y).bits == (1 << 32) + (1 << 10)


def test_from_f32_of_point_three_is_the_single_nearest() -> None:
    single = struct.unpack("<f", struct.pack("<f", 0.3))[0]
    assert single != 0.3
    assert I32F32.from_f32(0.3).to_fraction() == Fraction(single)
    assert I32F32.from_f32(0.3).bits == 1288490240
    assert I32F32.from_f64(0.3).bits == 1288490189


def test_from_float_nan_raises_conversion_error() -> None:
    with pytest.raises(FixedConversionError):
        I32F32.from_f64(math.nan)
    with pytest.raises(FixedConversionError):
        U64F64.saturating_from_f32(math.nan)


def test_from_float_infinity_overflows_or_saturates() -> None:
    with pytest.raises(FixedOverflowError):
        I32F32.from_f64(math.inf)
    assert I32F32.saturating_from_f64(math.inf) == I32F32.MAX
    assert I32F32.saturating_from_f64(-math.inf) == I32F32.MIN
    assert U96F32.saturating_from_f64(-1.5) == U96F32.ZERO
    with pytest.raises(FixedOverflowError):
        I96F32.from_f32(1e39)  # beyond f32: infinity as a single
    assert I96F32.saturating_from_f32(1e39) == I96F32.MAX


def test_from_float_rejects_ints_and_strings() -> None:
    with pytest.raises(FixedTypeError):
        I32F32.from_f64(1)  # type: ignore[arg-type]
    with pytest.raises(FixedTypeError):
        I32F32.from_f32("0.5")  # type: ignore[arg-type]
    with pytest.raises(FixedTypeError):
        I32F32.from_f64(Decimal("0.5"))  # type: ignore[arg-type]
    with pytest.raises(FixedTypeError):
        I32F32.from_f64(Fraction(1, 2))  # type: ignore[arg-type]
    assert I32F32.from_f32(np.float32(0.5)) == I32F32.from_fraction(1, 2)


# ---------------------------------------------------------------------- ints, bits, fractions


@pytest.mark.parametrize("cls", FIXED_TYPES, ids=TYPE_IDS)
def test_from_num_int_is_exact_or_overflows(cls: type[FixedPoint]) -> None:
    m = MODELS[cls.__name__]

    @given(st.integers(-(2**130), 2**130))
    def run(n: int) -> None:
        if m.fits(Fraction(n)):
            assert cls.from_num(n).bits == n * m.scale
            assert cls.checked_from_num(n).bits == n * m.scale
        else:
            with pytest.raises(FixedOverflowError):
                cls.from_num(n)
            assert cls.checked_from_num(n) is None
        assert cls.saturating_from_num(n).bits == m.bits(m.clamp(Fraction(n)))

    run()


@pytest.mark.parametrize("source", FIXED_TYPES, ids=TYPE_IDS)
@pytest.mark.parametrize("target", FIXED_TYPES, ids=TYPE_IDS)
def test_fixed_to_fixed_conversion_floors(source: type[FixedPoint],
                                          target: type[FixedPoint]) -> None:
    m = MODELS[target.__name__]

    @given(bits_of(source))
    def run(bits: int) -> None:
        x = source.from_bits(bits)
        expected = m.floor(value(x))
        assert target.saturating_from_num(x).bits == m.bits(m.clamp(expected))
        if m.fits(expected):
            assert target.from_num(x).bits == m.bits(expected)
        else:
            with pytest.raises(FixedOverflowError):
                target.from_num(x)

    run()


def test_from_bits_validates_range_and_type() -> None:
    assert I32F32.from_bits(np.int64(5)).bits == 5
    with pytest.raises(FixedConversionError):
        I32F32.from_bits(1 << 63)
    with pytest.raises(FixedConversionError):
        U64F64.from_bits(-1)
    with pytest.raises(FixedTypeError):
        I32F32.from_bits(True)
    with pytest.raises(FixedTypeError):
        I32F32.from_bits(1.0)  # type: ignore[arg-type]


def test_from_num_rejects_float_with_hint() -> None:
    with pytest.raises(FixedTypeError, match="from_f32/from_f64"):
        I32F32.from_num(0.5)  # type: ignore[arg-type]


def test_direct_construction_is_refused() -> None:
    with pytest.raises(FixedTypeError, match="ambiguous"):
        I32F32(1)


@given(st.integers(-(2**40), 2**40), st.integers(-(2**40), 2**40).filter(bool))
def test_from_fraction_floors(numerator: int, denominator: int) -> None:
    m = MODELS["I64F64"]
    expected = m.floor(Fraction(numerator, denominator))
    assert I64F64.from_fraction(numerator, denominator).bits == m.bits(expected)
    assert I64F64.from_fraction(Fraction(numerator, denominator)).bits == m.bits(expected)


def test_from_fraction_zero_denominator_raises() -> None:
    with pytest.raises(FixedDivisionByZeroError):
        I32F32.from_fraction(1, 0)


# ---------------------------------------------------------------------- to integers, rounding


@pytest.mark.parametrize("cls", FIXED_TYPES, ids=TYPE_IDS)
def test_integer_conversions_floor_and_clamp(cls: type[FixedPoint]) -> None:
    @given(bits_of(cls))
    def run(bits: int) -> None:
        x = cls.from_bits(bits)
        floored = math.floor(value(x))
        assert x.to_num_floor() == floored
        assert x.saturating_to_u64() == min(max(floored, 0), 2**64 - 1)
        assert x.saturating_to_u16() == min(max(floored, 0), 65535)
        assert x.saturating_to_int(32, signed=True) == min(max(floored, -(2**31)), 2**31 - 1)
        fits_u64 = 0 <= floored < 2**64
        assert x.checked_to_int(64) == (floored if fits_u64 else None)
        if fits_u64:
            assert x.to_int(64) == floored
        else:
            with pytest.raises(FixedOverflowError):
                x.to_int(64)

    run()


@pytest.mark.parametrize("cls", FIXED_TYPES, ids=TYPE_IDS)
def test_rounding_functions_match_model(cls: type[FixedPoint]) -> None:
    m = MODELS[cls.__name__]

    @given(bits_of(cls))
    def run(bits: int) -> None:
        x = cls.from_bits(bits)
        v = value(x)
        assert value(x.floor()) == math.floor(v)
        assert value(x.int_part()) == math.floor(v)
        assert value(x.frac_part()) == v - math.floor(v)
        assert value(x.saturating_floor()) == math.floor(v)
        for name, expected in (("ceil", math.ceil(v)), ("round", ref_round_away(v))):
            exact = getattr(x, name)
            checked = getattr(x, f"checked_{name}")()
            assert value(getattr(x, f"saturating_{name}")()) == m.clamp(Fraction(expected))
            if m.fits(Fraction(expected)):
                assert value(exact()) == expected
                assert checked is not None and value(checked) == expected
            else:
                with pytest.raises(FixedOverflowError):
                    exact()
                assert checked is None

    run()


def test_round_ties_away_from_zero() -> None:
    assert I32F32.from_fraction(5, 2).round() == 3
    assert I32F32.from_fraction(-5, 2).round() == -3
    assert I32F32.from_fraction(-1, 2).round() == -1
    assert I32F32.from_fraction(-1, 3).round() == 0
    with pytest.raises(FixedOverflowError):
        I32F32.MAX.round()


# ---------------------------------------------------------------------- u16 proportions


@pytest.mark.parametrize("cls", FIXED_TYPES, ids=TYPE_IDS)
def test_from_u16_proportion_every_value_matches_model(cls: type[FixedPoint]) -> None:
    m = MODELS[cls.__name__]
    for x in range(0, 65536, 1 if cls is I32F32 else 97):
        assert cls.from_u16_proportion(x).bits == m.bits(ref_u16_to_fixed(m, x)), x


def test_from_u16_proportion_rejects_non_u16() -> None:
    with pytest.raises(FixedConversionError):
        I32F32.from_u16_proportion(65536)
    with pytest.raises(FixedConversionError):
        I32F32.from_u16_proportion(-1)


@pytest.mark.parametrize("cls", FIXED_TYPES, ids=TYPE_IDS)
def test_to_u16_proportion_matches_model(cls: type[FixedPoint]) -> None:
    @given(bits_of(cls))
    def run(bits: int) -> None:
        x = cls.from_bits(bits)
        assert x.to_u16_proportion() == ref_fixed_to_u16(value(x))

    run()


def test_to_u16_proportion_spec_examples() -> None:
    assert I32F32.from_fraction(1, 4).to_u16_proportion() == 16383
    assert I32F32.from_fraction(3, 4).to_u16_proportion() == 49151
    assert I32F32.ONE.to_u16_proportion() == 65535
    assert I32F32.from_num(65535).to_u16_proportion() == 65535
    assert I32F32.from_num(-1).to_u16_proportion() == 0
    assert I32F32.from_u16_proportion(65535) == I32F32.ONE


# ---------------------------------------------------------------------- display, copying


@pytest.mark.parametrize("cls", FIXED_TYPES, ids=TYPE_IDS)
def test_str_is_exact_decimal(cls: type[FixedPoint]) -> None:
    @given(bits_of(cls))
    def run(bits: int) -> None:
        x = cls.from_bits(bits)
        assert Fraction(str(x)) == value(x)
        assert repr(x) == f"{cls.__name__}({x})"

    run()


def test_repr_examples() -> None:
    assert repr(I32F32.from_fraction(-1, 2)) == "I32F32(-0.5)"
    assert str(U64F64.from_num(7)) == "7"
    assert str(I32F32.DELTA) == "0.00000000023283064365386962890625"


def test_pickle_and_copy_round_trip() -> None:
    x = I96F32.from_fraction(-22, 7)
    assert pickle.loads(pickle.dumps(x)) == x
    assert type(pickle.loads(pickle.dumps(x))) is I96F32
    assert copy.copy(x) is x
    assert copy.deepcopy([x])[0] is x


def test_type_constants_have_documented_bounds() -> None:
    assert I32F32.MAX.bits == 2**63 - 1 and I32F32.MIN.bits == -(2**63)
    assert U64F64.MIN == 0 and U64F64.MAX.bits == 2**128 - 1
    assert I96F32.ONE.bits == 2**32 and I64F64.ONE.bits == 2**64
    assert not I32F32.ZERO and I32F32.DELTA


# ---------------------------------------------------------------------- SCALE bytes


@pytest.mark.parametrize("cls", FIXED_TYPES, ids=TYPE_IDS)
def test_le_bytes_round_trip_as_twos_complement(cls: type[FixedPoint]) -> None:
    m = MODELS[cls.__name__]

    @given(bits_of(cls))
    def run(bits: int) -> None:
        x = cls.from_bits(bits)
        raw = x.to_le_bytes()
        assert len(raw) == m.total_bits // 8
        assert raw == (bits % 2**m.total_bits).to_bytes(m.total_bits // 8, "little")
        assert cls.from_le_bytes(raw) == x
        assert cls.from_le_bytes(memoryview(raw)).bits == bits

    run()


def test_le_bytes_examples_and_wrong_length() -> None:
    assert I96F32.ONE.to_le_bytes() == bytes([0, 0, 0, 0, 1]) + bytes(11)
    assert I32F32.from_bits(-1).to_le_bytes() == b"\xff" * 8
    assert U64F64.from_le_bytes(b"\xff" * 16) == U64F64.MAX
    with pytest.raises(FixedConversionError, match="expected 16 bytes, got 8"):
        I64F64.from_le_bytes(bytes(8))


def test_values_and_constants_are_immutable() -> None:
    with pytest.raises(FixedTypeError, match="immutable"):
        I32F32.ONE.bits = 5  # type: ignore[misc]
    with pytest.raises(FixedTypeError, match="immutable"):
        del I32F32.ZERO.bits
    with pytest.raises(FixedTypeError):
        I32F32.ONE.extra = 1  # type: ignore[attr-defined]
    assert I32F32.ONE.bits == 1 << 32
