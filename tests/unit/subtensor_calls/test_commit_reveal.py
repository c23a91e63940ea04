"""SubtensorModule hash commit-reveal: commit_weights, reveal_weights and their mechanism
variants (spec §5.6)."""

from __future__ import annotations

import hashlib
import struct
from typing import Any

from runtime.frame.dispatch import UNSIGNED, DispatchError
from runtime.pallets.subtensor import errors, events
from runtime.pallets.subtensor import storage as st
from runtime.pallets.subtensor.calls.commit_reveal import commit_hash
from tests.unit.subtensor_calls.helpers import (
    NETUID,
    call,
    deposited,
    hotkey,
    set_block,
    snapshot,
    subnet_with_neurons,
)

UIDS, VALUES, SALT = [0, 1], [10, 20], [1, 2, 3]


def _cr_subnet(count: int = 2, rate_limit: int = 0) -> Any:
    """A commit-reveal subnet whose epoch is not due at block 1000 (epoch index 0)."""
    ext = subnet_with_neurons(count, commit_reveal=True, rate_limit=rate_limit)
    st.LastEpochBlock.insert(ext, NETUID, 1000)
    return ext


def _hash(salt: list[int] = SALT, netuid_index: int = NETUID, values: list[int] = VALUES,
          uids: list[int] = UIDS) -> bytes:
    return commit_hash(hotkey(0), netuid_index, uids, values, salt, 0)


def _commit(ext: Any, hash_: bytes | None = None) -> Any:
    return call(ext, hotkey(0), "commit_weights", netuid=NETUID,
                commit_hash=_hash() if hash_ is None else hash_)


def _reveal(ext: Any, salt: list[int] = SALT, values: list[int] = VALUES,
            uids: list[int] = UIDS) -> Any:
    return call(ext, hotkey(0), "reveal_weights", netuid=NETUID, uids=uids, values=values,
                salt=salt, version_key=0)


def _to_epoch(ext: Any, epoch: int) -> None:
    st.SubnetEpochIndex.insert(ext, NETUID, epoch)


def _fails_untouched(ext: Any, error: Any, action: Any) -> None:
    before = snapshot(ext)
    outcome = action(ext)
    assert outcome.error == (error if isinstance(error, DispatchError) else error())
    assert snapshot(ext) == before


def test_commit_hash_is_blake2_256_of_scale_tuple() -> None:
    def vec(items: list[int]) -> bytes:
        return bytes([len(items) << 2]) + b"".join(struct.pack("<H", i) for i in items)
    preimage = (hotkey(0) + struct.pack("<H", NETUID) + vec(UIDS) + vec(VALUES) + vec(SALT)
                + struct.pack("<Q", 0))
    assert _hash() == hashlib.blake2b(preimage, digest_size=32).digest()


def test_commit_weights_valid_queues_commit_and_marks_activity() -> None:
    ext = _cr_subnet()
    assert _commit(ext).ok
    assert st.WeightCommits.get(ext, NETUID, hotkey(0)) == [(_hash(), 0, 1000, 0)]
    assert st.LastUpdate.get(ext, NETUID) == [1000, 0]
    assert deposited(ext, events.WeightsCommitted(hotkey(0), NETUID, _hash()))


def test_commit_weights_epoch_due_this_block_uses_next_epoch() -> None:
    ext = _cr_subnet()
    st.LastEpochBlock.insert(ext, NETUID, 1000 - 360)
    assert _commit(ext).ok
    assert st.WeightCommits.get(ext, NETUID, hotkey(0))[0][1] == 1


def test_commit_weights_missing_subnet_fails() -> None:
    _fails_untouched(_cr_subnet(), errors.MechanismDoesNotExist, lambda ext: call(
        ext, hotkey(0), "commit_weights", netuid=7, commit_hash=_hash()))


def test_commit_weights_unsigned_origin_fails() -> None:
    _fails_untouched(_cr_subnet(), DispatchError.bad_origin(), lambda ext: call(
        ext, UNSIGNED, "commit_weights", netuid=NETUID, commit_hash=_hash()))


def test_commit_weights_commit_reveal_disabled_fails() -> None:
    ext = _cr_subnet()
    st.CommitRevealWeightsEnabled.insert(ext, NETUID, False)
    _fails_untouched(ext, errors.CommitRevealDisabled, _commit)


def test_commit_weights_unregistered_hotkey_fails() -> None:
    _fails_untouched(_cr_subnet(), errors.HotKeyNotRegisteredInSubNet, lambda ext: call(
        ext, hotkey(8), "commit_weights", netuid=NETUID, commit_hash=_hash()))


def test_commit_weights_too_fast_fails() -> None:
    ext = _cr_subnet(rate_limit=100)
    assert _commit(ext).ok
    set_block(ext, 1099)
    _fails_untouched(ext, errors.CommittingWeightsTooFast, lambda e: _commit(e, _hash([9])))
    set_block(ext, 1100)
    assert _commit(ext, _hash([9])).ok


def test_commit_weights_eleventh_unrevealed_fails() -> None:
    ext = _cr_subnet()
    for salt in range(10):
        assert _commit(ext, _hash([salt])).ok
    _fails_untouched(ext, errors.TooManyUnrevealedCommits, lambda e: _commit(e, _hash([99])))


def test_commit_weights_expired_commits_are_dropped_first() -> None:
    ext = _cr_subnet()
    for salt in range(10):
        assert _commit(ext, _hash([salt])).ok
    _to_epoch(ext, 2)
    assert _commit(ext, _hash([99])).ok
    assert st.WeightCommits.get(ext, NETUID, hotkey(0)) == [(_hash([99]), 2, 1000, 0)]


def test_reveal_weights_in_reveal_epoch_sets_weights() -> None:
    ext = _cr_subnet()
    assert _commit(ext).ok
    _to_epoch(ext, 1)
    set_block(ext, 1001)
    assert _reveal(ext).ok
    assert st.Weights.get(ext, NETUID, 0) == [(0, 32768), (1, 65535)]
    assert st.WeightCommits.get(ext, NETUID, hotkey(0)) is None
    assert st.LastUpdate.get(ext, NETUID) == [1000, 0]  # the commit's block, kept
    assert deposited(ext, events.WeightsRevealed(hotkey(0), NETUID, _hash()))
    assert deposited(ext, events.WeightsSet(NETUID, 0))


def test_reveal_weights_ignores_rate_limit_succeeds() -> None:
    ext = _cr_subnet(rate_limit=10_000)
    assert _commit(ext).ok
    _to_epoch(ext, 1)
    assert _reveal(ext).ok


def test_reveal_weights_same_epoch_too_early_fails() -> None:
    ext = _cr_subnet()
    assert _commit(ext).ok
    _fails_untouched(ext, errors.RevealTooEarly, _reveal)


def test_reveal_weights_without_commit_fails() -> None:
    _fails_untouched(_cr_subnet(), errors.NoWeightsCommitFound, _reveal)


def test_reveal_weights_commit_reveal_disabled_fails() -> None:
    ext = _cr_subnet()
    assert _commit(ext).ok
    _to_epoch(ext, 1)
    st.CommitRevealWeightsEnabled.insert(ext, NETUID, False)
    _fails_untouched(ext, errors.CommitRevealDisabled, _reveal)


def test_reveal_weights_wrong_salt_fails() -> None:
    ext = _cr_subnet()
    assert _commit(ext).ok
    _to_epoch(ext, 1)
    _fails_untouched(ext, errors.InvalidRevealCommitHashNotMatch, lambda e: _reveal(e, [7]))


def test_reveal_weights_after_reveal_epoch_expired_fails() -> None:
    ext = _cr_subnet()
    assert _commit(ext).ok
    _to_epoch(ext, 2)
    _fails_untouched(ext, errors.ExpiredWeightCommit, _reveal)


def test_reveal_weights_unknown_hash_after_expiry_fails() -> None:
    ext = _cr_subnet()
    assert _commit(ext).ok
    _to_epoch(ext, 2)
    _fails_untouched(ext, errors.NoWeightsCommitFound, lambda e: _reveal(e, [7]))


def test_reveal_weights_expired_hash_with_live_commits_fails() -> None:
    ext = _cr_subnet()
    assert _commit(ext).ok
    _to_epoch(ext, 1)
    assert _commit(ext, _hash([5])).ok
    _to_epoch(ext, 2)
    _fails_untouched(ext, errors.ExpiredWeightCommit, _reveal)
    assert _reveal(ext, [5]).ok


def test_reveal_weights_drops_earlier_commits() -> None:
    ext = _cr_subnet()
    assert _commit(ext, _hash([1])).ok
    assert _commit(ext, _hash([2])).ok
    assert _commit(ext, _hash([3])).ok
    _to_epoch(ext, 1)
    assert _reveal(ext, [2]).ok
    assert st.WeightCommits.get(ext, NETUID, hotkey(0)) == [(_hash([3]), 0, 1000, 0)]


def test_reveal_weights_invalid_weights_fail_with_set_weights_error() -> None:
    ext = _cr_subnet()
    assert _commit(ext, _hash(uids=[1, 1])).ok
    _to_epoch(ext, 1)
    _fails_untouched(ext, errors.DuplicateUids, lambda e: _reveal(e, uids=[1, 1]))


def test_commit_and_reveal_mechanism_weights_use_mechanism_index() -> None:
    ext = _cr_subnet()
    st.MechanismCountCurrent.insert(ext, NETUID, 2)
    index = 4096 + NETUID
    st.LastUpdate.insert(ext, index, [0, 0])
    hash_ = _hash(netuid_index=index)
    assert call(ext, hotkey(0), "commit_mechanism_weights", netuid=NETUID, mecid=1,
                commit_hash=hash_).ok
    assert st.LastUpdate.get(ext, index) == [1000, 0]
    _to_epoch(ext, 1)
    assert call(ext, hotkey(0), "reveal_mechanism_weights", netuid=NETUID, mecid=1, uids=UIDS,
                values=VALUES, salt=SALT, version_key=0).ok
    assert st.Weights.get(ext, index, 0) == [(0, 32768), (1, 65535)]
    assert deposited(ext, events.WeightsRevealed(hotkey(0), index, hash_))


def test_commit_mechanism_weights_missing_mechanism_fails() -> None:
    _fails_untouched(_cr_subnet(), errors.MechanismDoesNotExist, lambda ext: call(
        ext, hotkey(0), "commit_mechanism_weights", netuid=NETUID, mecid=1,
        commit_hash=_hash()))
