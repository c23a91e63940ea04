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
