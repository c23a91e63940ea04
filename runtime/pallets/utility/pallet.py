"""The Utility pallet (index 11): subtensor's ``pallet_subtensor_utility``
(``pallets/utility/src/lib.rs``), a fork of FRAME's pallet-utility.

Calls: batch (0), as_derivative (1), batch_all (2), dispatch_as (3), force_batch (4),
with_weight (5), if_else (6), dispatch_as_fallible (7). Every inner call runs in its own
transactional layer (:func:`~runtime.pallets.utility.runtime_call.dispatch_call`). A root
origin dispatches inner calls bypassing the call filter; other origins go through it.
"""

from __future__ import annotations

from typing import Any

from runtime.frame.dispatch import (
    DispatchClass,
    DispatchError,
    DispatchErrorType,
    DispatchInfo,
    Pays,
    Root,
    Signed,
    Unsigned,
    Weight,
    ensure_root,
    ensure_signed,
)
from runtime.frame.pallet import Pallet
from runtime.frame.system import deposit_event
from runtime.pallets.utility.origins import (
    DispatchResultType,
    OriginCaller,
    dispatch_result,
    origin_from_caller,
)
from runtime.pallets.utility.post_dispatch import PostDispatchInfo
from runtime.pallets.utility.runtime_call import (
    RuntimeCallRef,
    call_info,
    dispatch_call,
    with_post_info,
)
from runtime.primitives.externalities import Externalities
from runtime.primitives.hashing import blake2_256
from runtime.primitives.scale import U16, U32, Vec
from runtime.primitives.scale.common import Weight as WeightType

PALLET_INDEX = 11
ROCKS_DB_READ = 25_000_000
ROCKS_DB_WRITE = 100_000_000
BATCHED_CALLS_LIMIT = 10_922
"""``batched_calls_limit``: (32 MiB allocator limit / 3) / 1024-byte aligned call size."""

PALLET = utility = Pallet("Utility", PALLET_INDEX, docs=(
    "Batch dispatch and origin switching.",))

_CALLS = ("calls", Vec(RuntimeCallRef), "Vec<<T as Config>::RuntimeCall>")
_CALL = ("call", RuntimeCallRef, "Box<<T as Config>::RuntimeCall>")
_ERROR = ("error", DispatchErrorType, "DispatchError")

BatchInterrupted = utility.event(0, "BatchInterrupted", [("index", U32, "u32"), _ERROR],
                                 "Batch of dispatches did not complete fully. Index of first "
                                 "failing dispatch given, as well as the error.")
BatchCompleted = utility.event(1, "BatchCompleted", (),
                               "Batch of dispatches completed fully with no error.")
BatchCompletedWithErrors = utility.event(2, "BatchCompletedWithErrors", (),
                                         "Batch of dispatches completed but has errors.")
ItemCompleted = utility.event(3, "ItemCompleted", (),
                              "A single item within a Batch of dispatches has completed with no "
                              "error.")
ItemFailed = utility.event(4, "ItemFailed", [_ERROR],
                           "A single item within a Batch of dispatches has completed with error.")
DispatchedAs = utility.event(5, "DispatchedAs", [("result", DispatchResultType,
                                                  "DispatchResult")],
                             "A call was dispatched.")
IfElseMainSuccess = utility.event(6, "IfElseMainSuccess", (), "Main call was dispatched.")
IfElseFallbackCalled = utility.event(7, "IfElseFallbackCalled", [
    ("main_error", DispatchErrorType, "DispatchError")], "The fallback call was dispatched.")

TooManyCalls = utility.error(0, "TooManyCalls", "Too many calls batched.")
InvalidDerivedAccount = utility.error(1, "InvalidDerivedAccount",
                                      "Bad input data for derived account ID")

utility.constant("batched_calls_limit", U32, BATCHED_CALLS_LIMIT,
                 "The limit on the number of batched calls.")


# -- weights (pallets/utility/src/weights.rs, RocksDbWeight) ------------------------------------

def batch_weight(count: int) -> Weight:
    """``WeightInfo::batch(c)``."""
    return Weight(19_446_696 + 5_450_264 * count + 2 * ROCKS_DB_READ, 3983)


def batch_all_weight(count: int) -> Weight:
    """``WeightInfo::batch_all(c)``."""
    return Weight(13_428_230 + 5_663_250 * count + 2 * ROCKS_DB_READ, 3983)


def force_batch_weight(count: int) -> Weight:
    """``WeightInfo::force_batch(c)``."""
    return Weight(12_134_867 + 5_477_293 * count + 2 * ROCKS_DB_READ, 3983)


AS_DERIVATIVE_WEIGHT = Weight(15_378_000 + 2 * ROCKS_DB_READ + ROCKS_DB_READ + ROCKS_DB_WRITE,
                              3983)
"""``as_derivative()`` plus ``DbWeight::reads_writes(1, 1)``."""
DISPATCH_AS_WEIGHT = Weight(6_893_000, 0)
DISPATCH_AS_FALLIBLE_WEIGHT = Weight(7_113_000, 0)
IF_ELSE_WEIGHT = Weight(21_831_000 + 2 * ROCKS_DB_READ, 3983)


def _sum_call_weights(calls: list[Any]) -> tuple[Weight, Pays]:
    """``weight_and_dispatch_class``: the inner calls' weights and whether any pays."""
    total, pays = Weight(0, 0), Pays.No
    for call in calls:
        info = call_info(call)
        total = total + info.weight
        if info.pays_fee is Pays.Yes:
            pays = Pays.Yes
    return total, pays


def declared_info(name: str, args: dict[str, Any]) -> DispatchInfo:
    """The declared ``DispatchInfo`` of a Utility call, including what depends on the inner
    calls (weight and ``Pays`` of batches) that a static declaration cannot express."""
    if name in ("batch", "batch_all", "force_batch"):
        weight, pays = _sum_call_weights(args["calls"])
        base = {"batch": batch_weight, "batch_all": batch_all_weight,
                "force_batch": force_batch_weight}[name](len(args["calls"]))
        return DispatchInfo(weight + base, DispatchClass.Normal, pays)
    return utility.calls[_INDEX_OF[name]].dispatch_info(args)


def _ensure_not_none(origin: Any) -> bool:
    """Refuse the unsigned origin (BadOrigin); True when the origin is root."""
    if isinstance(origin, Unsigned):
        raise DispatchError.bad_origin()
    return isinstance(origin, Root)


def _check_len(calls: list[Any]) -> None:
    if len(calls) > BATCHED_CALLS_LIMIT:
        raise TooManyCalls()


@utility.call(0, [_CALLS], weight=lambda calls: declared_info("batch", {"calls": calls}).weight)
def batch(ext: Externalities, origin: Any, calls: list[Any]) -> PostDispatchInfo:
    """Dispatch calls in order, stopping at the first failure (the batch itself succeeds).

    Origin: any but None (BadOrigin). Checks: at most ``batched_calls_limit`` calls
    (TooManyCalls). Effects: each call runs in its own layer (root bypasses the call filter);
    at the first error the rest is skipped. Events: ItemCompleted per success, then
    BatchCompleted, or BatchInterrupted { index, error }. Returns the actual weight.
    Mirrors pallet_subtensor_utility::batch.
    """
    is_root = _ensure_not_none(origin)
    _check_len(calls)
    weight = Weight(0, 0)
    for index, call in enumerate(calls):
        error, used = dispatch_call(ext, origin, call, bypass_filter=is_root)
        weight = weight + used
        if error is not None:
            deposit_event(ext, BatchInterrupted(index, error.to_scale()))
            return PostDispatchInfo(batch_weight(index + 1) + weight)
        deposit_event(ext, ItemCompleted())
    deposit_event(ext, BatchCompleted())
    return PostDispatchInfo(batch_weight(len(calls)) + weight)


def derivative_account_id(who: bytes, index: int) -> bytes:
    """``blake2_256(("modlpy/utilisuba", who, index).encode())`` — the derived account."""
    return blake2_256(b"modlpy/utilisuba" + who + U16.encode(index))


@utility.call(1, [("index", U16, "u16"), _CALL],
              weight=lambda index, call: AS_DERIVATIVE_WEIGHT + call_info(call).weight)
def as_derivative(ext: Externalities, origin: Any, index: int, call: Any) -> PostDispatchInfo:
    """Dispatch a call as a derivative (pseudonym) account of the signer.

    Origin: Signed. Effects: the call runs with origin Signed(blake2_256("modlpy/utilisuba" ++
    who ++ index)), through the call filter. Errors: the inner call's error (with the actual
    weight). Mirrors pallet_subtensor_utility::as_derivative.
    """
    who = ensure_signed(origin)
    pseudonym = derivative_account_id(who, index)
    error, used = dispatch_call(ext, Signed(pseudonym), call)
    post = PostDispatchInfo(AS_DERIVATIVE_WEIGHT + used)
    if error is not None:
        raise with_post_info(error, post)
    return post


@utility.call(2, [_CALLS],
              weight=lambda calls: declared_info("batch_all", {"calls": calls}).weight)
def batch_all(ext: Externalities, origin: Any, calls: list[Any]) -> PostDispatchInfo:
    """Dispatch calls in order, all or nothing.

    Origin: any but None. Checks: TooManyCalls. Effects: each call in its own layer; non-root
    origins may not nest ``batch_all`` (CallFiltered); the first error fails the whole call
    (the executive's layer rolls everything back). Events: ItemCompleted per call,
    BatchCompleted. Mirrors pallet_subtensor_utility::batch_all.
    """
    is_root = _ensure_not_none(origin)
    _check_len(calls)
    weight = Weight(0, 0)
    forbid = () if is_root else (("Utility", "batch_all"),)
    for index, call in enumerate(calls):
        error, used = dispatch_call(ext, origin, call, bypass_filter=is_root, forbid=forbid)
        weight = weight + used
        if error is not None:
            raise with_post_info(error, PostDispatchInfo(batch_all_weight(index + 1) + weight))
        deposit_event(ext, ItemCompleted())
    deposit_event(ext, BatchCompleted())
    return PostDispatchInfo(batch_all_weight(len(calls)) + weight)


def _dispatch_as(ext: Externalities, as_origin: Any, call: Any) -> tuple[DispatchError | None,
                                                                        Weight]:
    """Dispatch ``call`` as an ``OriginCaller`` (filter bypassed); origins that no call here
    accepts (``Authorized``, ``Ethereum``) fail with BadOrigin without running the call."""
    target = origin_from_caller(as_origin)
    if target is None:
        return DispatchError.bad_origin(), call_info(call).weight
    return dispatch_call(ext, target, call, bypass_filter=True)


@utility.call(3, [("as_origin", OriginCaller, "Box<T::PalletsOrigin>"), _CALL],
              weight=lambda as_origin, call: DISPATCH_AS_WEIGHT + call_info(call).weight)
def dispatch_as(ext: Externalities, origin: Any, as_origin: Any, call: Any) -> None:
    """Dispatch a call with another origin, bypassing the filter; the result is an event.

    Origin: Root. Effects: the call runs as ``as_origin``. Events: DispatchedAs { result }.
    Mirrors pallet_subtensor_utility::dispatch_as.
    """
    ensure_root(origin)
    error, _ = _dispatch_as(ext, as_origin, call)
    deposit_event(ext, DispatchedAs(dispatch_result(error)))


@utility.call(4, [_CALLS],
              weight=lambda calls: declared_info("force_batch", {"calls": calls}).weight)
def force_batch(ext: Externalities, origin: Any, calls: list[Any]) -> PostDispatchInfo:
    """Dispatch every call, whatever fails.

    Origin: any but None. Checks: TooManyCalls. Events: ItemCompleted or ItemFailed { error }
    per call, then BatchCompleted or BatchCompletedWithErrors. Mirrors
    pallet_subtensor_utility::force_batch.
    """
    is_root = _ensure_not_none(origin)
    _check_len(calls)
    weight = Weight(0, 0)
    failed = False
    for call in calls:
        error, used = dispatch_call(ext, origin, call, bypass_filter=is_root)
        weight = weight + used
        if error is not None:
            failed = True
            deposit_event(ext, ItemFailed(error.to_scale()))
        else:
            deposit_event(ext, ItemCompleted())
    deposit_event(ext, BatchCompletedWithErrors() if failed else BatchCompleted())
    return PostDispatchInfo(force_batch_weight(len(calls)) + weight)


@utility.call(5, [_CALL, ("weight", WeightType, "Weight")],
              weight=lambda call, weight: Weight(weight.ref_time, weight.proof_size))
def with_weight(ext: Externalities, origin: Any, call: Any, weight: Any) -> None:
    """Dispatch a call as root with a declared weight (not checked).

    Origin: Root. Errors: the inner call's error. Mirrors pallet_subtensor_utility::with_weight.
    """
    ensure_root(origin)
    error, _ = dispatch_call(ext, origin, call, bypass_filter=True)
    if error is not None:
        raise error


@utility.call(6, [("main", RuntimeCallRef, "Box<<T as Config>::RuntimeCall>"),
                  ("fallback", RuntimeCallRef, "Box<<T as Config>::RuntimeCall>")],
              weight=lambda main, fallback: (IF_ELSE_WEIGHT + call_info(main).weight
                                             + call_info(fallback).weight))
def if_else(ext: Externalities, origin: Any, main: Any, fallback: Any) -> PostDispatchInfo:
    """Dispatch ``main``; if it fails, dispatch ``fallback``.

    Origin: any but None. Events: IfElseMainSuccess, or IfElseFallbackCalled { main_error } when
    the fallback succeeded. Errors: the fallback's error when both fail. Mirrors
    pallet_subtensor_utility::if_else.
    """
    is_root = _ensure_not_none(origin)
    main_error, used = dispatch_call(ext, origin, main, bypass_filter=is_root)
    weight = IF_ELSE_WEIGHT + used
    if main_error is None:
        deposit_event(ext, IfElseMainSuccess())
        return PostDispatchInfo(weight)
    fallback_error, used = dispatch_call(ext, origin, fallback, bypass_filter=is_root)
    weight = weight + used
    if fallback_error is None:
        deposit_event(ext, IfElseFallbackCalled(main_error.to_scale()))
        return PostDispatchInfo(weight)
    raise with_post_info(fallback_error, PostDispatchInfo(weight))


@utility.call(7, [("as_origin", OriginCaller, "Box<T::PalletsOrigin>"), _CALL],
              weight=lambda as_origin, call: DISPATCH_AS_FALLIBLE_WEIGHT + call_info(call).weight)
def dispatch_as_fallible(ext: Externalities, origin: Any, as_origin: Any, call: Any) -> None:
    """Dispatch a call with another origin; its failure fails this call.

    Origin: Root. Events: DispatchedAs { result: Ok } on success. Errors: the inner error.
    Mirrors pallet_subtensor_utility::dispatch_as_fallible.
    """
    ensure_root(origin)
    error, _ = _dispatch_as(ext, as_origin, call)
    if error is not None:
        raise error
    deposit_event(ext, DispatchedAs(dispatch_result(None)))


_INDEX_OF = {definition.name: index for index, definition in utility.calls.items()}
