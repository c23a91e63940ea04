"""AdminUtils in the assembled runtime: composed at index 19, and the ``btcli sudo set`` root
path (``Sudo.sudo(AdminUtils.sudo_set_kappa(..))``) decoded from bytes and dispatched."""

from __future__ import annotations

from runtime.frame.dispatch import Signed
from runtime.node_runtime import node_runtime
from runtime.pallets.subtensor import events as ev
from runtime.pallets.subtensor import storage as st
from tests.unit.admin_utils.helpers import NETUID, OWNER, SUDO_KEY, deposited, new_subnet


def _sudo_set_kappa(kappa: int) -> bytes:
    inner = bytes([19, 16]) + NETUID.to_bytes(2, "little") + kappa.to_bytes(2, "little")
    return bytes([12, 0]) + inner


def test_node_runtime_composes_admin_utils_at_19() -> None:
    runtime = node_runtime().runtime
    assert runtime.pallet("AdminUtils").index == 19


def test_sudo_wrapped_kappa_from_bytes_succeeds() -> None:
    runtime = node_runtime().runtime
    ext = new_subnet()
    outcome = runtime.dispatch(ext, Signed(SUDO_KEY), runtime.decode_call(_sudo_set_kappa(99)))
    assert outcome.ok
    assert st.Kappa.get(ext, NETUID) == 99
    assert deposited(ext, ev.KappaSet(NETUID, 99))


def test_owner_signed_kappa_from_bytes_fails_bad_origin() -> None:
    runtime = node_runtime().runtime
    ext = new_subnet()
    outcome = runtime.dispatch(ext, Signed(OWNER), runtime.decode_call(_sudo_set_kappa(99)[2:]))
    assert outcome.error is not None and outcome.error.variant == "BadOrigin"
    assert st.Kappa.get(ext, NETUID) == 32_767
