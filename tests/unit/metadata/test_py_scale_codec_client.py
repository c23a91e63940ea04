"""Our V14 metadata read by pure-Python py-scale-codec 1.2.12 (substrate-interface's decoder).

Opt-in and slow: in the main virtualenv cyscale's compiled modules shadow py-scale-codec's
(spec/clients.md §0.2), so the pure package runs in its own interpreter. Set
``TENSORCHAIN_PSC_PYTHON`` to the python of ``python3 -m venv /tmp/psc &&
/tmp/psc/bin/pip install scalecodec==1.2.12``. The subprocess composes a call, decodes a signed
extrinsic and ``System.Events`` with SS58 output, as substrate-interface does.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from runtime.metadata import encode_metadata_v14
from runtime.primitives.era import IMMORTAL
from runtime.primitives.scale import Vec, encode_compact
from runtime.primitives.ss58 import ss58_encode
from tests.unit.metadata import sample_runtime as sample

ALICE = bytes.fromhex("d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d")
BOB = bytes.fromhex("8eaf04151687736326c9fea17e25fc5287613693c912909cb226aa4794f26a48")

PROBE = """
import json, sys
from scalecodec.base import RuntimeConfigurationObject, ScaleBytes
from scalecodec.type_registry import load_type_registry_preset

config = RuntimeConfigurationObject(ss58_format=42)
config.update_type_registry(load_type_registry_preset("core"))
metadata = config.create_scale_object("MetadataVersioned",
                                      data=ScaleBytes(open(sys.argv[1], "rb").read()))
metadata.decode()
config.add_portable_registry(metadata)
call = config.create_scale_object("Call", metadata=metadata).encode({
    "call_module": "Balances", "call_function": "transfer_keep_alive",
    "call_args": {"dest": sys.argv[4], "value": 12345}})
extrinsic = config.create_scale_object(
    "Extrinsic", data=ScaleBytes(bytes.fromhex(sys.argv[2])), metadata=metadata).decode()
entry = metadata.get_metadata_pallet("System").get_storage_function("Events")
events = config.create_scale_object(
    entry.get_value_type_string(), data=ScaleBytes(bytes.fromhex(sys.argv[3]))).decode()
print(json.dumps({"call": call.data.hex(), "extrinsic": extrinsic, "events": events},
                 default=str))
"""


def _signed_transfer() -> bytes:
    call = sample.OUTER_ENUMS.call_type.encode(
        ("Balances", ("transfer_keep_alive", {"dest": ("Id", BOB), "value": 10**9})))
    extra = IMMORTAL.encode() + encode_compact(5) + encode_compact(0) + b"\x00"
    body = b"\x84\x00" + ALICE + b"\x01" + bytes(range(64)) + extra + call
    return encode_compact(len(body)) + body


def test_py_scale_codec_reads_v14(tmp_path: Path) -> None:
    python = os.environ.get("TENSORCHAIN_PSC_PYTHON")
    if not python or not Path(python).exists():
        pytest.skip("set TENSORCHAIN_PSC_PYTHON to a venv python with scalecodec==1.2.12")
    path = tmp_path / "metadata_v14.bin"
    path.write_bytes(encode_metadata_v14(sample.sample_metadata()))
    record = {"phase": ("ApplyExtrinsic", 1), "topics": [],
              "event": ("Balances", ("Transfer", {"from": ALICE, "to": BOB, "amount": 7}))}
    events = Vec(sample.EventRecord).encode([record])
    args = [python, "-c", PROBE, str(path), _signed_transfer().hex(), events.hex(),
            ss58_encode(ALICE, 42)]
    report = json.loads(subprocess.run(args, capture_output=True, text=True, timeout=120,
                                       check=True).stdout)
    assert report["call"] == "050300" + ALICE.hex() + encode_compact(12345).hex()
    extrinsic = report["extrinsic"]
    assert (extrinsic["address"], extrinsic["nonce"], extrinsic["tip"]) == (
        ss58_encode(ALICE, 42), 5, 0)
    assert [a["value"] for a in extrinsic["call"]["call_args"]] == [ss58_encode(BOB, 42), 10**9]
    (event,) = report["events"]
    assert (event["module_id"], event["event_id"], event["extrinsic_idx"]) == (
        "Balances", "Transfer", 1)
    assert event["attributes"] == {"from": ss58_encode(ALICE, 42), "to": ss58_encode(BOB, 42),
                                   "amount": 7}
