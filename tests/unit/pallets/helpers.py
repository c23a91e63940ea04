"""Shared fixtures for pallet tests: a fresh state with endowed accounts and event reading."""

from __future__ import annotations

from typing import Any

from runtime.frame.system import Events, Phase
from runtime.pallets.balances import build_genesis
from runtime.pallets.balances.pallet import TotalIssuance
from runtime.primitives.externalities import Externalities
from runtime.primitives.scale import Enum, Field, Struct, Variant, Vec
from runtime.primitives.scale.common import H256
from tests.unit.frame.helpers import empty_state

ALICE = bytes([1]) * 32
BOB = bytes([2]) * 32
CHARLIE = bytes([3]) * 32
DAVE = bytes([4]) * 32


def state_with(balances: list[tuple[bytes, int]]) -> Any:
    """An empty state with the given genesis balances."""
    ext = empty_state()
    build_genesis(ext, balances)
    return ext


def events(ext: Externalities) -> list[tuple[str, str, Any]]:
    """(pallet, event, fields) of every deposited event, in order."""
    raw = ext.get(Events.storage_key())
    if raw is None:
        return []
    decoded = Vec(_record_type()).decode(raw)
    out = []
    for record in decoded:
        pallet_event = record.event
        inner = pallet_event.value
        out.append((pallet_event.variant, inner.variant, inner.value))
    return out


def event_names(ext: Externalities) -> list[str]:
    """``Pallet.Event`` names of every deposited event, in order."""
    return [f"{pallet}.{name}" for pallet, name, _ in events(ext)]


def clear_events(ext: Externalities) -> None:
    """Forget deposited events (as a new block does)."""
    ext.clear(Events.storage_key())


def _record_type() -> Any:
    from runtime.frame.system import system
    from runtime.pallets.balances.pallet import balances

    pallets = [system, balances, *_optional_pallets()]
    runtime_event = Enum("RuntimeEvent", [
        Variant(p.name, (Field(None, p.event_type()),), p.index) for p in pallets])
    return Struct("EventRecord", [("phase", Phase), ("event", runtime_event),
                                  ("topics", Vec(H256))])


def _optional_pallets() -> list[Any]:
    found = []
    for module in ("runtime.pallets.transaction_payment.pallet",
                   "runtime.pallets.utility.pallet", "runtime.pallets.sudo.pallet",
                   "runtime.pallets.grandpa.pallet"):
        try:
            loaded = __import__(module, fromlist=["PALLET"])
        except ImportError:
            continue
        found.append(loaded.PALLET)
    return found


def issuance_matches_accounts(ext: Externalities, accounts: list[bytes]) -> bool:
    """``TotalIssuance`` equals the sum of free + reserved over ``accounts``."""
    from runtime.pallets.balances import total_balance

    return TotalIssuance.get(ext) == sum(total_balance(ext, a) for a in accounts)
