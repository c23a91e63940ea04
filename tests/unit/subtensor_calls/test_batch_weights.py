"""SubtensorModule batch calls: batch_set_weights, batch_commit_weights, batch_reveal_weights
(spec §5.5, §5.6, §6.1)."""

from __future__ import annotations

from typing import Any

from runtime.frame.dispatch import UNSIGNED, DispatchError
from runtime.pallets.subtensor import errors, events
from runtime.pallets.subtensor import storage as st
from runtime.pallets.subtensor.calls.commit_reveal import commit_hash
from tests.unit.subtensor_calls.helpers import (
    NETUID,
    add_neuron,
    add_subnet,
    call,
    deposited,
    hotkey,
    snapshot,
    subnet_with_neurons,
)

OTHER = 2


def _two_subnets(commit_reveal_other: bool = False) -> Any:
    ext = subnet_with_neurons(2)
    add_subnet(ext, OTHER, commit_reveal=commit_reveal_other)
    add_neuron(ext, 0, OTHER)
    add_neuron(ext, 1, OTHER)
    return ext


def _fails_untouched(ext: Any, error: Any, action: Any) -> None:
    before = snapshot(ext)
    outcome = action(ext)
    assert outcome.error == (error if isinstance(error, DispatchError) else error())
    assert snapshot(ext) == before


def test_batch_set_weights_valid_sets_each_subnet() -> None:
    ext = _two_subnets()
    outcome = call(ext, hotkey(0), "batch_set_weights", netuids=[NETUID, OTHER],
                   weights=[[(0, 1), (1, 1)], [(1, 5)]], version_keys=[0, 0])
    assert outcome.ok
    assert st.Weights.get(ext, NETUID, 0) == [(0, 65535), (1, 65535)]
    assert st.Weights.get(ext, OTHER, 0) == [(1, 65535)]
    assert deposited(ext, events.BatchWeightsCompleted([NETUID, OTHER], hotkey(0)))
    assert not deposited(ext, events.BatchCompletedWithErrors())


def test_batch_set_weights_commit_reveal_item_reported_others_applied() -> None:
    ext = _two_subnets(commit_reveal_other=True)
    outcome = call(ext, hotkey(0), "batch_set_weights", netuids=[OTHER, NETUID],
                   weights=[[(1, 5)], [(1, 5)]], version_keys=[0, 0])
    assert outcome.ok
    assert st.Weights.get(ext, NETUID, 0) == [(1, 65535)]
    assert st.Weights.get(ext, OTHER, 0) == []
    assert deposited(ext, events.BatchCompletedWithErrors())
    assert deposited(ext, events.BatchWeightItemFailed(
        OTHER, errors.CommitRevealEnabled().to_scale()))


def test_batch_set_weights_invalid_item_reported_with_its_error() -> None:
    ext = _two_subnets()
    assert call(ext, hotkey(0), "batch_set_weights", netuids=[NETUID],
                weights=[[(1, 5), (1, 6)]], version_keys=[0]).ok
    assert deposited(ext, events.BatchWeightItemFailed(NETUID, errors.DuplicateUids().to_scale()))
    assert st.Weights.get(ext, NETUID, 0) == []


def test_batch_set_weights_unequal_lengths_fails() -> None:
    _fails_untouched(_two_subnets(), errors.InputLengthsUnequal, lambda ext: call(
        ext, hotkey(0), "batch_set_weights", netuids=[NETUID, OTHER], weights=[[(0, 1)]],
        version_keys=[0, 0]))


def test_batch_set_weights_unsigned_origin_fails() -> None:
    _fails_untouched(_two_subnets(), DispatchError.bad_origin(), lambda ext: call(
        ext, UNSIGNED, "batch_set_weights", netuids=[NETUID], weights=[[(0, 1)]],
        version_keys=[0]))


def _cr_subnet() -> Any:
    ext = subnet_with_neurons(2, commit_reveal=True)
    st.LastEpochBlock.insert(ext, NETUID, 1000)
    return ext


def _hash(salt: int) -> bytes:
    return commit_hash(hotkey(0), NETUID, [0, 1], [1, salt], [salt], 0)


def test_batch_commit_weights_reports_failed_item() -> None:
    ext = _cr_subnet()
    assert call(ext, hotkey(0), "batch_commit_weights", netuids=[NETUID, 9],
                commit_hashes=[_hash(1), _hash(2)]).ok
    assert st.WeightCommits.get(ext, NETUID, hotkey(0)) == [(_hash(1), 0, 1000, 0)]
    assert deposited(ext, events.BatchWeightItemFailed(
        9, errors.MechanismDoesNotExist().to_scale()))
    assert deposited(ext, events.BatchWeightsCompleted([NETUID, 9], hotkey(0)))


def test_batch_commit_weights_unequal_lengths_fails() -> None:
    _fails_untouched(_cr_subnet(), errors.InputLengthsUnequal, lambda ext: call(
        ext, hotkey(0), "batch_commit_weights", netuids=[NETUID], commit_hashes=[]))


def _batch_reveal(ext: Any, salts: list[int], **overrides: Any) -> Any:
    args = {"netuid": NETUID, "uids_list": [[0, 1]] * len(salts),
            "values_list": [[1, s] for s in salts], "salts_list": [[s] for s in salts],
            "version_keys": [0] * len(salts)} | overrides
    return call(ext, hotkey(0), "batch_reveal_weights", **args)


def test_batch_reveal_weights_reveals_all() -> None:
    ext = _cr_subnet()
    for salt in (1, 2, 3):
        assert call(ext, hotkey(0), "commit_weights", netuid=NETUID,
                    commit_hash=_hash(salt)).ok
    st.SubnetEpochIndex.insert(ext, NETUID, 1)
    assert _batch_reveal(ext, [3, 1]).ok
    assert st.Weights.get(ext, NETUID, 0) == [(0, 65535), (1, 65535)]  # the last reveal
    assert st.WeightCommits.get(ext, NETUID, hotkey(0)) == [(_hash(2), 0, 1000, 0)]
    assert deposited(ext, events.WeightsBatchRevealed(hotkey(0), NETUID, [_hash(3), _hash(1)]))


def test_batch_reveal_weights_one_unknown_hash_fails_all() -> None:
    ext = _cr_subnet()
    assert call(ext, hotkey(0), "commit_weights", netuid=NETUID, commit_hash=_hash(1)).ok
    st.SubnetEpochIndex.insert(ext, NETUID, 1)
    _fails_untouched(ext, errors.InvalidRevealCommitHashNotMatch,
                     lambda e: _batch_reveal(e, [1, 4]))


def test_batch_reveal_weights_too_early_fails() -> None:
    ext = _cr_subnet()
    assert call(ext, hotkey(0), "commit_weights", netuid=NETUID, commit_hash=_hash(1)).ok
    _fails_untouched(ext, errors.RevealTooEarly, lambda e: _batch_reveal(e, [1]))


def test_batch_reveal_weights_unequal_lengths_fails() -> None:
    _fails_untouched(_cr_subnet(), errors.InputLengthsUnequal,
                     lambda e: _batch_reveal(e, [1], version_keys=[]))


def test_batch_reveal_weights_without_commit_fails() -> None:
    _fails_untouched(_cr_subnet(), errors.NoWeightsCommitFound, lambda e: _batch_reveal(e, [1]))
