"""Invariants of the Balances pallet, as code (``do_try_state`` and the tests' ``ensure_ti_valid``
in ``substrate/frame/balances/src/{lib.rs,tests/mod.rs}``).

:func:`try_state` walks ``System.Account`` and the Balances maps and returns every broken rule
as a message (empty when all hold); replay and tests run it after blocks.
"""

from __future__ import annotations

from runtime.frame import system
from runtime.pallets.balances.pallet import (
    EXISTENTIAL_DEPOSIT,
    MAX_FREEZES,
    Freezes,
    Holds,
    Locks,
    TotalIssuance,
)
from runtime.pallets.balances.types import HOLD_REASON_VARIANT_COUNT
from runtime.primitives.externalities import Externalities


def sum_of_balances(ext: Externalities) -> int:
    """free + reserved summed over every ``System.Account`` entry."""
    return sum(info.data.free + info.data.reserved for _, info in system.Account.iter(ext))


def try_state(ext: Externalities) -> list[str]:
    """Every broken Balances invariant, as a message."""
    problems = []
    total = sum_of_balances(ext)
    if total != TotalIssuance.get(ext):
        problems.append(f"TotalIssuance {TotalIssuance.get(ext)} != sum of balances {total}")
    for (who,), info in system.Account.iter(ext):
        data = info.data
        if data.free < EXISTENTIAL_DEPOSIT and data.reserved == 0 and data.free != 0:
            problems.append(f"0x{bytes(who).hex()}: free {data.free} is dust")
    for (who,), holds in Holds.iter(ext):
        if len(holds) > HOLD_REASON_VARIANT_COUNT:
            problems.append(f"0x{bytes(who).hex()}: Found `Hold` with too many elements")
    for (who,), freezes in Freezes.iter(ext):
        if len(freezes) > MAX_FREEZES:
            problems.append(f"0x{bytes(who).hex()}: Found `Freeze` with too many elements")
        if max((f.amount for f in freezes), default=0) > system.account(ext, who).data.frozen:
            problems.append(f"0x{bytes(who).hex()}: bad freezes")
    for (who,), locks in Locks.iter(ext):
        if max((lock.amount for lock in locks), default=0) > system.account(ext, who).data.frozen:
            problems.append(f"0x{bytes(who).hex()}: bad locks")
    return problems
