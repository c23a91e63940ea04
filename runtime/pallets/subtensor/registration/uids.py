"""Adding a neuron to a subnet's uid slots, or replacing one (spec/subtensor.md §5.2).

Reference (subtensor 14bc6f9): ``subnets/uids.rs`` (``append_neuron``, ``replace_neuron``,
``clear_neuron``) and ``utils/misc.rs`` (``set_last_update_for_uid``, ``set_active_for_uid``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from runtime.frame.storage import StorageItem
from runtime.pallets.subtensor import storage as st
from runtime.primitives.externalities import Externalities

GLOBAL_MAX_SUBNET_COUNT = 4096
U16_MAX = 0xFFFF


def mechanism_indices(ext: Externalities, netuid: int) -> list[int]:
    """``get_mechanism_storage_index`` for every current mechanism: mecid × 4096 + netuid."""
    count = int(st.MechanismCountCurrent.get(ext, netuid))
    return [min(mecid * GLOBAL_MAX_SUBNET_COUNT + netuid, U16_MAX) for mecid in range(count)]


def _push(item: StorageItem, ext: Externalities, key: int, value: Any) -> None:
    item.insert(ext, key, [*item.get(ext, key), value])


def _set_at(item: StorageItem, ext: Externalities, key: int, position: int, value: Any) -> None:
    """``mutate(key, set_element_at)``: write ``value`` at ``position`` if the vector has it
    (the vector is written back either way, as FRAME's ``mutate`` does)."""
    values = list(item.get(ext, key))
    if position < len(values):
        values[position] = value
    item.insert(ext, key, values)


def _set_if_present(item: StorageItem, ext: Externalities, key: int, position: int,
                    value: Any) -> None:
    """``set_active_for_uid``: write only when the vector has the position."""
    values = list(item.get(ext, key))
    if position < len(values):
        values[position] = value
        item.insert(ext, key, values)


def set_last_update_for_uid(ext: Externalities, netuid_index: int, uid: int,
                            block: int) -> None:
    """``set_last_update_for_uid`` over ``get_last_update``: the mechanism's LastUpdate padded
    with zeros to SubnetworkN of its netuid (index mod 4096), then ``block`` written at
    ``uid`` if the vector has it."""
    values = list(st.LastUpdate.get(ext, netuid_index))
    target = int(st.SubnetworkN.get(ext, netuid_index % GLOBAL_MAX_SUBNET_COUNT))
    values.extend([0] * max(target - len(values), 0))
    if uid < len(values):
        values[uid] = block
        st.LastUpdate.insert(ext, netuid_index, values)


def append_neuron(ext: Externalities, netuid: int, hotkey: bytes, block: int) -> int:
    """``append_neuron``: uid = SubnetworkN; grow every per-uid vector; link hotkey and uid.
    Returns the new uid."""
    uid = int(st.SubnetworkN.get(ext, netuid))
    st.SubnetworkN.insert(ext, netuid, min(uid + 1, U16_MAX))
    _push(st.Active, ext, netuid, True)
    _push(st.Emission, ext, netuid, 0)
    _push(st.Consensus, ext, netuid, 0)
    for index in mechanism_indices(ext, netuid):
        _push(st.Incentive, ext, index, 0)
        set_last_update_for_uid(ext, index, uid, block)
    _push(st.Dividends, ext, netuid, 0)
    _push(st.ValidatorTrust, ext, netuid, 0)
    _push(st.ValidatorPermit, ext, netuid, False)
    _link(ext, netuid, uid, hotkey, block)
    return uid


def _link(ext: Externalities, netuid: int, uid: int, hotkey: bytes, block: int) -> None:
    st.Keys.insert(ext, netuid, uid, hotkey)
    st.Uids.insert(ext, netuid, hotkey, uid)
    st.BlockAtRegistration.insert(ext, netuid, uid, block)
    st.IsNetworkMember.insert(ext, hotkey, netuid, True)


def _zero_weights_to(uid: int) -> Callable[[Any], list[tuple[int, int]]]:
    return lambda row: [(dest, 0 if dest == uid else weight) for dest, weight in row]


def clear_neuron(ext: Externalities, netuid: int, uid: int) -> None:
    """``clear_neuron``: zero the uid's emission, consensus, incentive, dividends, stake
    weight, validator trust and permit; drop its bonds and weights rows; zero every weight
    pointing to it."""
    _set_at(st.Emission, ext, netuid, uid, 0)
    _set_at(st.Consensus, ext, netuid, uid, 0)
    for index in mechanism_indices(ext, netuid):
        _set_at(st.Incentive, ext, index, uid, 0)
        st.Bonds.remove(ext, index, uid)
        st.Weights.remove(ext, index, uid)
        for (row_uid,) in list(st.Weights.iter_keys(ext, index)):
            st.Weights.mutate(ext, index, row_uid, _zero_weights_to(uid))
    _set_at(st.Dividends, ext, netuid, uid, 0)
    _set_at(st.StakeWeight, ext, netuid, uid, 0)
    _set_at(st.ValidatorTrust, ext, netuid, uid, 0)
    _set_at(st.ValidatorPermit, ext, netuid, uid, False)


def replace_neuron(ext: Externalities, netuid: int, uid: int, hotkey: bytes, block: int) -> None:
    """``replace_neuron``: give ``uid`` to ``hotkey`` (never the SubnetOwnerHotkey's slot):
    unlink the old hotkey (and its EVM key, axon, certificate, prometheus), link the new one
    active, clear the slot and restart its LastUpdate at ``block``."""
    old = bytes(st.Keys.get(ext, netuid, uid))
    owner_hotkey = st.SubnetOwnerHotkey.try_get(ext, netuid)
    if owner_hotkey is not None and bytes(owner_hotkey) == old:
        return
    st.Uids.remove(ext, netuid, old)
    st.AssociatedEvmAddress.remove(ext, netuid, uid)
    st.IsNetworkMember.remove(ext, old, netuid)
    st.Keys.remove(ext, netuid, uid)
    _set_if_present(st.Active, ext, netuid, uid, True)
    _link(ext, netuid, uid, hotkey, block)
    st.Axons.remove(ext, netuid, old)
    st.NeuronCertificates.remove(ext, netuid, old)
    st.Prometheus.remove(ext, netuid, old)
    clear_neuron(ext, netuid, uid)
    for index in mechanism_indices(ext, netuid):
        set_last_update_for_uid(ext, index, uid, block)
