"""Plain chain specs: parsing the genesis config, building it into storage, path-named errors."""

from __future__ import annotations

import copy
import json

import pytest

from chainspec.dev import dev_raw_spec
from chainspec.errors import ChainSpecError
from chainspec.genesis import build_genesis
from chainspec.plain import (
    CODE_KEY,
    InvalidPlainSpecError,
    PlainChainSpec,
    dev_plain_spec,
    load_chain_spec,
    parse_chain_spec,
)
from chainspec.raw import RawChainSpec
from runtime.frame import system
from runtime.genesis import DEV_ENDOWMENT, build_dev_genesis, dev_genesis_header
from runtime.pallets.balances.pallet import TotalIssuance
from runtime.pallets.sudo import pallet as sudo
from runtime.primitives.keys import DEV_ACCOUNTS
from runtime.primitives.ss58 import ss58_encode
from storage.overlay import Overlay
from storage.trie import EMPTY_TRIE_ROOT, MemoryNodeStore, Trie

ALICE = DEV_ACCOUNTS["Alice"]
BOB = DEV_ACCOUNTS["Bob"]
PATCH_PATH = "genesis.runtimeGenesis.patch"


def _dev_header():
    overlay = Overlay(Trie(MemoryNodeStore(), EMPTY_TRIE_ROOT, 1))
    build_dev_genesis(overlay)
    return dev_genesis_header(overlay, 1)


def _dev_patch() -> dict:
    return dev_plain_spec().to_json()["genesis"]["runtimeGenesis"]["patch"]


def _spec(genesis: dict) -> dict:
    return {"name": "Custom", "id": "custom", "chainType": "Local", "genesis": genesis}


def _state(raw: RawChainSpec) -> Overlay:
    trie = Trie(MemoryNodeStore(), EMPTY_TRIE_ROOT, 1)
    overlay = Overlay(trie)
    for key, value in raw.top.items():
        overlay.set(key, value)
    return overlay


def _error(genesis: dict) -> InvalidPlainSpecError:
    with pytest.raises(InvalidPlainSpecError) as info:
        PlainChainSpec.from_json(_spec(genesis))
    return info.value


def test_dev_preset_plain_spec_gives_dev_genesis_root() -> None:
    text = dev_plain_spec().dumps()
    spec = parse_chain_spec(json.loads(text))
    assert isinstance(spec, PlainChainSpec)
    raw = spec.to_raw()
    assert raw.top == dev_raw_spec().top
    assert build_genesis(raw).state_root == _dev_header().state_root
    assert build_genesis(raw).hash == _dev_header().hash()


def test_plain_formats_config_and_legacy_runtime_give_same_root() -> None:
    expected = _dev_header().state_root
    patch = _dev_patch()
    for genesis in ({"runtimeGenesis": {"config": patch}}, {"runtime": patch}):
        raw = PlainChainSpec.from_json(_spec(genesis)).to_raw()
        assert build_genesis(raw).state_root == expected


def test_custom_plain_spec_funds_accounts_total_issuance_is_sum() -> None:
    balances = [[ss58_encode(ALICE.account_id), 7_000], [ss58_encode(BOB.account_id), 123_456_789],
                [ss58_encode(bytes(range(32)), 13116), 10**15]]
    spec = PlainChainSpec.from_json(_spec({"runtimeGenesis": {"patch": {
        "balances": {"balances": balances}, "sudo": {"key": ss58_encode(BOB.account_id)}}}}))
    assert spec.config.total_issuance == 7_000 + 123_456_789 + 10**15
    state = _state(spec.to_raw())
    assert TotalIssuance.get(state) == 7_000 + 123_456_789 + 10**15
    assert system.account_dict(state, BOB.account_id)["data"]["free"] == 123_456_789
    assert system.account_dict(state, bytes(range(32)))["data"]["free"] == 10**15
    assert sudo.key(state) == BOB.account_id


def test_custom_plain_spec_differs_from_dev_root() -> None:
    patch = _dev_patch()
    patch["balances"]["balances"] = patch["balances"]["balances"][:2]
    raw = PlainChainSpec.from_json(_spec({"runtimeGenesis": {"patch": patch}})).to_raw()
    state = _state(raw)
    assert TotalIssuance.get(state) == 2 * DEV_ENDOWMENT
    assert build_genesis(raw).state_root != _dev_header().state_root


def test_empty_patch_uses_runtime_defaults_no_sudo() -> None:
    state = _state(PlainChainSpec.from_json(_spec({"runtimeGenesis": {"patch": {}}})).to_raw())
    assert TotalIssuance.get(state) == 0
    assert sudo.key(state) is None


def test_code_is_stored_under_code_key() -> None:
    raw = PlainChainSpec.from_json(_spec(
        {"runtimeGenesis": {"code": "0x0061736d", "patch": {}}})).to_raw()
    assert raw.top[CODE_KEY] == b"\x00asm"
    legacy = PlainChainSpec.from_json(_spec({"runtime": {"system": {"code": "0x01"}}}))
    assert legacy.code == b"\x01"
    assert legacy.to_json()["genesis"]["runtimeGenesis"]["code"] == "0x01"


def test_malformed_amount_error_names_path() -> None:
    patch = _dev_patch()
    patch["balances"]["balances"][2][1] = "1000"
    error = _error({"runtimeGenesis": {"patch": patch}})
    assert error.where == f"{PATCH_PATH}.balances.balances[2][1]"
    assert str(error).startswith(f"{PATCH_PATH}.balances.balances[2][1]: ")


@pytest.mark.parametrize(("mutate", "where"), [
    (lambda p: p["balances"]["balances"][1].__setitem__(0, "5NotAnAddress"),
     "balances.balances[1][0]"),
    (lambda p: p["balances"]["balances"][0].__setitem__(1, -1), "balances.balances[0][1]"),
    (lambda p: p["balances"]["balances"][0].__setitem__(1, 2**64), "balances.balances[0][1]"),
    (lambda p: p["balances"]["balances"][3].__setitem__(1, 499), "balances.balances[3][1]"),
    (lambda p: p["balances"]["balances"][4].__setitem__(1, 1.5), "balances.balances[4][1]"),
    (lambda p: p["balances"]["balances"][4].append(1), "balances.balances[4]"),
    (lambda p: p["balances"]["balances"].append(copy.copy(p["balances"]["balances"][0])),
     "balances.balances[6][0]"),
    (lambda p: p["sudo"].__setitem__("key", 42), "sudo.key"),
    (lambda p: p["aura"]["authorities"].append("0x" + "11" * 32), "aura.authorities[1]"),
    (lambda p: p["grandpa"]["authorities"][0].__setitem__(1, True), "grandpa.authorities[0][1]"),
    (lambda p: p["transactionPayment"].__setitem__("multiplier", 1),
     "transactionPayment.multiplier"),
    (lambda p: p.__setitem__("subtensorModule", {}), "subtensorModule"),
    (lambda p: p["balances"].__setitem__("devAccounts", None), "balances.devAccounts"),
    (lambda p: p.__setitem__("sudo", []), "sudo"),
])
def test_malformed_patch_refused_naming_path(mutate, where) -> None:
    patch = _dev_patch()
    mutate(patch)
    assert _error({"runtimeGenesis": {"patch": patch}}).where == f"{PATCH_PATH}.{where}"


def test_legacy_runtime_error_names_legacy_path() -> None:
    error = _error({"runtime": {"balances": {"balances": [["5Grw", 10**12]]}}})
    assert error.where == "genesis.runtime.balances.balances[0][0]"


def test_runtime_genesis_shape_errors_name_path() -> None:
    assert _error({"runtimeGenesis": {"patch": {}, "config": {}}}).where == \
        "genesis.runtimeGenesis"
    assert _error({"runtimeGenesis": {"patch": {}, "extra": 1}}).where == \
        "genesis.runtimeGenesis.extra"
    assert _error({"runtimeGenesis": {"code": "0xzz", "patch": {}}}).where == \
        "genesis.runtimeGenesis.code"
    assert _error({"runtimeGenesis": {"patch": []}}).where == PATCH_PATH


def test_unknown_genesis_shape_refused() -> None:
    with pytest.raises(ChainSpecError, match="expected runtimeGenesis, runtime or raw"):
        PlainChainSpec.from_json(_spec({"something": {}}))


def test_load_chain_spec_reads_raw_and_plain(tmp_path) -> None:
    plain_path = tmp_path / "plain.json"
    plain_path.write_text(dev_plain_spec().dumps())
    raw_path = tmp_path / "raw.json"
    raw_path.write_text(dev_raw_spec().dumps())
    assert isinstance(load_chain_spec(plain_path), PlainChainSpec)
    assert load_chain_spec(raw_path).top == dev_raw_spec().top
    (tmp_path / "bad.json").write_text("{")
    with pytest.raises(ChainSpecError, match="invalid JSON"):
        load_chain_spec(tmp_path / "bad.json")


def test_too_many_aura_authorities_refused_at_build() -> None:
    keys = [ss58_encode(bytes([i]) * 32) for i in range(33)]
    spec = PlainChainSpec.from_json(_spec({"runtimeGenesis": {"patch": {
        "aura": {"authorities": keys}}}}))
    with pytest.raises(ChainSpecError, match="MaxAuthorities"):
        spec.to_raw()


def test_genesis_config_json_round_trips() -> None:
    config = dev_plain_spec().config
    again = PlainChainSpec.from_json(dev_plain_spec().to_json()).config
    assert again == config
    assert config.sudo_key == ALICE.account_id
    assert config.grandpa_authorities == ((ALICE.ed25519.public_key, 1),)
