"""TaggedTransactionQueue_validate_transaction on the dev genesis state."""

from __future__ import annotations

from runtime.extrinsic.checks import nonce_tag
from runtime.extrinsic.format import UncheckedExtrinsic
from runtime.extrinsic.validity import (
    U64_MAX,
    InvalidKind,
    InvalidTransaction,
    TransactionSource,
    TransactionValidity,
    UnknownKind,
    UnknownTransaction,
    ValidTransaction,
    decode_transaction_validity,
)
from runtime.frame import system
from runtime.pallets.balances import build_genesis
from runtime.pallets.balances.pallet import TotalIssuance
from runtime.primitives.era import Mortal
from runtime.primitives.keys import keypair_from_uri
from storage.overlay import Overlay
from tests.unit.runtime.test_apis_support import (
    ALICE,
    BOB,
    CHARLIE,
    NODE,
    call_api,
    genesis_state,
    runtime_call,
    signed,
    transfer_keep_alive,
)

TRANSFER = transfer_keep_alive(CHARLIE.account_id, 10**9)


def _validate(ext: Overlay, extrinsic: bytes, at: bytes,
              source: TransactionSource = TransactionSource.EXTERNAL) -> TransactionValidity:
    data = bytes([source]) + extrinsic + at
    return decode_transaction_validity(
        call_api("TaggedTransactionQueue_validate_transaction", data, ext))


def test_current_nonce_provides_its_tag_and_leaves_state_unchanged() -> None:
    # immortal: CheckMortality's longevity is u64::MAX minus the validating block number (1)
    ext, genesis = genesis_state()
    before = ext.changes()
    validity = _validate(ext, signed(BOB.sr25519, TRANSFER, 0, genesis), genesis)
    assert validity == ValidTransaction(priority=1, requires=(),
                                        provides=(nonce_tag(BOB.account_id, 0),),
                                        longevity=U64_MAX - 1, propagate=True)
    assert ext.changes() == before


def test_future_nonce_requires_the_previous_tag() -> None:
    ext, genesis = genesis_state()
    validity = _validate(ext, signed(BOB.sr25519, TRANSFER, 2, genesis), genesis)
    assert isinstance(validity, ValidTransaction)
    assert validity.requires == (nonce_tag(BOB.account_id, 1),)
    assert validity.provides == (nonce_tag(BOB.account_id, 2),)


def test_stale_nonce_is_refused() -> None:
    ext, genesis = genesis_state()
    account = system.account_dict(ext, BOB.account_id)
    account["nonce"] = 3
    system.Account.insert(ext, BOB.account_id, account)
    validity = _validate(ext, signed(BOB.sr25519, TRANSFER, 2, genesis), genesis)
    assert isinstance(validity, InvalidTransaction) and validity.kind == InvalidKind.STALE


def test_bad_signature_and_wrong_genesis_are_bad_proof() -> None:
    ext, genesis = genesis_state()
    tampered = bytearray(signed(BOB.sr25519, TRANSFER, 0, genesis))
    tampered[40] ^= 1
    for extrinsic in (bytes(tampered), signed(BOB.sr25519, TRANSFER, 0, bytes(32))):
        validity = _validate(ext, extrinsic, genesis)
        assert isinstance(validity, InvalidTransaction)
        assert validity.kind == InvalidKind.BAD_PROOF


def test_unfunded_and_poor_senders_cannot_pay() -> None:
    ext, genesis = genesis_state()
    nobody = keypair_from_uri("//Nobody")
    poor = keypair_from_uri("//Poor")
    build_genesis_extra(ext, poor.public_key, 600)
    for keypair in (nobody, poor):
        validity = _validate(ext, signed(keypair, TRANSFER, 0, genesis), genesis)
        assert isinstance(validity, InvalidTransaction), keypair
        assert validity.kind == InvalidKind.PAYMENT


def build_genesis_extra(ext: Overlay, who: bytes, amount: int) -> None:
    """Endow one more account on top of the dev genesis (issuance adjusted)."""
    issuance = TotalIssuance.get(ext)
    build_genesis(ext, [(who, amount)])
    TotalIssuance.insert(ext, issuance + amount)


def test_mortal_era_signs_the_genesis_hash_as_birth_and_bounds_longevity() -> None:
    ext, genesis = genesis_state()
    era = Mortal.from_current(64, 0)  # clients: current = finalized (genesis)
    extrinsic = signed(BOB.sr25519, TRANSFER, 0, genesis, era=era, birth_hash=genesis)
    validity = _validate(ext, extrinsic, genesis)
    assert isinstance(validity, ValidTransaction)
    assert validity.longevity == era.death(1) - 1 == 63


def test_bare_inherent_and_bare_call_are_refused() -> None:
    ext, genesis = genesis_state()
    inherent = UncheckedExtrinsic(runtime_call("Timestamp", "set", {"now": 5})).encode()
    bare = UncheckedExtrinsic(TRANSFER).encode()
    assert _validate(ext, inherent, genesis) == InvalidTransaction(
        InvalidKind.MANDATORY_VALIDATION)
    assert _validate(ext, bare, genesis) == UnknownTransaction(UnknownKind.NO_UNSIGNED_VALIDATOR)


def test_malformed_bytes_and_unknown_calls_are_invalid_call() -> None:
    ext, genesis = genesis_state()
    for extrinsic in (b"\x10\x84\x00\x01\x02", UncheckedExtrinsic(b"\x63\x00").encode()):
        assert _validate(ext, extrinsic, genesis) == InvalidTransaction(InvalidKind.CALL)


def test_sudo_call_from_another_account_is_bad_signer() -> None:
    ext, genesis = genesis_state()
    inner = runtime_call("Balances", "transfer_keep_alive",
                          {"dest": ("Id", BOB.account_id), "value": 1})
    sudo = runtime_call("Sudo", "sudo", {"call": _decoded(inner)})
    refused = _validate(ext, signed(BOB.sr25519, sudo, 0, genesis), genesis)
    assert refused == InvalidTransaction(InvalidKind.BAD_SIGNER)
    accepted = _validate(ext, signed(ALICE.sr25519, sudo, 0, genesis), genesis)
    assert isinstance(accepted, ValidTransaction)


def _decoded(call: bytes) -> object:
    return NODE.outer_enums.call_type.decode(call)
