"""The SubtensorModule pallet object (index 7) on which storage, events, errors and constants
are declared.

The declarations live by topic: :mod:`runtime.pallets.subtensor.storage` (every storage item of
``pallets/subtensor/src/lib.rs`` at subtensor 14bc6f9), :mod:`~runtime.pallets.subtensor.events`,
:mod:`~runtime.pallets.subtensor.errors` and :mod:`~runtime.pallets.subtensor.constants`.
Importing :mod:`runtime.pallets.subtensor` loads them all onto :data:`subtensor`.
"""

from __future__ import annotations

from runtime.frame.pallet import Pallet

PALLET_INDEX = 7
"""SubtensorModule's index in subtensor's ``construct_runtime!`` (spec §7.3)."""

subtensor = Pallet("SubtensorModule", PALLET_INDEX, docs=(
    "Bittensor's core pallet: subnets, neurons, weights, Yuma Consensus, staking pools and "
    "emission.",))

CALL_INDICES: dict[str, int] = {
    "set_weights": 0,
    "add_stake": 2,
    "remove_stake": 3,
    "serve_axon": 4,
    "serve_prometheus": 5,
    "register": 6,
    "burned_register": 7,
    "serve_axon_tls": 40,
    "register_network": 59,
    "faucet": 60,
    "dissolve_network": 61,
    "root_register": 62,
    "decrease_take": 65,
    "increase_take": 66,
    "set_children": 67,
    "set_identity": 68,
    "sudo_set_tx_childkey_take_rate_limit": 69,
    "swap_hotkey": 70,
    "swap_coldkey": 71,
    "swap_hotkey_v2": 72,
    "schedule_swap_coldkey": 73,
    "set_childkey_take": 75,
    "sudo_set_min_childkey_take": 76,
    "sudo_set_max_childkey_take": 77,
    "set_subnet_identity": 78,
    "register_network_with_identity": 79,
    "batch_set_weights": 80,
    "unstake_all": 83,
    "unstake_all_alpha": 84,
    "move_stake": 85,
    "transfer_stake": 86,
    "swap_stake": 87,
    "add_stake_limit": 88,
    "remove_stake_limit": 89,
    "swap_stake_limit": 90,
    "try_associate_hotkey": 91,
    "start_call": 92,
    "associate_evm_key": 93,
    "commit_weights": 96,
    "reveal_weights": 97,
    "batch_reveal_weights": 98,
    "commit_crv3_weights": 99,
    "batch_commit_weights": 100,
    "recycle_alpha": 101,
    "burn_alpha": 102,
    "remove_stake_full_limit": 103,
    "set_pending_childkey_cooldown": 109,
    "register_leased_network": 110,
    "terminate_lease": 111,
    "update_symbol": 112,
    "commit_timelocked_weights": 113,
    "set_coldkey_auto_stake_hotkey": 114,
    "commit_mechanism_weights": 115,
    "reveal_mechanism_weights": 116,
    "commit_crv3_mechanism_weights": 117,
    "commit_timelocked_mechanism_weights": 118,
    "set_mechanism_weights": 119,
    "root_dissolve_network": 120,
    "claim_root": 121,
    "set_root_claim_type": 122,
    "sudo_set_num_root_claims": 123,
    "sudo_set_root_claim_threshold": 124,
    "announce_coldkey_swap": 125,
    "swap_coldkey_announced": 126,
    "dispute_coldkey_swap": 127,
    "reset_coldkey_swap": 128,
    "enable_voting_power_tracking": 129,
    "disable_voting_power_tracking": 130,
    "sudo_set_voting_power_ema_alpha": 131,
    "add_stake_burn": 132,
    "clear_coldkey_swap_announcement": 133,
    "register_limit": 134,
    "set_auto_parent_delegation_enabled": 135,
    "lock_stake": 136,
    "move_lock": 137,
    "set_perpetual_lock": 138,
    "set_tempo": 139,
    "set_activity_cutoff_factor": 140,
    "trigger_epoch": 141,
    "set_reject_locked_alpha": 142,
}
"""Call name -> call index of every SubtensorModule call at subtensor 14bc6f9
(``#[pallet::call_index(n)]`` in ``macros/dispatches.rs``; spec §6.1 lists the common ones).

The calls themselves are declared with their logic elsewhere; whoever declares one must use the
index given here (``@subtensor.call(CALL_INDICES["add_stake"], ...)``), since the index is part
of every extrinsic's encoding. Indices are sparse: numbers that were retired are never reused.
``faucet`` (60) only acts in builds with the reference's ``pow-faucet`` feature.
"""
