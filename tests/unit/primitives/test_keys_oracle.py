"""Cross-checks against an independent implementation: bittensor_wallet's Rust Keypair (sp_core).

Random secret URIs (phrase or dev phrase or hex seed, random hard/soft junction paths with numeric,
unicode and over-long junctions, optional passwords) must give the same public key here and there;
signatures made by either side must verify on the other.
"""

from __future__ import annotations

import pytest
from bittensor_wallet import Keypair as OracleKeypair
from hypothesis import given, settings
from hypothesis import strategies as st

from runtime.primitives.keys import (
    DEV_PHRASE,
    LOCALNET_ACCOUNT_NAMES,
    LOCALNET_ACCOUNTS,
    KeyringError,
    keypair_from_mnemonic,
    keypair_from_uri,
    verify,
)

ORACLE_CRYPTO_TYPE = {"ed25519": 0, "sr25519": 1}
PHRASES = [
    DEV_PHRASE,
    "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about",
    "legal winner thank year wave sausage worth useful legal winner thank yellow",
    "letter advice cage absurd amount doctor acoustic avoid letter advice cage above",
    "zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo wrong",
    " ".join(["abandon"] * 23 + ["art"]),
]

junction_text = st.one_of(
    st.text(st.characters(blacklist_characters="/", blacklist_categories=("Cs",)),
            min_size=1, max_size=40),
    st.integers(min_value=0, max_value=(1 << 64) + 10).map(str),
    st.sampled_from(["Alice", "stash", "+5", "007", "0", "18446744073709551615"]),
)
password_text = st.text(st.characters(blacklist_characters="\n", blacklist_categories=("Cs",)),
                        max_size=12)
roots = st.one_of(st.just(""), st.sampled_from(PHRASES),
                  st.binary(min_size=32, max_size=32).map(lambda b: "0x" + b.hex()),
                  st.text("0123456789abcdefABCDEF x", max_size=66).map(lambda t: "0x" + t))


def oracle_public(uri: str, scheme: str) -> bytes | None:
    try:
        return bytes(OracleKeypair.create_from_uri(uri, crypto_type=ORACLE_CRYPTO_TYPE[scheme])
                     .public_key)
    except Exception:  # the oracle reports every refusal as a plain exception
        return None


def our_public(uri: str, scheme: str) -> bytes | None:
    try:
        return keypair_from_uri(uri, scheme).public_key
    except KeyringError:
        return None


@st.composite
def secret_uris(draw, hard_only: bool) -> str:
    root = draw(roots)
    steps = draw(st.lists(st.tuples(st.booleans(), junction_text), max_size=4))
    path = "".join(("//" if hard or hard_only else "/") + text for hard, text in steps)
    password = draw(st.one_of(st.none(), password_text))
    return root + path + ("" if password is None else "///" + password)


def _check_uri(uri: str, scheme: str) -> None:
    assert our_public(uri, scheme) == oracle_public(uri, scheme), uri


@settings(max_examples=40, deadline=None)
@given(secret_uris(hard_only=False))
def test_sr25519_uri_matches_oracle(uri):
    _check_uri(uri, "sr25519")


@settings(max_examples=40, deadline=None)
@given(secret_uris(hard_only=True))
def test_ed25519_uri_matches_oracle(uri):
    _check_uri(uri, "ed25519")


@pytest.mark.slow
@settings(max_examples=600, deadline=None)
@given(secret_uris(hard_only=False), st.sampled_from(["sr25519", "ed25519"]))
def test_uri_matches_oracle_many(uri, scheme):
    _check_uri(uri, scheme)


@pytest.mark.parametrize("phrase", PHRASES)
@pytest.mark.parametrize("scheme", ["sr25519", "ed25519"])
def test_mnemonic_root_matches_oracle(phrase, scheme):
    oracle = OracleKeypair.create_from_mnemonic(phrase, crypto_type=ORACLE_CRYPTO_TYPE[scheme])
    assert keypair_from_mnemonic(phrase, scheme).public_key == bytes(oracle.public_key)


@pytest.mark.parametrize("uri", ["//a//", "abc", "0x1234", "//a/", "hello world", "a.b"])
def test_refusals_agree_with_oracle(uri):
    assert our_public(uri, "sr25519") is None
    assert oracle_public(uri, "sr25519") is None


@pytest.mark.parametrize("name", LOCALNET_ACCOUNT_NAMES)
def test_dev_accounts_match_oracle(name):
    dev = LOCALNET_ACCOUNTS[name]
    assert dev.ss58_address == OracleKeypair.create_from_uri(f"//{name}").ss58_address
    assert dev.stash.ss58_address == OracleKeypair.create_from_uri(f"//{name}//stash").ss58_address
    oracle_ed = OracleKeypair.create_from_uri(f"//{name}", crypto_type=0)
    assert dev.ed25519.public_key == bytes(oracle_ed.public_key)


@pytest.mark.parametrize("scheme", ["sr25519", "ed25519"])
def test_signatures_cross_verify_with_oracle(scheme):
    ours = keypair_from_uri("//Dave//1", scheme)
    oracle = OracleKeypair.create_from_uri("//Dave//1", crypto_type=ORACLE_CRYPTO_TYPE[scheme])
    message = b"cross-implementation message"
    assert oracle.verify(message, ours.sign(message))
    assert verify(scheme, bytes(oracle.sign(message)), message, ours.public_key)
    assert not verify(scheme, bytes(oracle.sign(message)), message + b"!", ours.public_key)
