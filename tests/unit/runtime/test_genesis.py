"""The dev genesis state: System's placeholders, endowments, sudo key, Aura authorities."""

from __future__ import annotations

from runtime.frame import system
from runtime.genesis import (
    DEV_ENDOWMENT,
    HASH69,
    LAST_RUNTIME_UPGRADE_KEY,
    UPGRADED_TO_TRIPLE_REF_COUNT_KEY,
    LastRuntimeUpgradeInfo,
    dev_genesis_header,
)
from runtime.pallets.balances.pallet import TotalIssuance
from runtime.pallets.sudo.pallet import Key
from runtime.pallets.transaction_payment.pallet import FIXED_U128_ONE, NextFeeMultiplier
from runtime.primitives.block import EMPTY_TRIE_ROOT
from runtime.primitives.keys import DEV_ACCOUNT_NAMES, DEV_ACCOUNTS
from tests.unit.runtime.test_apis_support import (
    ALICE,
    NODE,
    block_header,
    call_api,
    genesis_state,
)


def test_genesis_hash_is_not_in_state_but_hash69_is() -> None:
    ext, genesis_hash = genesis_state()
    assert system.BlockHash.get(ext, 0) == HASH69 == system.ParentHash.get(ext)
    assert ext.get(system.EXTRINSIC_INDEX_KEY) == b"\x00\x00\x00\x00"
    assert ext.get(UPGRADED_TO_TRIPLE_REF_COUNT_KEY) == b"\x01"
    upgrade = LastRuntimeUpgradeInfo.decode(ext.get(LAST_RUNTIME_UPGRADE_KEY))
    assert (upgrade.spec_version, upgrade.spec_name) == (425, "node-subtensor")
    assert genesis_hash != HASH69


def test_block_one_records_the_genesis_hash() -> None:
    ext, genesis_hash = genesis_state()
    call_api("Core_initialize_block", block_header(genesis_hash).encode(), ext)
    assert system.BlockHash.get(ext, 0) == genesis_hash


def test_dev_accounts_are_endowed_and_alice_is_sudo_and_author() -> None:
    ext, _ = genesis_state()
    for name in DEV_ACCOUNT_NAMES:
        account = system.account(ext, DEV_ACCOUNTS[name].account_id)
        assert (account.data.free, account.providers) == (DEV_ENDOWMENT, 1)
    assert TotalIssuance.get(ext) == DEV_ENDOWMENT * len(DEV_ACCOUNT_NAMES)
    assert bytes(Key.get(ext)) == ALICE.account_id
    assert NextFeeMultiplier.get(ext) == FIXED_U128_ONE
    assert NODE.aura is not None
    assert NODE.aura.authorities(ext) == [ALICE.sr25519.public_key]


def test_genesis_header_is_deterministic() -> None:
    first, hash_one = genesis_state()
    _, hash_two = genesis_state()
    header = dev_genesis_header(first)
    assert hash_one == hash_two == header.hash()
    assert (header.number, header.parent_hash, header.extrinsics_root) == (
        0, bytes(32), EMPTY_TRIE_ROOT)


def test_grandpa_genesis_is_alice_ed25519_with_weight_one() -> None:
    ext, _ = genesis_state()
    assert NODE.grandpa is not None
    assert NODE.grandpa.authorities(ext) == [(ALICE.ed25519.public_key, 1)]
    assert NODE.grandpa.CurrentSetId.get(ext) == 0
