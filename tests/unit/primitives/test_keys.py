"""Key pairs, secret URIs, junctions, mnemonics, dev accounts and peer ids."""

from __future__ import annotations

import hashlib
import re

import pytest
import sr25519
from hypothesis import given, settings
from hypothesis import strategies as st

from runtime.primitives.keys import (
    DEV_ACCOUNT_NAMES,
    DEV_ACCOUNTS,
    DEV_PHRASE,
    LOCALNET_ACCOUNTS,
    CryptoScheme,
    DerivationError,
    DeriveJunction,
    KeyFormatError,
    Keypair,
    KeyringError,
    MnemonicError,
    SecretUriError,
    check_mnemonic,
    derive_public,
    derived_accounts,
    dev_account,
    is_valid_mnemonic,
    keypair_from_mnemonic,
    keypair_from_seed,
    keypair_from_uri,
    mnemonic_from_entropy,
    node_key_from_file_bytes,
    node_key_from_hex,
    parse_secret_uri,
    peer_id_from_seed,
    public_from_peer_id,
    verify,
)
from runtime.primitives.keys.junctions import scale_compact
from runtime.primitives.keys.merlin import keccak_f1600
from runtime.primitives.keys.schemes import sr25519_hard_derive_seed

# Substrate's published dev accounts (sr25519 //Name and //Name//stash, prefix 42)
KNOWN_ADDRESSES = {
    "Alice": ("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY",
              "5GNJqTPyNqANBkUVMN1LPPrxXnFouWXoe2wNSmmEoLctxiZY"),
    "Bob": ("5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty",
            "5HpG9w8EBLe5XCrbczpwq5TSXvedjrBGCwqxK1iQ7qUsSWFc"),
    "Charlie": ("5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y",
                "5Ck5SLSHYac6WFt5UZRSsdJjwmpSZq85fd5TRNAdZQVzEAPT"),
    "Dave": ("5DAAnrj7VHTznn2AWBemMuyBwZWs6FNFjdyVXUeYum3PTXFy",
             "5HKPmK9GYtE1PSLsS1qiYU9xQ9Si1NcEhdeCq9sw5bqu4ns8"),
    "Eve": ("5HGjWAeFDfFCWPsjFQdVV2Msvz2XtMktvgocEZcCj68kUMaw",
            "5FCfAonRZgTFrTd9HREEyeJjDpT397KMzizE6T3DvebLFE7n"),
    "Ferdie": ("5CiPPseXPECbkjWCa6MnjNokrgYjMqmKndv2rSnekmSK2DjL",
               "5CRmqmsiNFExV6VbdmPJViVxrWmkaXXvBrSX8oqBT8R9vmWk"),
}
ALICE_SR25519_SEED = "e5be9a5092b81bca64be81d212e7f2f9eba183bb7a90954f7b76361f6edb5c0a"


# -- secret URI parsing --------------------------------------------------------------------------

@pytest.mark.parametrize(("uri", "phrase", "paths", "password"), [
    ("//Alice", None, ("/Alice",), None),
    ("//Alice//stash", None, ("/Alice", "/stash"), None),
    ("/soft", None, ("soft",), None),
    ("word one/s//h///pass", "word one", ("s", "/h"), "pass"),
    ("///", None, (), ""),
    ("////////", None, (), "/////"),
    ("abc/x//a/b//c///pw", "abc", ("x", "/a", "b", "/c"), "pw"),
    ("abc/asd.a", "abc", ("asd.a",), None),
    ("abc//a b", "abc", ("/a b",), None),
    ("0xab//x", "0xab", ("/x",), None),
    ("", None, (), None),
])
def test_parse_secret_uri_splits_like_substrate(uri, phrase, paths, password):
    parsed = parse_secret_uri(uri)
    assert (parsed.phrase, parsed.paths, parsed.password) == (phrase, paths, password)


@pytest.mark.parametrize(("uri", "message"), [
    ("abc//", "empty hard junction at position 5"),
    ("abc/x//", "empty hard junction at position 7"),
    ("abc/", "empty soft junction at position 4"),
    ("abc.", r"invalid character in phrase '\.' at position 3"),
    ("ab.c/d", r"invalid character in phrase '\.' at position 2"),
    ("///pw\n", r"invalid character in password '\\n' at position 5"),
])
def test_parse_secret_uri_malformed_refused(uri, message):
    with pytest.raises(SecretUriError, match=message):
        parse_secret_uri(uri)


def test_parse_secret_uri_non_string_refused():
    with pytest.raises(SecretUriError, match="must be a str"):
        parse_secret_uri(b"//Alice")  # type: ignore[arg-type]


# -- junctions -------------------------------------------------------------------------------------

def test_junction_text_is_scale_string_padded():
    assert DeriveJunction.from_text("Alice", True).chain_code == b"\x14Alice" + bytes(26)


@pytest.mark.parametrize("text", ["7", "+7", "007"])
def test_junction_numeric_text_is_u64(text):
    assert DeriveJunction.from_text(text, False).chain_code == (7).to_bytes(8, "little") + bytes(24)
    assert DeriveJunction.from_text(text, False) == DeriveJunction.from_index(7, False)


def test_junction_number_above_u64_is_a_string():
    text = str(1 << 64)
    expected = bytes([len(text) << 2]) + text.encode() + bytes(32 - 1 - len(text))
    assert DeriveJunction.from_text(text, True).chain_code == expected


@pytest.mark.parametrize("text", ["-1", " 1", "1 ", "١"])
def test_junction_non_ascii_or_signed_number_is_a_string(text):
    raw = text.encode()
    assert DeriveJunction.from_text(text, True).chain_code[: 1 + len(raw)] == (
        scale_compact(len(raw)) + raw)


def test_junction_longer_than_32_bytes_is_hashed():
    text = "x" * 40
    encoded = scale_compact(40) + text.encode()
    expected = hashlib.blake2b(encoded, digest_size=32).digest()
    assert DeriveJunction.from_text(text, True).chain_code == expected


def test_junction_index_outside_u64_refused():
    with pytest.raises(SecretUriError, match="outside u64"):
        DeriveJunction.from_index(1 << 64, True)


@pytest.mark.parametrize(("value", "encoded"), [
    (0, "00"), (1, "04"), (63, "fc"), (64, "0101"), (16383, "fdff"), (16384, "02000100"),
    ((1 << 30) - 1, "feffffff"), (1 << 30, "0300000040"),
])
def test_scale_compact_matches_table(value, encoded):
    assert scale_compact(value).hex() == encoded


# -- sr25519 ---------------------------------------------------------------------------------------

def test_sr25519_seed_vectors_from_substrate():
    seed = bytes.fromhex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
    assert keypair_from_seed(seed).public_key.hex() == (
        "44a996beb1eef7bdcab976ab6d2ca26104834164ecf28fb375600576fcc6eb0f")
    assert keypair_from_seed(b"12345678901234567890123456789012").public_key.hex() == (
        "741c08a06f41c596608f6774259bd9043304adfa5d3eea62760bd9be97634d63")


def test_sr25519_soft_alice_matches_substrate():
    expected = "d6c71059dbbe9ad2b0ed3f289738b800836eb425544ce694825285b958ca755e"
    assert keypair_from_uri(DEV_PHRASE + "/Alice").public_key.hex() == expected
    assert keypair_from_uri("/Alice").public_key.hex() == expected


def test_sr25519_hard_alice_seed_is_subkeys_secret_seed():
    alice = keypair_from_uri("//Alice")
    assert alice.seed is not None and alice.seed.hex() == ALICE_SR25519_SEED
    assert keypair_from_seed(alice.seed).public_key == alice.public_key


def test_sr25519_soft_junction_forgets_seed_for_good():
    assert keypair_from_uri("//Alice/soft").seed is None
    assert keypair_from_uri("//Alice/soft//hard").seed is None
    assert keypair_from_uri("//Alice//hard").seed is not None


def test_password_in_uri_equals_password_argument():
    with_uri = keypair_from_uri("//Alice///password")
    with_arg = keypair_from_uri(DEV_PHRASE + "//Alice", password="password")
    assert with_uri.public_key == with_arg.public_key
    assert with_uri.public_key != keypair_from_uri("//Alice").public_key


def test_password_argument_overrides_uri_password():
    assert (keypair_from_uri("//Alice///one", password="two").public_key
            == keypair_from_uri("//Alice///two").public_key)


def test_hex_seed_ignores_password():
    seed_uri = "0x" + ALICE_SR25519_SEED
    assert (keypair_from_uri(seed_uri + "///whatever").public_key
            == keypair_from_uri(seed_uri).public_key == keypair_from_uri("//Alice").public_key)


@settings(max_examples=15, deadline=None)
@given(st.binary(min_size=32, max_size=32), st.binary(min_size=32, max_size=32))
def test_merlin_hard_seed_matches_binding_hard_derivation(seed, chain_code):
    public, secret = sr25519.pair_from_seed(seed)
    _, expected_public, _ = sr25519.hard_derive_keypair((chain_code, public, secret), b"")
    child_seed = sr25519_hard_derive_seed(bytes(secret), chain_code)
    assert keypair_from_seed(child_seed).public_key == bytes(expected_public)


def test_keccak_f1600_matches_sha3_256_of_empty_input():
    state = bytearray(200)
    state[0] ^= 0x06
    state[135] ^= 0x80
    keccak_f1600(state)
    assert bytes(state[:32]) == hashlib.sha3_256(b"").digest()


def test_derive_public_soft_matches_pair_derivation():
    root = keypair_from_uri("//Alice")
    parsed = parse_secret_uri("/one/2")
    assert derive_public(root.public_key, parsed.junctions) == root.derive(
        parsed.junctions).public_key


def test_derive_public_hard_refused():
    with pytest.raises(DerivationError, match="only be derived along soft junctions"):
        derive_public(bytes(32), parse_secret_uri("//hard").junctions)


# -- ed25519 ---------------------------------------------------------------------------------------

def test_ed25519_soft_derivation_refused_with_message():
    with pytest.raises(DerivationError, match="ed25519 supports hard derivation only"):
        keypair_from_uri("//Alice/soft", CryptoScheme.ED25519)


def test_ed25519_sign_is_deterministic_and_verifies():
    key = keypair_from_uri("//Bob", "ed25519")
    assert key.sign(b"msg") == key.sign(b"msg")
    assert key.verify(b"msg", key.sign(b"msg"))
    assert not key.verify(b"msh", key.sign(b"msg"))


# -- errors and verify -----------------------------------------------------------------------------

@pytest.mark.parametrize(("uri", "error", "message"), [
    ("0x1234//a", SecretUriError, "invalid seed: 2 bytes, expected 32"),
    ("0xzz", SecretUriError, "not hex"),
    ("0x" + "ab" * 16 + " " + "ab" * 16, SecretUriError, "not hex"),
    ("0xabc", SecretUriError, "not hex"),
    ("bottom drive obey", MnemonicError, "3 words"),
    ("bottom drive obey lake curtain smoke basket hold race lonely fit fit", MnemonicError,
     "unknown word or bad checksum"),
    ("Bottom drive obey lake curtain smoke basket hold race lonely fit walk", MnemonicError,
     "unknown word"),
])
def test_keypair_from_uri_bad_secret_refused(uri, error, message):
    with pytest.raises(error, match=message):
        keypair_from_uri(uri)


def test_unknown_scheme_refused():
    with pytest.raises(KeyFormatError, match="unknown crypto scheme 'ecdsa'"):
        keypair_from_uri("//Alice", "ecdsa")


def test_seed_of_wrong_length_refused():
    with pytest.raises(KeyFormatError, match="sr25519 seed must be 32 bytes, got 31"):
        keypair_from_seed(bytes(31))


@pytest.mark.parametrize("scheme", ["sr25519", "ed25519"])
def test_sign_verify_round_trip(scheme):
    key = keypair_from_uri("//Charlie", scheme)
    signature = key.sign(b"payload")
    assert len(signature) == 64
    assert verify(scheme, signature, b"payload", key.public_key)
    assert not verify(scheme, signature, b"payloaD", key.public_key)


@pytest.mark.parametrize("scheme", ["sr25519", "ed25519"])
@pytest.mark.parametrize(("signature", "public"), [
    (bytes(63), bytes(32)),
    (bytes(64), bytes(31)),
    (b"\xff" * 64, b"\xff" * 32),
    ("00" * 64, bytes(32)),
    (None, None),
])
def test_verify_malformed_returns_false(scheme, signature, public):
    assert verify(scheme, signature, b"m", public) is False


def test_sr25519_all_zero_signature_and_key_rejected():
    assert verify("sr25519", bytes(64), b"m", bytes(32)) is False


def test_ed25519_all_zero_signature_and_key_accepted_as_zebra_does():
    # ZIP-215 (ed25519-zebra, Substrate's runtime rules) verifies cofactored: the small-order
    # all-zero key with R = 0, s = 0 passes; strict RFC 8032 verification (libsodium) refuses it.
    from nacl.exceptions import BadSignatureError
    from nacl.signing import VerifyKey

    assert verify("ed25519", bytes(64), b"m", bytes(32)) is True
    with pytest.raises(BadSignatureError):
        VerifyKey(bytes(32)).verify(b"m", bytes(64))


def test_verify_unknown_scheme_returns_false():
    key = keypair_from_uri("//Alice")
    assert verify("ecdsa", key.sign(b"m"), b"m", key.public_key) is False


def test_verify_non_bytes_message_returns_false():
    key = keypair_from_uri("//Alice")
    assert verify("sr25519", key.sign(b"m"), "m", key.public_key) is False  # type: ignore[arg-type]


# -- mnemonics -------------------------------------------------------------------------------------

def test_mnemonic_extra_whitespace_is_normalised():
    spaced = "  " + DEV_PHRASE.replace(" ", "   ") + " "
    assert check_mnemonic(spaced) == DEV_PHRASE
    assert keypair_from_mnemonic(spaced).public_key == keypair_from_mnemonic(DEV_PHRASE).public_key


def test_is_valid_mnemonic_never_raises():
    assert is_valid_mnemonic(DEV_PHRASE)
    assert not is_valid_mnemonic("hello world")
    assert not is_valid_mnemonic(None)  # type: ignore[arg-type]


# -- dev accounts and peer ids ---------------------------------------------------------------------

def test_dev_accounts_are_substrates_well_known_ones():
    assert tuple(DEV_ACCOUNTS) == DEV_ACCOUNT_NAMES
    assert len(DEV_ACCOUNTS) == 6
    for name, (account, stash) in KNOWN_ADDRESSES.items():
        dev = DEV_ACCOUNTS[name]
        assert dev.ss58_address == account
        assert dev.stash.ss58_address == stash
        assert dev.uri == f"//{name}"
        assert dev.ed25519.public_key == keypair_from_uri(f"//{name}", "ed25519").public_key


def test_dev_account_unknown_name_refused():
    with pytest.raises(KeyringError, match="unknown dev account 'Mallory'"):
        dev_account("Mallory")
    with pytest.raises(KeyError):
        DEV_ACCOUNTS["Mallory"]


def test_peer_id_round_trips_through_public_key():
    seed = bytes(range(32))
    peer_id = peer_id_from_seed(seed)
    assert peer_id.startswith("12D3KooW")
    assert public_from_peer_id(peer_id) == keypair_from_seed(seed, "ed25519").public_key


@pytest.mark.parametrize("peer_id", ["12D3KooW0", "QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N"])
def test_public_from_peer_id_malformed_refused(peer_id):
    with pytest.raises(KeyFormatError, match="peer id"):
        public_from_peer_id(peer_id)


def test_keypair_repr_hides_secret():
    key = keypair_from_uri("//Alice")
    assert key.secret_key.hex() not in repr(key)
    assert ALICE_SR25519_SEED not in repr(key)


# -- mnemonics from entropy ------------------------------------------------------------------------

def test_wordlist_is_the_published_bip39_english_list():
    from runtime.primitives.keys.wordlist import ENGLISH_WORDS

    digest = hashlib.sha256(("\n".join(ENGLISH_WORDS) + "\n").encode()).hexdigest()
    assert digest == "2f5eed53a4727b4bf8880d8f3f199efc90e58503646d9ff8eff3a2ed3b24dbda"
    assert len(ENGLISH_WORDS) == 2048


@pytest.mark.parametrize(("entropy", "phrase"), [
    ("00" * 16, "abandon " * 11 + "about"),
    ("7f" * 16, "legal winner thank year wave sausage worth useful legal winner thank yellow"),
    ("80" * 16, "letter advice cage absurd amount doctor acoustic avoid letter advice cage above"),
    ("ff" * 16, "zoo " * 11 + "wrong"),
    ("00" * 32, "abandon " * 23 + "art"),
    ("ff" * 32, "zoo " * 23 + "vote"),
])
def test_mnemonic_from_entropy_matches_bip39_vectors(entropy, phrase):
    assert mnemonic_from_entropy(bytes.fromhex(entropy)) == phrase


@given(st.sampled_from([16, 20, 24, 28, 32]).flatmap(lambda n: st.binary(min_size=n, max_size=n)))
def test_mnemonic_from_entropy_always_validates(entropy):
    phrase = mnemonic_from_entropy(entropy)
    assert len(phrase.split()) == len(entropy) * 3 // 4
    assert is_valid_mnemonic(phrase)


@pytest.mark.parametrize("entropy", [bytes(15), bytes(33), "00" * 16])
def test_mnemonic_from_entropy_bad_size_refused(entropy):
    with pytest.raises(MnemonicError, match="entropy must be 16, 20, 24, 28 or 32 bytes"):
        mnemonic_from_entropy(entropy)


# -- URI grammar against the regular expressions Substrate documents as equivalent -----------------

URI_REGEX = re.compile(r"(?P<phrase>[a-zA-Z0-9 ]+)?(?P<path>(//?[^/]+)*)(///(?P<password>.*))?")
JUNCTION_REGEX = re.compile(r"/(/?[^/]+)")


def reference_parse(uri: str) -> tuple[str | None, tuple[str, ...], str | None] | None:
    match = URI_REGEX.fullmatch(uri)
    if match is None:
        return None
    paths = tuple(JUNCTION_REGEX.findall(match["path"]))
    return match["phrase"], paths, match["password"]


@settings(max_examples=300)
@given(st.text(st.sampled_from("ab1 /.\n+é"), max_size=14))
def test_parse_secret_uri_matches_reference_regex(uri):
    expected = reference_parse(uri)
    try:
        parsed = parse_secret_uri(uri)
    except SecretUriError:
        assert expected is None, uri
        return
    assert (parsed.phrase, parsed.paths, parsed.password) == expected


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_peer_id_matches_py_libp2p():
    from libp2p.crypto.ed25519 import create_new_key_pair
    from libp2p.peer.id import ID

    seed = bytes(range(32))
    libp2p_pair = create_new_key_pair(seed)
    assert peer_id_from_seed(seed) == ID.from_pubkey(libp2p_pair.public_key).to_base58()


def test_keypair_classmethods_delegate():
    assert Keypair.from_uri("//Alice").public_key == keypair_from_uri("//Alice").public_key
    seed = bytes(range(32))
    assert Keypair.from_seed(seed, "ed25519") == keypair_from_seed(seed, "ed25519")
    assert Keypair.from_mnemonic(DEV_PHRASE) == keypair_from_mnemonic(DEV_PHRASE)


# -- subtensor localnet accounts and bulk derived accounts -----------------------------------------

def test_bob_seed_is_the_one_btcli_regenerates():
    # spec/clients.md: `btcli wallet regen-coldkey --seed 0x398f…` gives //Bob
    assert keypair_from_uri("//Bob").seed.hex() == (
        "398f0c28f98885e046333d4a41c19cee4c37368a9832c6502f6cfd182e2aef89")


def test_localnet_accounts_append_one_two_three():
    assert tuple(LOCALNET_ACCOUNTS) == (*DEV_ACCOUNT_NAMES, "One", "Two", "Three")
    assert LOCALNET_ACCOUNTS["One"].sr25519 == keypair_from_uri("//One")
    assert "One" not in DEV_ACCOUNTS


@pytest.mark.parametrize("scheme", ["sr25519", "ed25519"])
def test_derived_accounts_equal_uri_derivation(scheme):
    accounts = derived_accounts(3, "//Sender", CryptoScheme.parse(scheme))
    separator = "//" if scheme == "ed25519" else "/"
    for index, account in enumerate(accounts):
        assert account.public_key == keypair_from_uri(f"//Sender{separator}{index}",
                                                      scheme).public_key


def test_derived_accounts_negative_count_refused():
    with pytest.raises(KeyringError, match="must be non-negative"):
        derived_accounts(-1)


# -- node key formats ------------------------------------------------------------------------------

def test_node_key_file_accepts_64_hex_chars_or_32_raw_bytes():
    secret = bytes(range(32))
    assert node_key_from_file_bytes(secret.hex().encode()) == secret
    assert node_key_from_file_bytes(secret) == secret


@pytest.mark.parametrize("data", [bytes(range(32)).hex().encode() + b"\n", b"\x00" * 31, b""])
def test_node_key_file_other_sizes_refused(data):
    # Substrate does not trim: a hex key with a trailing newline is 65 bytes and is refused
    with pytest.raises(KeyFormatError, match="64 hex characters or 32 raw bytes"):
        node_key_from_file_bytes(data)


def test_node_key_file_64_non_hex_bytes_refused():
    with pytest.raises(KeyFormatError, match="got 64 bytes"):
        node_key_from_file_bytes(b"z" * 64)


def test_node_key_from_hex_accepts_prefix_and_whitespace():
    secret = bytes(range(32))
    assert node_key_from_hex(" 0x" + secret.hex() + "\n") == secret


@pytest.mark.parametrize(("text", "message"), [("0x12", "must be 32 bytes, got 1"),
                                               ("zz", "not hex"), ("ab cd", "not hex")])
def test_node_key_from_hex_bad_input_refused(text, message):
    with pytest.raises(KeyFormatError, match=message):
        node_key_from_hex(text)


def test_soft_derived_keypairs_compare_equal_despite_random_nonce():
    first, second = keypair_from_uri("//Alice/x"), keypair_from_uri("//Alice/x")
    assert first.secret_key != second.secret_key  # schnorrkel draws the nonce half afresh
    assert first == second and hash(first) == hash(second)
    assert first.verify(b"m", second.sign(b"m"))
    assert keypair_from_uri("//Alice") != keypair_from_uri("//Alice", "ed25519")
