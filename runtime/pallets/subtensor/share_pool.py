"""Share-pool stake accounting with ``SafeFloat`` shares (spec/subtensor.md §4.4).

Reference: ``primitives/share-pool/src/lib.rs`` at subtensor 14bc6f9 (``SafeFloat``,
``SharePool``). Per (hotkey, netuid) the pool has a shared value (``TotalHotkeyAlpha``, u64), a
denominator (``TotalHotkeySharesV2``) and one share per coldkey (``AlphaV2``). Shares are
decimal floats: a u128 mantissa normalised into (10**20, 10**21] and an i64 base-10 exponent;
every operation truncates. The functions are pure: they take the stored values and return the
values to store. Reading the legacy ``Alpha`` / ``TotalHotkeyShares`` (U64F64) goes through
:meth:`SafeFloat.from_u64f64`.
"""

from __future__ import annotations

from dataclasses import dataclass

from runtime.primitives.fixed import U64F64

SAFE_FLOAT_MAX = 10**21
"""Largest normalised mantissa (inclusive)."""

SAFE_FLOAT_MAX_EXP = 21
_SAFE_FLOAT_MIN = SAFE_FLOAT_MAX // 10
_I64_MIN, _I64_MAX = -(1 << 63), (1 << 63) - 1
_U64_MAX = (1 << 64) - 1
_U128_MAX = (1 << 128) - 1
_U256_MAX = (1 << 256) - 1


def _cap_pow10(exponent: int) -> int:
    """``cappow10``: 10**e, but 10**22 for any e > 22 (enough to zero a mantissa)."""
    if exponent > SAFE_FLOAT_MAX_EXP + 1:
        return SAFE_FLOAT_MAX * 10
    return 10**exponent


@dataclass(frozen=True, slots=True)
class SafeFloat:
    """mantissa × 10**exponent, fields as stored (SCALE: u128 then i64, little-endian).

    Build normalised values with :meth:`new`, :meth:`from_u64` or :meth:`from_u64f64`; the
    plain constructor keeps the fields as given, as SCALE decoding does.
    """

    mantissa: int = 0
    exponent: int = 0

    @staticmethod
    def _normalized(mantissa: int, exponent: int) -> SafeFloat | None:
        """``normalize``: bring a non-zero mantissa into (10**20, 10**21]; None on i64 overflow."""
        if mantissa == 0:
            return ZERO
        while mantissa > SAFE_FLOAT_MAX:
            mantissa //= 10
            exponent += 1
        while mantissa <= _SAFE_FLOAT_MIN:
            mantissa *= 10
            exponent -= 1
        if not _I64_MIN <= exponent <= _I64_MAX:
            return None
        return SafeFloat(mantissa, exponent)

    @classmethod
    def new(cls, mantissa: int, exponent: int) -> SafeFloat | None:
        """``SafeFloat::new``: None when mantissa > 10**21, else the normalised value."""
        if mantissa > SAFE_FLOAT_MAX:
            return None
        return cls._normalized(mantissa, exponent)

    @classmethod
    def from_u64(cls, value: int) -> SafeFloat:
        """``From<u64>``: exact."""
        return cls.new(value, 0) or ZERO

    @classmethod
    def from_u64f64(cls, value: U64F64) -> SafeFloat:
        """``From<U64F64>``: integer part plus (fraction bits / 2**64), each step truncating."""
        if value.bits == 0:
            return ZERO
        integer = cls.new(value.bits >> 64, 0) or ZERO
        fraction = (cls.new(value.bits & _U64_MAX, 0) or ZERO).div(cls.new(1 << 64, 0) or ZERO)
        return integer.add(fraction or ZERO) or ZERO

    def is_zero(self) -> bool:
        """True when the mantissa is 0."""
        return self.mantissa == 0

    def _aligned(self, other: SafeFloat) -> tuple[int, int, int]:
        """Both mantissas at the larger exponent (the smaller one truncated) and that exponent."""
        if self.exponent >= other.exponent:
            return (self.mantissa,
                    other.mantissa // _cap_pow10(self.exponent - other.exponent), self.exponent)
        return (self.mantissa // _cap_pow10(other.exponent - self.exponent), other.mantissa,
                other.exponent)

    def add(self, other: SafeFloat) -> SafeFloat | None:
        """``add``: the sum at the larger exponent (the smaller operand truncated)."""
        if self.is_zero():
            return other
        if other.is_zero():
            return self
        left, right, exponent = self._aligned(other)
        return self._normalized(min(left + right, _U256_MAX), exponent)

    def sub(self, other: SafeFloat) -> SafeFloat | None:
        """``sub``: saturating at 0; None for 0 − (non-zero)."""
        if self.is_zero():
            return ZERO if other.is_zero() else None
        if other.is_zero():
            return self
        left, right, exponent = self._aligned(other)
        return self._normalized(max(left - right, 0), exponent)

    def mul_div(self, factor: SafeFloat, divisor: SafeFloat) -> SafeFloat | None:
        """``mul_div``: self × factor / divisor, one truncating division; None for divisor 0."""
        if divisor.mantissa == 0:
            return None
        exponent = self.exponent + factor.exponent
        if not _I64_MIN <= exponent <= _I64_MAX:
            return None
        exponent -= divisor.exponent
        if not _I64_MIN <= exponent <= _I64_MAX:
            return None
        return self._normalized(self.mantissa * factor.mantissa // divisor.mantissa, exponent)

    def div(self, divisor: SafeFloat) -> SafeFloat | None:
        """``div``: (m1 × 10**21 / m2) × 10**(e1 − e2 − 21); None if divisor is 0."""
        exponent = self.exponent - divisor.exponent - SAFE_FLOAT_MAX_EXP
        if not _I64_MIN <= exponent <= _I64_MAX or divisor.mantissa == 0:
            return None
        return self._normalized(self.mantissa * SAFE_FLOAT_MAX // divisor.mantissa, exponent)

    def gt(self, other: SafeFloat) -> bool:
        """``gt`` as the reference compares (exponents more than 1 apart decide alone)."""
        if self.exponent == other.exponent:
            return self.mantissa > other.mantissa
        if self.exponent > other.exponent:
            return self.exponent - other.exponent > 1 or 10 * self.mantissa > other.mantissa
        return other.exponent - self.exponent <= 1 and self.mantissa > 10 * other.mantissa

    def to_u64(self) -> int:
        """``From<&SafeFloat> for u64``: truncated, saturating at u64::MAX."""
        if self.exponent == 0:
            return min(self.mantissa, _U64_MAX)
        scale = _cap_pow10(abs(self.exponent))
        if self.exponent > 0:
            return min(self.mantissa * scale, _U64_MAX)
        return min(self.mantissa // scale, _U64_MAX)

    def encode(self) -> bytes:
        """SCALE encoding: mantissa as u128 LE, exponent as i64 LE."""
        return self.mantissa.to_bytes(16, "little") + self.exponent.to_bytes(8, "little",
                                                                             signed=True)

    @classmethod
    def decode(cls, data: bytes) -> SafeFloat:
        """Inverse of :meth:`encode` (24 bytes; fields kept as stored)."""
        if len(data) != 24:
            raise ValueError(f"SafeFloat needs 24 bytes, got {len(data)}")
        return cls(int.from_bytes(data[:16], "little"),
                   int.from_bytes(data[16:], "little", signed=True))


ZERO = SafeFloat(0, 0)


def value_of_shares(shared_value: int, share: SafeFloat, denominator: SafeFloat) -> int:
    """``get_value`` / ``get_value_from_shares``: floor(shared value × share / denominator)."""
    result = SafeFloat.from_u64(shared_value).mul_div(share, denominator)
    return (result or ZERO).to_u64()


def shares_for_update(update: int, shared_value: int, denominator: SafeFloat) -> SafeFloat:
    """``get_shares_per_update``: |update| × denominator / shared value (0 where it fails)."""
    amount = SafeFloat.from_u64(min(abs(update), _U64_MAX))
    return amount.mul_div(denominator, SafeFloat.from_u64(shared_value)) or ZERO


def can_update_value_for_one(shared_value: int, denominator: SafeFloat, update: int) -> bool:
    """``sim_update_value_for_one``: False when the update would buy 0 shares (precision guard)."""
    if denominator.mantissa == 0:
        return True
    return not shares_for_update(update, shared_value, denominator).is_zero()


def update_value_for_all(shared_value: int, update: int) -> int:
    """``update_value_for_all``: the shared value ± update, saturating in u64 (shares unchanged)."""
    return min(max(shared_value + update, 0), _U64_MAX)


def update_value_for_one(shared_value: int, denominator: SafeFloat, share: SafeFloat,
                         update: int) -> tuple[int, SafeFloat, SafeFloat]:
    """``update_value_for_one``: (new shared value, new denominator, new share) (spec §4.4).

    An empty pool (denominator 0) restarts at shares = denominator = |update|. Otherwise the
    share delta is |update| × denominator / shared value, added (update > 0) or subtracted
    (update ≤ 0) from both the share and the denominator; an operation that fails keeps the
    old value, as the reference does. The shared value then moves by ``update`` (i64).
    """
    if denominator.is_zero():
        start = SafeFloat.from_u64(min(abs(update), _U64_MAX))
        new_denominator, new_share = start, start
    else:
        delta = shares_for_update(update, shared_value, denominator)
        if update > 0:
            new_denominator = denominator.add(delta) or denominator
            new_share = share.add(delta) or share
        else:
            new_denominator = denominator.sub(delta) or denominator
            new_share = share.sub(delta) or share
    return update_value_for_all(shared_value, update), new_denominator, new_share
