"""Write an epoch's outputs to storage (spec §1.12).

Reference: ``epoch/run_epoch.rs`` (``persist_mechanism_epoch_terms``,
``persist_netuid_epoch_terms``) at subtensor 14bc6f9.

The chain keeps its epoch terms in a map keyed by hotkey and writes them sorted by uid, so
the persisted vectors hold one entry per *keyed* uid (:attr:`SubnetKeys.keyed_uids`). For a
consistent subnet (every uid 0..n-1 has its own hotkey) that is simply the uid order; the
bond rows are written at positions 0, 1, ... of that list, as the chain writes them.

Per mechanism (``NetUidStorageIndex``): ``Incentive``, every uid's ``Bonds`` row (empty rows
are stored, not removed) and the ``IncentiveAlphaEmittedToMiners`` event. Per netuid:
``Active``, ``Emission``, ``Consensus``, ``Dividends``, ``ValidatorTrust``,
``ValidatorPermit``, ``StakeWeight`` — with several mechanisms, the aggregate of
:mod:`.mechanisms`.
"""

from __future__ import annotations

from dataclasses import dataclass

from runtime.frame.system import deposit_event
from runtime.pallets.subtensor import events
from runtime.pallets.subtensor import storage as st
from runtime.pallets.subtensor.epoch import EpochOutputs
from runtime.pallets.subtensor.epoch_runner.inputs import SubnetKeys, netuid_index
from runtime.primitives.externalities import Externalities


@dataclass(frozen=True, slots=True)
class NetuidTerms:
    """The per-netuid epoch terms of every uid (index = uid), as persisted and paid out.

    ``server_emission`` / ``validator_emission`` are the alpha amounts the coinbase pays to
    miners and validators (summed across mechanisms); the rest are the stored vectors.
    """

    active: list[bool]
    emission: list[int]
    consensus: list[int]
    dividends: list[int]
    validator_trust: list[int]
    validator_permit: list[bool]
    stake_weight: list[int]
    server_emission: list[int]
    validator_emission: list[int]

    @classmethod
    def from_outputs(cls, outputs: EpochOutputs) -> NetuidTerms:
        """The terms of a single-mechanism epoch: its outputs unchanged."""
        return cls(
            active=[bool(v) for v in outputs.active],
            emission=[int(v) for v in outputs.emission],
            consensus=[int(v) for v in outputs.consensus],
            dividends=[int(v) for v in outputs.dividends],
            validator_trust=[int(v) for v in outputs.validator_trust],
            validator_permit=[bool(v) for v in outputs.validator_permit],
            stake_weight=[int(v) for v in outputs.stake_weight],
            server_emission=[int(v) for v in outputs.server_emission],
            validator_emission=[int(v) for v in outputs.validator_emission],
        )


def persist_mechanism_terms(ext: Externalities, netuid: int, mech_id: int,
                            outputs: EpochOutputs, keys: SubnetKeys) -> None:
    """Store ``Incentive`` and ``Bonds`` under the mechanism's storage index; emit
    ``IncentiveAlphaEmittedToMiners(netuid_index, server emission by keyed uid)``."""
    index = netuid_index(netuid, mech_id)
    uids = [uid for uid in keys.keyed_uids if uid < len(outputs.active)]
    st.Incentive.insert(ext, index, [int(outputs.incentive[uid]) for uid in uids])
    deposit_event(ext, events.IncentiveAlphaEmittedToMiners(
        index, [int(outputs.server_emission[uid]) for uid in uids]))
    for position, uid in enumerate(uids):
        st.Bonds.insert(ext, index, position, outputs.bonds.row(uid))


def persist_netuid_terms(ext: Externalities, netuid: int, terms: NetuidTerms,
                         keys: SubnetKeys) -> None:
    """Store the per-netuid vectors of §1.12 (one entry per keyed uid, in uid order)."""
    uids = [uid for uid in keys.keyed_uids if uid < len(terms.active)]
    st.Active.insert(ext, netuid, [terms.active[uid] for uid in uids])
    st.Emission.insert(ext, netuid, [terms.emission[uid] for uid in uids])
    st.Consensus.insert(ext, netuid, [terms.consensus[uid] for uid in uids])
    st.Dividends.insert(ext, netuid, [terms.dividends[uid] for uid in uids])
    st.ValidatorTrust.insert(ext, netuid, [terms.validator_trust[uid] for uid in uids])
    st.ValidatorPermit.insert(ext, netuid, [terms.validator_permit[uid] for uid in uids])
    st.StakeWeight.insert(ext, netuid, [terms.stake_weight[uid] for uid in uids])
