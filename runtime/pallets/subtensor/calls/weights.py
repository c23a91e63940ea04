"""SubtensorModule weight-setting calls: ``set_weights`` (0), ``set_mechanism_weights`` (119)
and ``batch_set_weights`` (80), spec/subtensor.md §5.5 and §6.1.

Reference: ``subnets/weights.rs`` (``internal_set_weights``, ``do_batch_set_weights`` and their
helpers) and ``macros/dispatches.rs`` (arguments, weights, ``Pays::No``) at subtensor 14bc6f9.
:func:`do_set_weights` is also what a commit-reveal reveal applies.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from runtime.frame.dispatch import DispatchError, Origin, Pays, Weight, ensure_signed
from runtime.frame.system import deposit_event
from runtime.pallets.subtensor import errors, events
from runtime.pallets.subtensor import storage as st
from runtime.pallets.subtensor.calls import common
from runtime.pallets.subtensor.epoch.upscale import check_max_limited, u16_max_upscale_to_u16
from runtime.pallets.subtensor.pallet import CALL_INDICES, subtensor
from runtime.pallets.subtensor.types import MechId, NetUid
from runtime.primitives.externalities import Externalities
from runtime.primitives.scale import U16, U64, Compact, Tuple, Vec

ROCKS_DB_READ = 25_000_000
ROCKS_DB_WRITE = 100_000_000


def db_weight(ref_time: int, proof_size: int, reads: int, writes: int) -> Weight:
    """A benchmarked weight plus RocksDbWeight reads and writes (the reference's
    ``Weight::from_parts(..).saturating_add(T::DbWeight::get().reads(r)).writes(w)``)."""
    return Weight(ref_time + reads * ROCKS_DB_READ + writes * ROCKS_DB_WRITE, proof_size)


SET_WEIGHTS_WEIGHT = db_weight(15_513_610_000, 10_327_410, 4112, 2)
SET_MECHANISM_WEIGHTS_WEIGHT = db_weight(15_540_000_000, 0, 4111, 2)
BATCH_SET_WEIGHTS_WEIGHT = db_weight(103_092_000, 7395, 16, 2)

MAX_WEIGHT_LIMIT = common.U16_MAX
"""``get_max_weight_limit``: a constant u16::MAX at 14bc6f9 (``MaxWeightsLimit`` is ignored)."""

_NETUID = ("netuid", NetUid, "NetUid")
_DESTS = ("dests", Vec(U16), "Vec<u16>")
_WEIGHTS = ("weights", Vec(U16), "Vec<u16>")
_VERSION_KEY = ("version_key", U64, "u64")


def is_self_weight(uid: int, uids: Sequence[int], weights: Sequence[int]) -> bool:
    """``is_self_weight``: exactly one weight, and the first destination is the caller's uid."""
    return len(weights) == 1 and len(uids) > 0 and uids[0] == uid


def check_validator_permit(ext: Externalities, netuid: int, uid: int, uids: Sequence[int],
                           weights: Sequence[int]) -> bool:
    """``check_validator_permit``: a single self-weight, the owner hotkey's uid, or a permit."""
    if is_self_weight(uid, uids, weights):
        return True
    if common.owner_uid(ext, netuid) == uid:
        return True
    return common.validator_permit(ext, netuid, uid)


def check_length(ext: Externalities, netuid: int, uid: int, uids: Sequence[int],
                 weights: Sequence[int]) -> bool:
    """``check_length``: a single self-weight (off root), or at least
    min(SubnetworkN, MinAllowedWeights) weights."""
    min_allowed = min(int(st.SubnetworkN.get(ext, netuid)),
                      int(st.MinAllowedWeights.get(ext, netuid)))
    if netuid != common.ROOT_NETUID and is_self_weight(uid, uids, weights):
        return True
    return len(weights) >= min_allowed


def max_weight_limited(uid: int, uids: Sequence[int], weights: Sequence[int]) -> bool:
    """``max_weight_limited``: self-weights and the u16::MAX limit pass; otherwise the
    normalised maximum must not exceed the limit (``check_vec_max_limited``)."""
    if is_self_weight(uid, uids, weights) or MAX_WEIGHT_LIMIT == common.U16_MAX:
        return True
    return check_max_limited(np.asarray(weights, dtype=np.int64), MAX_WEIGHT_LIMIT)


def check_version_key(ext: Externalities, netuid: int, version_key: int) -> bool:
    """``check_version_key``: the subnet's key is 0, or ``version_key`` is at least it."""
    network_key = int(st.WeightsVersionKey.get(ext, netuid))
    return network_key == 0 or version_key >= network_key


def _check_caller(ext: Externalities, hotkey: bytes, netuid: int, mecid: int,
                  uids: Sequence[int], values: Sequence[int], version_key: int) -> int:
    """Checks 1–7 of §5.5 (root, lengths, mechanism, size, registration, stake, version key);
    returns the caller's uid."""
    if netuid == common.ROOT_NETUID:
        raise errors.CanNotSetRootNetworkWeights()
    if len(uids) != len(values):
        raise errors.WeightVecNotEqualSize()
    common.ensure_mechanism_exists(ext, netuid, mecid)
    if len(uids) > int(st.SubnetworkN.get(ext, netuid)):
        raise errors.UidsLengthExceedUidsInSubNet()
    uid = common.uid_of(ext, netuid, hotkey)
    if uid is None:
        raise errors.HotKeyNotRegisteredInSubNet()
    if not common.check_weights_min_stake(ext, hotkey, netuid):
        raise errors.NotEnoughStakeToSetWeights()
    if not check_version_key(ext, netuid, version_key):
        raise errors.IncorrectWeightVersionKey()
    return uid


def _check_weights(ext: Externalities, netuid: int, uid: int, uids: Sequence[int],
                   values: Sequence[int]) -> None:
    """Checks 9–12 of §5.5: permit, duplicates, unknown uids, minimum length."""
    if not check_validator_permit(ext, netuid, uid, uids, values):
        raise errors.NeuronNoValidatorPermit()
    if len(set(uids)) != len(uids):
        raise errors.DuplicateUids()
    if any(not common.uid_exists(ext, netuid, dest) for dest in uids):
        raise errors.UidVecContainInvalidOne()
    if not check_length(ext, netuid, uid, uids, values):
        raise errors.WeightVecLengthIsLow()


def do_set_weights(ext: Externalities, origin: Origin, netuid: int, mecid: int,
                   uids: Sequence[int], values: Sequence[int], version_key: int) -> None:
    """``internal_set_weights`` (spec §5.5): validate, max-upscale and store the caller's
    weights on mechanism ``mecid`` of ``netuid``.

    Origin: signed by the hotkey.
    Checks, in order: netuid ≠ root (CanNotSetRootNetworkWeights); equal lengths
    (WeightVecNotEqualSize); mechanism exists (MechanismDoesNotExist); len ≤ SubnetworkN
    (UidsLengthExceedUidsInSubNet); hotkey registered (HotKeyNotRegisteredInSubNet); stake ≥
    StakeThreshold or owner hotkey (NotEnoughStakeToSetWeights); version key
    (IncorrectWeightVersionKey); when commit-reveal is off, the rate limit
    (SettingWeightsTooFast); permit (NeuronNoValidatorPermit); no duplicates (DuplicateUids);
    all uids exist (UidVecContainInvalidOne); minimum length (WeightVecLengthIsLow); max weight
    limit (MaxWeightExceeded, always passes at u16::MAX).
    Effects: ``Weights[netuid_index][uid]`` := [(uid_j, upscaled w_j)] in the caller's order;
    when commit-reveal is off, ``LastUpdate[netuid_index][uid]`` := now.
    Events: ``WeightsSet(netuid_index, uid)``.
    """
    netuid_index = common.mechanism_storage_index(netuid, mecid)
    hotkey = ensure_signed(origin)
    uid = _check_caller(ext, hotkey, netuid, mecid, uids, values, version_key)
    now = common.current_block(ext)
    commit_reveal = bool(st.CommitRevealWeightsEnabled.get(ext, netuid))
    if not commit_reveal and not common.check_rate_limit(ext, netuid_index, uid, now):
        raise errors.SettingWeightsTooFast()
    _check_weights(ext, netuid, uid, uids, values)
    upscaled = [int(w) for w in u16_max_upscale_to_u16(np.asarray(values, dtype=np.int64))]
    if not max_weight_limited(uid, uids, upscaled):
        raise errors.MaxWeightExceeded()
    st.Weights.insert(ext, netuid_index, uid, list(zip(uids, upscaled, strict=True)))
    if not commit_reveal:
        common.set_last_update(ext, netuid_index, uid, now)
    deposit_event(ext, events.WeightsSet(netuid_index, uid))


def _ensure_commit_reveal_off(ext: Externalities, netuid: int) -> None:
    if st.CommitRevealWeightsEnabled.get(ext, netuid):
        raise errors.CommitRevealEnabled()


@subtensor.call(CALL_INDICES["set_weights"], [_NETUID, _DESTS, _WEIGHTS, _VERSION_KEY],
                weight=SET_WEIGHTS_WEIGHT, pays_fee=Pays.No)
def set_weights(ext: Externalities, origin: Origin, netuid: int, dests: list[int],
                weights: list[int], version_key: int) -> None:
    """Set the caller's weights on mechanism 0 of ``netuid`` (spec §5.5, §6.1).

    Origin: signed by the validator's hotkey.
    Checks: commit-reveal is off for the subnet (CommitRevealEnabled), then every check of
    :func:`do_set_weights` in its order.
    Effects and events: those of :func:`do_set_weights` (``WeightsSet``).
    Errors: CommitRevealEnabled, CanNotSetRootNetworkWeights, WeightVecNotEqualSize,
    MechanismDoesNotExist, UidsLengthExceedUidsInSubNet, HotKeyNotRegisteredInSubNet,
    NotEnoughStakeToSetWeights, IncorrectWeightVersionKey, SettingWeightsTooFast,
    NeuronNoValidatorPermit, DuplicateUids, UidVecContainInvalidOne, WeightVecLengthIsLow,
    MaxWeightExceeded; BadOrigin for unsigned origins.
    """
    _ensure_commit_reveal_off(ext, netuid)
    do_set_weights(ext, origin, netuid, common.MAIN_MECHANISM, dests, weights, version_key)


@subtensor.call(CALL_INDICES["set_mechanism_weights"],
                [_NETUID, ("mecid", MechId, "MechId"), _DESTS, _WEIGHTS, _VERSION_KEY],
                weight=SET_MECHANISM_WEIGHTS_WEIGHT, pays_fee=Pays.No)
def set_mechanism_weights(ext: Externalities, origin: Origin, netuid: int, mecid: int,
                          dests: list[int], weights: list[int], version_key: int) -> None:
    """Set the caller's weights on mechanism ``mecid`` of ``netuid`` (spec §5.5, §6.1).

    Origin: signed by the validator's hotkey.
    Checks: commit-reveal is off (CommitRevealEnabled), then :func:`do_set_weights`'s checks
    with ``mecid`` (MechanismDoesNotExist when ``mecid ≥ MechanismCountCurrent``).
    Effects: ``Weights`` and ``LastUpdate`` under ``mecid × 4096 + netuid``.
    Events: ``WeightsSet(netuid_index, uid)``.
    Errors: those of :func:`set_weights`.
    """
    _ensure_commit_reveal_off(ext, netuid)
    do_set_weights(ext, origin, netuid, mecid, dests, weights, version_key)


def _batch_item(ext: Externalities, origin: Origin, netuid: int,
                pairs: Sequence[tuple[int, int]], version_key: int) -> DispatchError | None:
    """One item of a batch, its own failure returned (its writes happen only on success)."""
    try:
        _ensure_commit_reveal_off(ext, netuid)
        do_set_weights(ext, origin, netuid, common.MAIN_MECHANISM, [u for u, _ in pairs],
                       [v for _, v in pairs], version_key)
    except DispatchError as error:
        return error
    return None


@subtensor.call(CALL_INDICES["batch_set_weights"], [
    ("netuids", Vec(Compact(NetUid)), "Vec<Compact<NetUid>>"),
    ("weights", Vec(Vec(Tuple(Compact(U16), Compact(U16)))),
     "Vec<Vec<(Compact<u16>, Compact<u16>)>>"),
    ("version_keys", Vec(Compact(U64)), "Vec<Compact<u64>>"),
], weight=BATCH_SET_WEIGHTS_WEIGHT, pays_fee=Pays.No)
def batch_set_weights(ext: Externalities, origin: Origin, netuids: list[int],
                      weights: list[list[tuple[int, int]]], version_keys: list[int]) -> None:
    """Set weights on several subnets at once; item failures are reported, not raised
    (spec §6.1, ``do_batch_set_weights``).

    Origin: signed by the validator's hotkey.
    Checks: the three lists have equal lengths (InputLengthsUnequal). Each item then runs
    :func:`set_weights`'s checks (CommitRevealEnabled first) for mechanism 0.
    Effects: those of each successful item.
    Events: the items' ``WeightsSet``; if any failed, ``BatchCompletedWithErrors`` once then
    ``BatchWeightItemFailed(netuid, error)`` per failure in order; finally
    ``BatchWeightsCompleted(netuids, hotkey)``.
    Errors: BadOrigin, InputLengthsUnequal.
    """
    hotkey = ensure_signed(origin)
    if not len(netuids) == len(weights) == len(version_keys):
        raise errors.InputLengthsUnequal()
    failures = [(netuid, _batch_item(ext, origin, netuid, pairs, version_key))
                for netuid, pairs, version_key in zip(netuids, weights, version_keys, strict=True)]
    report_batch_failures(ext, failures)
    deposit_event(ext, events.BatchWeightsCompleted(list(netuids), hotkey))


def report_batch_failures(ext: Externalities,
                          results: Sequence[tuple[int, DispatchError | None]]) -> None:
    """``BatchCompletedWithErrors`` before the first failure, then one ``BatchWeightItemFailed``
    per failed item, in item order."""
    reported = False
    for netuid, error in results:
        if error is None:
            continue
        if not reported:
            deposit_event(ext, events.BatchCompletedWithErrors())
            reported = True
        deposit_event(ext, events.BatchWeightItemFailed(netuid, error.to_scale()))
