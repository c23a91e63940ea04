"""A subnet's epoch emission split across its mechanisms, and their terms aggregated (§3.7, §1.12).

Reference: ``subnets/mechanism.rs`` (``split_emissions``, ``weighted_acc_u16``,
``weighted_acc_alpha``, ``epoch_with_mechanisms``) at subtensor 14bc6f9.

* Split of E among m = ``MechanismCountCurrent`` mechanisms: floor(E / m) each when
  ``MechanismEmissionSplit`` is unset, else floor(E × split_k / 65535) (missing entries 0,
  extra entries dropped); what rounding leaves goes to mechanism 0.
* Weight of mechanism k: its emission / E as U64F64 (bits ``(e_k << 64) // E``); when E = 0
  mechanism 0 weighs 1 and the others 0.
* Aggregation per uid, mechanisms in order: server and validator emission summed; u16 terms and
  ``Emission`` accumulated as ``acc + floor(value × weight)`` (saturating to the type); the
  active flag and the new validator permit OR-ed.
"""

from __future__ import annotations

from collections.abc import Sequence

from runtime.pallets.subtensor import storage as st
from runtime.pallets.subtensor.epoch import EpochOutputs
from runtime.pallets.subtensor.epoch_runner.persist import NetuidTerms
from runtime.primitives.externalities import Externalities

U16_MAX = 65535
U64_MAX = (1 << 64) - 1
ONE_U64F64 = 1 << 64


def split_amount(alpha: int, count: int, split: Sequence[int] | None) -> list[int]:
    """``split_emissions``: ``alpha`` divided among ``count`` mechanisms (leftover to mech 0)."""
    if split is None:
        per = alpha // count if count else 0
        shares = [per] * count
    else:
        shares = [alpha * int(s) // U16_MAX for s in split][:count]
        shares += [0] * (count - len(shares))
    if shares:
        shares[0] = min(shares[0] + max(alpha - sum(shares), 0), U64_MAX)
    return shares


def split_emissions(ext: Externalities, netuid: int, alpha: int) -> list[int]:
    """The epoch emission of each of the subnet's mechanisms."""
    count = int(st.MechanismCountCurrent.get(ext, netuid))
    split = st.MechanismEmissionSplit.get(ext, netuid)
    return split_amount(alpha, count, None if split is None else [int(s) for s in split])


def mechanism_weight(sub_emission: int, total: int, mech_id: int) -> int:
    """U64F64 bits of ``sub_emission / total`` (1 for mechanism 0 and 0 otherwise if total = 0)."""
    if total == 0:
        return ONE_U64F64 if mech_id == 0 else 0
    return min((sub_emission << 64) // total, (1 << 128) - 1)


def weighted_acc(existing: int, added: int, weight: int, cap: int) -> int:
    """``existing + floor(added × weight)`` in U64F64, floored and saturated at ``cap``."""
    return min(existing + ((added * weight) >> 64), cap)


def aggregate(outputs: Sequence[EpochOutputs], weights: Sequence[int], n: int) -> NetuidTerms:
    """The per-netuid terms of n uids over several mechanism epochs (spec §1.12, last
    paragraph)."""
    terms = NetuidTerms([False] * n, [0] * n, [0] * n, [0] * n, [0] * n, [False] * n, [0] * n,
                        [0] * n, [0] * n)
    for out, w in zip(outputs, weights, strict=True):
        for uid in range(n):
            terms.server_emission[uid] = min(
                terms.server_emission[uid] + int(out.server_emission[uid]), U64_MAX)
            terms.validator_emission[uid] = min(
                terms.validator_emission[uid] + int(out.validator_emission[uid]), U64_MAX)
            terms.dividends[uid] = weighted_acc(terms.dividends[uid], int(out.dividends[uid]),
                                                w, U16_MAX)
            terms.stake_weight[uid] = weighted_acc(
                terms.stake_weight[uid], int(out.stake_weight[uid]), w, U16_MAX)
            terms.consensus[uid] = weighted_acc(terms.consensus[uid], int(out.consensus[uid]),
                                                w, U16_MAX)
            terms.validator_trust[uid] = weighted_acc(
                terms.validator_trust[uid], int(out.validator_trust[uid]), w, U16_MAX)
            terms.emission[uid] = weighted_acc(terms.emission[uid], int(out.emission[uid]), w,
                                               U64_MAX)
            terms.active[uid] |= bool(out.active[uid])
            terms.validator_permit[uid] |= bool(out.validator_permit[uid])
    return terms
