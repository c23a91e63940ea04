"""The per-block registration step the block step runs first (spec §3.1 step 1, §5.2).

Reference (subtensor 14bc6f9): ``subnets/registration.rs::update_registration_prices_for_networks``
called from ``coinbase/block_step.rs::block_step``. Not a hook of its own: the coinbase's
``on_initialize`` must call :func:`update_registration_prices_for_networks` before it runs the
coinbase, every block.
"""

from __future__ import annotations

from runtime.pallets.subtensor import storage as st
from runtime.pallets.subtensor.coinbase.burn import decayed_burn
from runtime.pallets.subtensor.coinbase.scheduler import should_run_epoch
from runtime.pallets.subtensor.registration.accounts import ROOT_NETUID, current_block
from runtime.primitives.externalities import Externalities


def _root_epoch_due(ext: Externalities, block: int) -> bool:
    return should_run_epoch(
        int(st.Tempo.get(ext, ROOT_NETUID)), int(st.PendingEpochAt.get(ext, ROOT_NETUID)),
        int(st.BlocksSinceLastStep.get(ext, ROOT_NETUID)),
        int(st.LastEpochBlock.get(ext, ROOT_NETUID)), block)


def update_registration_prices_for_networks(ext: Externalities) -> None:
    """For every ``NetworksAdded`` netuid (key order): decay Burn by its half-life (not at
    blocks 0 and 1) and clamp it to [MinBurn, MaxBurn], writing it only when it changed;
    reset RegistrationsThisBlock to 0; on root, reset RegistrationsThisInterval when root's
    epoch is due this block."""
    block = current_block(ext)
    for (netuid,) in list(st.NetworksAdded.iter_keys(ext)):
        burn = int(st.Burn.get(ext, netuid))
        new_burn = decayed_burn(burn, int(st.BurnHalfLife.get(ext, netuid)),
                                int(st.MinBurn.get(ext, netuid)),
                                int(st.MaxBurn.get(ext, netuid)), block)
        if new_burn != burn:
            st.Burn.insert(ext, netuid, new_burn)
        st.RegistrationsThisBlock.insert(ext, netuid, 0)
        if netuid == ROOT_NETUID and _root_epoch_due(ext, block):
            st.RegistrationsThisInterval.insert(ext, netuid, 0)
