"""Pure coinbase arithmetic of the SubtensorModule (spec/subtensor.md §2, §3, §5.2).

Modules: :mod:`.block_emission` (halving), :mod:`.burn` (registration burn decay and bump),
:mod:`.split` (subnet shares, tao_in/alpha_in/alpha_out, injection cap, owner cut),
:mod:`.moving_price` (price EMA), :mod:`.scheduler` (when epochs run). Functions take plain
values read from storage and return plain values to be written; none touches storage.
"""

from __future__ import annotations

from runtime.pallets.subtensor.coinbase.block_emission import (
    DEFAULT_BLOCK_EMISSION,
    TOTAL_SUPPLY,
    block_emission_for_issuance,
    mintable_amount,
)
from runtime.pallets.subtensor.coinbase.burn import (
    DEFAULT_BURN_INCREASE_MULT,
    bumped_burn,
    decay_factor_q32,
    decayed_burn,
    mul_by_q32,
    pow_q32,
)
from runtime.pallets.subtensor.coinbase.moving_price import (
    DEFAULT_EMA_PRICE_HALVING_BLOCKS,
    DEFAULT_MOVING_ALPHA,
    moving_alpha_price,
    updated_moving_price,
)
from runtime.pallets.subtensor.coinbase.scheduler import (
    EpochAction,
    EpochDecision,
    EpochSchedule,
    blocks_until_next_auto_epoch,
    initial_last_epoch_block,
    legacy_blocks_until_next_epoch,
    next_epoch_start_block,
    schedule_epochs,
    should_run_epoch,
)
from runtime.pallets.subtensor.coinbase.split import (
    ParticipantSplit,
    SubnetCoinbase,
    SubnetCoinbaseInput,
    SubnetTerms,
    emission_shares,
    owner_cut_fraction,
    participant_split,
    price_shares,
    root_proportion,
    root_sell_flag,
    split_block_emission,
    subnet_block_emissions,
    subnet_terms,
    tao_weight_from_stored,
)

__all__ = [
    "DEFAULT_BLOCK_EMISSION",
    "DEFAULT_BURN_INCREASE_MULT",
    "DEFAULT_EMA_PRICE_HALVING_BLOCKS",
    "DEFAULT_MOVING_ALPHA",
    "TOTAL_SUPPLY",
    "EpochAction",
    "EpochDecision",
    "EpochSchedule",
    "ParticipantSplit",
    "SubnetCoinbase",
    "SubnetCoinbaseInput",
    "SubnetTerms",
    "block_emission_for_issuance",
    "blocks_until_next_auto_epoch",
    "bumped_burn",
    "decay_factor_q32",
    "decayed_burn",
    "emission_shares",
    "initial_last_epoch_block",
    "legacy_blocks_until_next_epoch",
    "mintable_amount",
    "moving_alpha_price",
    "mul_by_q32",
    "next_epoch_start_block",
    "owner_cut_fraction",
    "participant_split",
    "pow_q32",
    "price_shares",
    "root_proportion",
    "root_sell_flag",
    "schedule_epochs",
    "should_run_epoch",
    "split_block_emission",
    "subnet_block_emissions",
    "subnet_terms",
    "tao_weight_from_stored",
    "updated_moving_price",
]
