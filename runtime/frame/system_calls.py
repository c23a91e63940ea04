"""The System pallet's calls (``frame_system``'s dispatchables, pallet index 0).

Declared on the framework's :data:`runtime.frame.system.system` pallet; importing
:mod:`runtime.frame` registers them. Weights are frame_system's benchmark shapes (base plus a
per-byte or per-item slope); they are not verified against subtensor's weight files.

``set_code`` cannot run here as it does on a Wasm node: the reference reads the new runtime's
version by executing the blob (``can_set_code``) and this node has no Wasm executor, so every
blob fails that check with ``FailedToExtractRuntimeVersion`` — exactly what the reference answers
for a blob it cannot execute. ``set_code_without_checks`` stores the blob under ``:code``.
"""

from __future__ import annotations

from typing import Any

from runtime.frame import system as sys_pallet
from runtime.frame.dispatch import (
    DispatchClass,
    Pays,
    PostDispatchInfo,
    Weight,
    ensure_root,
    ensure_signed,
)
from runtime.primitives.block import RuntimeEnvironmentUpdated
from runtime.primitives.externalities import Externalities
from runtime.primitives.hashing import blake2_256
from runtime.primitives.scale import U32, U64, Bytes, Tuple, Vec

CODE_KEY = b":code"
HEAP_PAGES_KEY = b":heappages"
_DB_WRITE = Weight(100_000_000, 0)


def _per_byte(base: int, slope: int) -> Any:
    return lambda remark: Weight(base + slope * len(remark), 0)


@sys_pallet.system.call(0, [("remark", Bytes, "Vec<u8>")], weight=_per_byte(2_000_000, 380))
def remark(ext: Externalities, origin: Any, remark: bytes) -> None:
    """Make some on-chain remark (it is only recorded in the block body).

    Origin: any. Checks: none. Effects: none. Events: none. Errors: none.
    """


@sys_pallet.system.call(1, [("pages", U64, "u64")], weight=_DB_WRITE,
                        dispatch_class=DispatchClass.Operational)
def set_heap_pages(ext: Externalities, origin: Any, pages: int) -> None:
    """Set the number of pages in the Wasm heap (``:heappages``).

    Origin: root. Effects: writes ``:heappages``, deposits a ``RuntimeEnvironmentUpdated`` log.
    Errors: ``BadOrigin``.
    """
    ensure_root(origin)
    ext.set(HEAP_PAGES_KEY, U64.encode(pages))
    sys_pallet.deposit_log(ext, RuntimeEnvironmentUpdated())


@sys_pallet.system.call(2, [("code", Bytes, "Vec<u8>")], weight=Weight(1_000_000_000_000, 0),
                        dispatch_class=DispatchClass.Operational)
def set_code(ext: Externalities, origin: Any, code: bytes) -> PostDispatchInfo:
    """Set the new runtime code after checking the new runtime's version.

    Origin: root. Checks: the blob's runtime version must be readable and newer — this node
    cannot execute Wasm, so the check always fails. Errors: ``BadOrigin``,
    ``FailedToExtractRuntimeVersion``.
    """
    ensure_root(origin)
    raise sys_pallet.FailedToExtractRuntimeVersion().with_post_info(
        PostDispatchInfo(pays_fee=Pays.No))


@sys_pallet.system.call(3, [("code", Bytes, "Vec<u8>")], weight=Weight(1_000_000_000_000, 0),
                        dispatch_class=DispatchClass.Operational)
def set_code_without_checks(ext: Externalities, origin: Any, code: bytes) -> PostDispatchInfo:
    """Set the new runtime code without any checks.

    Origin: root. Effects: writes ``:code``, deposits a ``RuntimeEnvironmentUpdated`` log.
    Events: ``CodeUpdated``. Errors: ``BadOrigin``.
    """
    ensure_root(origin)
    ext.set(CODE_KEY, bytes(code))
    sys_pallet.deposit_log(ext, RuntimeEnvironmentUpdated())
    sys_pallet.deposit_event(ext, sys_pallet.CodeUpdated())
    return PostDispatchInfo(pays_fee=Pays.No)


_KEY_VALUES = Vec(Tuple(Bytes, Bytes))


@sys_pallet.system.call(4, [("items", _KEY_VALUES, "Vec<KeyValue>")],
                        weight=lambda items: Weight(_DB_WRITE.ref_time * len(items), 0),
                        dispatch_class=DispatchClass.Operational)
def set_storage(ext: Externalities, origin: Any, items: list[tuple[bytes, bytes]]) -> None:
    """Set some items of raw storage.

    Origin: root. Effects: writes every (key, value). Errors: ``BadOrigin``.
    """
    ensure_root(origin)
    for key, value in items:
        ext.set(bytes(key), bytes(value))


@sys_pallet.system.call(5, [("keys", Vec(Bytes), "Vec<Key>")],
                        weight=lambda keys: Weight(_DB_WRITE.ref_time * len(keys), 0),
                        dispatch_class=DispatchClass.Operational)
def kill_storage(ext: Externalities, origin: Any, keys: list[bytes]) -> None:
    """Kill some items from raw storage.

    Origin: root. Effects: removes every key. Errors: ``BadOrigin``.
    """
    ensure_root(origin)
    for key in keys:
        ext.clear(bytes(key))


@sys_pallet.system.call(6, [("prefix", Bytes, "Key"), ("subkeys", U32, "u32")],
                        weight=lambda prefix, subkeys: Weight(_DB_WRITE.ref_time * subkeys, 0),
                        dispatch_class=DispatchClass.Operational)
def kill_prefix(ext: Externalities, origin: Any, prefix: bytes, subkeys: int) -> None:
    """Kill all storage items with a key that starts with the given prefix.

    Origin: root. Effects: ``clear_prefix(prefix, subkeys)`` (at most ``subkeys`` stored keys).
    Errors: ``BadOrigin``.
    """
    ensure_root(origin)
    ext.clear_prefix(bytes(prefix), subkeys)


@sys_pallet.system.call(7, [("remark", Bytes, "Vec<u8>")], weight=_per_byte(8_000_000, 1_300))
def remark_with_event(ext: Externalities, origin: Any, remark: bytes) -> None:
    """Make some on-chain remark and emit an event.

    Origin: signed. Events: ``Remarked { sender, hash: blake2_256(remark) }``.
    Errors: ``BadOrigin``.
    """
    sender = ensure_signed(origin)
    sys_pallet.deposit_event(ext, sys_pallet.Remarked(sender, blake2_256(bytes(remark))))
