"""Helpers shared by the Substrate method modules: block parameters, hex, errors, delivery."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from typing import Any

from rpc.backend import ChainReader, RuntimeCallError, UnknownBlock
from rpc.errors import STATE_CLIENT, RpcError
from rpc.jsonrpc import JSON, Params
from rpc.subscriptions import Subscription
from runtime.primitives.block import Header
from runtime.primitives.scale import DecodeError, decode_compact

HASH_LENGTH = 32


def hex0x(data: bytes) -> str:
    """``0x``-prefixed lowercase hex."""
    return "0x" + data.hex()


def opt_hex(data: bytes | None) -> str | None:
    """``0x`` hex, or ``None`` for ``None``."""
    return None if data is None else "0x" + data.hex()


def block_param(params: Params, index: int, name: str, reader: ChainReader) -> bytes:
    """A "hash-or-null" parameter: the given 32-byte hash, or the best block's."""
    value = params.hex_bytes(index, name, length=HASH_LENGTH, default=None)
    return reader.best_hash() if value is None else value  # type: ignore[return-value]


def hex_list(params: Params, index: int, name: str) -> list[bytes]:
    """A required list of hex strings as bytes (each with or without ``0x``)."""
    values = params.get(index, name, list)
    return [Params([item]).hex_bytes(0, f"{name}[{position}]")  # type: ignore[misc]
            for position, item in enumerate(values)]


def client_error(detail: str) -> RpcError:
    """Substrate's state ``Client error`` (code 4003)."""
    return RpcError(STATE_CLIENT, f"Client error: {detail}")


def unknown_block_error(exc: UnknownBlock) -> RpcError:
    """The state error for a block the reader does not have."""
    return client_error(f"UnknownBlock: {exc}")


def runtime_error(exc: RuntimeCallError) -> RpcError:
    """The state error for a failed runtime call."""
    return client_error(f"Execution failed: {exc}")


def state_read(call: Callable[[], Any]) -> Any:
    """Run a reader/runtime call, turning its failures into Substrate state errors."""
    try:
        return call()
    except UnknownBlock as exc:
        raise unknown_block_error(exc) from None
    except RuntimeCallError as exc:
        raise runtime_error(exc) from None


def runtime_read(call: Callable[[], Any]) -> Any:
    """Run a runtime API call; an unknown block reads as Substrate's runtime-API wording."""
    try:
        return call()
    except UnknownBlock as exc:
        raise client_error(f"Api called for an unknown Block: {exc}") from None
    except RuntimeCallError as exc:
        raise runtime_error(exc) from None


def header_json(reader: ChainReader, block_hash: bytes) -> dict[str, Any] | None:
    """The JSON header of a block, or ``None`` when unknown."""
    raw = reader.header(block_hash)
    return None if raw is None else Header.decode(raw).to_json()


def split_body(body: bytes) -> list[bytes]:
    """The extrinsics of a SCALE body, each with its own length prefix."""
    count, position = decode_compact(body, 0, "Block.extrinsics")
    out: list[bytes] = []
    for _ in range(count):
        length, start = decode_compact(body, position, "Extrinsic")
        end = start + length
        if end > len(body):
            raise DecodeError("Extrinsic", position, f"length {length} exceeds the body")
        out.append(body[position:end])
        position = end
    return out


def justifications_json(raw: bytes | None) -> JSON:
    """SCALE ``Justifications`` as serde renders them: ``[[[engine bytes], [data bytes]], …]``."""
    if raw is None:
        return None
    count, position = decode_compact(raw, 0, "Justifications")
    out: list[JSON] = []
    for _ in range(count):
        engine = raw[position:position + 4]
        length, start = decode_compact(raw, position + 4, "EncodedJustification")
        out.append([list(engine), list(raw[start:start + length])])
        position = start + length
    return out


class Delivery:
    """Sends subscription notifications from whatever thread a reader hook fires on."""

    def __init__(self, sink: Subscription) -> None:
        self.sink = sink
        self._thread = threading.get_ident()
        self._loop = asyncio.get_running_loop()

    def send(self, result: JSON) -> None:
        """Send now on the loop thread, else schedule it there."""
        if threading.get_ident() == self._thread:
            self.sink.send(result)
        else:
            self.sink.send_threadsafe(result)

    def run(self, action: Callable[[], None]) -> None:
        """Run ``action`` on the loop thread (now when already there)."""
        if threading.get_ident() == self._thread:
            action()
        else:
            try:
                self._loop.call_soon_threadsafe(action)
            except RuntimeError:  # the loop is closed: the server is gone
                return


def extrinsic_format_error(extrinsic: bytes) -> str | None:
    """Why ``extrinsic`` is not a length-prefixed V4 ``UncheckedExtrinsic`` (in the words of
    Substrate's codec), or ``None`` when its framing is sound."""
    try:
        length, start = decode_compact(extrinsic, 0, "Extrinsic")
    except DecodeError:
        return "Not enough data to fill buffer"
    if start + length != len(extrinsic):
        return "Invalid length prefix"
    if length == 0:
        return "Not enough data to fill buffer"
    if extrinsic[start] & 0x7F != 4:
        return "Invalid transaction version"
    return None
