"""Shared helpers of the importer and author tests: a small runtime over real parts.

The runtime is System plus a demo pallet (index 40) with a transfer-like call (moves free balance
between ``System.Account`` entries), a timestamp-like inherent, a counter and a ``fill`` call that
writes many keys (a slow block on demand). Fees are a flat amount taken from the sender's free
balance (the approach of ``tests/unit/runtime/test_executive.py``). Genesis is committed from a raw
chain spec into a real :class:`ChainDB` (LevelDB in ``tmp_path``, or memory); extrinsics are
signed with the dev keys; blocks are sealed with Aura by //Alice and checked by the consensus
header verifier.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from chainspec.genesis import commit_genesis
from chainspec.raw import RawChainSpec
from consensus.aura import FAST_SLOT_DURATION_MS, slot_digest
from consensus.verify import HeaderVerifier
from node.author import BlockAuthor, BlockLimits, aura_sealer
from node.chain import Chain
from node.events import (
    BlockImported,
    BlocksFinalized,
    ChainRewound,
    ImportOrigin,
    validate_at_known_block,
)
from node.importer import AuraSealCheck, BlockImporter
from node.txpool import TransactionPool
from node.txpool.validity import decode_validity
from runtime.composition import Runtime
from runtime.executive import Executive, VersionInfo
from runtime.extrinsic.checks import nonce_validity
from runtime.extrinsic.extensions import ImplicitContext, SignedExtra
from runtime.extrinsic.format import UncheckedExtrinsic, decode_extrinsic
from runtime.extrinsic.signing import build_signed_extrinsic
from runtime.extrinsic.validity import (
    InvalidKind,
    InvalidTransaction,
    encode_transaction_validity,
)
from runtime.frame import system
from runtime.frame.dispatch import (
    DispatchClass,
    DispatchInfo,
    PostDispatchInfo,
    Weight,
    ensure_none,
    ensure_signed,
)
from runtime.frame.pallet import Pallet
from runtime.frame.storage import VALUE_QUERY
from runtime.primitives.block import Block
from runtime.primitives.externalities import Externalities
from runtime.primitives.keys import DEV_ACCOUNTS, Keypair
from runtime.primitives.scale import U32, U64, Compact
from runtime.primitives.scale.common import AccountId32
from storage.chain_db import ChainDB, Pruning

FEE = 1_000
ENDOWMENT = 10**15
VERSION = VersionInfo("node-subtensor", "node-subtensor", 1, 425, 1, 1, 1)
ALICE: Keypair = DEV_ACCOUNTS["Alice"].sr25519
BOB: Keypair = DEV_ACCOUNTS["Bob"].sr25519
CHARLIE: Keypair = DEV_ACCOUNTS["Charlie"].sr25519
DAVE: Keypair = DEV_ACCOUNTS["Dave"].sr25519
AUTHORITIES = [ALICE.public_key]

demo = Pallet("Demo", 40)
Counter = demo.value("Counter", U32, query=VALUE_QUERY, default=0)
Moment = demo.value("Moment", U64)
InsufficientBalance = demo.error(0, "InsufficientBalance")


@demo.call(0, [("dest", AccountId32, "T::AccountId"), ("value", Compact(U64), "u64")],
           weight=Weight(10_000))
def transfer(ext: Externalities, origin: object, dest: bytes, value: int) -> None:
    """Move ``value`` of free balance from the signer to ``dest`` (created if absent)."""
    who = ensure_signed(origin)  # type: ignore[arg-type]
    sender = system.account_dict(ext, who)
    if sender["data"]["free"] < value:
        raise InsufficientBalance()
    sender["data"]["free"] -= value
    system.Account.insert(ext, who, sender)
    receiver = system.account_dict(ext, dest)
    receiver["data"]["free"] += value
    receiver["providers"] = max(receiver["providers"], 1)
    system.Account.insert(ext, dest, receiver)


@demo.call(1, [("now", Compact(U64), "T::Moment")], weight=Weight(1),
           dispatch_class=DispatchClass.Mandatory)
def stamp(ext: Externalities, origin: object, now: int) -> None:
    """An inherent (unsigned, mandatory): record the block's moment."""
    ensure_none(origin)  # type: ignore[arg-type]
    Moment.insert(ext, now)


@demo.call(2, [("by", U32, "u32")], weight=Weight(5_000))
def bump(ext: Externalities, origin: object, by: int) -> None:
    """Add ``by`` to the counter."""
    Counter.insert(ext, Counter.get(ext) + by)


@demo.call(3, [("count", U32, "u32")], weight=Weight(1_000_000))
def fill(ext: Externalities, origin: object, count: int) -> None:
    """Write ``count`` fresh keys under the pallet (a slow block on demand)."""
    start = Counter.get(ext)
    prefix = b"demo-fill:"
    for index in range(start, start + count):
        ext.set(prefix + index.to_bytes(4, "big"), index.to_bytes(4, "little") * 8)
    Counter.insert(ext, start + count)


class FlatFee:
    """Take FEE from the sender's free balance; refuse when it cannot pay."""

    def withdraw_fee(self, ext: Externalities, who: bytes, info: DispatchInfo, length: int,
                     tip: int) -> object | InvalidTransaction:
        """Withdraw the flat fee plus tip; the charge is the amount."""
        account = system.account_dict(ext, who)
        if account["data"]["free"] < FEE + tip:
            return InvalidTransaction(InvalidKind.PAYMENT)
        account["data"]["free"] -= FEE + tip
        system.Account.insert(ext, who, account)
        return FEE + tip

    def settle_fee(self, ext: Externalities, charge: object, info: DispatchInfo,
                   post_info: PostDispatchInfo, length: int) -> None:
        """Nothing to refund with a flat fee."""


RUNTIME = Runtime([system.system, demo])


def make_executive() -> Executive:
    """The test runtime's executive."""
    return Executive(RUNTIME, VERSION, FlatFee())


def genesis_spec(accounts: Sequence[Keypair] = (ALICE, BOB, CHARLIE, DAVE)) -> RawChainSpec:
    """A raw spec endowing ``accounts``."""
    top: dict[bytes, bytes] = {}
    for keypair in accounts:
        info = {**system.DEFAULT_ACCOUNT_INFO, "providers": 1,
                "data": {"free": ENDOWMENT, "reserved": 0, "frozen": 0,
                         "flags": system.NEW_LOGIC_FLAG}}
        top[system.Account.storage_key(keypair.account_id)] = system.Account.value_type.encode(
            info)
    top[Counter.storage_key()] = U32.encode(0)
    return RawChainSpec(top)


def open_db(path: Path | None, pruning: Pruning | None = None) -> ChainDB:
    """A LevelDB chain database in ``path`` (memory when None), with genesis committed."""
    db = ChainDB.open_memory(pruning) if path is None else ChainDB.open_leveldb(path, pruning)
    if db.genesis_hash is None:
        commit_genesis(db, genesis_spec(), VERSION.state_version)
    return db


@dataclass
class Recorder:
    """A chain listener that keeps every notification."""

    imported: list[BlockImported] = field(default_factory=list)
    finalized: list[BlocksFinalized] = field(default_factory=list)
    rewound: list[ChainRewound] = field(default_factory=list)

    def on_block_imported(self, event: BlockImported) -> None:
        """Keep the event."""
        self.imported.append(event)

    def on_blocks_finalized(self, event: BlocksFinalized) -> None:
        """Keep the event."""
        self.finalized.append(event)

    def on_chain_rewound(self, event: ChainRewound) -> None:
        """Keep the event."""
        self.rewound.append(event)


@dataclass
class Node:
    """Database, chain facade, importer (Aura-checked) and author over the test runtime."""

    db: ChainDB
    chain: Chain
    importer: BlockImporter
    author: BlockAuthor
    recorder: Recorder

    @property
    def genesis_hash(self) -> bytes:
        """The genesis hash."""
        return self.chain.genesis_hash

    def snapshot(self) -> tuple[bytes, bytes, int, bytes, bytes]:
        """(best, finalized, best number, best state root, digest of every database row) for
        before/after comparisons: equal snapshots mean an unchanged database."""
        best = self.chain.best_hash
        root = self.chain.state_root(best)
        assert root is not None
        rows = hashlib.blake2b(digest_size=32)
        for key, value in self.db.kv.items():
            rows.update(len(key).to_bytes(4, "little") + key)
            rows.update(len(value).to_bytes(4, "little") + value)
        return (best, self.chain.finalized_hash, self.chain.best_number, root, rows.digest())

    def close(self) -> None:
        """Stop the worker and close the database."""
        self.importer.close()
        self.db.close()


def make_node(path: Path | None = None, *, instant_finality: bool = False,
              sealed: bool = True, trust_own_state: bool = False,
              pruning: Pruning | None = None) -> Node:
    """A node over a fresh (or reopened) database."""
    db = open_db(path, pruning)
    chain = Chain(db, VERSION.state_version)
    seal_check = None
    if sealed:
        verifier = HeaderVerifier(chain, clock=lambda: 0, slot_duration_ms=FAST_SLOT_DURATION_MS,
                                  check_future_slots=False)
        seal_check = AuraSealCheck(verifier, lambda parent: AUTHORITIES)
    executive = make_executive()
    importer = BlockImporter(chain, executive, seal_check=seal_check,
                             instant_finality=instant_finality)
    author = BlockAuthor(chain, executive, importer, trust_own_state=trust_own_state)
    recorder = Recorder()
    chain.subscribe(recorder)
    return Node(db, chain, importer, author, recorder)


# -- extrinsics ----------


def signed(genesis_hash: bytes, keypair: Keypair, call: bytes, nonce: int) -> bytes:
    """A signed, immortal extrinsic of ``call`` (encoded with its length prefix)."""
    context = ImplicitContext(VERSION.spec_version, VERSION.transaction_version, genesis_hash)
    return build_signed_extrinsic(keypair, call, SignedExtra(nonce=nonce), context).encode()


def transfer_call(dest: Keypair, value: int) -> bytes:
    """``Demo.transfer(dest, value)``."""
    return demo.calls[0].encode(dest=dest.account_id, value=value)


def bump_call(by: int) -> bytes:
    """``Demo.bump(by)``."""
    return demo.calls[2].encode(by=by)


def fill_call(count: int) -> bytes:
    """``Demo.fill(count)``."""
    return demo.calls[3].encode(count=count)


def stamp_inherent(now: int) -> bytes:
    """The bare ``Demo.stamp(now)`` inherent."""
    return UncheckedExtrinsic(demo.calls[1].encode(now=now)).encode()


def block_inputs(node: Node, parent_hash: bytes | None = None) -> dict[str, object]:
    """Inherents, Aura slot digest and seal for a child of ``parent_hash`` (default: best)."""
    parent = node.chain.best_hash if parent_hash is None else parent_hash
    number = node.chain.number(parent)
    assert number is not None
    return {"inherents": [stamp_inherent(1_000 * (number + 1))],
            "pre_digest": [slot_digest(number + 1)], "seal": aura_sealer(ALICE)}


def free_balance(node: Node, keypair: Keypair, at: bytes | None = None) -> int:
    """The free balance of ``keypair`` at ``at`` (default: best)."""
    view = node.db.reader_at(node.chain.best_hash if at is None else at)
    raw = view.get(system.Account.storage_key(keypair.account_id))
    assert raw is not None
    return int(system.Account.value_type.decode(raw).data.free)


# -- a pool over the chain ----------


def make_pool(node: Node) -> TransactionPool:
    """A transaction pool whose validator reads nonces at the given block (CheckNonce only;
    signatures are checked when the author applies the transaction)."""

    def validator(source: object, extrinsic: bytes, at: bytes):  # type: ignore[no-untyped-def]
        decoded = decode_extrinsic(extrinsic)
        if decoded.signed is None:
            validity = InvalidTransaction(InvalidKind.CALL)
        else:
            signer = decoded.signed.address.account_id
            assert signer is not None
            raw = node.db.reader_at(at).get(system.Account.storage_key(signer))
            nonce = 0 if raw is None else system.Account.value_type.decode(raw).nonce
            validity = nonce_validity(signer, decoded.signed.signed_extra.nonce, nonce)
        return decode_validity(encode_transaction_validity(validity))

    return TransactionPool(validate_at_known_block(validator, node.chain.contains,
                                                   lambda: node.chain.best_hash))


@dataclass
class ListReady:
    """A ready iterator over a fixed list (no pool), remembering what was reported invalid."""

    items: list[bytes]
    reported: list[bytes] = field(default_factory=list)
    _position: int = 0

    @dataclass(frozen=True)
    class Item:
        """One transaction."""

        hash: bytes
        data: bytes

    def __iter__(self) -> Iterator[ListReady.Item]:
        return self

    def __next__(self) -> ListReady.Item:
        if self._position >= len(self.items):
            raise StopIteration
        data = self.items[self._position]
        self._position += 1
        return ListReady.Item(self._position.to_bytes(32, "big"), data)

    def report_invalid(self, tx_hash: bytes) -> None:
        """Remember the report."""
        self.reported.append(tx_hash)


def author_chain(node: Node, count: int, *, parent_hash: bytes | None = None,
                 txs_per_block: Sequence[Sequence[bytes]] | None = None,
                 finalize: bool | None = None) -> list[Block]:
    """Author ``count`` blocks in a row from ``parent_hash`` (default: best)."""
    blocks = []
    parent = parent_hash
    for index in range(count):
        inputs = block_inputs(node, parent)
        ready = ListReady(list(txs_per_block[index])) if txs_per_block else None
        built = node.author.build(parent, ready=ready, limits=BlockLimits(),
                                  **inputs)  # type: ignore[arg-type]
        node.importer.import_block(built.block, ImportOrigin.OWN, finalize=finalize)
        blocks.append(built.block)
        parent = built.block.hash()
    return blocks
