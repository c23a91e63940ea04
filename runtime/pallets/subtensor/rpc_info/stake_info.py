"""``StakeInfoRuntimeApi``: a coldkey's stakes as ``StakeInfo`` values.

Reference (subtensor 14bc6f9): ``rpc_info/stake_info.rs``. For each coldkey, netuids in
``NetworksAdded`` key order, then the coldkey's ``StakingHotkeys`` in stored order: one entry per
non-zero alpha stake (the share-pool value of the coldkey's shares). ``emission`` is the
hotkey's ``AlphaDividendsPerSubnet``; ``locked``, ``tao_emission`` and ``drain`` are always 0;
``is_registered`` is whether ``Uids[netuid, hotkey]`` exists. The single-position query answers
even for a zero stake.
"""

from __future__ import annotations

from typing import Any

from runtime.pallets.subtensor import storage as st
from runtime.pallets.subtensor.rpc_info.subnets import all_subnet_netuids
from runtime.pallets.subtensor.staking.shares import stake_of
from runtime.primitives.externalities import Externalities


def _entry(ext: Externalities, hotkey: bytes, coldkey: bytes, netuid: int, alpha: int
           ) -> dict[str, Any]:
    """One ``StakeInfo``."""
    return {
        "hotkey": hotkey, "coldkey": coldkey, "netuid": netuid, "stake": alpha, "locked": 0,
        "emission": int(st.AlphaDividendsPerSubnet.get(ext, netuid, hotkey)),
        "tao_emission": 0, "drain": 0,
        "is_registered": st.Uids.contains(ext, netuid, hotkey),
    }


def _for_coldkey(ext: Externalities, coldkey: bytes, netuids: list[int]) -> list[dict[str, Any]]:
    hotkeys = [bytes(h) for h in st.StakingHotkeys.get(ext, coldkey)]
    entries = []
    for netuid in netuids:
        for hotkey in hotkeys:
            alpha = stake_of(ext, hotkey, coldkey, netuid)
            if alpha:
                entries.append(_entry(ext, hotkey, coldkey, netuid, alpha))
    return entries


def stake_info_for_coldkeys(ext: Externalities, coldkey_accounts: list[bytes]
                            ) -> list[tuple[bytes, list[dict[str, Any]]]]:
    """``get_stake_info_for_coldkeys``: (coldkey, stakes) for each coldkey given, in order."""
    netuids = all_subnet_netuids(ext)
    return [(bytes(c), _for_coldkey(ext, bytes(c), netuids)) for c in coldkey_accounts]


def stake_info_for_coldkey(ext: Externalities, coldkey_account: bytes) -> list[dict[str, Any]]:
    """``get_stake_info_for_coldkey``: the coldkey's non-zero stakes."""
    return _for_coldkey(ext, bytes(coldkey_account), all_subnet_netuids(ext))


def stake_info_for_hotkey_coldkey_netuid(ext: Externalities, hotkey_account: bytes,
                                         coldkey_account: bytes, netuid: int
                                         ) -> dict[str, Any]:
    """``get_stake_info_for_hotkey_coldkey_netuid``: always Some, zero stake included."""
    hotkey, coldkey = bytes(hotkey_account), bytes(coldkey_account)
    return _entry(ext, hotkey, coldkey, netuid, stake_of(ext, hotkey, coldkey, netuid))
