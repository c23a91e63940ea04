"""Reads shared by the weights, commit-reveal and serving calls (spec/subtensor.md §5.4–§5.6).

Each helper mirrors one predicate of the reference (``subnets/uids.rs``, ``subnets/mechanism.rs``,
``staking/stake_utils.rs``, ``lib.rs::check_weights_min_stake``, ``subnets/weights.rs``) and
reads state only through the SubtensorModule storage declarations.
"""

from __future__ import annotations

from runtime.frame import system
from runtime.pallets.subtensor import errors
from runtime.pallets.subtensor import storage as st
from runtime.pallets.subtensor.coinbase.scheduler import should_run_epoch
from runtime.pallets.subtensor.registration.uids import set_last_update_for_uid
from runtime.primitives.externalities import Externalities
from runtime.primitives.fixed import I64F64, U96F32

ROOT_NETUID = 0
GLOBAL_MAX_SUBNET_COUNT = 4096
"""Mechanism storage index stride: ``netuid_index = mecid × 4096 + netuid`` (spec §0.1)."""
U16_MAX = 0xFFFF
U64_MAX = (1 << 64) - 1
MAIN_MECHANISM = 0


def current_block(ext: Externalities) -> int:
    """``get_current_block_as_u64``: ``System.Number``."""
    return int(system.Number.get(ext))


def mechanism_storage_index(netuid: int, mecid: int) -> int:
    """``get_mechanism_storage_index``: mecid × 4096 + netuid, saturating at u16::MAX."""
    return min(mecid * GLOBAL_MAX_SUBNET_COUNT + netuid, U16_MAX)


def subnet_exists(ext: Externalities, netuid: int) -> bool:
    """``if_subnet_exist``: ``NetworksAdded[netuid]``."""
    return bool(st.NetworksAdded.get(ext, netuid))


def ensure_mechanism_exists(ext: Externalities, netuid: int, mecid: int) -> None:
    """The subnet exists and has more than ``mecid`` mechanisms, else ``MechanismDoesNotExist``."""
    if not subnet_exists(ext, netuid) or st.MechanismCountCurrent.get(ext, netuid) <= mecid:
        raise errors.MechanismDoesNotExist()


def netuid_and_mecid(ext: Externalities, netuid_index: int) -> tuple[int, int] | None:
    """``get_netuid_and_subid``: the (netuid, mecid) of a storage index whose mechanism exists."""
    netuid, mecid = netuid_index % GLOBAL_MAX_SUBNET_COUNT, netuid_index // GLOBAL_MAX_SUBNET_COUNT
    if not subnet_exists(ext, netuid) or st.MechanismCountCurrent.get(ext, netuid) <= mecid:
        return None
    return netuid, mecid


def uid_of(ext: Externalities, netuid: int, hotkey: bytes) -> int | None:
    """``Uids[netuid][hotkey]``: the hotkey's uid, None when it is not registered."""
    uid = st.Uids.get(ext, netuid, hotkey)
    return None if uid is None else int(uid)


def uid_exists(ext: Externalities, netuid: int, uid: int) -> bool:
    """``is_uid_exist_on_network``: ``Keys[netuid][uid]`` is stored."""
    return st.Keys.contains(ext, netuid, uid)


def owner_uid(ext: Externalities, netuid: int) -> int | None:
    """``get_owner_uid``: the uid of ``SubnetOwnerHotkey[netuid]`` if it is set and registered."""
    if not st.SubnetOwnerHotkey.contains(ext, netuid):
        return None
    return uid_of(ext, netuid, st.SubnetOwnerHotkey.get(ext, netuid))


def last_update(ext: Externalities, netuid_index: int, uid: int) -> int:
    """``LastUpdate[netuid_index][uid]``, 0 when the vector is shorter."""
    updates = st.LastUpdate.get(ext, netuid_index)
    return int(updates[uid]) if uid < len(updates) else 0


def set_last_update(ext: Externalities, netuid_index: int, uid: int, block: int) -> None:
    """``set_last_update_for_uid``: LastUpdate padded with zeros to SubnetworkN, then ``block``
    written at ``uid`` (one implementation, shared with registration)."""
    set_last_update_for_uid(ext, netuid_index, uid, block)


def check_rate_limit(ext: Externalities, netuid_index: int, uid: int, block: int) -> bool:
    """``check_rate_limit``: the uid exists on an existing mechanism and never set weights
    (LastUpdate 0) or ``block − last ≥ WeightsSetRateLimit[netuid]``."""
    resolved = netuid_and_mecid(ext, netuid_index)
    if resolved is None or not uid_exists(ext, resolved[0], uid):
        return False
    last = last_update(ext, netuid_index, uid)
    if last == 0:
        return True
    return max(block - last, 0) >= st.WeightsSetRateLimit.get(ext, resolved[0])


def validator_permit(ext: Externalities, netuid: int, uid: int) -> bool:
    """``get_validator_permit_for_uid``: ``ValidatorPermit[netuid][uid]``, False past the end."""
    permits = st.ValidatorPermit.get(ext, netuid)
    return bool(permits[uid]) if uid < len(permits) else False


def _proportion(proportion: int) -> U96F32:
    return U96F32.saturating_from_num(proportion).safe_div(U96F32.saturating_from_num(U64_MAX))


def _inherited(ext: Externalities, hotkey: bytes, netuid: int, stake_netuid: int) -> int:
    """The stake of ``hotkey`` on ``stake_netuid``, less what its children on ``netuid`` take,
    plus what its parents on ``netuid`` give (U96F32, floored to u64)."""
    initial = U96F32.saturating_from_num(st.TotalHotkeyAlpha.get(ext, hotkey, stake_netuid))
    to_children = U96F32.ZERO
    for proportion, _child in st.ChildKeys.get(ext, hotkey, netuid):
        to_children = to_children.saturating_add(initial.saturating_mul(_proportion(proportion)))
    from_parents = U96F32.ZERO
    for proportion, parent in st.ParentKeys.get(ext, hotkey, netuid):
        parent_stake = U96F32.saturating_from_num(
            st.TotalHotkeyAlpha.get(ext, parent, stake_netuid))
        from_parents = from_parents.saturating_add(
            parent_stake.saturating_mul(_proportion(proportion)))
    return initial.saturating_sub(to_children).saturating_add(from_parents).saturating_to_u64()


def stake_weight(ext: Externalities, hotkey: bytes, netuid: int) -> I64F64:
    """``get_stake_weights_for_hotkey_on_subnet`` total: inherited alpha + inherited root TAO ×
    ``TaoWeight / u64::MAX`` (I64F64, saturating)."""
    tao_weight = I64F64.saturating_from_num(
        U96F32.saturating_from_num(st.TaoWeight.get(ext)).safe_div(
            U96F32.saturating_from_num(U64_MAX)))
    if netuid == ROOT_NETUID:
        alpha = int(st.TotalHotkeyAlpha.get(ext, hotkey, ROOT_NETUID))
    else:
        alpha = _inherited(ext, hotkey, netuid, netuid)
    tao = _inherited(ext, hotkey, netuid, ROOT_NETUID)
    return I64F64.saturating_from_num(alpha).saturating_add(
        I64F64.saturating_from_num(tao).saturating_mul(tao_weight))


def check_weights_min_stake(ext: Externalities, hotkey: bytes, netuid: int) -> bool:
    """``check_weights_min_stake``: the subnet owner's hotkey passes; others need a stake
    weight of at least ``StakeThreshold``."""
    owner = owner_uid(ext, netuid)
    if owner is not None and uid_of(ext, netuid, hotkey) == owner:
        return True
    return stake_weight(ext, hotkey, netuid).to_fraction() >= int(st.StakeThreshold.get(ext))


def current_epoch_with_lookahead(ext: Externalities, netuid: int) -> int:
    """``current_epoch_with_lookahead``: ``SubnetEpochIndex``, plus one when the subnet's epoch
    is due in the current block (``should_run_epoch``)."""
    base = int(st.SubnetEpochIndex.get(ext, netuid))
    due = should_run_epoch(
        int(st.Tempo.get(ext, netuid)), int(st.PendingEpochAt.get(ext, netuid)),
        int(st.BlocksSinceLastStep.get(ext, netuid)), int(st.LastEpochBlock.get(ext, netuid)),
        current_block(ext))
    return min(base + 1, U64_MAX) if due else base
