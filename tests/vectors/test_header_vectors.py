"""header.json: real finney and Acala headers, the test-finney genesis header and the synthetic
Aura-sealed header — SCALE bytes, JSON-RPC form, hashes and pre-seal hashes; plus real Acala blocks
assembled from header.json headers and trie.json bodies."""

from __future__ import annotations

import struct

import pytest
import sr25519

from runtime.primitives.block import (
    AURA_ENGINE_ID,
    EMPTY_TRIE_ROOT,
    HEADER_TYPE,
    Block,
    Consensus,
    Header,
    PreRuntime,
    Seal,
    decode_digest_item,
    genesis_header,
)
from tests.shared_vectors import load, unhex

VECTORS = load("header")
FINNEY = VECTORS["bittensor_finney_headers"]["headers"]
ACALA = VECTORS["acala_headers"]["headers"]
KINDS = {"PreRuntime": PreRuntime, "Consensus": Consensus, "Seal": Seal}


def _check_digest(header: Header, decoded: list[dict]) -> None:
    assert len(header.digest.logs) == len(decoded)
    for item, expected in zip(header.digest.logs, decoded, strict=True):
        assert type(item) is KINDS[expected["kind"]]
        assert item.encode()[0] == expected["type_byte"]
        assert item.engine == unhex(expected["engine_id_hex"])
        assert item.data == unhex(expected["payload"]) and len(item.data) == expected["payload_len"]


@pytest.mark.parametrize("case", FINNEY, ids=lambda c: str(c["block_number"]))
def test_finney_header_scale_json_and_hash_agree(case: dict) -> None:
    encoded = unhex(case["encoded_header"])
    header = Header.decode(encoded)
    assert len(encoded) == case["encoded_length"]
    assert header.number == case["block_number"]
    assert header.encode() == encoded
    assert header.hash() == unhex(case["hash"])
    assert header.to_json() == case["json_rpc_header"]
    assert Header.from_json(case["json_rpc_header"]) == header
    _check_digest(header, case["digest_decoded"])


@pytest.mark.parametrize("case", FINNEY, ids=lambda c: str(c["block_number"]))
def test_finney_pre_seal_hash_and_aura_slot(case: dict) -> None:
    header = Header.decode(unhex(case["encoded_header"]))
    assert header.pre_seal_hash() == unhex(case["pre_seal_hash (what the Aura seal signs)"])
    assert header.digest.seal is not None and header.digest.seal.engine == AURA_ENGINE_ID
    slot_data = header.digest.pre_runtime(AURA_ENGINE_ID)
    assert slot_data is not None
    assert struct.unpack("<Q", slot_data)[0] == case["digest_decoded"][0]["aura_slot_u64"]


@pytest.mark.parametrize("case", FINNEY + ACALA, ids=lambda c: str(c["block_number"]))
def test_header_type_object_matches_dataclass_codec(case: dict) -> None:
    encoded = unhex(case["encoded_header"])
    value = HEADER_TYPE.decode(encoded)
    assert HEADER_TYPE.encode(value) == encoded
    assert value.number == case["block_number"]
    assert len(value.digest.logs) == len(case["digest_decoded"])


def test_finney_parent_and_child_link() -> None:
    by_number = {c["block_number"]: Header.decode(unhex(c["encoded_header"])) for c in FINNEY}
    assert by_number[6515548].parent_hash == by_number[6515547].hash()


@pytest.mark.parametrize("case", ACALA, ids=lambda c: str(c["block_number"]))
def test_acala_header_roundtrips_and_hashes(case: dict) -> None:
    encoded = unhex(case["encoded_header"])
    header = Header.decode(encoded)
    assert header.number == case["block_number"]
    assert header.encode() == encoded
    assert header.hash() == unhex(case["expected_hash"]) == unhex(case["hash"])
    assert Header.from_json(header.to_json()) == header
    _check_digest(header, case["digest_decoded"])


def test_acala_genesis_header_shape() -> None:
    header = Header.decode(unhex(ACALA[0]["encoded_header"]))
    assert header.number == 0 and header.parent_hash == bytes(32)
    assert header.digest.logs == () and header.to_json()["number"] == "0x0"


def test_testfinney_genesis_header_hash() -> None:
    case = VECTORS["testfinney_genesis"]
    header = Header.decode(unhex(case["encoded_header"]))
    assert (header.number, header.parent_hash, header.digest.logs) == (0, bytes(32), ())
    assert header.hash() == unhex(case["hash"])
    genesis = load("trie")["real_chain_genesis_v1"]
    assert header.state_root == unhex(genesis["state_root_v1"])
    assert header.hash() == unhex(genesis["expected_genesis_hash"])
    assert header.encode() == unhex(genesis["genesis_header_hex"])
    assert header.extrinsics_root == unhex(load("trie")["empty_trie_root"]) == EMPTY_TRIE_ROOT
    assert genesis_header(unhex(genesis["state_root_v1"])) == header


def test_synthetic_aura_header_pre_seal_hash_and_signature() -> None:
    case = VECTORS["synthetic_aura_sealed_header"]
    pre_seal = Header.decode(unhex(case["pre_seal_header"]))
    sealed = Header.decode(unhex(case["sealed_header"]))
    assert pre_seal.hash() == unhex(case["pre_hash"])
    assert sealed.pre_seal_hash() == unhex(case["pre_hash"])
    assert sealed.without_seal() == pre_seal
    assert sealed.hash() == unhex(case["sealed_header_hash"])
    seal = decode_digest_item(unhex(case["seal_digest_item"]))
    assert sealed.digest.seal == seal and seal.data == unhex(case["signature"])
    slot = struct.unpack("<Q", sealed.digest.pre_runtime(AURA_ENGINE_ID))[0]
    assert slot == case["slot"]
    signer = unhex(case["signer"].split()[-1])
    assert sr25519.verify(seal.data, unhex(case["pre_hash"]), signer)


@pytest.mark.parametrize("case", load("trie")["real_chain_extrinsics_roots"]["cases"],
                         ids=lambda c: str(c["block_number"]))
def test_real_acala_block_roundtrips(case: dict) -> None:
    header_case = next(h for h in ACALA if h["block_number"] == case["block_number"])
    header = Header.decode(unhex(header_case["encoded_header"]))
    assert header.extrinsics_root == unhex(case["expected_extrinsics_root"])
    block = Block(header, [unhex(x) for x in case["extrinsics"]])
    encoded = block.encode()
    assert Block.decode(encoded) == block
    assert block.hash() == unhex(header_case["expected_hash"])
    assert Block.from_json(block.to_json()) == block
