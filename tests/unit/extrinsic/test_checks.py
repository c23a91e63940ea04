"""The runtime-side checks: lookup, implicit data, signature, and the pure extension rules."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from runtime.extrinsic import (
    SUBTENSOR_EXTENSIONS,
    AddressKind,
    CheckedExtrinsic,
    ExtrinsicDecodeError,
    InvalidKind,
    InvalidTransaction,
    MetadataHashMode,
    MultiAddress,
    SignedData,
    SignedExtra,
    UncheckedExtrinsic,
    UnknownKind,
    UnknownTransaction,
    ValidTransaction,
    build_signed_extrinsic,
    check_extrinsic,
    check_non_zero_sender,
    check_shield_mortality,
    decode_extrinsic,
    drand_validity,
    mortality_birth_hash,
    mortality_validity,
    nonce_prepare,
    nonce_tag,
    nonce_validity,
    payment_priority,
    payment_validity,
    validate_stateless,
)
from runtime.extrinsic.checks import (
    NORMAL_DISPATCH_BASE_PRIORITY,
    OPERATIONAL_DISPATCH_PRIORITY,
    ChainContext,
)
from runtime.extrinsic.validity import U64_MAX
from runtime.primitives.era import IMMORTAL, Mortal
from runtime.primitives.keys import Keypair
from tests.unit.extrinsic.support import (
    GENESIS,
    SPEC_VERSION,
    TRANSFER_CALL,
    TX_VERSION,
    block_hash_of,
    make_chain,
    signer_context,
)

CURRENT = 5000


def mortal_at(signed_at: int, period: int = 64) -> Mortal:
    """The era a client builds at block ``signed_at``."""
    return Mortal.from_current(period, signed_at)


def build(keypair: Keypair, extra: SignedExtra, birth: int = 0, **context: object) -> bytes:
    """The encoded extrinsic ``keypair`` signs with the implicit data of a chain at ``birth``,
    with any ``ImplicitContext`` field overridden by ``context``."""
    implicit = replace(signer_context(birth), **context)
    return build_signed_extrinsic(keypair, TRANSFER_CALL, extra, implicit).encode()


def outcome(raw: bytes, chain: ChainContext | None = None) -> object:
    """What the runtime's check says about ``raw`` at ``CURRENT``."""
    return check_extrinsic(decode_extrinsic(raw), chain or make_chain(CURRENT))


def test_immortal_signed_transfer_checks(alice: Keypair) -> None:
    extra = SignedExtra(nonce=4, tip=7)
    assert outcome(build(alice, extra)) == CheckedExtrinsic(alice.account_id, TRANSFER_CALL, extra)


def test_mortal_transfer_signs_its_birth_block_hash(alice: Keypair) -> None:
    era = mortal_at(CURRENT - 10)
    birth = era.birth(CURRENT)
    assert outcome(build(alice, SignedExtra(era), birth)).signer == alice.account_id
    assert outcome(build(alice, SignedExtra(era), birth - 1)) == InvalidTransaction(
        InvalidKind.BAD_PROOF)


def test_bare_extrinsic_passes_unchecked() -> None:
    xt = UncheckedExtrinsic(b"\x02\x00\x0b\xc6\xad\x70\xbd\x88\x01")
    assert check_extrinsic(xt, make_chain(CURRENT)) == CheckedExtrinsic(None, xt.call, None)


def test_tampered_signature_is_bad_proof(alice: Keypair) -> None:
    raw = bytearray(build(alice, SignedExtra()))
    raw[40] ^= 1  # inside the 64 signature bytes (prefix 2, version 1, address 33, index 1)
    assert outcome(bytes(raw)) == InvalidTransaction(InvalidKind.BAD_PROOF)


def test_tampered_nonce_is_bad_proof(alice: Keypair) -> None:
    raw = build(alice, SignedExtra(nonce=5))
    tampered = raw.replace(b"\x00\x14\x00\x00" + TRANSFER_CALL, b"\x00\x18\x00\x00" + TRANSFER_CALL)
    assert tampered != raw
    assert outcome(tampered) == InvalidTransaction(InvalidKind.BAD_PROOF)


def test_tampered_call_is_bad_proof(alice: Keypair) -> None:
    raw = build(alice, SignedExtra())
    assert outcome(raw[:-1] + bytes([raw[-1] ^ 1])) == InvalidTransaction(InvalidKind.BAD_PROOF)


@pytest.mark.parametrize("field,value", [
    ("genesis_hash", bytes(32)), ("spec_version", SPEC_VERSION + 1),
    ("transaction_version", TX_VERSION + 1)])
def test_signing_for_another_chain_or_runtime_is_bad_proof(alice: Keypair, field: str,
                                                           value: object) -> None:
    assert outcome(build(alice, SignedExtra(), **{field: value})) == InvalidTransaction(
        InvalidKind.BAD_PROOF)


def test_tampered_era_to_an_unkept_birth_is_ancient_birth_block(alice: Keypair) -> None:
    era = mortal_at(CURRENT - 1)
    raw = build(alice, SignedExtra(era), era.birth(CURRENT))
    moved = Mortal(65536, 1008)  # born at block 1008: older than the 2400 kept hashes
    tampered = raw.replace(era.encode() + b"\x00\x00\x00" + TRANSFER_CALL,
                           moved.encode() + b"\x00\x00\x00" + TRANSFER_CALL)
    assert tampered != raw
    assert outcome(tampered) == InvalidTransaction(InvalidKind.ANCIENT_BIRTH_BLOCK)


def test_tampered_era_to_a_kept_birth_is_bad_proof(alice: Keypair) -> None:
    era = mortal_at(CURRENT - 1)
    raw = build(alice, SignedExtra(era), era.birth(CURRENT))
    moved = Mortal(era.period, (era.phase - 5) % era.period)
    tampered = raw.replace(era.encode() + b"\x00\x00\x00" + TRANSFER_CALL,
                           moved.encode() + b"\x00\x00\x00" + TRANSFER_CALL)
    assert outcome(tampered) == InvalidTransaction(InvalidKind.BAD_PROOF)


def test_era_born_longer_ago_than_the_kept_hashes_is_ancient(alice: Keypair) -> None:
    era = mortal_at(CURRENT - 3000, period=65536)
    raw = build(alice, SignedExtra(era), era.birth(CURRENT))
    assert outcome(raw).kind is InvalidKind.ANCIENT_BIRTH_BLOCK
    assert outcome(raw, make_chain(CURRENT, kept=4000)).signer == alice.account_id


def test_birth_block_not_yet_produced_is_ancient_birth_block() -> None:
    chain = make_chain(CURRENT)
    assert mortality_birth_hash(Mortal(4096, 4095), 100, chain.block_hash).kind is (
        InvalidKind.ANCIENT_BIRTH_BLOCK)
    at_current = Mortal(64, CURRENT % 64)
    assert mortality_birth_hash(at_current, CURRENT, chain.block_hash).kind is (
        InvalidKind.ANCIENT_BIRTH_BLOCK)
    assert mortality_birth_hash(at_current, CURRENT + 1, make_chain(CURRENT + 1).block_hash) == (
        block_hash_of(CURRENT))


def test_immortal_birth_hash_is_the_genesis_hash() -> None:
    chain = make_chain(CURRENT)
    assert mortality_birth_hash(IMMORTAL, CURRENT, chain.block_hash) == GENESIS == (
        chain.genesis_hash)


def test_metadata_hash_enabled_cannot_be_looked_up(alice: Keypair) -> None:
    extra = SignedExtra(metadata_hash_mode=MetadataHashMode.ENABLED)
    result = outcome(build(alice, extra, metadata_hash=bytes(range(32))))
    assert result == UnknownTransaction(UnknownKind.CANNOT_LOOKUP)
    assert "RFC-0078" in result.reason


def test_non_id_address_cannot_be_looked_up(alice: Keypair) -> None:
    xt = build_signed_extrinsic(alice, TRANSFER_CALL, SignedExtra(), signer_context())
    signed = xt.signed
    for address in (MultiAddress(AddressKind.ADDRESS32, alice.account_id),
                    MultiAddress(AddressKind.INDEX), MultiAddress(AddressKind.RAW, b"x")):
        moved = UncheckedExtrinsic(xt.call, SignedData(address, signed.signature, signed.extra,
                                                       signed.explicit))
        assert check_extrinsic(moved, make_chain(CURRENT)) == UnknownTransaction(
            UnknownKind.CANNOT_LOOKUP)


def test_zero_sender_is_bad_signer() -> None:
    assert check_non_zero_sender(bytes(32)) == InvalidTransaction(InvalidKind.BAD_SIGNER)
    assert check_non_zero_sender(b"\x00" * 31 + b"\x01") == ValidTransaction()


def test_mortality_longevity_runs_to_the_death_block() -> None:
    era = Mortal(16, 0)
    assert mortality_validity(era, 17).longevity == 15
    assert mortality_validity(IMMORTAL, 17).longevity == U64_MAX - 17


def test_validate_stateless_combines_sender_and_mortality(alice: Keypair) -> None:
    era = mortal_at(CURRENT - 1)
    checked = CheckedExtrinsic(alice.account_id, TRANSFER_CALL, SignedExtra(era))
    chain = make_chain(CURRENT)
    assert validate_stateless(checked, chain) == ValidTransaction(
        longevity=era.death(CURRENT) - CURRENT)
    zero = CheckedExtrinsic(bytes(32), TRANSFER_CALL, SignedExtra(era))
    assert validate_stateless(zero, chain).kind is InvalidKind.BAD_SIGNER
    assert validate_stateless(checked, chain, is_submit_encrypted=True).kind is (
        InvalidKind.STALE)


def test_shield_rule_allows_only_short_mortal_eras() -> None:
    assert check_shield_mortality(IMMORTAL, True).kind is InvalidKind.STALE
    assert check_shield_mortality(Mortal(16, 1), True).kind is InvalidKind.STALE
    assert check_shield_mortality(Mortal(8, 1), True) is None
    assert check_shield_mortality(IMMORTAL, False) is None


def test_nonce_tag_is_scale_of_account_and_u32(alice: Keypair) -> None:
    assert nonce_tag(alice.account_id, 0x01020304) == alice.account_id + b"\x04\x03\x02\x01"


def test_nonce_validity_current_future_and_stale(alice: Keypair) -> None:
    who = alice.account_id
    assert nonce_validity(who, 3, 3) == ValidTransaction(provides=(nonce_tag(who, 3),))
    assert nonce_validity(who, 5, 3) == ValidTransaction(requires=(nonce_tag(who, 4),),
                                                         provides=(nonce_tag(who, 5),))
    assert nonce_validity(who, 2, 3).kind is InvalidKind.STALE
    assert nonce_validity(who, 3, 3, account_exists=False).kind is InvalidKind.PAYMENT
    assert nonce_validity(who, 3, 3, account_exists=False, pays_fee=False) == ValidTransaction(
        provides=(nonce_tag(who, 3),))


def test_nonce_prepare_in_a_block() -> None:
    assert nonce_prepare(3, 3) == 4
    assert nonce_prepare(4, 3).kind is InvalidKind.FUTURE
    assert nonce_prepare(2, 3).kind is InvalidKind.STALE
    assert nonce_prepare((1 << 32) - 1, (1 << 32) - 1) == 0


def test_priorities_ignore_the_tip_and_add_up() -> None:
    assert payment_priority(operational=False) == NORMAL_DISPATCH_BASE_PRIORITY == 1
    assert payment_priority(operational=True) == OPERATIONAL_DISPATCH_PRIORITY
    combined = payment_validity(operational=False).combine_with(drand_validity(True))
    assert combined.priority == 10_001
    assert drand_validity(False) == ValidTransaction()


def test_full_signed_pipeline_gives_the_pool_its_tags(alice: Keypair) -> None:
    era = mortal_at(CURRENT - 1)
    raw = build(alice, SignedExtra(era, nonce=8), era.birth(CURRENT))
    chain = make_chain(CURRENT)
    checked = check_extrinsic(decode_extrinsic(raw), chain)
    validity = validate_stateless(checked, chain).combine_with(
        nonce_validity(checked.signer, checked.extra.nonce, 6)).combine_with(
        payment_validity(operational=False))
    assert validity == ValidTransaction(
        priority=1, requires=(nonce_tag(alice.account_id, 7),),
        provides=(nonce_tag(alice.account_id, 8),), longevity=era.death(CURRENT) - CURRENT)


def test_extension_set_has_subtensors_thirteen_identifiers_in_order() -> None:
    assert SUBTENSOR_EXTENSIONS.identifiers == (
        "CheckNonZeroSender", "CheckSpecVersion", "CheckTxVersion", "CheckGenesis",
        "CheckMortality", "CheckNonce", "CheckWeight", "ChargeTransactionPayment",
        "SudoTransactionExtension", "CheckShieldedTxValidity", "SubtensorTransactionExtension",
        "DrandPriority", "CheckMetadataHash")


_VALID = build_signed_extrinsic(Keypair.from_uri("//Alice"), TRANSFER_CALL,
                                SignedExtra(Mortal.from_current(64, CURRENT - 3), 11, 5),
                                signer_context(Mortal.from_current(64, CURRENT - 3).birth(CURRENT))
                                ).encode()


@settings(max_examples=400, deadline=None)
@given(st.integers(0, len(_VALID) - 1), st.integers(1, 255))
def test_any_single_byte_change_is_refused_never_accepted(position: int, delta: int) -> None:
    assert isinstance(outcome(_VALID), CheckedExtrinsic)
    tampered = bytearray(_VALID)
    tampered[position] = (tampered[position] + delta) % 256
    try:
        xt = decode_extrinsic(bytes(tampered))
    except ExtrinsicDecodeError:
        return
    assert isinstance(check_extrinsic(xt, make_chain(CURRENT)),
                      InvalidTransaction | UnknownTransaction)
