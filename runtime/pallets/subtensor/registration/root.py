"""Joining the root network: ``root_register`` (62), spec/subtensor.md §5.2 ("Root") and §6.1.

Reference (subtensor 14bc6f9): ``coinbase/root.rs::do_root_register``, ``staking/helpers.rs``
(``delegate_hotkey``), ``macros/dispatches.rs`` and ``weights.rs``. Root keeps the legacy
per-block and per-interval admission counters; a full root admits a hotkey only by replacing
the member with the least root stake (``TotalHotkeyAlpha[hotkey, 0]``).
"""

from __future__ import annotations

from runtime.frame.dispatch import Origin, ensure_signed
from runtime.frame.system import deposit_event
from runtime.pallets.subtensor import errors, events
from runtime.pallets.subtensor import storage as st
from runtime.pallets.subtensor.pallet import CALL_INDICES, subtensor
from runtime.pallets.subtensor.registration import accounts
from runtime.pallets.subtensor.registration.neurons import db_weight
from runtime.pallets.subtensor.registration.uids import append_neuron, replace_neuron
from runtime.primitives.externalities import Externalities
from runtime.primitives.scale.common import AccountId32

ROOT = accounts.ROOT_NETUID
ROOT_DELEGATE_TAKE = 11_796
"""The take (≈ 18 %) a root member becomes a delegate with, if it is not one yet."""
U16_MAX = 0xFFFF
U64_MAX = (1 << 64) - 1

ROOT_REGISTER_WEIGHT = db_weight(103_934_000, 4981, 19, 16)


def _root_stake(ext: Externalities, hotkey: bytes) -> int:
    """``get_stake_for_hotkey_on_subnet(hotkey, root)``: ``TotalHotkeyAlpha[hotkey][0]``."""
    return int(st.TotalHotkeyAlpha.get(ext, hotkey, ROOT))


def _replace_lowest_stake(ext: Externalities, hotkey: bytes, block: int) -> int:
    """A full root: the first member (uid key order) with the least root stake gives way if
    ``hotkey`` has strictly more (StakeTooLowForRoot); HotKeyNotRegisteredInSubNet when that
    uid has no hotkey. Returns the uid."""
    lowest_stake, lowest_uid = U64_MAX, 0
    for (uid,), member in st.Keys.iter(ext, ROOT):
        stake = _root_stake(ext, bytes(member))
        if stake < lowest_stake:
            lowest_stake, lowest_uid = stake, int(uid)
    if not st.Keys.contains(ext, ROOT, lowest_uid):
        raise errors.HotKeyNotRegisteredInSubNet()
    if not lowest_stake < _root_stake(ext, hotkey):
        raise errors.StakeTooLowForRoot()
    replace_neuron(ext, ROOT, lowest_uid, hotkey, block)
    return lowest_uid


@subtensor.call(CALL_INDICES["root_register"], [("hotkey", AccountId32, "T::AccountId")],
                weight=ROOT_REGISTER_WEIGHT)
def root_register(ext: Externalities, origin: Origin, hotkey: bytes) -> None:
    """Register ``hotkey`` on the root network (netuid 0); no payment.

    Spec §5.2. Origin: signed (the coldkey). Checks in order: root exists
    (RootNetworkDoesNotExist); signed (BadOrigin); RegistrationsThisBlock[0] <
    MaxRegistrationsPerBlock[0] (TooManyRegistrationsThisBlock);
    RegistrationsThisInterval[0] < 3 × TargetRegistrationsPerInterval[0]
    (TooManyRegistrationsThisInterval); hotkey not on root (HotKeyAlreadyRegisteredInSubNet);
    hotkey not a subnet account (CannotUseSystemAccount; a new hotkey is created for the
    caller, an existing one is not checked for ownership); when SubnetworkN[0] ≥
    MaxAllowedUids[0], more root stake than the lowest member (StakeTooLowForRoot). Effects:
    uid appended or the lowest-stake member replaced; the hotkey becomes a delegate with an
    18 % take unless it already is one; both root counters + 1. Events:
    NeuronRegistered(0, uid, hotkey).
    """
    if not accounts.subnet_exists(ext, ROOT):
        raise errors.RootNetworkDoesNotExist()
    coldkey = ensure_signed(origin)
    if int(st.RegistrationsThisBlock.get(ext, ROOT)) >= int(
            st.MaxRegistrationsPerBlock.get(ext, ROOT)):
        raise errors.TooManyRegistrationsThisBlock()
    interval_cap = min(int(st.TargetRegistrationsPerInterval.get(ext, ROOT)) * 3, U16_MAX)
    if int(st.RegistrationsThisInterval.get(ext, ROOT)) >= interval_cap:
        raise errors.TooManyRegistrationsThisInterval()
    if st.Uids.contains(ext, ROOT, hotkey):
        raise errors.HotKeyAlreadyRegisteredInSubNet()
    accounts.create_account_if_non_existent(ext, coldkey, hotkey)
    block = accounts.current_block(ext)
    if int(st.SubnetworkN.get(ext, ROOT)) < int(st.MaxAllowedUids.get(ext, ROOT)):
        uid = append_neuron(ext, ROOT, hotkey, block)
    else:
        uid = _replace_lowest_stake(ext, hotkey, block)
    if not st.Delegates.contains(ext, hotkey):
        st.Delegates.insert(ext, hotkey, ROOT_DELEGATE_TAKE)
    for counter in (st.RegistrationsThisInterval, st.RegistrationsThisBlock):
        counter.mutate(ext, ROOT, lambda v: min(int(v) + 1, U16_MAX))
    deposit_event(ext, events.NeuronRegistered(ROOT, uid, hotkey))
