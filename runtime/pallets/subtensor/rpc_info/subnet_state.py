"""``get_subnet_state``: a subnet's per-uid vectors and stakes.

Reference (subtensor 14bc6f9): ``rpc_info/show_subnet.rs`` and ``get_stake_weights_for_network``
(``staking/stake_utils.rs``). Per uid in ``0..SubnetworkN``: the hotkey (``Keys``, the zero
account when missing), its owner and registration block; the stored vectors as they are
(Active, ValidatorPermit, LastUpdate and Incentive at mechanism 0, Emission, Dividends,
Consensus); pruning_score, trust and rank are deprecated and empty; alpha and tao stakes are the
childkey-inherited stakes (0 for a uid without a hotkey) and total = alpha + tao × TaoWeight in
I64F64, each floored to u64; emission_history has one row per ``NetworksAdded`` key holding
``LastHotkeyEmissionOnNetuid`` of every hotkey.
"""

from __future__ import annotations

from typing import Any

from runtime.pallets.subtensor import storage as st
from runtime.pallets.subtensor.epoch_runner.inputs import (
    inherited_stake,
    stake_weight_bits,
    tao_weight_i64f64_bits,
)
from runtime.pallets.subtensor.rpc_info.subnets import all_subnet_netuids, subnet_exists
from runtime.primitives.externalities import Externalities

ROOT_NETUID = 0


def stake_weights(ext: Externalities, netuid: int, n: int
                  ) -> tuple[list[int], list[int], list[int]]:
    """``get_stake_weights_for_network`` floored to integers: (total, alpha, tao)."""
    tao_weight = tao_weight_i64f64_bits(int(st.TaoWeight.get(ext)))
    alpha: list[int] = []
    tao: list[int] = []
    for uid in range(n):
        if st.Keys.contains(ext, netuid, uid):
            hotkey = bytes(st.Keys.get(ext, netuid, uid))
            alpha.append(inherited_stake(ext, hotkey, netuid, netuid))
            tao.append(inherited_stake(ext, hotkey, netuid, ROOT_NETUID))
        else:
            alpha.append(0)
            tao.append(0)
    total = [stake_weight_bits(a, t, tao_weight) >> 64 for a, t in zip(alpha, tao, strict=True)]
    return total, alpha, tao


def emissions_history(ext: Externalities, hotkeys: list[bytes]) -> list[list[int]]:
    """``get_emissions_history``: per ``NetworksAdded`` key, each hotkey's last emission."""
    return [[int(st.LastHotkeyEmissionOnNetuid.get(ext, hotkey, netuid)) for hotkey in hotkeys]
            for netuid in all_subnet_netuids(ext)]


def subnet_state(ext: Externalities, netuid: int) -> dict[str, Any] | None:
    """``get_subnet_state``: None when the subnet does not exist."""
    if not subnet_exists(ext, netuid):
        return None
    n = int(st.SubnetworkN.get(ext, netuid))
    hotkeys = [bytes(st.Keys.get(ext, netuid, uid)) for uid in range(n)]
    total, alpha, tao = stake_weights(ext, netuid, n)
    return {
        "netuid": netuid, "hotkeys": hotkeys,
        "coldkeys": [bytes(st.Owner.get(ext, hotkey)) for hotkey in hotkeys],
        "active": list(st.Active.get(ext, netuid)),
        "validator_permit": list(st.ValidatorPermit.get(ext, netuid)),
        "pruning_score": [], "last_update": list(st.LastUpdate.get(ext, netuid)),
        "emission": list(st.Emission.get(ext, netuid)),
        "dividends": list(st.Dividends.get(ext, netuid)),
        "incentives": list(st.Incentive.get(ext, netuid)),
        "consensus": list(st.Consensus.get(ext, netuid)), "trust": [], "rank": [],
        "block_at_registration": [int(st.BlockAtRegistration.get(ext, netuid, uid))
                                  for uid in range(n)],
        "alpha_stake": alpha, "tao_stake": tao, "total_stake": total,
        "emission_history": emissions_history(ext, hotkeys),
    }
