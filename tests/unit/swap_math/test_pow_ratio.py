"""pow_ratio_scaled and integer roots against exact Fraction / Decimal restatements."""

from __future__ import annotations

from decimal import Decimal, localcontext
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from runtime.pallets.swap_math import integer_root_floor, pow_ratio_scaled

S = 10**18


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=1 << 3000), st.integers(min_value=1, max_value=400))
def test_integer_root_is_the_floor(value: int, degree: int) -> None:
    root = integer_root_floor(value, degree)
    assert root**degree <= value < (root + 1) ** degree


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=1, max_value=1 << 64), st.integers(min_value=1, max_value=1 << 64),
       st.integers(min_value=1, max_value=99), st.integers(min_value=1, max_value=99))
def test_exact_path_is_the_largest_scaled_root(num: int, den: int, a: int, b: int) -> None:
    """For small exponents the result r is the largest integer with (r/S)^b' ≤ (n/d)^a'."""
    got = pow_ratio_scaled(num, den, a, b, 256, S)
    assert got is not None
    from math import gcd
    g = gcd(a, b)
    a, b = a // g, b // g
    target = Fraction(num, den) ** a
    assert Fraction(got, S) ** b <= target < Fraction(got + 1, S) ** b


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=10**6, max_value=(1 << 64) - 1), st.data(),
       st.integers(min_value=10**17, max_value=9 * 10**17))
def test_series_path_is_within_one_unit(reserve: int, data: st.DataObject, w2: int) -> None:
    """Weights that do not reduce to small exponents use the series; it is accurate to 1e-18.

    Domain: Δ ≤ r/10 and w2 in [0.1, 0.9], where the reference's series converges within its
    iteration cap (far outside it, e.g. (1/5)^99, the reference's own result is meaningless).
    """
    delta = data.draw(st.integers(min_value=0, max_value=reserve // 10))
    w1 = 10**18 - w2
    got = pow_ratio_scaled(reserve, reserve + delta, w1, w2, 256, S)
    assert got is not None
    with localcontext() as ctx:
        ctx.prec = 80
        exact = (Decimal(reserve) / Decimal(reserve + delta)) ** (Decimal(w1) / Decimal(w2))
        assert abs(Decimal(got) - exact * S) <= 1


def test_edge_cases_follow_the_reference() -> None:
    assert pow_ratio_scaled(5, 0, 1, 1, 256, S) is None
    assert pow_ratio_scaled(5, 7, 1, 0, 256, S) is None
    assert pow_ratio_scaled(0, 7, 3, 5, 256, S) == 0
    assert pow_ratio_scaled(5, 7, 0, 5, 256, S) == S
    assert pow_ratio_scaled(5, 7, 1, 1, 256, -1) is None
    assert pow_ratio_scaled(1, 2, 2, 4, 256, S) == 707106781186547524
