"""AdminUtils fixed-point and mechanism globals, and the owner immune-uid limit."""

from __future__ import annotations

from runtime.frame.dispatch import ROOT, DispatchError
from runtime.pallets.admin_utils import pallet as au
from runtime.pallets.subtensor import errors
from runtime.pallets.subtensor import storage as st
from runtime.primitives.fixed import I96F32, U64F64
from tests.unit.admin_utils.helpers import NETUID, OWNER, call, failed_with, new_subnet, snapshot


def test_max_mechanism_count_out_of_range_fails() -> None:
    ext = new_subnet()
    before = snapshot(ext)
    zero = call(ext, ROOT, "sudo_set_max_mechanism_count", max_mechanism_count=0)
    assert failed_with(zero, errors.InvalidValue)
    high = call(ext, ROOT, "sudo_set_max_mechanism_count", max_mechanism_count=17)
    assert failed_with(high, errors.InvalidValue)
    assert snapshot(ext) == before
    assert call(ext, ROOT, "sudo_set_max_mechanism_count", max_mechanism_count=16).ok
    assert st.MaxMechanismCount.get(ext) == 16


def test_flow_exponent_outside_one_to_two_fails() -> None:
    ext = new_subnet()
    above = U64F64.from_bits(2 * (1 << 64) + 1)
    outcome = call(ext, ROOT, "sudo_set_tao_flow_normalization_exponent", exponent=above)
    assert failed_with(outcome, au.InvalidValue)
    half = U64F64.from_bits(3 << 63)
    assert call(ext, ROOT, "sudo_set_tao_flow_normalization_exponent", exponent=half).ok
    assert st.FlowNormExponent.get(ext).bits == 3 << 63


def test_owner_sets_moving_alpha_fails_bad_origin() -> None:
    ext = new_subnet()
    alpha = I96F32.from_bits(1 << 20)
    outcome = call(ext, OWNER, "sudo_set_subnet_moving_alpha", alpha=alpha)
    assert outcome.error == DispatchError.bad_origin()
    assert call(ext, ROOT, "sudo_set_subnet_moving_alpha", alpha=alpha).ok
    assert st.SubnetMovingAlpha.get(ext).bits == 1 << 20


def test_owner_immune_neuron_limit_bounds() -> None:
    ext = new_subnet()
    high = call(ext, OWNER, "sudo_set_owner_immune_neuron_limit", netuid=NETUID,
                immune_neurons=11)
    assert failed_with(high, errors.InvalidValue)
    assert call(ext, OWNER, "sudo_set_owner_immune_neuron_limit", netuid=NETUID,
                immune_neurons=10).ok
    assert st.ImmuneOwnerUidsLimit.get(ext, NETUID) == 10
