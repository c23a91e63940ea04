"""Exceptions raised by the fixed-point types.

Every error names the type and the operation that failed, so a message such as
``I32F32 mul overflow: 65536 * 65536`` points at the computation, not at a Python internal.
The "checked" and "saturating" method families never raise these for overflow; the plain
operators and the exact constructors do.
"""

from __future__ import annotations


class FixedPointError(ArithmeticError):
    """Base class of every fixed-point error."""


class FixedOverflowError(FixedPointError, OverflowError):
    """An exact result does not fit the target type's range."""


class FixedDivisionByZeroError(FixedPointError, ZeroDivisionError):
    """A division (or a saturating division) by zero."""


class FixedDomainError(FixedPointError, ValueError):
    """A function's argument lies outside its domain (e.g. log2 of a non-positive value)."""


class FixedConversionError(FixedPointError, ValueError):
    """A value cannot be converted: NaN, infinity, an out-of-range integer target, bad bits."""


class FixedTypeError(FixedPointError, TypeError):
    """An operand of the wrong kind: a float where only exact values are allowed, a bool, ..."""
