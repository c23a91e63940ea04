"""``state_*`` reads: storage, keys, proofs, runtime calls, metadata and the runtime version.

Every "hash-or-null" parameter means the best block. A block the reader does not have is
Substrate's state client error (4003, ``"Client error: UnknownBlock: …"``); a failed runtime
call is 4003 ``"Client error: Execution failed: …"`` (``"Client error: Api called for an unknown
Block: …"`` when the block is unknown). Keys and values are ``0x`` hex, keys echoed
in lowercase. The subscriptions live in :mod:`rpc.methods.state_subscriptions`.
"""

from __future__ import annotations

from typing import Any

from rpc.backend import ChainReader, RuntimeApi, VersionInfo
from rpc.errors import (
    STATE_INVALID_BLOCK_RANGE,
    STATE_INVALID_COUNT,
    RpcError,
    invalid_params,
)
from rpc.jsonrpc import JSON, Params
from rpc.methods.common import (
    block_param,
    hex0x,
    hex_list,
    opt_hex,
    runtime_read,
    state_read,
)
from rpc.registry import RpcRegistry
from runtime.primitives.block import Header
from runtime.primitives.hashing import blake2_256

MAX_KEYS_PAGED = 1000
"""``state_getKeysPaged`` refuses a larger ``count`` (Substrate's limit)."""

MAX_QUERY_STORAGE_BLOCKS = 4096
"""``state_queryStorage`` refuses a longer block range."""


def register(registry: RpcRegistry, reader: ChainReader, runtime: RuntimeApi) -> None:
    """Register the ``state_*`` read methods."""
    api = StateMethods(reader, runtime)
    registry.register("state_getStorage", api.get_storage, aliases=("state_getStorageAt",))
    registry.register("state_getStorageHash", api.get_storage_hash,
                      aliases=("state_getStorageHashAt",))
    registry.register("state_getStorageSize", api.get_storage_size,
                      aliases=("state_getStorageSizeAt",))
    registry.register("state_getKeys", api.get_keys)
    registry.register("state_getKeysPaged", api.get_keys_paged, aliases=("state_getKeysPagedAt",))
    registry.register("state_getPairs", api.get_pairs, unsafe=True)
    registry.register("state_queryStorageAt", api.query_storage_at)
    registry.register("state_queryStorage", api.query_storage, unsafe=True)
    registry.register("state_getReadProof", api.get_read_proof)
    registry.register("state_call", api.call, aliases=("state_callAt",))
    registry.register("state_getMetadata", api.get_metadata)
    registry.register("state_getRuntimeVersion", api.get_runtime_version,
                      aliases=("chain_getRuntimeVersion",))


def runtime_version_json(version: VersionInfo) -> dict[str, JSON]:
    """``RuntimeVersion`` in Substrate's JSON form (``apis`` as ``[["0x<id>", version]]``)."""
    return {
        "specName": version.spec_name,
        "implName": version.impl_name,
        "authoringVersion": version.authoring_version,
        "specVersion": version.spec_version,
        "implVersion": version.impl_version,
        "apis": [[hex0x(bytes(api_id)), api_version] for api_id, api_version in version.apis],
        "transactionVersion": version.transaction_version,
        "stateVersion": version.system_version,
    }


def _range_error(start: str, end: str, details: str) -> RpcError:
    return RpcError(STATE_INVALID_BLOCK_RANGE,
                    f"Cannot resolve a block range ['{start}' ... '{end}']. {details}")


class StateMethods:
    """The read handlers over a :class:`ChainReader` and a :class:`RuntimeApi`."""

    def __init__(self, reader: ChainReader, runtime: RuntimeApi) -> None:
        self.reader = reader
        self.runtime = runtime

    def _key_and_at(self, params: Params) -> tuple[bytes, bytes]:
        params.at_most(2)
        key = params.hex_bytes(0, "key")
        return key, block_param(params, 1, "hash", self.reader)  # type: ignore[return-value]

    async def get_storage(self, params: Params) -> JSON:
        """``state_getStorage [key, hash?]`` → value hex or ``null``."""
        key, at = self._key_and_at(params)
        return opt_hex(state_read(lambda: self.reader.storage(at, key)))

    async def get_storage_hash(self, params: Params) -> JSON:
        """``state_getStorageHash [key, hash?]`` → blake2-256 of the value, or ``null``."""
        key, at = self._key_and_at(params)
        value = state_read(lambda: self.reader.storage(at, key))
        return None if value is None else hex0x(blake2_256(value))

    async def get_storage_size(self, params: Params) -> JSON:
        """``state_getStorageSize [key, hash?]`` → the value's length; for a missing key, the
        summed length of the values under it as a prefix (``null`` when that is 0)."""
        key, at = self._key_and_at(params)

        def size() -> int | None:
            value = self.reader.storage(at, key)
            if value is not None:
                return len(value)
            total = sum(len(self.reader.storage(at, each) or b"")
                        for each in self.reader.iter_keys(at, key))
            return total or None

        return state_read(size)

    async def get_keys(self, params: Params) -> JSON:
        """``state_getKeys [prefix, hash?]`` → every key under the prefix."""
        prefix, at = self._key_and_at(params)
        return state_read(lambda: [hex0x(k) for k in self.reader.iter_keys(at, prefix)])

    async def get_keys_paged(self, params: Params) -> JSON:
        """``state_getKeysPaged [prefix?, count, startKey?, hash?]`` → up to ``count`` keys
        under the prefix strictly after ``startKey``."""
        params.at_most(4)
        prefix = params.hex_bytes(0, "prefix", default=b"")
        count = params.get(1, "count", int)
        if count < 0:  # type: ignore[operator]
            raise invalid_params(f"parameter 1 (\"count\") must not be negative, got {count}")
        if count > MAX_KEYS_PAGED:  # type: ignore[operator]
            raise RpcError(STATE_INVALID_COUNT, f"count exceeds maximum value. value: {count}, "
                                                f"max: {MAX_KEYS_PAGED}")
        start = params.hex_bytes(2, "startKey", default=None)
        at = block_param(params, 3, "hash", self.reader)
        return state_read(lambda: self._page(at, prefix, count, start))  # type: ignore[arg-type]

    def _page(self, at: bytes, prefix: bytes, count: int, start: bytes | None) -> list[str]:
        begin = prefix if start is None or start < prefix else start
        out: list[str] = []
        if count == 0:
            return out
        for key in self.reader.iter_keys(at, prefix, begin):
            if key == start:
                continue
            out.append(hex0x(key))
            if len(out) == count:
                break
        return out

    async def get_pairs(self, params: Params) -> JSON:
        """``state_getPairs [prefix, hash?]`` (unsafe) → ``[[key, value], …]``."""
        prefix, at = self._key_and_at(params)

        def pairs() -> list[list[str]]:
            return [[hex0x(key), hex0x(self.reader.storage(at, key) or b"")]
                    for key in self.reader.iter_keys(at, prefix)]

        return state_read(pairs)

    def _changes_at(self, at: bytes, keys: list[bytes]) -> list[list[str | None]]:
        return [[hex0x(key), opt_hex(self.reader.storage(at, key))] for key in keys]

    async def query_storage_at(self, params: Params) -> JSON:
        """``state_queryStorageAt [[keys], hash?]`` → ``[{"block", "changes"}]`` with one change
        per requested key."""
        params.at_most(2)
        keys = hex_list(params, 0, "keys")
        at = block_param(params, 1, "at", self.reader)
        changes = state_read(lambda: self._changes_at(at, keys))
        return [{"block": hex0x(at), "changes": changes}]

    async def query_storage(self, params: Params) -> JSON:
        """``state_queryStorage [[keys], from, to?]`` (unsafe) → one change set per block of the
        range where a key changed; the first block lists every key."""
        params.at_most(3)
        keys = hex_list(params, 0, "keys")
        start = params.hex_bytes(1, "fromBlock", length=32)
        end = block_param(params, 2, "toBlock", self.reader)
        hashes = self._range(start, end)  # type: ignore[arg-type]
        out: list[JSON] = []
        last: dict[bytes, bytes | None] = {}
        for block_hash in hashes:
            changed: list[JSON] = []
            for key in keys:
                value = state_read(lambda h=block_hash, k=key: self.reader.storage(h, k))
                if key not in last or last[key] != value:
                    changed.append([hex0x(key), opt_hex(value)])
                last[key] = value
            if changed:
                out.append({"block": hex0x(block_hash), "changes": changed})
        return out

    def _range(self, start: bytes, end: bytes) -> list[bytes]:
        """The hashes from ``start`` to ``end`` (inclusive), oldest first."""
        start_raw, end_raw = self.reader.header(start), self.reader.header(end)
        for block_hash, raw in ((start, start_raw), (end, end_raw)):
            if raw is None:
                raise _range_error(hex0x(start), hex0x(end), "UnknownBlock: Header was not "
                                   f"found in the database: {hex0x(block_hash)}")
        first, last = Header.decode(start_raw), Header.decode(end_raw)  # type: ignore[arg-type]
        label_first = f"{first.number} ({hex0x(start)})"
        label_last = f"{last.number} ({hex0x(end)})"
        if first.number > last.number:
            raise _range_error(label_first, label_last, "from number > to number")
        if last.number - first.number >= MAX_QUERY_STORAGE_BLOCKS:
            raise _range_error(label_first, label_last,
                               f"the range exceeds {MAX_QUERY_STORAGE_BLOCKS} blocks")
        hashes = [end]
        header = last
        while header.number > first.number:
            parent = self.reader.header(header.parent_hash)
            if parent is None:
                raise _range_error(label_first, label_last, "Block not found")
            hashes.append(header.parent_hash)
            header = Header.decode(parent)
        if hashes[-1] != start:
            raise _range_error(label_first, label_last,
                               "from and to are on different forks")
        hashes.reverse()
        return hashes

    async def get_read_proof(self, params: Params) -> JSON:
        """``state_getReadProof [[keys], hash?]`` → ``{"at", "proof": [node hex]}``."""
        params.at_most(2)
        keys = hex_list(params, 0, "keys")
        at = block_param(params, 1, "hash", self.reader)
        proof = state_read(lambda: self.reader.read_proof(at, keys))
        return {"at": hex0x(at), "proof": [hex0x(node) for node in proof]}

    async def call(self, params: Params) -> JSON:
        """``state_call [method, data, hash?]`` → the SCALE result as hex."""
        params.at_most(3)
        method = params.get(0, "name", str)
        data = params.hex_bytes(1, "bytes")
        at = block_param(params, 2, "hash", self.reader)
        result = runtime_read(lambda: self.runtime.call(method, data, at))  # type: ignore[arg-type]
        return hex0x(result)

    async def get_metadata(self, params: Params) -> JSON:
        """``state_getMetadata [hash?]`` → the V14 metadata bytes as hex."""
        params.at_most(1)
        at = block_param(params, 0, "hash", self.reader)
        return hex0x(runtime_read(lambda: self.runtime.metadata(at)))

    async def get_runtime_version(self, params: Params) -> JSON:
        """``state_getRuntimeVersion [hash?]`` → ``RuntimeVersion`` JSON."""
        params.at_most(1)
        at = block_param(params, 0, "hash", self.reader)
        version: Any = runtime_read(lambda: self.runtime.version(at))
        return runtime_version_json(version)
