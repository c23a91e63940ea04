"""Epochs on chain: read a subnet from storage, run Yuma Consensus, persist the results (§1, §3.6).

Modules:

- :mod:`.inputs`: storage → :class:`EpochInputs` (stake through childkeys and tao weight,
  cleaned weight/bond rows, commit-reveal commit blocks, hyperparameters);
- :mod:`.persist`: :class:`EpochOutputs` → storage (§1.12);
- :mod:`.mechanisms`: the emission split across mechanisms and the per-netuid aggregate (§3.7);
- :mod:`.scheduler_hook`: the per-block part of ``drain_pending`` (§3.6) over storage;
- :mod:`.export`: a subnet as the ``tensorchain epoch`` JSON document.

**The emission seam.** The alpha an epoch distributes is the subnet's drained pending emission
(server + validator + root, §3.9 step 1), which the coinbase accumulates and
:func:`.scheduler_hook.drain_pending` takes. :func:`run_subnet_epochs` takes that amount as
``rao_emission`` and returns, per hotkey, the (server, validator) alpha the epoch assigns:
that list is what ``distribute_emission`` (§3.9 steps 2–5: childkey split, alpha/root split,
stake payments, owner cut) consumes. Nothing here pays anyone.
"""

from __future__ import annotations

from dataclasses import dataclass

from runtime.pallets.subtensor import storage as st
from runtime.pallets.subtensor.epoch import EpochOutputs, run_epoch
from runtime.pallets.subtensor.epoch_runner.inputs import read_epoch_inputs, read_keys
from runtime.pallets.subtensor.epoch_runner.mechanisms import (
    aggregate,
    mechanism_weight,
    split_emissions,
)
from runtime.pallets.subtensor.epoch_runner.persist import (
    NetuidTerms,
    persist_mechanism_terms,
    persist_netuid_terms,
)
from runtime.primitives.externalities import Externalities


@dataclass(frozen=True, slots=True)
class SubnetEpochResult:
    """What one subnet's epoch hands to the coinbase's distribution.

    ``hotkey_emission`` is ``(hotkey, server_emission, validator_emission)`` per keyed uid in
    hotkey byte order (the reference's ``BTreeMap<AccountId, _>`` order); ``mechanisms`` holds
    each mechanism's raw outputs and ``terms`` the aggregated per-netuid terms.
    """

    netuid: int
    rao_emission: int
    mechanisms: tuple[EpochOutputs, ...]
    terms: NetuidTerms
    hotkey_emission: tuple[tuple[bytes, int, int], ...]


def run_epoch_on_chain(ext: Externalities, netuid: int, mech_id: int, rao_emission: int
                       ) -> EpochOutputs:
    """Run one mechanism's epoch on storage and persist it as a single-mechanism subnet does.

    Reads the inputs (:func:`.inputs.read_epoch_inputs`), runs the sparse epoch, writes the
    mechanism terms (``Incentive``/``Bonds`` under ``mech_id × 4096 + netuid``) and the netuid
    terms (with one mechanism its weight is 1, so they are the outputs unchanged) and returns the
    outputs, whose ``server_emission`` / ``validator_emission`` split ``rao_emission`` per uid.
    Does not touch the scheduler's bookkeeping nor ``LastMechansimStepBlock``.
    """
    inputs = read_epoch_inputs(ext, netuid, mech_id, rao_emission)
    outputs = run_epoch(inputs)
    keys = read_keys(ext, netuid)
    persist_mechanism_terms(ext, netuid, mech_id, outputs, keys)
    persist_netuid_terms(ext, netuid, NetuidTerms.from_outputs(outputs), keys)
    return outputs


def run_subnet_epochs(ext: Externalities, netuid: int, rao_emission: int) -> SubnetEpochResult:
    """``epoch_with_mechanisms``: split ``rao_emission`` across the subnet's mechanisms, run and
    persist each mechanism's epoch, persist the aggregated netuid terms, and return the
    per-hotkey emission for the coinbase (spec §3.7, §3.9 step 1)."""
    keys = read_keys(ext, netuid)
    outputs: list[EpochOutputs] = []
    weights: list[int] = []
    for mech_id, sub_emission in enumerate(split_emissions(ext, netuid, rao_emission)):
        out = run_epoch(read_epoch_inputs(ext, netuid, mech_id, sub_emission))
        persist_mechanism_terms(ext, netuid, mech_id, out, keys)
        outputs.append(out)
        weights.append(mechanism_weight(sub_emission, rao_emission, mech_id))
    n = int(st.SubnetworkN.get(ext, netuid))
    terms = aggregate(outputs, weights, n)
    persist_netuid_terms(ext, netuid, terms, keys)
    emission = tuple(sorted(
        (hotkey, terms.server_emission[uid], terms.validator_emission[uid])
        for hotkey, uid in keys.uid_of.items() if uid < n))
    return SubnetEpochResult(netuid, rao_emission, tuple(outputs), terms, emission)


__all__ = ["SubnetEpochResult", "run_epoch_on_chain", "run_subnet_epochs"]
