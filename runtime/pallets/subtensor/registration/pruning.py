"""Which uid a full subnet gives up to a new registration (spec/subtensor.md §5.2, §5.3).

Reference (subtensor 14bc6f9): ``subnets/registration.rs`` (``get_immune_owner_tuples``,
``get_neuron_to_prune``) and ``utils/misc.rs::get_neuron_is_immune``. ``PruningScores`` no
longer exists: the candidate is the lowest last-epoch ``Emission`` (§5.3).
"""

from __future__ import annotations

from runtime.pallets.subtensor import storage as st
from runtime.pallets.subtensor.registration.accounts import current_block
from runtime.primitives.externalities import Externalities

Candidate = tuple[int, int, int]
"""(emission, registration block, uid): lower is a better pruning candidate."""


def neuron_is_immune(ext: Externalities, netuid: int, uid: int) -> bool:
    """``get_neuron_is_immune``: now − BlockAtRegistration < ImmunityPeriod (saturating)."""
    registered = int(st.BlockAtRegistration.get(ext, netuid, uid))
    return max(current_block(ext) - registered, 0) < int(st.ImmunityPeriod.get(ext, netuid))


def immune_owner_hotkeys(ext: Externalities, netuid: int, coldkey: bytes) -> list[bytes]:
    """``get_immune_owner_hotkeys``: the owner coldkey's registered hotkeys by (registration
    block, uid), cut to ``ImmuneOwnerUidsLimit``; ``SubnetOwnerHotkey`` (when registered and not
    already listed) goes first, and the list is cut to the limit again."""
    triples = []
    for raw in st.OwnedHotkeys.get(ext, coldkey):
        hotkey = bytes(raw)
        uid = st.Uids.get(ext, netuid, hotkey)
        if uid is not None:
            triples.append((int(st.BlockAtRegistration.get(ext, netuid, uid)), int(uid), hotkey))
    triples.sort(key=lambda t: (t[0], t[1]))
    limit = int(st.ImmuneOwnerUidsLimit.get(ext, netuid))
    immune = [(uid, hotkey) for _block, uid, hotkey in triples[:limit]]
    owner_hotkey = st.SubnetOwnerHotkey.try_get(ext, netuid)
    if owner_hotkey is not None:
        owner_uid = st.Uids.get(ext, netuid, bytes(owner_hotkey))
        if owner_uid is not None and (int(owner_uid), bytes(owner_hotkey)) not in immune:
            immune.insert(0, (int(owner_uid), bytes(owner_hotkey)))
            immune = immune[:limit]
    return [hotkey for _uid, hotkey in immune]


def _better(candidate: Candidate, best: Candidate | None) -> bool:
    return best is None or candidate < best


def neuron_to_prune(ext: Externalities, netuid: int) -> int | None:
    """``get_neuron_to_prune``: skipping owner-immortal hotkeys, the lowest (emission,
    registration block, uid) among non-immune uids if more than ``MinNonImmuneUids`` of them
    exist, else among immune ones; None when no uid qualifies."""
    n = int(st.SubnetworkN.get(ext, netuid))
    if n == 0:
        return None
    immortal = set(immune_owner_hotkeys(ext, netuid, bytes(st.SubnetOwner.get(ext, netuid))))
    emissions = st.Emission.get(ext, netuid)
    free_count = 0
    best_free: Candidate | None = None
    best_immune: Candidate | None = None
    for uid in range(n):
        hotkey = st.Keys.try_get(ext, netuid, uid)
        if hotkey is None or bytes(hotkey) in immortal:
            continue
        emission = int(emissions[uid]) if uid < len(emissions) else 0
        candidate = (emission, int(st.BlockAtRegistration.get(ext, netuid, uid)), uid)
        if neuron_is_immune(ext, netuid, uid):
            if _better(candidate, best_immune):
                best_immune = candidate
        else:
            free_count += 1
            if _better(candidate, best_free):
                best_free = candidate
    if best_free is not None and free_count > int(st.MinNonImmuneUids.get(ext, netuid)):
        return best_free[2]
    return None if best_immune is None else best_immune[2]
