"""async-substrate-interface 2.2.1 (the library under btcli 9) loads the node's own V15 metadata.

It cannot be imported beside py-scale-codec in the main venv (spec/clients.md §0), so it runs in
its own venv (``make test`` builds it and sets ``TENSORCHAIN_ASI_PYTHON``) as a subprocess that
reads what ``state_call("Metadata_metadata_at_version", 15)`` returns, builds its ``Runtime``
exactly as on connect, resolves runtime APIs by name and composes a transfer.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from runtime.primitives.keys import DEV_ACCOUNTS
from runtime.primitives.scale import encode_compact
from tests.unit.runtime.test_apis_support import NODE

PROBE = """
import json, sys
from scalecodec.base import RuntimeConfigurationObject
from scalecodec.type_registry import load_type_registry_preset
from async_substrate_interface.types import (
    Runtime, _decode_option_opaque_metadata, _decode_v15_metadata)

inner = _decode_option_opaque_metadata(open(sys.argv[1], "rb").read())
config = RuntimeConfigurationObject(ss58_format=42)
config.update_type_registry(load_type_registry_preset("core"))
metadata = _decode_v15_metadata(inner, runtime_config=config)
runtime = Runtime("tensorchain", metadata, type_registry={}, runtime_config=config,
                  metadata_v15=metadata, runtime_info={"specVersion": 425,
                                                       "transactionVersion": 1})
nonce = runtime.runtime_api_map["AccountNonceApi"]["account_nonce"]
param = nonce["inputs"][0]
encoded = runtime.runtime_config.create_scale_object(f"scale_info::{param['ty']}").encode(
    sys.argv[2])
call = runtime.runtime_config.create_scale_object("Call", metadata=runtime.metadata).encode({
    "call_module": "Balances", "call_function": "transfer_keep_alive",
    "call_args": {"dest": sys.argv[2], "value": 12345}})
print(json.dumps({"apis": sorted(runtime.runtime_api_map), "param": param["name"],
                  "nonce_arg": encoded.data.hex(), "call": call.data.hex()}))
"""


def test_async_substrate_interface_loads_the_node_metadata_and_composes(tmp_path: Path) -> None:
    python = os.environ.get("TENSORCHAIN_ASI_PYTHON")
    if not python or not Path(python).exists():
        pytest.skip("set TENSORCHAIN_ASI_PYTHON to a venv python with async-substrate-interface "
                    "(make test does)")
    answer = tmp_path / "metadata_at_version_15.bin"
    answer.write_bytes(NODE.metadata.metadata_at_version(15))
    alice = DEV_ACCOUNTS["Alice"].sr25519
    result = subprocess.run([python, "-c", PROBE, str(answer), alice.ss58_address],
                            capture_output=True, text=True, timeout=120, check=True)
    report = json.loads(result.stdout)
    assert {"Core", "Metadata", "BlockBuilder", "TaggedTransactionQueue", "AccountNonceApi",
            "TransactionPaymentApi", "AuraApi", "GrandpaApi"} <= set(report["apis"])
    assert report["param"] == "account"
    assert report["nonce_arg"] == alice.account_id.hex()
    assert report["call"] == "050300" + alice.account_id.hex() + encode_compact(12345).hex()
