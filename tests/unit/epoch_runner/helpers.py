"""Fixtures for the epoch-runner tests: subnets written straight into storage."""

from __future__ import annotations

import random

from runtime.frame import system
from runtime.pallets.subtensor import storage as st
from storage.overlay import Overlay
from tests.unit.frame.helpers import empty_state

BLOCK = 1000
NETUID = 1
U64_MAX = (1 << 64) - 1
TAO = 1_000_000_000


def hotkey(netuid: int, uid: int) -> bytes:
    """A distinct hotkey per (netuid, uid)."""
    return bytes([0x40 + uid % 64, netuid & 0xFF, netuid >> 8]) + bytes(29)


def new_state(block: int = BLOCK) -> Overlay:
    """An empty state at ``block`` with the root network."""
    ext = empty_state()
    system.Number.insert(ext, block)
    st.NetworksAdded.insert(ext, 0, True)
    return ext


def _random_row(rng: random.Random, n: int) -> list[tuple[int, int]]:
    cols = rng.sample(range(n), rng.randint(0, n))
    return [(c, rng.randint(0, 65535)) for c in cols]


def add_subnet(ext: Overlay, netuid: int = NETUID, n: int = 8, seed: int = 1, *,
               tempo: int = 100, commit_reveal: bool = False) -> list[bytes]:
    """A subnet of n registered uids with random stake, weights, bonds, permits and updates;
    returns the hotkeys by uid. The owner hotkey is uid 0's."""
    rng = random.Random(seed)
    keys = [hotkey(netuid, uid) for uid in range(n)]
    st.NetworksAdded.insert(ext, netuid, True)
    st.SubnetworkN.insert(ext, netuid, n)
    st.Tempo.insert(ext, netuid, tempo)
    st.CommitRevealWeightsEnabled.insert(ext, netuid, commit_reveal)
    st.SubnetOwnerHotkey.insert(ext, netuid, keys[0])
    st.Kappa.insert(ext, netuid, 32767)
    st.MaxAllowedValidators.insert(ext, netuid, max(n // 2, 1))
    for uid, key in enumerate(keys):
        st.Keys.insert(ext, netuid, uid, key)
        st.Uids.insert(ext, netuid, key, uid)
        st.BlockAtRegistration.insert(ext, netuid, uid, rng.randint(0, BLOCK - 200))
        st.TotalHotkeyAlpha.insert(ext, key, netuid, rng.randint(0, 1000) * TAO)
        st.TotalHotkeyAlpha.insert(ext, key, 0, rng.randint(0, 300) * TAO + rng.randint(0, 999))
        st.Weights.insert(ext, netuid, uid, _random_row(rng, n))
        st.Bonds.insert(ext, netuid, uid, _random_row(rng, n))
    st.LastUpdate.insert(ext, netuid, [rng.randint(BLOCK - 400, BLOCK) for _ in range(n)])
    st.ValidatorPermit.insert(ext, netuid, [rng.random() < 0.6 for _ in range(n)])
    return keys


def add_child(ext: Overlay, netuid: int, parent: bytes, child: bytes, proportion: int) -> None:
    """``parent`` gives ``proportion`` (of u64::MAX) of its stake to ``child`` on ``netuid``."""
    st.ChildKeys.mutate(ext, parent, netuid, lambda old: [*old, (proportion, child)])
    st.ParentKeys.mutate(ext, child, netuid, lambda old: [*old, (proportion, parent)])
