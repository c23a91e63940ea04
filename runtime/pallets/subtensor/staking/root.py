"""Root-stake bookkeeping done by staking (spec §4.3, root dividends §3.9).

Reference (subtensor 14bc6f9): ``staking/claim_root.rs``
(``add/remove_stake_adjust_root_claimed_for_hotkey_and_coldkey``,
``maybe_add_coldkey_index``, ``coldkey_has_root_stake``, ``maybe_remove_coldkey_index``).
Staking on root moves the coldkey's ``RootClaimed`` mark by the claimable rate × amount so
that new stake does not claim old dividends, and keeps the dense index of staking coldkeys
used by automatic root claims.
"""

from __future__ import annotations

from runtime.pallets.subtensor import storage as st
from runtime.pallets.subtensor.staking import shares
from runtime.primitives.externalities import Externalities
from runtime.primitives.fixed import I96F32

ROOT_NETUID = 0


def _claim_delta(rate: I96F32, amount: int) -> int:
    """rate × amount in I96F32, saturated into a u128 (negative → 0)."""
    return rate.saturating_mul(I96F32.saturating_from_num(amount)).saturating_to_int(128)


def add_stake_adjust_root_claimed(ext: Externalities, hotkey: bytes, coldkey: bytes,
                                  amount: int) -> None:
    """``RootClaimed[(netuid, hotkey, coldkey)] += rate × amount`` for every claimable
    subnet of the hotkey (u128, saturating)."""
    for netuid, rate in dict(st.RootClaimable.get(ext, hotkey)).items():
        claimed = int(st.RootClaimed.get(ext, netuid, hotkey, coldkey))
        st.RootClaimed.insert(ext, netuid, hotkey, coldkey,
                              min(claimed + _claim_delta(rate, amount), (1 << 128) - 1))


def remove_stake_adjust_root_claimed(ext: Externalities, hotkey: bytes, coldkey: bytes,
                                     amount: int) -> None:
    """``RootClaimed[(netuid, hotkey, coldkey)] −= rate × amount`` (saturating at 0) for every
    claimable subnet of the hotkey except root."""
    for netuid, rate in dict(st.RootClaimable.get(ext, hotkey)).items():
        if int(netuid) == ROOT_NETUID:
            continue
        claimed = int(st.RootClaimed.get(ext, netuid, hotkey, coldkey))
        st.RootClaimed.insert(ext, netuid, hotkey, coldkey,
                              max(claimed - _claim_delta(rate, amount), 0))


def maybe_add_coldkey_index(ext: Externalities, coldkey: bytes) -> None:
    """Give ``coldkey`` the next dense index if it has none."""
    if st.StakingColdkeys.contains(ext, coldkey):
        return
    count = int(st.NumStakingColdkeys.get(ext))
    st.StakingColdkeysByIndex.insert(ext, count, coldkey)
    st.StakingColdkeys.insert(ext, coldkey, count)
    st.NumStakingColdkeys.insert(ext, min(count + 1, (1 << 64) - 1))


def coldkey_has_root_stake(ext: Externalities, coldkey: bytes) -> bool:
    """Whether any of the coldkey's staking hotkeys holds root stake for it."""
    return any(shares.stake_of(ext, bytes(hotkey), coldkey, ROOT_NETUID)
               for hotkey in st.StakingHotkeys.get(ext, coldkey))


def maybe_remove_coldkey_index(ext: Externalities, coldkey: bytes) -> None:
    """Drop the coldkey's index, moving the last indexed coldkey into its slot."""
    if not st.StakingColdkeys.contains(ext, coldkey):
        return
    index = int(st.StakingColdkeys.get(ext, coldkey))
    st.StakingColdkeys.remove(ext, coldkey)
    last = max(int(st.NumStakingColdkeys.get(ext)) - 1, 0)
    moved = st.StakingColdkeysByIndex.get(ext, last) if index != last else None
    if moved is not None:
        st.StakingColdkeysByIndex.remove(ext, last)
        st.StakingColdkeysByIndex.insert(ext, index, bytes(moved))
        st.StakingColdkeys.insert(ext, bytes(moved), index)
    else:
        st.StakingColdkeysByIndex.remove(ext, index)
    st.NumStakingColdkeys.insert(ext, last)
