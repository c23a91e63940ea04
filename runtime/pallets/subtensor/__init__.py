"""SubtensorModule (pallet index 7): Bittensor's subnets, neurons, weights, consensus and stake.

Overview
    The declaration of the reference pallet (opentensor/subtensor at 14bc6f9, spec_version 425):
    every storage item with its hashers, key and value types, query kind and default; the
    ``Event`` and ``Error`` enums with their indices and fields; the metadata constants with the
    production runtime's values; and the call index table. The rules that use them (epoch,
    coinbase, registration, weights, staking) are written against these declarations.

Terminology
    - *netuid*: a subnet's id (u16); 0 is the root network.
    - *NetUidStorageIndex*: ``mech_id × 4096 + netuid``, the key of per-mechanism items
      (Weights, Bonds, Incentive, LastUpdate, weight commits); equal to the netuid for
      mechanism 0 (spec §0.1).
    - *hotkey* / *coldkey*: the operating and the owning account (AccountId32).
    - *rao*: 10^-9 TAO; TAO and alpha amounts are u64 counts of rao (``TaoBalance``,
      ``AlphaBalance``).

Implementations
    - :mod:`.pallet`: the :data:`subtensor` pallet object and :data:`CALL_INDICES`;
    - :mod:`.types`: SCALE types with the reference's metadata paths (AxonInfo, PrometheusInfo,
      ChainIdentityV2, SubnetIdentityV3, LockState, SafeFloat, fixed-point numbers, ...);
    - :mod:`.storage`: the storage items, by topic;
    - :mod:`.events`, :mod:`.errors`, :mod:`.constants`;
    - :mod:`.hyperparameters`: spec §7 as data (new-subnet values, globals, migrated values);
    - :mod:`.epoch`: Yuma Consensus as a pure function.

Usage
    ``from runtime.pallets.subtensor.storage import Tempo, SubnetTAO``;
    ``Tempo.get(ext, netuid)`` reads the value (360 when absent);
    ``raise errors.NotEnoughBalanceToStake()`` fails a dispatch with the module error;
    ``events.StakeAdded(coldkey, hotkey, tao, alpha, netuid, fee)`` builds an event.

Genesis config
    None is declared here; genesis state is written by the chain spec through these storage
    items.

Assumptions
    Values are those of the production runtime, not of the reference's "fast" test builds.
    Storage order on the pallet is the reference's declaration order (metadata order).
"""

from __future__ import annotations

from runtime.pallets.subtensor import calls as calls  # registers the calls
from runtime.pallets.subtensor import constants, errors, events, storage
from runtime.pallets.subtensor import registration as registration  # registers its calls
from runtime.pallets.subtensor import staking as staking  # registers the staking calls
from runtime.pallets.subtensor.pallet import CALL_INDICES, PALLET_INDEX, subtensor

__all__ = ["CALL_INDICES", "PALLET_INDEX", "constants", "errors", "events", "storage",
           "subtensor"]
