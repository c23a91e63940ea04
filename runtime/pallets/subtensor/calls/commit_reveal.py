"""SubtensorModule hash commit-reveal (v2) calls: ``commit_weights`` (96), ``reveal_weights``
(97), ``batch_reveal_weights`` (98), ``batch_commit_weights`` (100), ``commit_mechanism_weights``
(115) and ``reveal_mechanism_weights`` (116), spec/subtensor.md §5.6 and §6.1.

Reference: ``subnets/weights.rs`` (``internal_commit_weights``, ``internal_reveal_weights``,
``do_batch_reveal_weights``, ``do_batch_commit_weights``, ``is_commit_expired``,
``is_reveal_block_range``, ``get_commit_hash``) at subtensor 14bc6f9.

A commit is stored in ``WeightCommits[netuid_index][hotkey]`` as ``(hash, commit_epoch,
commit_block, 0)``; it may be revealed only in epoch ``commit_epoch + RevealPeriodEpochs`` and
expires after it. Epochs are ``SubnetEpochIndex``, plus one when the subnet's epoch runs this
block.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from runtime.frame.dispatch import DispatchError, Origin, Pays, ensure_signed
from runtime.frame.system import deposit_event
from runtime.pallets.subtensor import errors, events
from runtime.pallets.subtensor import storage as st
from runtime.pallets.subtensor.calls import common
from runtime.pallets.subtensor.calls.weights import db_weight, do_set_weights, report_batch_failures
from runtime.pallets.subtensor.pallet import CALL_INDICES, subtensor
from runtime.pallets.subtensor.types import MechId, NetUid
from runtime.primitives.externalities import Externalities
from runtime.primitives.hashing import blake2_256
from runtime.primitives.scale import U16, U64, Compact, Tuple, Vec
from runtime.primitives.scale.common import H256, AccountId32

COMMIT_WEIGHTS_WEIGHT = db_weight(69_049_000, 4714, 13, 2)
REVEAL_WEIGHTS_WEIGHT = db_weight(111_227_000, 7590, 19, 2)
BATCH_REVEAL_WEIGHTS_WEIGHT = db_weight(421_363_000, 8095, 19, 2)
BATCH_COMMIT_WEIGHTS_WEIGHT = db_weight(147_224_000, 4765, 15, 2)
COMMIT_MECHANISM_WEIGHTS_WEIGHT = db_weight(55_130_000, 0, 7, 2)
REVEAL_MECHANISM_WEIGHTS_WEIGHT = db_weight(122_000_000, 0, 16, 2)

MAX_UNREVEALED_COMMITS = 10

CommitPreimage = Tuple(AccountId32, U16, Vec(U16), Vec(U16), Vec(U16), U64)
"""SCALE shape of ``(hotkey, netuid_index, uids, values, salt, version_key)``."""

_NETUID = ("netuid", NetUid, "NetUid")
_MECID = ("mecid", MechId, "MechId")
_COMMIT_HASH = ("commit_hash", H256, "H256")
_REVEAL_ARGS = [("uids", Vec(U16), "Vec<u16>"), ("values", Vec(U16), "Vec<u16>"),
                ("salt", Vec(U16), "Vec<u16>"), ("version_key", U64, "u64")]

Commit = tuple[bytes, int, int, int]


def commit_hash(hotkey: bytes, netuid_index: int, uids: Sequence[int], values: Sequence[int],
                salt: Sequence[int], version_key: int) -> bytes:
    """``get_commit_hash``: Blake2-256 of SCALE(hotkey, netuid_index, uids, values, salt,
    version_key)."""
    return blake2_256(CommitPreimage.encode(
        (hotkey, netuid_index, list(uids), list(values), list(salt), version_key)))


def is_commit_expired(ext: Externalities, netuid: int, commit_epoch: int) -> bool:
    """``is_commit_expired``: the current epoch is past ``commit_epoch + RevealPeriodEpochs``."""
    period = int(st.RevealPeriodEpochs.get(ext, netuid))
    return common.current_epoch_with_lookahead(ext, netuid) > commit_epoch + period


def is_reveal_epoch(ext: Externalities, netuid: int, commit_epoch: int) -> bool:
    """``is_reveal_block_range``: the current epoch is ``commit_epoch + RevealPeriodEpochs``."""
    period = int(st.RevealPeriodEpochs.get(ext, netuid))
    return common.current_epoch_with_lookahead(ext, netuid) == commit_epoch + period


def _stored_commits(ext: Externalities, netuid_index: int, hotkey: bytes) -> list[Commit]:
    stored = st.WeightCommits.get(ext, netuid_index, hotkey) or []
    return [(bytes(h), int(epoch), int(block), int(extra)) for h, epoch, block, extra in stored]


def _drop_expired(ext: Externalities, netuid: int, commits: list[Commit]) -> list[bytes]:
    """Pop expired commits off the front of the queue; return their hashes."""
    expired: list[bytes] = []
    while commits and is_commit_expired(ext, netuid, commits[0][1]):
        expired.append(commits.pop(0)[0])
    return expired


def _store_commits(ext: Externalities, netuid_index: int, hotkey: bytes,
                   commits: list[Commit]) -> None:
    st.WeightCommits.insert(ext, netuid_index, hotkey, commits if commits else None)


def do_commit_weights(ext: Externalities, origin: Origin, netuid: int, mecid: int,
                      hash_: bytes) -> None:
    """``internal_commit_weights`` (spec §5.6): queue a weights hash for a later reveal.

    Origin: signed by the hotkey (checked after the mechanism).
    Checks, in order: mechanism exists (MechanismDoesNotExist); BadOrigin; commit-reveal on
    (CommitRevealDisabled); hotkey registered (HotKeyNotRegisteredInSubNet); weights rate limit
    on the mechanism (CommittingWeightsTooFast); after dropping expired commits, fewer than 10
    remain (TooManyUnrevealedCommits).
    Effects: append ``(hash, epoch, now, 0)`` to ``WeightCommits[netuid_index][hotkey]``;
    ``LastUpdate[netuid_index][uid]`` := now.
    Events: ``WeightsCommitted(hotkey, netuid_index, hash)``.
    """
    common.ensure_mechanism_exists(ext, netuid, mecid)
    netuid_index = common.mechanism_storage_index(netuid, mecid)
    hotkey = ensure_signed(origin)
    if not st.CommitRevealWeightsEnabled.get(ext, netuid):
        raise errors.CommitRevealDisabled()
    uid = common.uid_of(ext, netuid, hotkey)
    if uid is None:
        raise errors.HotKeyNotRegisteredInSubNet()
    now = common.current_block(ext)
    if not common.check_rate_limit(ext, netuid_index, uid, now):
        raise errors.CommittingWeightsTooFast()
    epoch = common.current_epoch_with_lookahead(ext, netuid)
    commits = _stored_commits(ext, netuid_index, hotkey)
    _drop_expired(ext, netuid, commits)
    if len(commits) >= MAX_UNREVEALED_COMMITS:
        raise errors.TooManyUnrevealedCommits()
    commits.append((hash_, epoch, now, 0))
    _store_commits(ext, netuid_index, hotkey, commits)
    deposit_event(ext, events.WeightsCommitted(hotkey, netuid_index, hash_))
    common.set_last_update(ext, netuid_index, uid, now)


@subtensor.call(CALL_INDICES["commit_weights"], [_NETUID, _COMMIT_HASH],
                weight=COMMIT_WEIGHTS_WEIGHT, pays_fee=Pays.No)
def commit_weights(ext: Externalities, origin: Origin, netuid: int, commit_hash: bytes) -> None:
    """Commit a hash of the caller's weights for mechanism 0 of ``netuid`` (spec §5.6, §6.1).

    Origin: signed by the hotkey.
    Checks, effects and events: :func:`do_commit_weights`.
    Errors: MechanismDoesNotExist, BadOrigin, CommitRevealDisabled,
    HotKeyNotRegisteredInSubNet, CommittingWeightsTooFast, TooManyUnrevealedCommits.
    """
    do_commit_weights(ext, origin, netuid, common.MAIN_MECHANISM, bytes(commit_hash))


@subtensor.call(CALL_INDICES["commit_mechanism_weights"], [_NETUID, _MECID, _COMMIT_HASH],
                weight=COMMIT_MECHANISM_WEIGHTS_WEIGHT, pays_fee=Pays.No)
def commit_mechanism_weights(ext: Externalities, origin: Origin, netuid: int, mecid: int,
                             commit_hash: bytes) -> None:
    """Commit a hash of the caller's weights for mechanism ``mecid`` (spec §5.6, §6.1).

    Origin: signed by the hotkey.
    Checks, effects and events: :func:`do_commit_weights` for ``mecid``.
    Errors: those of :func:`commit_weights`.
    """
    do_commit_weights(ext, origin, netuid, mecid, bytes(commit_hash))


@subtensor.call(CALL_INDICES["batch_commit_weights"], [
    ("netuids", Vec(Compact(NetUid)), "Vec<Compact<NetUid>>"),
    ("commit_hashes", Vec(H256), "Vec<H256>"),
], weight=BATCH_COMMIT_WEIGHTS_WEIGHT, pays_fee=Pays.No)
def batch_commit_weights(ext: Externalities, origin: Origin, netuids: list[int],
                         commit_hashes: list[bytes]) -> None:
    """Commit weight hashes on several subnets; item failures are reported, not raised
    (``do_batch_commit_weights``, spec §5.6).

    Origin: signed by the hotkey.
    Checks: equal lengths (InputLengthsUnequal); each item runs :func:`do_commit_weights`.
    Events: the items' ``WeightsCommitted``; ``BatchCompletedWithErrors`` and
    ``BatchWeightItemFailed(netuid, error)`` for failures; ``BatchWeightsCompleted``.
    Errors: BadOrigin, InputLengthsUnequal.
    """
    hotkey = ensure_signed(origin)
    if len(netuids) != len(commit_hashes):
        raise errors.InputLengthsUnequal()
    results: list[tuple[int, DispatchError | None]] = []
    for netuid, hash_ in zip(netuids, commit_hashes, strict=True):
        try:
            do_commit_weights(ext, origin, netuid, common.MAIN_MECHANISM, bytes(hash_))
            results.append((netuid, None))
        except DispatchError as error:
            results.append((netuid, error))
    report_batch_failures(ext, results)
    deposit_event(ext, events.BatchWeightsCompleted(list(netuids), hotkey))


def _missing(hash_: bytes, expired: list[bytes]) -> DispatchError:
    """ExpiredWeightCommit when the hash was among the expired commits, else the mismatch."""
    if hash_ in expired:
        return errors.ExpiredWeightCommit()
    return errors.InvalidRevealCommitHashNotMatch()


def do_reveal_weights(ext: Externalities, origin: Origin, netuid: int, mecid: int,
                      reveal: dict[str, Any]) -> None:
    """``internal_reveal_weights`` (spec §5.6): reveal a committed set of weights and apply it.

    Origin: signed by the hotkey.
    Checks, in order: BadOrigin; commit-reveal on (CommitRevealDisabled); a commit queue
    exists (NoWeightsCommitFound); after dropping expired commits, some remain (else
    ExpiredWeightCommit if the hash was among the expired, NoWeightsCommitFound otherwise);
    the hash matches a live commit (else ExpiredWeightCommit / InvalidRevealCommitHashNotMatch);
    the current epoch is its reveal epoch (RevealTooEarly); then every check of
    :func:`~runtime.pallets.subtensor.calls.weights.do_set_weights` (no rate limit).
    Effects: drop the revealed commit and every one queued before it (the entry is removed
    when empty); store the weights as ``do_set_weights`` does.
    Events: ``WeightsSet(netuid_index, uid)``, ``WeightsRevealed(hotkey, netuid_index, hash)``.
    """
    netuid_index = common.mechanism_storage_index(netuid, mecid)
    hotkey = ensure_signed(origin)
    if not st.CommitRevealWeightsEnabled.get(ext, netuid):
        raise errors.CommitRevealDisabled()
    if not st.WeightCommits.contains(ext, netuid_index, hotkey):
        raise errors.NoWeightsCommitFound()
    commits = _stored_commits(ext, netuid_index, hotkey)
    expired = _drop_expired(ext, netuid, commits)
    provided = commit_hash(hotkey, netuid_index, reveal["uids"], reveal["values"],
                           reveal["salt"], reveal["version_key"])
    if not commits:
        raise errors.ExpiredWeightCommit() if provided in expired else errors.NoWeightsCommitFound()
    position = next((i for i, commit in enumerate(commits) if commit[0] == provided), None)
    if position is None:
        raise _missing(provided, expired)
    if not is_reveal_epoch(ext, netuid, commits[position][1]):
        raise errors.RevealTooEarly()
    _store_commits(ext, netuid_index, hotkey, commits[position + 1:])
    do_set_weights(ext, origin, netuid, mecid, reveal["uids"], reveal["values"],
                   reveal["version_key"])
    deposit_event(ext, events.WeightsRevealed(hotkey, netuid_index, provided))


@subtensor.call(CALL_INDICES["reveal_weights"], [_NETUID, *_REVEAL_ARGS],
                weight=REVEAL_WEIGHTS_WEIGHT, pays_fee=Pays.No)
def reveal_weights(ext: Externalities, origin: Origin, netuid: int, uids: list[int],
                   values: list[int], salt: list[int], version_key: int) -> None:
    """Reveal weights committed for mechanism 0 of ``netuid`` and set them (spec §5.6, §6.1).

    Origin: signed by the hotkey.
    Checks, effects and events: :func:`do_reveal_weights`.
    Errors: BadOrigin, CommitRevealDisabled, NoWeightsCommitFound, ExpiredWeightCommit,
    InvalidRevealCommitHashNotMatch, RevealTooEarly, and the set_weights errors.
    """
    do_reveal_weights(ext, origin, netuid, common.MAIN_MECHANISM, {
        "uids": uids, "values": values, "salt": salt, "version_key": version_key})


@subtensor.call(CALL_INDICES["reveal_mechanism_weights"], [_NETUID, _MECID, *_REVEAL_ARGS],
                weight=REVEAL_MECHANISM_WEIGHTS_WEIGHT, pays_fee=Pays.No)
def reveal_mechanism_weights(ext: Externalities, origin: Origin, netuid: int, mecid: int,
                             uids: list[int], values: list[int], salt: list[int],
                             version_key: int) -> None:
    """Reveal weights committed for mechanism ``mecid`` and set them (spec §5.6, §6.1).

    Origin: signed by the hotkey.
    Checks, effects and events: :func:`do_reveal_weights` for ``mecid``.
    Errors: those of :func:`reveal_weights`.
    """
    do_reveal_weights(ext, origin, netuid, mecid, {
        "uids": uids, "values": values, "salt": salt, "version_key": version_key})


def _check_batch_reveals(ext: Externalities, netuid: int, commits: list[Commit],
                         expired: list[bytes], hashes: list[bytes]) -> None:
    """Every hash matches a live commit in its reveal epoch, before anything is applied."""
    for hash_ in hashes:
        found = next((commit for commit in commits if commit[0] == hash_), None)
        if found is None:
            raise _missing(hash_, expired)
        if not is_reveal_epoch(ext, netuid, found[1]):
            raise errors.RevealTooEarly()


@subtensor.call(CALL_INDICES["batch_reveal_weights"], [
    _NETUID,
    ("uids_list", Vec(Vec(U16)), "Vec<Vec<u16>>"),
    ("values_list", Vec(Vec(U16)), "Vec<Vec<u16>>"),
    ("salts_list", Vec(Vec(U16)), "Vec<Vec<u16>>"),
    ("version_keys", Vec(U64), "Vec<u64>"),
], weight=BATCH_REVEAL_WEIGHTS_WEIGHT, pays_fee=Pays.No)
def batch_reveal_weights(ext: Externalities, origin: Origin, netuid: int,
                         uids_list: list[list[int]], values_list: list[list[int]],
                         salts_list: list[list[int]], version_keys: list[int]) -> None:
    """Reveal several commits of mechanism 0 at once, all or nothing
    (``do_batch_reveal_weights``, spec §5.6).

    Origin: signed by the hotkey (checked after the lengths).
    Checks, in order: equal list lengths (InputLengthsUnequal); BadOrigin; commit-reveal on
    (CommitRevealDisabled); a commit queue exists (NoWeightsCommitFound); every hash matches a
    live commit (ExpiredWeightCommit / InvalidRevealCommitHashNotMatch) in its reveal epoch
    (RevealTooEarly); then each reveal's set_weights checks.
    Effects: each revealed commit is removed (the entry when empty); weights set in order.
    Events: ``WeightsSet`` per reveal, then ``WeightsBatchRevealed(hotkey, netuid, hashes)``.
    """
    count = len(uids_list)
    if not count == len(values_list) == len(salts_list) == len(version_keys):
        raise errors.InputLengthsUnequal()
    hotkey = ensure_signed(origin)
    if not st.CommitRevealWeightsEnabled.get(ext, netuid):
        raise errors.CommitRevealDisabled()
    if not st.WeightCommits.contains(ext, netuid, hotkey):
        raise errors.NoWeightsCommitFound()
    commits = _stored_commits(ext, netuid, hotkey)
    expired = _drop_expired(ext, netuid, commits)
    reveals = list(zip(uids_list, values_list, salts_list, version_keys, strict=True))
    hashes = [commit_hash(hotkey, netuid, u, v, s, k) for u, v, s, k in reveals]
    _check_batch_reveals(ext, netuid, commits, expired, hashes)
    for (uids, values, _salt, version_key), hash_ in zip(reveals, hashes, strict=True):
        position = next((i for i, commit in enumerate(commits) if commit[0] == hash_), None)
        if position is None:
            raise _missing(hash_, expired)
        commits.pop(position)
        do_set_weights(ext, origin, netuid, common.MAIN_MECHANISM, uids, values, version_key)
    _store_commits(ext, netuid, hotkey, commits)
    deposit_event(ext, events.WeightsBatchRevealed(hotkey, netuid, hashes))
