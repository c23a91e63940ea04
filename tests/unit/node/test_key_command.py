"""``tensorchain key`` through click's CliRunner: subkey's fields, JSON keys, node keys, errors."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from node.cli import cli
from runtime.primitives.keys import (
    DEV_PHRASE,
    check_mnemonic,
    keypair_from_mnemonic,
    peer_id_from_seed,
)
from tests.shared_vectors import load

ALICE_SS58 = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"
ALICE_HEX = "0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d"
ALICE_SEED = "0xe5be9a5092b81bca64be81d212e7f2f9eba183bb7a90954f7b76361f6edb5c0a"
SECRET_KEYS = {"accountId", "networkId", "publicKey", "secretSeed", "ss58Address",
               "ss58PublicKey"}


def run(*args: str, stdin: bytes | None = None):
    return CliRunner().invoke(cli, ["key", *args], input=stdin)


def test_inspect_alice_prints_subkey_fields():
    result = run("inspect", "//Alice")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "Secret Key URI `//Alice` is account:",
        "  Network ID:        substrate",
        f"  Secret seed:       {ALICE_SEED}",
        f"  Public key (hex):  {ALICE_HEX}",
        f"  Account ID:        {ALICE_HEX}",
        f"  Public key (SS58): {ALICE_SS58}",
        f"  SS58 Address:      {ALICE_SS58}",
    ]


def test_inspect_json_has_subkeys_sorted_keys():
    result = run("inspect", "//Alice", "--output-type", "json")
    data = json.loads(result.stdout)
    assert set(data) == SECRET_KEYS | {"secretKeyUri"}
    assert list(data) == sorted(data)
    assert data["ss58Address"] == ALICE_SS58 and data["secretSeed"] == ALICE_SEED
    assert result.stdout.startswith('{\n  "accountId"')


def test_inspect_ed25519_alice_shows_hdkd_seed():
    data = json.loads(run("inspect", "//Alice", "--scheme", "ed25519", "--output-type",
                          "json").stdout)
    assert data["publicKey"] == "0x88dc3417d5058ec4b4503e0c12ea1a0a89be200fe98922423d4334014fa6b0ee"
    assert data["secretSeed"] == (
        "0xabf8e5bdbe30c65656c0a3cbd181ff8a56294a69dfedd27982aace4a76909115")


def test_inspect_soft_path_has_no_seed():
    data = json.loads(run("inspect", "//Alice/soft", "--output-type", "json").stdout)
    assert data["secretSeed"] == "n/a"


def test_inspect_phrase_prints_secret_phrase_and_mini_secret():
    result = run("inspect", DEV_PHRASE)
    lines = result.stdout.splitlines()
    assert lines[0] == f"Secret phrase:       {DEV_PHRASE}"
    assert lines[2] == ("  Secret seed:       "
                        "0xfac7959dbfe72f052e5a0c3c8d6530f202b02fd8f9f5ca3580ec8deb7797479e")


def test_inspect_network_prefix_changes_addresses_and_network_id():
    data = json.loads(run("inspect", "//Alice", "-n", "0", "--output-type", "json").stdout)
    assert data["networkId"] == "polkadot"
    assert data["ss58Address"] == "15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5"


def test_inspect_password_option_overrides_uri_password():
    by_option = json.loads(run("inspect", "//Alice///a", "--password", "b", "--output-type",
                               "json").stdout)
    by_uri = json.loads(run("inspect", "//Alice///b", "--output-type", "json").stdout)
    assert by_option["publicKey"] == by_uri["publicKey"]


def test_inspect_ss58_address_prints_public_fields():
    result = run("inspect", ALICE_SS58)
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        f"Public Key URI `{ALICE_SS58}` is account:",
        "  Network ID/Version: substrate",
        f"  Public key (hex):   {ALICE_HEX}",
        f"  Account ID:         {ALICE_HEX}",
        f"  Public key (SS58):  {ALICE_SS58}",
        f"  SS58 Address:       {ALICE_SS58}",
    ]


def test_inspect_ss58_with_soft_path_derives_public():
    expected = json.loads(run("inspect", "//Alice/x", "--output-type", "json").stdout)
    derived = json.loads(run("inspect", f"{ALICE_SS58}/x", "--output-type", "json").stdout)
    assert derived["publicKey"] == expected["publicKey"]


def test_inspect_public_hex_prints_public_fields():
    result = run("inspect", "--public", ALICE_HEX, "--output-type", "json")
    data = json.loads(result.stdout)
    assert data == {"accountId": ALICE_HEX, "networkId": "substrate", "publicKey": ALICE_HEX,
                    "ss58Address": ALICE_SS58, "ss58PublicKey": ALICE_SS58}


def test_inspect_reads_uri_from_file(tmp_path):
    path = tmp_path / "uri.txt"
    path.write_text("//Alice\n")
    assert ALICE_SS58 in run("inspect", str(path)).stdout


def test_generate_makes_valid_phrase_and_matching_key():
    data = json.loads(run("generate", "--words", "24", "--output-type", "json").stdout)
    assert len(data["secretPhrase"].split()) == 24
    assert check_mnemonic(data["secretPhrase"]) == data["secretPhrase"]
    keypair = keypair_from_mnemonic(data["secretPhrase"])
    assert data["publicKey"] == "0x" + keypair.public_key.hex()
    assert data["secretSeed"] == "0x" + keypair.seed.hex()
    assert set(data) == SECRET_KEYS | {"secretPhrase"}


def test_generate_twice_gives_different_phrases():
    first = json.loads(run("generate", "--output-type", "json").stdout)["secretPhrase"]
    second = json.loads(run("generate", "--output-type", "json").stdout)["secretPhrase"]
    assert first != second and len(first.split()) == 12


def test_generate_ed25519_text_output():
    lines = run("generate", "--scheme", "ed25519").stdout.splitlines()
    phrase = lines[0].removeprefix("Secret phrase:       ")
    public = keypair_from_mnemonic(phrase, "ed25519").public_key.hex()
    assert lines[3] == f"  Public key (hex):  0x{public}"


def test_node_key_generate_then_inspect_round_trips(tmp_path):
    path = tmp_path / "node.key"
    generated = run("generate-node-key", "--file", str(path))
    assert generated.exit_code == 0
    secret = bytes.fromhex(path.read_text())
    assert generated.stderr.strip() == peer_id_from_seed(secret)
    inspected = run("inspect-node-key", "--file", str(path))
    assert inspected.stdout.strip() == peer_id_from_seed(secret)


def test_node_key_generate_to_stdout_and_binary_inspect(tmp_path):
    generated = run("generate-node-key")
    secret = bytes.fromhex(generated.stdout)
    raw = tmp_path / "node.bin"
    raw.write_bytes(secret)
    assert run("inspect-node-key", "--file", str(raw), "--bin").stdout.strip() == (
        generated.stderr.strip())


def test_inspect_node_key_from_stdin_with_0x_prefix():
    secret = bytes(range(32))
    result = run("inspect-node-key", stdin=("0x" + secret.hex() + "\n").encode())
    assert result.stdout.strip() == peer_id_from_seed(secret)


@pytest.mark.parametrize(("args", "stdin", "message"), [
    (("inspect", "//Alice/x", "--scheme", "ed25519"), None, "ed25519 supports hard derivation"),
    (("inspect", "junk.stuff"), None, "invalid character in phrase"),
    (("inspect", "0x1234"), None, "invalid seed: 2 bytes"),
    (("inspect", "--public", "0x1234"), None, "is 2 bytes, expected 32"),
    (("inspect", ALICE_SS58[:-1] + "Z"), None, "invalid SS58 checksum"),
    (("inspect", "//Alice", "-n", "46"), None, "SS58 prefix 46 is reserved"),
    (("inspect-node-key",), b"zz", "not hex"),
    (("inspect-node-key",), b"ab cd", "not hex"),
    (("inspect-node-key",), b"\xff\xfe", "not hex"),
    (("inspect-node-key",), b"abcd", "node key must be 32 bytes, got 2"),
    (("inspect-node-key", "--file", "/nonexistent/key"), None, "No such file"),
])
def test_errors_exit_nonzero_with_one_line(args, stdin, message):
    result = run(*args, stdin=stdin)
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_inspect_undecodable_uri_file_fails_cleanly(tmp_path):
    path = tmp_path / "uri.bin"
    path.write_bytes(b"\xff\xfe")
    result = run("inspect", str(path))
    assert result.exit_code == 1
    assert "cannot read URI file" in result.stderr


@pytest.mark.parametrize("scheme", ["sr25519", "ed25519"])
def test_sign_then_verify_round_trips(scheme):
    signed = run("sign", "--suri", "//Bob", "--message", "hello", "--scheme", scheme)
    signature = signed.stdout.strip()
    assert signature.startswith("0x") and len(signature) == 130
    public = json.loads(run("inspect", "//Bob", "--scheme", scheme, "--output-type",
                            "json").stdout)["ss58Address"]
    checked = run("verify", signature, public, "--message", "hello", "--scheme", scheme)
    assert checked.exit_code == 0 and checked.stdout == "Signature verifies correctly.\n"
    tampered = run("verify", signature, public, "--message", "hellO", "--scheme", scheme)
    assert tampered.exit_code == 1 and "signature invalid" in tampered.stderr


def test_sign_ed25519_matches_vector_signature_and_reads_hex_stdin():
    grandpa = load("header")["synthetic_grandpa"]
    payload = grandpa["precommit_signing_payload"]
    signed = run("sign", "--suri", "//Alice", "--scheme", "ed25519", "--hex",
                 stdin=payload.encode())
    assert signed.stdout.strip() == grandpa["precommit_signature"]
    checked = run("verify", grandpa["precommit_signature"], grandpa["authority_ed25519"],
                  "--scheme", "ed25519", "--hex", "--message", payload)
    assert checked.exit_code == 0


@pytest.mark.parametrize(("args", "message"), [
    (("verify", "0x1234", ALICE_SS58, "--message", "m"), "signature must be 64 bytes"),
    (("verify", "0x" + "00" * 64, "nonsense", "--message", "m"), "invalid SS58"),
    (("sign", "--suri", "//Alice", "--hex", "--message", "xyz"), "message is not hex"),
    (("sign", "--suri", "//Alice/soft", "--scheme", "ed25519", "--message", "m"),
     "hard derivation only"),
])
def test_sign_verify_bad_input_fails_cleanly(args, message):
    result = run(*args)
    assert result.exit_code == 1
    assert message in result.stderr


def test_unknown_scheme_is_a_usage_error():
    result = run("inspect", "//Alice", "--scheme", "ecdsa")
    assert result.exit_code == 2
