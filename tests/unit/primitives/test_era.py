"""Era (mortality): construction, encoding, birth/death, strict decoding; cross-checked with
py-scale-codec's Era and a direct transcription of the spec rule."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scalecodec.base import RuntimeConfiguration, ScaleBytes
from scalecodec.type_registry import load_type_registry_preset

from runtime.primitives.era import ERA, IMMORTAL, EraError, Immortal, Mortal, quantize_factor
from runtime.primitives.scale import U8, DecodeError, EncodeError, Tuple

SCALECODEC = RuntimeConfiguration()
SCALECODEC.update_type_registry(load_type_registry_preset("legacy"))
PERIODS = [1 << k for k in range(2, 17)]


def reference_mortal(requested: int, current: int) -> tuple[int, int]:
    """spec/substrate.md §5.4 transcribed literally."""
    period = 1
    while period < requested:
        period *= 2
    period = min(max(period, 4), 65536)
    q = max(period >> 12, 1)
    return period, (current % period) // q * q


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 70000), st.integers(0, 2**32 - 1))
def test_from_current_matches_reference_and_scalecodec(requested: int, current: int) -> None:
    era = Mortal.from_current(requested, current)
    assert (era.period, era.phase) == reference_mortal(requested, current)
    theirs = SCALECODEC.create_scale_object("Era").encode((era.period, era.phase))
    assert era.encode() == bytes(theirs.data)


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 70000), st.integers(0, 2**32 - 1))
def test_transaction_is_alive_from_birth_to_death(requested: int, current: int) -> None:
    era = Mortal.from_current(requested, current)
    birth, death = era.birth(current), era.death(current)
    assert birth <= current < death == birth + era.period
    assert birth % era.period == era.phase
    assert era.birth(birth) == birth and era.birth(death - 1) == birth


@pytest.mark.parametrize("period", PERIODS)
def test_every_encodable_phase_roundtrips(period: int) -> None:
    step = quantize_factor(period)
    for phase in range(0, period, step * max(period // (64 * step), 1)):
        era = Mortal(period, phase)
        encoded = era.encode()
        assert len(encoded) == 2 and encoded[0] != 0
        assert ERA.decode(encoded) == era
        decoded = SCALECODEC.create_scale_object("Era", data=ScaleBytes(encoded)).decode()
        assert tuple(decoded) == (period, phase)


def test_immortal_is_one_zero_byte_and_never_dies() -> None:
    assert ERA.encode(IMMORTAL) == b"\x00" == Immortal().encode()
    assert ERA.decode(b"\x00") == IMMORTAL and IMMORTAL.is_immortal
    assert IMMORTAL.birth(123) == 0 and IMMORTAL.death(123) == 2**64 - 1


def test_era_inside_a_tuple_decodes_with_offsets() -> None:
    layout = Tuple(ERA, U8, ERA)
    encoded = b"\xc4\x01\x07\x00"
    assert layout.decode(encoded) == (Mortal(32, 28), 7, IMMORTAL)
    assert layout.encode((Mortal(32, 28), 7, IMMORTAL)) == encoded


@pytest.mark.parametrize(("data", "needle"), [
    (b"", "input ends"),
    (b"\x05", "needs 2 bytes"),
    (b"\x10\x00", "invalid mortal era"),          # low nibble 0: period 2
    (b"\x41\x00", "invalid mortal era"),          # period 4, phase 4
    (b"\x01\x00\x00", "trailing"),
])
def test_invalid_era_bytes_are_decode_error(data: bytes, needle: str) -> None:
    with pytest.raises(DecodeError, match=needle):
        ERA.decode(data)


@pytest.mark.parametrize(("period", "phase"), [(3, 0), (8, 8), (2, 0), (1 << 17, 0), (8192, 1),
                                               (16, -1)])
def test_invalid_mortal_construction_is_era_error(period: int, phase: int) -> None:
    with pytest.raises(EraError):
        Mortal(period, phase)


def test_negative_current_block_is_era_error() -> None:
    with pytest.raises(EraError):
        Mortal.from_current(64, -1)


def test_encoding_a_non_era_is_encode_error() -> None:
    with pytest.raises(EncodeError, match="Era"):
        ERA.encode((64, 42))
