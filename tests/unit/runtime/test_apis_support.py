"""Shared fixtures for the assembled-runtime tests: the dev genesis state, signed transfers
built from the runtime's own ``RuntimeCall`` enum, block-1 headers with an Aura pre-digest."""

from __future__ import annotations

from typing import Any

from runtime.apis import dispatch
from runtime.extrinsic.extensions import ImplicitContext, SignedExtra
from runtime.extrinsic.signing import build_signed_extrinsic
from runtime.genesis import build_dev_genesis, dev_genesis_header
from runtime.node_runtime import NodeRuntime, node_runtime
from runtime.primitives.block import AURA_ENGINE_ID, Digest, Header, PreRuntime
from runtime.primitives.era import IMMORTAL, Era
from runtime.primitives.keys import DEV_ACCOUNTS, Keypair
from runtime.primitives.scale import U64, EnumValue
from storage.overlay import Overlay
from storage.trie import Trie
from storage.trie.nodestore import MemoryNodeStore

NODE: NodeRuntime = node_runtime()
ALICE = DEV_ACCOUNTS["Alice"]
BOB = DEV_ACCOUNTS["Bob"]
CHARLIE = DEV_ACCOUNTS["Charlie"]
SLOT = 146_599_431
NOW_MS = SLOT * 12_000 + 500


def genesis_state() -> tuple[Overlay, bytes]:
    """A fresh dev genesis state and the genesis hash."""
    ext = Overlay(Trie(MemoryNodeStore()))
    build_dev_genesis(ext, NODE)
    return ext, dev_genesis_header(ext).hash()


def runtime_call(pallet: str, call: str, args: dict[str, Any]) -> bytes:
    """``RuntimeCall`` bytes encoded with the runtime's outer call enum (the metadata's)."""
    return NODE.outer_enums.call_type.encode(EnumValue(pallet, EnumValue(call, args)))


def transfer_keep_alive(dest: bytes, value: int) -> bytes:
    """``Balances.transfer_keep_alive(MultiAddress::Id(dest), value)``."""
    return runtime_call("Balances", "transfer_keep_alive",
                        {"dest": EnumValue("Id", dest), "value": value})


def signed(keypair: Keypair, call: bytes, nonce: int, genesis_hash: bytes, *,
           era: Era = IMMORTAL, birth_hash: bytes | None = None, tip: int = 0) -> bytes:
    """A signed extrinsic (length-prefixed) for this runtime's versions."""
    context = ImplicitContext(NODE.version.spec_version, NODE.version.transaction_version,
                              genesis_hash, birth_hash)
    return build_signed_extrinsic(keypair, call, SignedExtra(era=era, nonce=nonce, tip=tip),
                                  context).encode()


def block_header(parent: bytes, number: int = 1, slot: int = SLOT) -> Header:
    """An unsealed header with the Aura pre-runtime digest of ``slot``."""
    digest = Digest((PreRuntime(AURA_ENGINE_ID, U64.encode(slot)),))
    return Header(parent, number, bytes(32), bytes(32), digest)


def call_api(method: str, data: bytes, ext: Overlay) -> bytes:
    """``state_call`` through the runtime's dispatcher."""
    return dispatch(method, data, ext, NODE)
