"""Composing pallets into a runtime: the call table, dispatch with rollback, hooks in order.

A :class:`Runtime` is the Python counterpart of ``construct_runtime!``: an ordered set of pallets,
each at its fixed index. From it come

- :meth:`Runtime.decode_call`: ``RuntimeCall`` bytes (pallet index, call index, arguments) to the
  call's definition and decoded arguments, refusing unknown pallets/calls and trailing bytes;
- :meth:`Runtime.dispatch`: run a call in its own transactional layer; a
  :class:`~runtime.frame.dispatch.DispatchError` rolls back exactly the call's writes and is
  returned as the outcome (the caller emits ``ExtrinsicFailed``); any other exception is a bug and
  propagates after the layer is rolled back, so it aborts the block;
- the block hooks (``on_initialize`` / ``on_finalize``) of every pallet in index order.

Nested dispatch (``Sudo.sudo``, ``Utility.batch``) goes through the same :meth:`dispatch`, so
every call at every depth has the same rollback rule.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from runtime.frame.dispatch import (
    DECLARED,
    DispatchError,
    DispatchInfo,
    Origin,
    PostDispatchInfo,
    Weight,
    post_info_of,
)
from runtime.frame.pallet import CallDef, Pallet
from runtime.primitives.externalities import Externalities
from runtime.primitives.scale import DecodeError


class CallDecodeError(ValueError):
    """Call bytes that name no known pallet or call, or do not decode with its arguments."""


@dataclass(frozen=True, slots=True)
class DecodedCall:
    """A decoded ``RuntimeCall``: its definition, arguments and the exact bytes it came from."""

    definition: CallDef
    args: dict[str, Any]
    encoded: bytes

    @property
    def name(self) -> str:
        """``Pallet.call_name`` as logs show it."""
        return f"{self.definition.pallet}.{self.definition.name}"

    def dispatch_info(self) -> DispatchInfo:
        """Weight, class and fee payment the call declares for these arguments."""
        return self.definition.dispatch_info(self.args)


@dataclass(frozen=True, slots=True)
class DispatchOutcome:
    """What a dispatch did: ``error`` is None on success; ``post_info`` is what the call
    reported about its actual weight and fee (as declared when it reported nothing)."""

    info: DispatchInfo
    error: DispatchError | None = None
    post_info: PostDispatchInfo = DECLARED

    @property
    def actual_weight(self) -> Weight:
        """The weight the call actually used (never above the declared weight)."""
        return self.post_info.calc_actual_weight(self.info)

    @property
    def ok(self) -> bool:
        """Whether the call succeeded."""
        return self.error is None


class Runtime:
    """An ordered set of pallets at fixed indices, with call decoding and dispatch."""

    def __init__(self, pallets: Iterable[Pallet]) -> None:
        ordered = sorted(pallets, key=lambda p: p.index)
        self.pallets: tuple[Pallet, ...] = tuple(ordered)
        self._by_index: dict[int, Pallet] = {}
        self._by_name: dict[str, Pallet] = {}
        for pallet in ordered:
            if pallet.index in self._by_index:
                raise ValueError(f"pallets {self._by_index[pallet.index].name} and {pallet.name} "
                                 f"share index {pallet.index}")
            if pallet.name in self._by_name:
                raise ValueError(f"pallet name {pallet.name} used twice")
            self._by_index[pallet.index] = pallet
            self._by_name[pallet.name] = pallet

    def pallet(self, name: str) -> Pallet:
        """The pallet called ``name``."""
        try:
            return self._by_name[name]
        except KeyError:
            raise KeyError(f"the runtime has no pallet {name!r}") from None

    def decode_call(self, data: bytes) -> DecodedCall:
        """Decode ``RuntimeCall`` bytes exactly (no trailing bytes)."""
        call, end = self.decode_call_from(data, 0)
        if end != len(data):
            raise CallDecodeError(f"{len(data) - end} trailing byte(s) after {call.name}")
        return call

    def decode_call_from(self, data: bytes, offset: int) -> tuple[DecodedCall, int]:
        """Decode one ``RuntimeCall`` starting at ``offset``; returns it and the end offset."""
        if offset >= len(data):
            raise CallDecodeError("empty call")
        pallet = self._by_index.get(data[offset])
        if pallet is None:
            raise CallDecodeError(f"unknown pallet index {data[offset]}")
        try:
            definition, args, end = pallet.decode_call(data, offset + 1)
        except DecodeError as exc:
            raise CallDecodeError(f"{pallet.name}: {exc}") from exc
        return DecodedCall(definition, args, bytes(data[offset:end])), end

    def dispatch(self, ext: Externalities, origin: Origin, call: DecodedCall) -> DispatchOutcome:
        """Run ``call`` in its own transactional layer; roll it back if it fails."""
        info = call.dispatch_info()
        ext.start_transaction()
        try:
            returned = call.definition.function(ext, origin, **call.args)
        except DispatchError as error:
            ext.rollback_transaction()
            return DispatchOutcome(info, error, error.post_info or DECLARED)
        except BaseException:
            ext.rollback_transaction()
            raise
        ext.commit_transaction()
        return DispatchOutcome(info, None, post_info_of(returned))

    def on_initialize(self, ext: Externalities, block_number: int) -> None:
        """Every pallet's ``on_initialize`` hooks, in pallet index order."""
        for pallet in self.pallets:
            for hook in pallet.on_initialize:
                hook(ext, block_number)

    def on_finalize(self, ext: Externalities, block_number: int) -> None:
        """Every pallet's ``on_finalize`` hooks, in pallet index order."""
        for pallet in self.pallets:
            for hook in pallet.on_finalize:
                hook(ext, block_number)
