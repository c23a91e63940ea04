"""The transaction pool (issue 6): ready/future queues by tags, replacement, limits, bans, watchers.

Public surface: ``TransactionPool`` and ``PoolLimits`` (``pool``), the validity types the runtime
returns (``validity``), the refusals with their JSON-RPC codes (``errors``) and the status stream
of submit-and-watch (``watcher``).

Wiring, in short: the validator runs ``state_call("TaggedTransactionQueue_validate_transaction",
encode_validate_args(source, xt, at), at)`` and returns ``decode_validity(result)``; the importer
calls ``on_block_imported(hash, extrinsics, parent_hash=parent)`` for every new best block,
``on_block_retracted`` (newest first) on a reorg and ``on_block_finalized`` on finality; the author
takes ``ready()``; the RPC submits with ``TransactionSource.EXTERNAL`` at the best block and turns a
``PoolError`` into its JSON-RPC error with ``to_rpc_error()``. All calls on one thread.
"""

from __future__ import annotations

from node.txpool.errors import (
    AlreadyImported,
    CycleDetected,
    ImmediatelyDropped,
    InvalidTransactionError,
    NoTagsProvided,
    PoolError,
    TemporarilyBanned,
    TooLowPriority,
    UnknownTransactionError,
    ValidatorContractError,
)
from node.txpool.graph import PoolTransaction, ReadyIterator
from node.txpool.pool import PoolLimits, PoolStatus, TransactionPool, Validator, extrinsic_hash
from node.txpool.validity import (
    InvalidKind,
    InvalidTransaction,
    TransactionSource,
    UnknownKind,
    UnknownTransaction,
    ValidTransaction,
    decode_validity,
    encode_validate_args,
    encode_validity,
)
from node.txpool.watcher import Status, Watcher

__all__ = [
    "AlreadyImported",
    "CycleDetected",
    "ImmediatelyDropped",
    "InvalidKind",
    "InvalidTransaction",
    "InvalidTransactionError",
    "NoTagsProvided",
    "PoolError",
    "PoolLimits",
    "PoolStatus",
    "PoolTransaction",
    "ReadyIterator",
    "Status",
    "TemporarilyBanned",
    "TooLowPriority",
    "TransactionPool",
    "TransactionSource",
    "UnknownKind",
    "UnknownTransaction",
    "UnknownTransactionError",
    "ValidTransaction",
    "Validator",
    "ValidatorContractError",
    "Watcher",
    "decode_validity",
    "encode_validate_args",
    "encode_validity",
    "extrinsic_hash",
]
