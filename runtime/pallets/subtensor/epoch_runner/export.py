"""A subnet mechanism's epoch inputs as the ``tensorchain epoch`` JSON document.

``tensorchain epoch`` reads the format of :mod:`runtime.pallets.subtensor.epoch.jsonio`; this
module fills it from storage with exactly what :func:`run_epoch_on_chain` would feed the epoch,
so a researcher can dump a subnet, edit it, and explain its epoch uid by uid. The stake is the
I64F64 stake weight of §1.2: its integer part in ``stake`` and, where non-zero, its fraction in
``stake_fraction`` (units of 2**-64), so the dump reproduces the on-chain result exactly.
"""

from __future__ import annotations

from typing import Any

from runtime.pallets.subtensor import storage as st
from runtime.pallets.subtensor.epoch.jsonio import inputs_to_json
from runtime.pallets.subtensor.epoch_runner.inputs import read_epoch_inputs
from runtime.pallets.subtensor.epoch_runner.mechanisms import split_emissions
from runtime.primitives.externalities import Externalities

U64_MAX = (1 << 64) - 1


def pending_epoch_emission(ext: Externalities, netuid: int, mech_id: int) -> int:
    """The share of mechanism ``mech_id`` in the subnet's pending server + validator + root
    emission: what its next epoch would distribute if it ran now (0 for an unknown mechanism)."""
    total = min(int(st.PendingServerEmission.get(ext, netuid))
                + int(st.PendingValidatorEmission.get(ext, netuid))
                + int(st.PendingRootAlphaDivs.get(ext, netuid)), U64_MAX)
    shares = split_emissions(ext, netuid, total)
    return shares[mech_id] if mech_id < len(shares) else 0


def export_subnet(ext: Externalities, netuid: int, mech_id: int = 0,
                  rao_emission: int | None = None) -> dict[str, Any]:
    """The JSON document (parsed form) of mechanism ``mech_id`` of ``netuid`` at the current
    block; ``rao_emission`` defaults to :func:`pending_epoch_emission`."""
    if rao_emission is None:
        rao_emission = pending_epoch_emission(ext, netuid, mech_id)
    document = inputs_to_json(read_epoch_inputs(ext, netuid, mech_id, rao_emission))
    document["netuid"] = netuid
    document["mech_id"] = mech_id
    return document
