"""Our SubtensorModule/Swap declarations through the metadata encoder and the clients' decoder.

The expected shapes were checked against real subtensor V15 metadata (bittensor's
``tests/helpers/integration_websocket_at_version.txt``, an older runtime): all 175 storage items
both runtimes have agree on hashers, modifier, default bytes, key and value types, and the 107
common events agree on field types except where 14bc6f9 changed them.
"""

from __future__ import annotations

from typing import Any

import pytest

import runtime.pallets.subtensor  # noqa: F401 - loads every declaration
from runtime.frame.metadata import pallet_metadata
from runtime.metadata import build_metadata_input, encode_metadata_v14
from runtime.pallets.subtensor.pallet import subtensor
from runtime.pallets.swap.pallet import swap

decoder = pytest.importorskip("tests.unit.metadata.decoder")
sample = pytest.importorskip("tests.unit.metadata.sample_runtime")


@pytest.fixture(scope="module")
def decoded() -> tuple[dict[int, Any], dict[str, Any]]:
    raw = encode_metadata_v14(build_metadata_input(
        [pallet_metadata(subtensor), pallet_metadata(swap)], sample.EXTENSIONS))
    _, metadata = decoder.decode_metadata(raw)
    body = decoder.body(metadata)
    types = {entry["id"]: entry["type"] for entry in body["types"]["types"]}
    return types, {p["name"]: p for p in body["pallets"]}


def _entry(pallets: dict[str, Any], pallet: str, name: str) -> dict[str, Any]:
    (entry,) = [e for e in pallets[pallet]["storage"]["entries"] if e["name"] == name]
    return entry


def test_netuid_and_balances_are_plain_integers_in_metadata(decoded) -> None:
    types, pallets = decoded
    tao = _entry(pallets, "SubtensorModule", "SubnetTAO")["type"]["Map"]
    assert types[tao["key"]]["def"] == {"primitive": "u16"}
    assert types[tao["value"]]["def"] == {"primitive": "u64"}


def test_fixed_point_carries_its_typenum_fraction(decoded) -> None:
    types, pallets = decoded
    price = types[_entry(pallets, "SubtensorModule", "SubnetMovingPrice")["type"]["Map"]["value"]]
    assert price["path"] == ["substrate_fixed", "FixedI128"]
    assert [f["name"] for f in price["def"]["composite"]["fields"]] == ["bits"]
    chain = []
    frac = price["params"][0]["type"]
    while types[frac]["path"][-1] == "UInt":
        msb, lsb = (f["type"] for f in types[frac]["def"]["composite"]["fields"])
        chain.append(types[lsb]["path"][-1])  # least significant bit first
        frac = msb
    assert types[frac]["path"] == ["substrate_typenum", "uint", "UTerm"]
    assert int("".join("1" if b == "B1" else "0" for b in reversed(chain)), 2) == 32


def test_every_declared_item_event_and_error_reaches_metadata(decoded) -> None:
    types, pallets = decoded
    module = pallets["SubtensorModule"]
    assert len(module["storage"]["entries"]) == 222
    assert len(types[module["event"]["ty"]]["def"]["variant"]["variants"]) == 137
    assert len(types[module["error"]["ty"]]["def"]["variant"]["variants"]) == 147
    assert len(module["constants"]) == 69
    assert len(pallets["Swap"]["storage"]["entries"]) == 5


def test_axon_info_path_and_fields_match_the_reference(decoded) -> None:
    types, pallets = decoded
    axon = types[_entry(pallets, "SubtensorModule", "Axons")["type"]["Map"]["value"]]
    assert axon["path"] == ["pallet_subtensor", "pallet", "AxonInfo"]
    assert [f["name"] for f in axon["def"]["composite"]["fields"]] == [
        "block", "version", "ip", "port", "ip_type", "protocol", "placeholder1", "placeholder2"]
