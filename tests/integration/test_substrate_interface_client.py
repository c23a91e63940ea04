"""Issue 6 acceptance with substrate-interface 1.8.1 in its own environment.

substrate-interface (py-substrate-interface) reads V14 metadata through ``state_getMetadata``,
takes its nonce from ``AccountNonceApi_account_nonce`` and signs with its own sr25519 ``Keypair``:
so here every byte of the transfer, signature included, comes from the client library. The real
``tensorchain dev`` (instant sealing) runs as a subprocess; the library's venv python
(``TENSORCHAIN_SI_PYTHON``, built and set by ``make test``) runs the probe below over a real
WebSocket and prints one JSON report.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

from runtime.genesis import DEV_ENDOWMENT
from runtime.primitives.keys import DEV_ACCOUNTS
from tests.integration.dev_node import running_dev_node

AMOUNT = 10**9
DEST = DEV_ACCOUNTS["Charlie"].sr25519.ss58_address

PROBE = """
import json, sys
from substrateinterface import Keypair, SubstrateInterface

url, dest, amount = sys.argv[1], sys.argv[2], int(sys.argv[3])
report = {"step": "connect"}
try:
    substrate = SubstrateInterface(url=url, ss58_format=42)
    report["chain"] = substrate.chain
    alice = Keypair.create_from_uri("//Alice")
    report["step"] = "query"
    report["alice_free_before"] = substrate.query("System", "Account", [alice.ss58_address]
                                                  ).value["data"]["free"]
    report["dest_free_before"] = substrate.query("System", "Account", [dest]
                                                 ).value["data"]["free"]
    report["spec_version"] = substrate.runtime_version
    report["step"] = "submit"
    call = substrate.compose_call("Balances", "transfer_keep_alive",
                                  {"dest": dest, "value": amount})
    extrinsic = substrate.create_signed_extrinsic(call=call, keypair=alice)
    receipt = substrate.submit_extrinsic(extrinsic, wait_for_inclusion=True,
                                         wait_for_finalization=True)
    report["is_success"] = receipt.is_success
    report["error_message"] = receipt.error_message
    report["fee"] = receipt.total_fee_amount
    report["events"] = [[e.value["module_id"], e.value["event_id"]]
                        for e in receipt.triggered_events]
    report["step"] = "after"
    report["dest_free_after"] = substrate.query("System", "Account", [dest]
                                                ).value["data"]["free"]
    report["alice_nonce_after"] = substrate.get_account_nonce(alice.ss58_address)
    report["step"] = None
except Exception as error:  # report the library's own failure to the test
    report["error"] = f"{type(error).__name__}: {error}"
print(json.dumps(report, default=str))
"""


def si_python() -> str:
    """The substrate-interface venv's python, or skip (the only reason this test skips)."""
    python = os.environ.get("TENSORCHAIN_SI_PYTHON")
    if not python:
        pytest.skip("TENSORCHAIN_SI_PYTHON is unset: it must name a venv python with "
                    "substrate-interface 1.8.1 (make test builds it and sets it)")
    assert Path(python).exists(), f"TENSORCHAIN_SI_PYTHON={python} does not exist"
    return python


def _run_probe(python: str, ws_url: str) -> dict[str, Any]:
    done = subprocess.run([python, "-c", PROBE, ws_url, DEST, str(AMOUNT)], capture_output=True,
                          text=True, timeout=180, check=False)
    assert done.returncode == 0 and done.stdout.strip(), (
        f"the substrate-interface probe exited with {done.returncode}:\n{done.stdout}\n"
        f"{done.stderr}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def test_substrate_interface_signs_and_transfers_on_the_dev_node(tmp_path: Path) -> None:
    python = si_python()
    with running_dev_node(tmp_path, "--sealing", "instant") as node:
        report = _run_probe(python, node.ws_url)
        log = node.output()
    assert report["step"] is None and "error" not in report, (
        f"substrate-interface failed at step {report['step']!r}: {report.get('error')}\n"
        f"node log tail:\n{log[-3000:]}")
    assert report["spec_version"] == 425
    assert report["alice_free_before"] == DEV_ENDOWMENT
    assert report["is_success"] is True, report["error_message"]
    assert report["fee"] > 0
    assert ["Balances", "Transfer"] in report["events"]
    assert ["System", "ExtrinsicSuccess"] in report["events"]
    assert report["dest_free_after"] == report["dest_free_before"] + AMOUNT
    assert report["alice_nonce_after"] == 1
