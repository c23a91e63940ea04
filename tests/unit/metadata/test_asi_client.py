"""Our V15 metadata loaded by the real async-substrate-interface 2.2.1 (opt-in, slow).

That client refuses to import next to the py-scale-codec distribution of the main virtualenv
(spec/clients.md §0.2), so it runs in its own interpreter: set ``TENSORCHAIN_ASI_PYTHON`` to the
python of a venv made with ``python3 -m venv /tmp/asi && /tmp/asi/bin/pip install
async-substrate-interface==2.2.1``. The subprocess does what ``SubstrateInterface.init_runtime``
and ``runtime_call`` do with a ``Metadata_metadata_at_version(15)`` answer, offline.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from runtime.metadata import MetadataProvider
from runtime.primitives.scale import encode_compact
from tests.unit.metadata import sample_runtime as sample

ALICE = bytes.fromhex("d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d")

PROBE = """
import json, sys
from scalecodec.base import RuntimeConfigurationObject, ScaleBytes
from scalecodec.type_registry import load_type_registry_preset
from async_substrate_interface.types import (
    Runtime, _decode_option_opaque_metadata, _decode_v15_metadata)
from async_substrate_interface.utils.decoding import _determine_if_old_runtime_call

inner = _decode_option_opaque_metadata(open(sys.argv[1], "rb").read())
config = RuntimeConfigurationObject(ss58_format=42)
config.update_type_registry(load_type_registry_preset("core"))
metadata = _decode_v15_metadata(inner, runtime_config=config)
runtime = Runtime("tensorchain", metadata, type_registry={}, runtime_config=config,
                  metadata_v15=metadata, runtime_info={"specVersion": 425,
                                                       "transactionVersion": 1})
method = runtime.runtime_api_map["SwapRuntimeApi"]["sim_swap_alpha_for_tao"]
params = {"netuid": 3, "alpha": 10**9}
encoded = b"".join(
    runtime.runtime_config.create_scale_object(f"scale_info::{p['ty']}").encode(
        params[p["name"]]).data for p in method["inputs"])
output = runtime.runtime_config.create_scale_object(
    f"scale_info::{method['output']}", data=ScaleBytes(bytes(range(1, 33)))).decode()
call = runtime.runtime_config.create_scale_object("Call", metadata=runtime.metadata).encode({
    "call_module": "Balances", "call_function": "transfer_keep_alive",
    "call_args": {"dest": "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY", "value": 12345}})
print(json.dumps({"old": _determine_if_old_runtime_call(method, runtime),
                  "params": encoded.hex(), "output": output, "call": call.data.hex()}))
"""


def test_async_substrate_interface_loads_v15_and_encodes(tmp_path: Path) -> None:
    python = os.environ.get("TENSORCHAIN_ASI_PYTHON")
    if not python or not Path(python).exists():
        pytest.skip("set TENSORCHAIN_ASI_PYTHON to a venv python with async-substrate-interface")
    answer = tmp_path / "metadata_at_version_15.bin"
    answer.write_bytes(MetadataProvider(sample.sample_metadata()).metadata_at_version(15))
    result = subprocess.run([python, "-c", PROBE, str(answer)], capture_output=True, text=True,
                            timeout=120, check=True)
    report = json.loads(result.stdout)
    assert report["old"] is False
    assert report["params"] == "0300" + (10**9).to_bytes(8, "little").hex()
    assert report["output"] == dict(zip(
        ("tao_amount", "alpha_amount", "tao_fee", "alpha_fee"),
        (int.from_bytes(bytes(range(1 + 8 * i, 9 + 8 * i)), "little") for i in range(4)),
        strict=True))
    assert report["call"] == ("050300" + ALICE.hex() + encode_compact(12345).hex())
