"""SubtensorModule staking calls (spec/subtensor.md §4.3, §4.4, §6.1).

Reference: ``pallets/subtensor/src/staking/`` at subtensor 14bc6f9.

- :mod:`.accounts`: TAO between coldkeys, subnet accounts and the block author;
- :mod:`.shares`: a hotkey's alpha share pool in storage (AlphaV2 / TotalHotkeySharesV2);
- :mod:`.pool`: buying and selling alpha as staking books it (SubnetTAO, SubnetAlphaIn/Out,
  TotalStake, SubnetVolume); price 1 and 1:1 swaps for root and stable subnets;
- :mod:`.flows`: stake_into_subnet, unstake_from_subnet, within-subnet transfers, small
  nominations; :mod:`.root`: RootClaimed marks and the staking-coldkey index for root stake;
  :mod:`.validate`: the checks before any effect;
- :mod:`.stake_calls`: add_stake (2), remove_stake (3), add_stake_limit (88),
  remove_stake_limit (89), remove_stake_full_limit (103), unstake_all (83),
  unstake_all_alpha (84); :mod:`.move_calls`: move_stake (85), transfer_stake (86),
  swap_stake (87), swap_stake_limit (90).

Importing this package registers the calls on the ``subtensor`` pallet.
"""

from __future__ import annotations

from runtime.pallets.subtensor.staking import move_calls, stake_calls

__all__ = ["move_calls", "stake_calls"]
