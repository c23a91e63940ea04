"""Several mechanisms (§3.7): the emission split, per-mechanism storage, the netuid aggregate."""

from __future__ import annotations

from runtime.pallets.subtensor import storage as st
from runtime.pallets.subtensor.epoch import run_epoch
from runtime.pallets.subtensor.epoch_runner import run_epoch_on_chain, run_subnet_epochs
from runtime.pallets.subtensor.epoch_runner.inputs import netuid_index, read_epoch_inputs
from runtime.pallets.subtensor.epoch_runner.mechanisms import (
    mechanism_weight,
    split_amount,
    weighted_acc,
)
from tests.unit.epoch_runner.helpers import NETUID, add_subnet, new_state


def test_split_even_uneven_and_leftover_to_mechanism_zero() -> None:
    """Unset: floor(E/m) each; set: floor(E × s/65535); leftovers to mechanism 0."""
    assert split_amount(10, 3, None) == [4, 3, 3]
    assert split_amount(1000, 2, [16383, 49152]) == [250, 750]
    assert split_amount(1000, 2, [65535]) == [1000, 0]
    assert split_amount(1000, 1, [30000, 35535]) == [1000]


def test_mechanism_weight_and_weighted_accumulation() -> None:
    """Weight = share of E in U64F64 (mechanism 0 gets 1 when E = 0); acc floors each step."""
    assert mechanism_weight(250, 1000, 1) == 1 << 62
    assert mechanism_weight(0, 0, 0) == 1 << 64 and mechanism_weight(0, 0, 1) == 0
    assert weighted_acc(10, 65535, 1 << 62, 65535) == 10 + 16383
    assert weighted_acc(65000, 65535, 1 << 64, 65535) == 65535


def test_single_mechanism_subnet_epoch_equals_run_epoch_on_chain() -> None:
    """With one mechanism the aggregate is the mechanism's outputs."""
    ext = new_state()
    add_subnet(ext, n=7, seed=21)
    want = run_epoch(read_epoch_inputs(ext, NETUID, 0, 5000))
    result = run_subnet_epochs(ext, NETUID, 5000)
    assert result.mechanisms[0].as_lists() == want.as_lists()
    assert st.Dividends.get(ext, NETUID) == want.dividends.tolist()
    assert st.Emission.get(ext, NETUID) == want.emission.tolist()
    other = new_state()
    add_subnet(other, n=7, seed=21)
    run_epoch_on_chain(other, NETUID, 0, 5000)
    assert sorted(other.changes()) == sorted(ext.changes())


def test_two_mechanisms_persist_per_index_and_aggregate_per_netuid() -> None:
    """Mechanism 1 reads and writes under 4096 + netuid; netuid vectors are the weighted sums."""
    ext = new_state()
    keys = add_subnet(ext, n=6, seed=31)
    index = netuid_index(NETUID, 1)
    rows = {uid: st.Weights.get(ext, NETUID, (uid + 1) % 6) for uid in range(6)}
    for uid, row in rows.items():
        st.Weights.insert(ext, index, uid, row)
    st.LastUpdate.insert(ext, index, st.LastUpdate.get(ext, NETUID))
    st.MechanismCountCurrent.insert(ext, NETUID, 2)
    st.MechanismEmissionSplit.insert(ext, NETUID, [16383, 49152])
    e0, e1 = split_amount(1_000_000, 2, [16383, 49152])
    assert (e0, e1) == (249_989, 750_011)
    out0 = run_epoch(read_epoch_inputs(ext, NETUID, 0, e0))
    out1 = run_epoch(read_epoch_inputs(ext, NETUID, 1, e1))
    result = run_subnet_epochs(ext, NETUID, 1_000_000)
    assert st.Incentive.get(ext, NETUID) == out0.incentive.tolist()
    assert st.Incentive.get(ext, index) == out1.incentive.tolist()
    assert st.Bonds.get(ext, index, 2) == out1.bonds.row(2)
    w0, w1 = mechanism_weight(e0, 1_000_000, 0), mechanism_weight(e1, 1_000_000, 1)
    want = [weighted_acc(weighted_acc(0, int(a), w0, 65535), int(b), w1, 65535)
            for a, b in zip(out0.dividends, out1.dividends, strict=True)]
    assert st.Dividends.get(ext, NETUID) == want
    assert st.Active.get(ext, NETUID) == [bool(a or b) for a, b in
                                          zip(out0.active, out1.active, strict=True)]
    by_key = {k: (s, v) for k, s, v in result.hotkey_emission}
    assert by_key[keys[3]] == (int(out0.server_emission[3] + out1.server_emission[3]),
                               int(out0.validator_emission[3] + out1.validator_emission[3]))
    assert [k for k, _s, _v in result.hotkey_emission] == sorted(keys)
