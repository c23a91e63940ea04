"""Keys against the shared vectors: dev keys, HDKD, SS58, peer id, and real signatures."""

from __future__ import annotations

import hashlib

import pytest

from runtime.primitives import ss58
from runtime.primitives.keys import (
    DEV_ACCOUNTS,
    DEV_PHRASE,
    CryptoScheme,
    keypair_from_seed,
    keypair_from_uri,
    mini_secret_from_mnemonic,
    peer_id_bytes,
    peer_id_from_public,
    public_from_peer_id,
    verify,
)
from runtime.primitives.keys.schemes import ed25519_hard_derive_seed
from tests.shared_vectors import load, unhex


@pytest.fixture(scope="module")
def keys_vector() -> dict:
    return load("hashing")["keys_and_addresses"]


def test_dev_phrase_matches_vector(keys_vector):
    assert keys_vector["dev_phrase"] == DEV_PHRASE


def test_dev_mini_secret_matches_vector(keys_vector):
    assert mini_secret_from_mnemonic(DEV_PHRASE) == unhex(keys_vector["dev_mini_secret"])


def test_alice_sr25519_public_and_ss58_match_vector(keys_vector):
    alice = keypair_from_uri("//Alice")
    assert alice.public_key == unhex(keys_vector["alice_sr25519_public"])
    assert alice.ss58_address == keys_vector["alice_ss58_prefix42"]
    assert DEV_ACCOUNTS["Alice"].ss58_address == keys_vector["alice_ss58_prefix42"]


def test_alice_ed25519_hdkd_seed_and_public_match_vector(keys_vector):
    alice = keypair_from_uri("//Alice", CryptoScheme.ED25519)
    assert alice.seed == unhex(keys_vector["alice_ed25519_seed_after_hdkd"])
    assert alice.public_key == unhex(keys_vector["alice_ed25519_public"])
    assert DEV_ACCOUNTS["Alice"].ed25519.public_key == alice.public_key


def test_bob_ed25519_public_matches_vector(keys_vector):
    bob = keypair_from_uri("//Bob", CryptoScheme.ED25519)
    assert bob.public_key == unhex(keys_vector["bob_ed25519_public"])


def test_ed25519_hdkd_rule_as_written_in_vector(keys_vector):
    # the rule spelled out in the vector file, computed independently of the keys package
    chain_code = bytes.fromhex("14416c696365") + bytes(26)
    scale_label = bytes([len("Ed25519HDKD") << 2]) + b"Ed25519HDKD"
    parent = unhex(keys_vector["dev_mini_secret"])
    expected = hashlib.blake2b(scale_label + parent + chain_code, digest_size=32).digest()
    assert expected == unhex(keys_vector["alice_ed25519_seed_after_hdkd"])
    assert ed25519_hard_derive_seed(parent, chain_code) == expected


def test_ss58_rule_as_written_in_vector(keys_vector):
    public = unhex(keys_vector["alice_sr25519_public"])
    body = bytes([42]) + public
    checksum = hashlib.blake2b(b"SS58PRE" + body, digest_size=64).digest()[:2]
    assert ss58.b58encode(body + checksum) == keys_vector["alice_ss58_prefix42"]
    assert ss58.ss58_decode(keys_vector["alice_ss58_prefix42"], 42) == public


def test_peer_id_example_matches_vector(keys_vector):
    example = keys_vector["peer_id_example"]
    public = unhex(example["ed25519_public_key"])
    assert peer_id_bytes(public) == unhex(example["bytes"])
    assert peer_id_from_public(public) == example["base58"]
    assert public_from_peer_id(example["base58"]) == public


def test_aura_seal_signature_verifies_for_alice():
    header = load("header")["synthetic_aura_sealed_header"]
    alice = keypair_from_uri("//Alice")
    pre_hash = unhex(header["pre_hash"])
    signature = unhex(header["signature"])
    assert verify("sr25519", signature, pre_hash, alice.public_key)
    assert not verify("sr25519", signature, pre_hash[:-1] + b"\x00", alice.public_key)


def test_grandpa_precommit_ed25519_signature_reproduced():
    grandpa = load("header")["synthetic_grandpa"]
    alice = DEV_ACCOUNTS["Alice"].ed25519
    assert alice.public_key == unhex(grandpa["authority_ed25519"])
    payload = unhex(grandpa["precommit_signing_payload"])
    assert alice.sign(payload) == unhex(grandpa["precommit_signature"])
    assert verify(CryptoScheme.ED25519, unhex(grandpa["precommit_signature"]), payload,
                  alice.public_key)


def test_extrinsic_ed25519_signature_reproduced():
    case = load("scale")["extrinsics"]["synthetic_subtensor_transfer_ed25519_deterministic"]
    alice = keypair_from_uri("//Alice", "ed25519")
    assert alice.account_id == unhex(case["signer_account"])
    payload = unhex(case["signed_payload (raw if <= 256 bytes else blake2_256)"])
    signature = alice.sign(payload)
    extrinsic = unhex(case["extrinsic"])
    # compact length (2 bytes) ‖ 0x84 ‖ 0x00 ‖ account 32 ‖ 0x00 (Ed25519) ‖ signature 64
    assert extrinsic[36] == 0x00
    assert extrinsic[37:101] == signature


def test_extrinsic_sr25519_signature_verifies():
    case = load("scale")["extrinsics"]["synthetic_subtensor_transfer_sr25519_verify_only"]
    extrinsic = unhex(case["extrinsic"])
    assert extrinsic[36] == 0x01  # MultiSignature::Sr25519
    signature = extrinsic[37:101]
    payload = unhex(case["signed_payload (raw if <= 256 bytes else blake2_256)"])
    signer = unhex(case["signer_account"])
    assert keypair_from_uri("//Alice").public_key == signer
    assert verify("sr25519", signature, payload, signer)
    assert not verify("ed25519", signature, payload, signer)


def test_seed_from_hex_uri_equals_seed_keypair(keys_vector):
    seed = unhex(keys_vector["dev_mini_secret"])
    from_uri = keypair_from_uri(keys_vector["dev_mini_secret"] + "//Alice")
    assert from_uri.public_key == unhex(keys_vector["alice_sr25519_public"])
    assert keypair_from_seed(seed).public_key == keypair_from_uri(DEV_PHRASE).public_key
