"""SubtensorModule storage: weights, bonds and commit-reveal commits, keyed by
``NetUidStorageIndex`` (spec §0.1, §5.5, §5.6).

Names, hashers (in key order), key and value types, query kinds and defaults follow
``pallets/subtensor/src/lib.rs`` at subtensor 14bc6f9; defaults are the production runtime's
values of the reference's default functions (see :mod:`runtime.pallets.subtensor.constants`).
"""

from __future__ import annotations

from runtime.frame.storage import OPTION_QUERY, VALUE_QUERY, identity, twox64_concat
from runtime.pallets.subtensor.pallet import subtensor
from runtime.pallets.subtensor.types import (
    BoundedBytes,
    NetUidStorageIndex,
    RoundNumber,
)
from runtime.primitives.scale import U16, U64, Tuple, Vec
from runtime.primitives.scale.common import H256, AccountId32

Weights = subtensor.double_map(
    "Weights", identity(NetUidStorageIndex, "NetUidStorageIndex"), identity(U16, "u16"),
    Vec(Tuple(U16, U16)),
    query=VALUE_QUERY, default=[],
    docs=('Weights a uid set, as (uid, weight) pairs, per mechanism.',))

Bonds = subtensor.double_map(
    "Bonds", identity(NetUidStorageIndex, "NetUidStorageIndex"), identity(U16, "u16"),
    Vec(Tuple(U16, U16)),
    query=VALUE_QUERY, default=[],
    docs=('Bonds a uid holds, as (uid, bond) pairs, per mechanism.',))

WeightCommits = subtensor.double_map(
    "WeightCommits", twox64_concat(NetUidStorageIndex, "NetUidStorageIndex"),
    twox64_concat(AccountId32, "T::AccountId"), Vec(Tuple(H256, U64, U64, U64)),
    query=OPTION_QUERY,
    docs=('Commit-reveal v2 commits of a hotkey: (hash, commit block, first and last reveal '
          'block).',))

TimelockedWeightCommits = subtensor.double_map(
    "TimelockedWeightCommits", twox64_concat(NetUidStorageIndex, "NetUidStorageIndex"),
    twox64_concat(U64, "u64"), Vec(Tuple(AccountId32, U64, BoundedBytes, RoundNumber)),
    query=VALUE_QUERY, default=[],
    docs=('Timelocked weight commits due at an epoch: (hotkey, commit block, ciphertext, '
          'drand round).',))

CRV3WeightCommits = subtensor.double_map(
    "CRV3WeightCommits", twox64_concat(NetUidStorageIndex, "NetUidStorageIndex"),
    twox64_concat(U64, "u64"), Vec(Tuple(AccountId32, BoundedBytes, RoundNumber)),
    query=VALUE_QUERY, default=[],
    docs=('Legacy commit-reveal v3 commits (without commit block).',))

CRV3WeightCommitsV2 = subtensor.double_map(
    "CRV3WeightCommitsV2", twox64_concat(NetUidStorageIndex, "NetUidStorageIndex"),
    twox64_concat(U64, "u64"), Vec(Tuple(AccountId32, U64, BoundedBytes, RoundNumber)),
    query=VALUE_QUERY, default=[],
    docs=('Legacy commit-reveal v3 commits (with commit block).',))

__all__ = [
    "Bonds",
    "CRV3WeightCommits",
    "CRV3WeightCommitsV2",
    "TimelockedWeightCommits",
    "WeightCommits",
    "Weights",
]
