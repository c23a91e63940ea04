"""Stake weight through childkeys and tao weight (§1.2) against a slow Fraction restatement."""

from __future__ import annotations

import math
import random
from fractions import Fraction

import pytest

from runtime.pallets.subtensor import storage as st
from runtime.pallets.subtensor.epoch_runner.inputs import read_keys, read_stake
from storage.overlay import Overlay
from tests.unit.epoch_runner.helpers import NETUID, TAO, U64_MAX, add_child, add_subnet, new_state


def u96f32(x: Fraction) -> Fraction:
    """x rounded down to a multiple of 2**-32 (a U96F32 value)."""
    return Fraction(math.floor(x * 2**32), 2**32)


def oracle_inherited(ext: Overlay, key: bytes, netuid: int, source: int) -> int:
    """own − Σ own × p/MAX + Σ parent × p/MAX, with p/MAX in U96F32, floored at 0, to u64."""
    own = Fraction(st.TotalHotkeyAlpha.get(ext, key, source))
    out = sum((own * u96f32(Fraction(p, U64_MAX)) for p, _c in st.ChildKeys.get(ext, key, netuid)),
              Fraction(0))
    inc = sum((st.TotalHotkeyAlpha.get(ext, parent, source) * u96f32(Fraction(p, U64_MAX))
               for p, parent in st.ParentKeys.get(ext, key, netuid)), Fraction(0))
    return math.floor(max(own - out, Fraction(0)) + inc)


def oracle_stake(ext: Overlay, keys: list[bytes], netuid: int) -> list[Fraction]:
    """alpha + tao × (TaoWeight / MAX in U96F32), exactly."""
    tao_weight = u96f32(Fraction(st.TaoWeight.get(ext), U64_MAX))
    return [oracle_inherited(ext, k, netuid, netuid)
            + oracle_inherited(ext, k, netuid, 0) * tao_weight for k in keys]


@pytest.mark.parametrize("seed", range(6))
def test_stake_with_childkeys_and_tao_weight_equals_fraction_oracle(seed: int) -> None:
    """Integer part and 2**-64 fraction of every uid's stake match the exact restatement."""
    rng = random.Random(seed)
    ext = new_state()
    keys = add_subnet(ext, n=7, seed=seed + 100)
    for _ in range(5):
        parent, child = rng.sample(keys, 2)
        add_child(ext, NETUID, parent, child, rng.randint(0, U64_MAX))
    add_child(ext, 2, keys[0], keys[1], U64_MAX)  # another subnet's relation: ignored here
    st.TaoWeight.insert(ext, rng.randint(0, U64_MAX))
    whole, fraction = read_stake(ext, NETUID, read_keys(ext, NETUID), 7)
    for uid, want in enumerate(oracle_stake(ext, keys, NETUID)):
        assert whole[uid] == math.floor(want)
        assert Fraction(fraction[uid], 2**64) == want - math.floor(want)


def test_full_child_gets_all_of_parent_stake_and_parent_keeps_rounding_dust() -> None:
    """A parent giving u64::MAX (≈ 100 %) keeps only what U96F32 rounding leaves."""
    ext = new_state()
    keys = add_subnet(ext, n=3, seed=8)
    for key in keys:
        st.TotalHotkeyAlpha.insert(ext, key, NETUID, 0)
        st.TotalHotkeyAlpha.insert(ext, key, 0, 0)
    st.TotalHotkeyAlpha.insert(ext, keys[1], NETUID, 1000 * TAO)
    add_child(ext, NETUID, keys[1], keys[2], U64_MAX)
    st.TaoWeight.insert(ext, 0)
    whole, fraction = read_stake(ext, NETUID, read_keys(ext, NETUID), 3)
    assert whole == [0, 0, 1000 * TAO] and fraction == [0, 0, 0]


def test_tao_weight_scales_root_stake_only() -> None:
    """With TaoWeight = MAX/2 (U96F32 floor) a root stake of 2**32 rao counts as ≈ 2**31."""
    ext = new_state()
    keys = add_subnet(ext, n=2, seed=1)
    for key in keys:
        st.TotalHotkeyAlpha.insert(ext, key, NETUID, 5)
        st.TotalHotkeyAlpha.insert(ext, key, 0, 1 << 32)
    st.TaoWeight.insert(ext, U64_MAX // 2)
    whole, fraction = read_stake(ext, NETUID, read_keys(ext, NETUID), 2)
    tw_bits = ((U64_MAX // 2) << 32) // U64_MAX
    assert whole == [5 + tw_bits] * 2 and fraction == [0, 0]
