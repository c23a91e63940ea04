"""Issue 6 acceptance with the real client: async-substrate-interface 2.2.1 (btcli 9's library).

The real ``tensorchain dev`` (instant sealing) runs as a subprocess; the ASI venv's python
(``TENSORCHAIN_ASI_PYTHON``, set by ``make test``) runs :mod:`tests.integration.asi_probe` over a
real WebSocket: initialise, runtime version, V15 metadata, ``System.Account`` of Alice, a signed
``Balances.transfer_keep_alive`` to a fresh account watched to finalization, its receipt, one
new-head notification, and the balances after. If the library fails a step the test fails with
the step's name and the library's error and traceback.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from runtime.genesis import DEV_ENDOWMENT
from runtime.primitives.keys import DEV_ACCOUNTS, keypair_from_seed
from tests.integration.dev_node import running_dev_node

ROOT = Path(__file__).resolve().parents[2]
PROBE = Path(__file__).with_name("asi_probe.py")
PROBE_TIMEOUT = 300.0
AMOUNT = 10**9


def asi_python() -> str:
    """The ASI venv's python, or skip (the only reason this test skips)."""
    python = os.environ.get("TENSORCHAIN_ASI_PYTHON")
    if not python:
        pytest.skip("TENSORCHAIN_ASI_PYTHON is unset: it must name a venv python with "
                    "async-substrate-interface 2.2.1 (make test builds it and sets it)")
    assert Path(python).exists(), f"TENSORCHAIN_ASI_PYTHON={python} does not exist"
    return python


def run_probe(python: str, ws_url: str, dest: str) -> dict[str, Any]:
    """Run the probe against ``ws_url``; its JSON report."""
    try:
        done = subprocess.run([python, str(PROBE), ws_url, sys.executable, str(ROOT), dest,
                               str(AMOUNT)], capture_output=True, text=True,
                              timeout=PROBE_TIMEOUT, cwd=ROOT, check=False)
    except subprocess.TimeoutExpired as error:
        raise AssertionError(f"the ASI probe did not finish within {PROBE_TIMEOUT} s:\n"
                             f"{error.stdout!r}\n{error.stderr!r}") from None
    assert done.returncode == 0 and done.stdout.strip(), (
        f"the ASI probe exited with {done.returncode}:\n{done.stdout}\n{done.stderr}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def test_async_substrate_interface_transfers_on_the_dev_node(tmp_path: Path) -> None:
    python = asi_python()
    alice = DEV_ACCOUNTS["Alice"].sr25519
    dest = keypair_from_seed(os.urandom(32)).ss58_address
    with running_dev_node(tmp_path, "--sealing", "instant") as node:
        report = run_probe(python, node.ws_url, dest)
        log = node.output()

    assert report["failed_step"] is None and "error" not in report, (
        f"async-substrate-interface failed at step {report['failed_step']!r} "
        f"(done: {report['steps']}): {report.get('error')}\n{report.get('traceback')}\n"
        f"node log tail:\n{log[-4000:]}")

    assert report["spec_version"] == 425
    assert report["runtime_info"]["specName"] == "node-subtensor"
    assert report["metadata_version"] == "V15"
    assert {"System", "Balances", "TransactionPayment", "SubtensorModule"} <= set(
        report["pallets"])

    assert report["alice"] == alice.ss58_address
    assert report["alice_account_before"]["data"]["free"] == DEV_ENDOWMENT

    assert report["is_success"] is True, report["error_message"]
    assert report["total_fee_amount"] > 0
    names = [(event["module_id"], event["event_id"]) for event in report["events"]]
    assert ("System", "ExtrinsicSuccess") in names
    assert ("Balances", "Transfer") in names
    transfer = next(event for event in report["events"] if event["event_id"] == "Transfer")
    assert transfer["attributes"] == {"from": alice.ss58_address, "to": dest, "amount": AMOUNT}

    assert len(report["heads"]) >= 1
    assert "number" in json.dumps(report["heads"][0])

    assert report["dest_account"]["data"]["free"] == AMOUNT
    assert report["alice_nonce_after"] == report["alice_nonce_before"] + 1
    assert report["alice_account_after"]["nonce"] == report["alice_account_before"]["nonce"] + 1
    # The dev chain's block author is Alice, so the fee comes back to her as a Balances.Deposit.
    deposits = sum(event["attributes"]["amount"] for event in report["events"]
                   if event["event_id"] == "Deposit" and event["module_id"] == "Balances"
                   and event["attributes"]["who"] == alice.ss58_address)
    assert report["alice_account_after"]["data"]["free"] == (
        DEV_ENDOWMENT - AMOUNT - report["total_fee_amount"] + deposits)
