"""Property tests: sequences of transfers, force_set_balance and burn keep TotalIssuance equal
to the sum of all balances, change it only as each call defines, and a failed call inside a
transactional layer leaves the state root unchanged."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from runtime.frame.dispatch import ROOT, DispatchError, Signed
from runtime.pallets.balances import calls as bc
from runtime.pallets.balances import free_balance, total_balance
from runtime.pallets.balances.invariants import try_state
from runtime.pallets.balances.pallet import TotalIssuance
from runtime.primitives.scale import EnumValue
from tests.unit.pallets.helpers import clear_events, events, state_with

ACCOUNTS = [bytes([i + 10]) * 32 for i in range(4)]
AMOUNTS = st.one_of(st.integers(0, 2_000), st.integers(0, 60_000))

operation = st.one_of(
    st.tuples(st.just("transfer_allow_death"), st.sampled_from(ACCOUNTS),
              st.sampled_from(ACCOUNTS), AMOUNTS),
    st.tuples(st.just("transfer_keep_alive"), st.sampled_from(ACCOUNTS),
              st.sampled_from(ACCOUNTS), AMOUNTS),
    st.tuples(st.just("transfer_all"), st.sampled_from(ACCOUNTS), st.sampled_from(ACCOUNTS),
              st.booleans()),
    st.tuples(st.just("force_set_balance"), st.sampled_from(ACCOUNTS), AMOUNTS),
    st.tuples(st.just("burn"), st.sampled_from(ACCOUNTS), AMOUNTS, st.booleans()),
)


def _apply(ext: Any, op: tuple[Any, ...]) -> None:
    name = op[0]
    if name in ("transfer_allow_death", "transfer_keep_alive"):
        getattr(bc, name).function(ext, Signed(op[1]), EnumValue("Id", op[2]), op[3])
    elif name == "transfer_all":
        bc.transfer_all.function(ext, Signed(op[1]), EnumValue("Id", op[2]), op[3])
    elif name == "force_set_balance":
        bc.force_set_balance.function(ext, ROOT, EnumValue("Id", op[1]), op[2])
    else:
        bc.burn.function(ext, Signed(op[1]), op[2], op[3])


def _expected_issuance_delta(ext: Any, op: tuple[Any, ...], before: dict[bytes, int]) -> int:
    """What the call defines: dust and burns leave issuance; force_set_balance sets it."""
    emitted = events(ext)
    dust = sum(fields.amount for pallet, name, fields in emitted if name == "DustLost")
    if op[0] == "force_set_balance":
        return free_balance(ext, op[1]) - before[op[1]]
    if op[0] == "burn":
        burned = sum(fields.amount for pallet, name, fields in emitted if name == "Burned")
        return -(burned + dust)
    return -dust


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(500, 50_000), min_size=4, max_size=4),
       st.lists(operation, min_size=1, max_size=12))
def test_operations_keep_issuance_equal_to_balances(initial: list[int],
                                                    ops: list[tuple[Any, ...]]) -> None:
    ext = state_with(list(zip(ACCOUNTS, initial, strict=True)))
    for op in ops:
        clear_events(ext)
        issuance = TotalIssuance.get(ext)
        before = {who: free_balance(ext, who) for who in ACCOUNTS}
        root = ext.storage_root()
        ext.start_transaction()
        try:
            _apply(ext, op)
        except DispatchError:
            ext.rollback_transaction()
            assert ext.storage_root() == root
            continue
        ext.commit_transaction()
        assert TotalIssuance.get(ext) - issuance == _expected_issuance_delta(ext, op, before)
        assert TotalIssuance.get(ext) == sum(total_balance(ext, who) for who in ACCOUNTS)
        assert try_state(ext) == []
