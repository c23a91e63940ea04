"""The user-facing block log: one line per imported block and one per extrinsic, with the
decoded call (``Balances.transfer_keep_alive``), the signer, and the outcome read from the
block's ``System.Events`` (``success``, or ``failed`` with the dispatch error), the fee paid
and the names of the events it emitted. Signed
extrinsics are logged at info, inherents at debug (``--log-level debug`` shows them).

A chain listener (:class:`node.events.ChainListener`); it reads the block's events from the
committed state, on the loop thread, after the block is stored.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import structlog

from node.events import BlockImported, BlocksFinalized
from runtime.extrinsic.format import decode_extrinsic
from runtime.frame import system
from runtime.node_runtime import NodeRuntime
from runtime.primitives.scale import EnumValue
from runtime.primitives.ss58 import ss58_encode

log = structlog.get_logger("node.block")

StateGet = Callable[[bytes, bytes], bytes | None]
"""``get(block_hash, key)``: a value in a block's state."""


class BlockLog:
    """Logs imported blocks and their extrinsics."""

    def __init__(self, runtime: NodeRuntime, state_get: StateGet) -> None:
        self.runtime = runtime
        self.state_get = state_get
        self._events_type = runtime.event_record_type()

    def on_block_imported(self, event: BlockImported) -> None:
        """``Imported #n (0x…)`` plus one line per extrinsic."""
        log.info(f"Imported #{event.number} (0x{event.block_hash.hex()[:8]}…)",
                 number=event.number, hash="0x" + event.block_hash.hex(),
                 extrinsics=len(event.extrinsics), best=event.is_new_best,
                 origin=event.origin.value)
        reports = self._reports(event.block_hash)
        for index, extrinsic in enumerate(event.extrinsics):
            signer = _signer(extrinsic)
            report = reports.get(index, _Report())
            # Inherents (unsigned, one per block at least) at debug: 4 blocks a second would
            # otherwise bury the transactions users care about.
            emit = log.info if signer is not None else log.debug
            emit("extrinsic", block=event.number, index=index, call=self._call_name(extrinsic),
                 signer=signer, outcome=report.outcome, fee=report.fee,
                 events=report.events)

    def on_blocks_finalized(self, event: BlocksFinalized) -> None:
        """Finality moves."""
        log.debug("finalized", number=event.number, hash="0x" + event.block_hash.hex())

    def _call_name(self, extrinsic: bytes) -> str:
        try:
            call = decode_extrinsic(extrinsic).call
            return self.runtime.runtime.decode_call(call).name
        except Exception as exc:  # a log line must never break import notifications
            return f"<undecodable: {exc}>"

    def _reports(self, block_hash: bytes) -> dict[int, _Report]:
        raw = self.state_get(block_hash, system.Events.storage_key())
        if raw is None:
            return {}
        try:
            records = self._events_type.decode(raw)
        except Exception as exc:  # a log line must never break import notifications
            log.warning("events undecodable", block="0x" + block_hash.hex(), error=str(exc))
            return {}
        reports: dict[int, _Report] = {}
        for record in records:
            index, name, fields = _record_parts(record)
            if index is None or name is None:
                continue
            report = reports.setdefault(index, _Report())
            report.events.append(name)
            if name == "System.ExtrinsicSuccess":
                report.outcome = "success"
            elif name == "System.ExtrinsicFailed":
                error = getattr(fields, "dispatch_error", fields)
                report.outcome = f"failed: {self.describe_error(error)}"
            elif name == "TransactionPayment.TransactionFeePaid":
                report.fee = getattr(fields, "actual_fee", None)
        return reports


    def describe_error(self, error: Any) -> str:
        """A ``DispatchError`` as ``Module(Balances.InsufficientBalance)``,
        ``Arithmetic.Underflow``, ``BadOrigin`` …"""
        if not isinstance(error, EnumValue):
            return _short(error)
        if error.variant == "Module":
            index = getattr(error.value, "index", None)
            raw = getattr(error.value, "error", b"")
            for pallet in self.runtime.runtime.pallets:
                if pallet.index == index and raw and raw[0] in pallet.errors:
                    return f"Module({pallet.name}.{pallet.errors[raw[0]].name})"
            return f"Module({_short(error.value)})"
        if isinstance(error.value, EnumValue):
            return f"{error.variant}.{self.describe_error(error.value)}"
        return error.variant if error.value is None else f"{error.variant}({_short(error.value)})"


@dataclass
class _Report:
    """What the events say about one extrinsic."""

    outcome: str = "unknown"
    fee: int | None = None
    events: list[str] = field(default_factory=list)


def _record_parts(record: Any) -> tuple[int | None, str | None, Any]:
    """``(extrinsic index, "Pallet.Event", fields)`` of a decoded ``EventRecord``."""
    phase = _get(record, "phase")
    index = None
    if _variant(phase) == "ApplyExtrinsic":
        index = int(_value(phase))
    event = _get(record, "event")
    pallet = _variant(event)
    inner = _value(event)
    name = None if pallet is None or _variant(inner) is None else \
        f"{pallet}.{_variant(inner)}"
    return index, name, _value(inner)


def _get(value: Any, name: str) -> Any:
    return value.get(name) if isinstance(value, dict) else getattr(value, name, None)


def _variant(value: Any) -> str | None:
    return value.variant if isinstance(value, EnumValue) else None


def _value(value: Any) -> Any:
    return value.value if isinstance(value, EnumValue) else None


def _short(fields: Any) -> str:
    text = repr(fields)
    return text if len(text) <= 200 else text[:197] + "..."


def _signer(extrinsic: bytes) -> str | None:
    try:
        signed = decode_extrinsic(extrinsic).signed
    except Exception:
        return None
    if signed is None:
        return None
    account = signed.address.account_id
    return None if account is None else ss58_encode(account)
