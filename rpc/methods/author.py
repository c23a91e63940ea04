"""``author_*``: submitting, watching, listing and removing pool transactions.

The pool's refusals reach the client as the error objects their ``to_rpc_error()`` gives (1010
``"Invalid Transaction"`` with data such as ``"Transaction is outdated"``, 1012, 1013, 1014 …);
an extrinsic whose framing does not decode is 1001 ``"Extrinsic has invalid format: …"``; hex
that is not hex is -32602. Watched transactions stream the pool's statuses verbatim as
``author_extrinsicUpdate`` until a final status, then the subscription ends. Key-store methods
(``author_insertKey``/``hasKey``/``rotateKeys``) are not offered: no backend interface has a
key store.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any, TypeVar

from rpc.backend import StatusStream, TransactionSubmitter
from rpc.errors import AUTHOR_BAD_FORMAT, RpcError, invalid_params
from rpc.jsonrpc import JSON, Params
from rpc.methods.common import extrinsic_format_error, hex0x
from rpc.registry import RpcRegistry
from rpc.subscriptions import Subscription
from runtime.primitives.hashing import blake2_256

T = TypeVar("T")


def register(registry: RpcRegistry, submitter: TransactionSubmitter) -> None:
    """Register the ``author_*`` methods and the watch subscription."""
    api = AuthorMethods(submitter)
    registry.register("author_submitExtrinsic", api.submit_extrinsic)
    registry.register("author_pendingExtrinsics", api.pending_extrinsics)
    registry.register("author_removeExtrinsic", api.remove_extrinsic, unsafe=True)
    registry.register_subscription(
        "author_submitAndWatchExtrinsic", "author_extrinsicUpdate", "author_unwatchExtrinsic",
        api.submit_and_watch)


def pool_call(call: Callable[[], T]) -> T:
    """Run a submitter call; a refusal carrying ``to_rpc_error()`` becomes that RPC error."""
    try:
        return call()
    except Exception as exc:
        convert = getattr(exc, "to_rpc_error", None)
        if convert is None:
            raise
        error: dict[str, Any] = convert()
        raise RpcError(error["code"], error["message"], error.get("data")) from None


def extrinsic_param(params: Params) -> bytes:
    """The one extrinsic parameter, its framing checked (1001 when it does not decode)."""
    params.at_most(1)
    extrinsic: bytes = params.hex_bytes(0, "extrinsic")  # type: ignore[assignment]
    problem = extrinsic_format_error(extrinsic)
    if problem is not None:
        raise RpcError(AUTHOR_BAD_FORMAT, f"Extrinsic has invalid format: {problem}")
    return extrinsic


class AuthorMethods:
    """The handlers over a :class:`TransactionSubmitter`."""

    def __init__(self, submitter: TransactionSubmitter) -> None:
        self.submitter = submitter

    async def submit_extrinsic(self, params: Params) -> JSON:
        """``author_submitExtrinsic [hex]`` → the transaction hash."""
        extrinsic = extrinsic_param(params)
        return hex0x(pool_call(lambda: self.submitter.submit(extrinsic)))

    async def pending_extrinsics(self, params: Params) -> JSON:
        """``author_pendingExtrinsics []`` → ready extrinsics as hex."""
        params.at_most(0)
        return [hex0x(extrinsic) for extrinsic in self.submitter.pending()]

    async def remove_extrinsic(self, params: Params) -> JSON:
        """``author_removeExtrinsic [[{"hash": h} | {"extrinsic": x}, …]]`` (unsafe) → the
        hashes removed."""
        params.at_most(1)
        items = params.get(0, "bytesOrHash", list)
        hashes = [_hash_of(item, index) for index, item in enumerate(items)]  # type: ignore[arg-type]
        removed = pool_call(lambda: self.submitter.remove(hashes))
        return [hex0x(tx_hash) for tx_hash in removed]

    async def submit_and_watch(self, params: Params, sink: Subscription) -> None:
        """``author_submitAndWatchExtrinsic [hex]`` → ``author_extrinsicUpdate`` statuses."""
        extrinsic = extrinsic_param(params)
        _, stream = pool_call(lambda: self.submitter.submit_and_watch(extrinsic))
        task = asyncio.get_running_loop().create_task(_pump(stream, sink))

        def closed() -> None:
            task.cancel()
            self.submitter.unwatch(stream)

        sink.on_close(closed)


async def _pump(stream: StatusStream, sink: Subscription) -> None:
    async for status in stream:
        if not sink.send(status):
            return
    sink.close()


def _hash_of(item: JSON, index: int) -> bytes:
    label = f'parameter 0 ("bytesOrHash") item {index}'
    if not isinstance(item, dict) or len(item) != 1:
        raise invalid_params(f'{label} must be {{"hash": …}} or {{"extrinsic": …}}')
    kind, value = next(iter(item.items()))
    if kind == "hash":
        return Params([value]).hex_bytes(0, "hash", length=32)  # type: ignore[return-value]
    if kind == "extrinsic":
        return blake2_256(Params([value]).hex_bytes(0, "extrinsic"))  # type: ignore[arg-type]
    raise invalid_params(f'{label} must be {{"hash": …}} or {{"extrinsic": …}}')
