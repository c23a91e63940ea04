"""Transaction mortality (``sp_runtime::generic::Era``, spec/substrate.md §5.4).

``Immortal`` encodes as ``00``. ``Mortal(period, phase)`` encodes as two bytes (u16 little endian):
the low 4 bits hold ``clamp(trailing_zeros(period) - 1, 1, 15)``, the high 12 bits hold
``phase / q`` where the quantisation factor ``q = max(period >> 12, 1)``. A transaction with a
mortal era born at block ``birth`` is valid for blocks ``birth .. birth + period - 1`` and signs the
hash of block ``birth``.

``ERA`` is the SCALE type object: it decodes to ``Immortal``/``Mortal`` values and describes itself
to metadata as the 256-variant enum ``Immortal, Mortal1(u8) .. Mortal255(u8)`` with path
``sp_runtime::generic::era::Era``, which is what SDKs key their era handling on.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from runtime.primitives.scale import (
    U8,
    DecodeError,
    EncodeError,
    Field,
    ScaleError,
    ScaleType,
    TypeDef,
    Variant,
    VariantDef,
)
from runtime.primitives.scale.base import Buffer

MIN_PERIOD = 4
MAX_PERIOD = 1 << 16
U64_MAX = (1 << 64) - 1


class EraError(ScaleError, ValueError):
    """An invalid mortal era (period not a power of two in 4..65536, phase out of range)."""


@dataclass(frozen=True, slots=True)
class Immortal:
    """A transaction valid forever (its implicit birth hash is the genesis hash)."""

    def encode(self) -> bytes:
        """``00``."""
        return b"\x00"

    def birth(self, current: int) -> int:
        """Always block 0."""
        return 0

    def death(self, current: int) -> int:
        """Never dies: ``u64::MAX``."""
        return U64_MAX

    @property
    def is_immortal(self) -> bool:
        """True."""
        return True


@dataclass(frozen=True, slots=True)
class Mortal:
    """A transaction valid for ``period`` blocks from its birth block, where
    ``birth ≡ phase (mod period)``. Construct from a requested period and the current block with
    ``Mortal.from_current``; the constructor itself only accepts exact, encodable values."""

    period: int
    phase: int

    def __post_init__(self) -> None:
        period, phase = self.period, self.phase
        if not isinstance(period, int) or not isinstance(phase, int):
            raise EraError(f"period and phase must be ints, got {period!r}, {phase!r}")
        if period < MIN_PERIOD or period > MAX_PERIOD or period & (period - 1):
            raise EraError(f"period {period} is not a power of two in {MIN_PERIOD}..{MAX_PERIOD}")
        if not 0 <= phase < period:
            raise EraError(f"phase {phase} is outside 0..{period - 1}")
        if phase % quantize_factor(period):
            raise EraError(f"phase {phase} is not a multiple of {quantize_factor(period)}")

    @classmethod
    def from_current(cls, period: int, current: int) -> Mortal:
        """The era Substrate's ``Era::mortal(period, current)`` builds: the period rounded up to a
        power of two and clamped to 4..65536, the phase ``current % period`` rounded down to a
        multiple of the quantisation factor."""
        if period < 0 or current < 0:
            raise EraError(f"period {period} and current block {current} must be non-negative")
        rounded = 1 << max(period - 1, 0).bit_length() if period <= MAX_PERIOD else MAX_PERIOD
        rounded = min(max(rounded, MIN_PERIOD), MAX_PERIOD)
        factor = quantize_factor(rounded)
        return cls(rounded, (current % rounded) // factor * factor)

    def encode(self) -> bytes:
        """Two bytes, u16 little endian."""
        low = min(max((self.period & -self.period).bit_length() - 2, 1), 15)
        encoded = low | ((self.phase // quantize_factor(self.period)) << 4)
        return encoded.to_bytes(2, "little")

    def birth(self, current: int) -> int:
        """The first block of the validity window containing ``current``:
        ``(max(current, phase) - phase) // period * period + phase``."""
        return (max(current, self.phase) - self.phase) // self.period * self.period + self.phase

    def death(self, current: int) -> int:
        """The first block where the transaction is no longer valid: ``birth + period``."""
        return self.birth(current) + self.period

    @property
    def is_immortal(self) -> bool:
        """False."""
        return False


Era = Immortal | Mortal
IMMORTAL = Immortal()


def quantize_factor(period: int) -> int:
    """``max(period >> 12, 1)``: phases of long periods are stored with reduced precision."""
    return max(period >> 12, 1)


def decode_era_from(data: Buffer, offset: int = 0) -> tuple[Era, int]:
    """Decode an era at ``offset``; returns it and the offset after it."""
    try:
        first = data[offset]
    except IndexError:
        raise DecodeError("Era", offset, "input ends before the era") from None
    if first == 0:
        return IMMORTAL, offset + 1
    if offset + 2 > len(data):
        raise DecodeError("Era", offset, "a mortal era needs 2 bytes")
    encoded = first | (data[offset + 1] << 8)
    period = 2 << (encoded & 15)
    phase = (encoded >> 4) * quantize_factor(period)
    if period < MIN_PERIOD or phase >= period:
        raise DecodeError("Era", offset, f"invalid mortal era: period {period}, phase {phase}")
    return Mortal(period, phase), offset + 2


class EraType(ScaleType):
    """The SCALE type object of ``Era`` (values: ``Immortal()`` / ``Mortal(period, phase)``)."""

    __slots__ = ()

    def __init__(self) -> None:
        super().__init__("Era", min_size=1, path=("sp_runtime", "generic", "era", "Era"))

    def encode(self, value: Any) -> bytes:
        """``00`` or the two mortal bytes."""
        if isinstance(value, (Immortal, Mortal)):
            return value.encode()
        raise EncodeError("Era", f"expected Immortal() or Mortal(period, phase), got {value!r}")

    def decode_from(self, data: Buffer, offset: int = 0) -> tuple[Era, int]:
        """See ``decode_era_from``."""
        return decode_era_from(data, offset)

    def type_def(self) -> TypeDef:
        """scale-info's view: ``Immortal`` (index 0) and ``MortalN(u8)`` for N in 1..255, where
        the variant index is the first encoded byte and the u8 field the second."""
        variants = [Variant("Immortal", (), 0)]
        variants += [Variant(f"Mortal{i}", (Field(None, U8),), i) for i in range(1, 256)]
        return VariantDef(tuple(variants))


ERA = EraType()
