"""Origins, dispatch errors and dispatch information (FRAME's ``frame_support::dispatch``).

Three kinds of failure are kept apart (ARCHITECTURE.md, Conventions):

- *invalid* transactions never reach dispatch (``runtime.extrinsic`` validity outcomes);
- *dispatch errors* are raised inside a call as :class:`DispatchError` and caught at the one
  dispatch boundary (the executive), which rolls the call's writes back, keeps the fee and emits
  ``System.ExtrinsicFailed`` with the error's SCALE encoding;
- *bugs* are any other exception: they propagate and abort the block.

``DispatchError`` mirrors ``sp_runtime::DispatchError`` variant by variant, with the same indices,
so ``DispatchErrorType.encode(err.to_scale())`` is what the reference puts in events and in
``ApplyExtrinsicResult``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from runtime.primitives.scale import U8, Array, Enum, EnumValue, Struct
from runtime.primitives.scale.common import Weight as WeightType

# -- origins -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Signed:
    """A call signed by ``who`` (a 32-byte account id)."""

    who: bytes


@dataclass(frozen=True, slots=True)
class Root:
    """The root origin (sudo, governance)."""


@dataclass(frozen=True, slots=True)
class Unsigned:
    """No origin: inherents and unsigned transactions (FRAME's ``RawOrigin::None``)."""


Origin = Signed | Root | Unsigned
ROOT = Root()
UNSIGNED = Unsigned()


def ensure_signed(origin: Origin) -> bytes:
    """The signer of a signed origin; any other origin fails with ``BadOrigin``."""
    if isinstance(origin, Signed):
        return origin.who
    raise DispatchError.bad_origin()


def ensure_root(origin: Origin) -> None:
    """Succeed for the root origin; any other origin fails with ``BadOrigin``."""
    if not isinstance(origin, Root):
        raise DispatchError.bad_origin()


def ensure_none(origin: Origin) -> None:
    """Succeed for the unsigned origin; any other origin fails with ``BadOrigin``."""
    if not isinstance(origin, Unsigned):
        raise DispatchError.bad_origin()


# -- the SCALE shape of sp_runtime::DispatchError ------------------------------------------------

ModuleErrorType = Struct("ModuleError", [
    ("index", U8, "u8"),
    ("error", Array(U8, 4), "[u8; MAX_MODULE_ERROR_ENCODED_SIZE]"),
], path=("sp_runtime", "ModuleError"))

TokenErrorType = Enum("TokenError", [
    "FundsUnavailable", "OnlyProvider", "BelowMinimum", "CannotCreate", "UnknownAsset", "Frozen",
    "Unsupported", "CannotCreateHold", "NotExpendable", "Blocked",
], path=("sp_runtime", "TokenError"))

ArithmeticErrorType = Enum("ArithmeticError", ["Underflow", "Overflow", "DivisionByZero"],
                           path=("sp_arithmetic", "ArithmeticError"))

TransactionalErrorType = Enum("TransactionalError", ["LimitReached", "NoLayer"],
                              path=("sp_runtime", "TransactionalError"))

TrieErrorType = Enum("TrieError", [
    "InvalidStateRoot", "IncompleteDatabase", "ValueAtIncompleteKey", "DecoderError",
    "InvalidHash", "DuplicateKey", "ExtraneousNode", "ExtraneousValue",
    "ExtraneousHashReference", "InvalidChildReference", "ValueMismatch", "IncompleteProof",
    "RootMismatch", "DecodeError",
], path=("sp_runtime", "proving_trie", "TrieError"))

DispatchErrorType = Enum("DispatchError", [
    "Other",
    "CannotLookup",
    "BadOrigin",
    ("Module", [(None, ModuleErrorType, "ModuleError")]),
    "ConsumerRemaining",
    "NoProviders",
    "TooManyConsumers",
    ("Token", [(None, TokenErrorType, "TokenError")]),
    ("Arithmetic", [(None, ArithmeticErrorType, "ArithmeticError")]),
    ("Transactional", [(None, TransactionalErrorType, "TransactionalError")]),
    "Exhausted",
    "Corruption",
    "Unavailable",
    "RootNotAllowed",
    ("Trie", [(None, TrieErrorType, "TrieError")]),
], path=("sp_runtime", "DispatchError"))

_UNIT_VARIANTS = frozenset({"Other", "CannotLookup", "BadOrigin", "ConsumerRemaining",
                            "NoProviders", "TooManyConsumers", "Exhausted", "Corruption",
                            "Unavailable", "RootNotAllowed"})
_NESTED_VARIANTS = {"Token": TokenErrorType, "Arithmetic": ArithmeticErrorType,
                    "Transactional": TransactionalErrorType, "Trie": TrieErrorType}


class DispatchError(Exception):
    """A failed dispatch: raised in a call, turned into ``ExtrinsicFailed`` by the executive.

    ``variant`` is a variant name of ``sp_runtime::DispatchError``; ``detail`` is the nested
    variant name (Token, Arithmetic, Transactional, Trie) or, for ``Module``, the pallet index and
    error index with the error's name (for messages only; the name is not encoded).
    """

    def __init__(self, variant: str, detail: Any = None) -> None:
        if variant not in _UNIT_VARIANTS and variant not in _NESTED_VARIANTS \
                and variant != "Module":
            raise ValueError(f"unknown DispatchError variant {variant!r}")
        super().__init__(_describe(variant, detail))
        self.variant = variant
        self.detail = detail
        self.post_info: PostDispatchInfo | None = None

    def with_post_info(self, post_info: PostDispatchInfo) -> DispatchError:
        """Attach what the failed call reports about its actual weight and fee; returns self."""
        self.post_info = post_info
        return self

    @classmethod
    def module(cls, pallet_index: int, error_index: int, name: str, pallet: str = ""
               ) -> DispatchError:
        """``Module { index, error }`` for error ``error_index`` of pallet ``pallet_index``."""
        return cls("Module", ModuleErrorRef(pallet_index, error_index, name, pallet))

    @classmethod
    def bad_origin(cls) -> DispatchError:
        """``BadOrigin``."""
        return cls("BadOrigin")

    @classmethod
    def arithmetic(cls, kind: str) -> DispatchError:
        """``Arithmetic(kind)`` with kind Underflow, Overflow or DivisionByZero."""
        return cls("Arithmetic", kind)

    @classmethod
    def token(cls, kind: str) -> DispatchError:
        """``Token(kind)``, e.g. ``FundsUnavailable``."""
        return cls("Token", kind)

    def to_scale(self) -> EnumValue | str:
        """The value to encode with :data:`DispatchErrorType`."""
        if self.variant == "Module":
            ref: ModuleErrorRef = self.detail
            return EnumValue("Module", {"index": ref.pallet_index,
                                        "error": bytes([ref.error_index, 0, 0, 0])})
        if self.variant in _NESTED_VARIANTS:
            return EnumValue(self.variant, EnumValue(self.detail, None))
        return EnumValue(self.variant, None)

    def encode(self) -> bytes:
        """The SCALE encoding of this error as ``sp_runtime::DispatchError``."""
        return DispatchErrorType.encode(self.to_scale())

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, DispatchError) and self.variant == other.variant
                and self.detail == other.detail)

    def __hash__(self) -> int:
        return hash((self.variant, self.detail))


@dataclass(frozen=True, slots=True)
class ModuleErrorRef:
    """Which pallet error a ``Module`` dispatch error is (names are for messages only)."""

    pallet_index: int
    error_index: int
    name: str
    pallet: str = ""

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, ModuleErrorRef) and self.pallet_index == other.pallet_index
                and self.error_index == other.error_index)

    def __hash__(self) -> int:
        return hash((self.pallet_index, self.error_index))


def _describe(variant: str, detail: Any) -> str:
    if variant == "Module" and isinstance(detail, ModuleErrorRef):
        where = f"{detail.pallet}." if detail.pallet else f"pallet {detail.pallet_index} "
        return f"{where}{detail.name}"
    return variant if detail is None else f"{variant}({detail})"


# -- dispatch information -----------------------------------------------------------------------


class DispatchClass(IntEnum):
    """``frame_support::dispatch::DispatchClass``."""

    Normal = 0
    Operational = 1
    Mandatory = 2


class Pays(IntEnum):
    """``frame_support::dispatch::Pays``: whether the sender pays the fee."""

    Yes = 0
    No = 1


@dataclass(frozen=True, slots=True)
class Weight:
    """Two-dimensional weight: computation time (picoseconds) and proof size (bytes)."""

    ref_time: int
    proof_size: int = 0

    def __add__(self, other: Weight) -> Weight:
        return Weight(self.ref_time + other.ref_time, self.proof_size + other.proof_size)

    def to_scale(self) -> dict[str, int]:
        """The value to encode with ``sp_weights::weight_v2::Weight``."""
        return {"ref_time": self.ref_time, "proof_size": self.proof_size}


ZERO_WEIGHT = Weight(0, 0)

DispatchClassType = Enum("DispatchClass", ["Normal", "Operational", "Mandatory"],
                         path=("frame_support", "dispatch", "DispatchClass"))
PaysType = Enum("Pays", ["Yes", "No"], path=("frame_support", "dispatch", "Pays"))
DispatchInfoType = Struct("DispatchEventInfo", [
    ("weight", WeightType, "Weight"),
    ("class", DispatchClassType, "DispatchClass"),
    ("pays_fee", PaysType, "Pays"),
], path=("frame_system", "DispatchEventInfo"))


@dataclass(frozen=True, slots=True)
class DispatchInfo:
    """What a call declares about itself before it runs: weight, class and who pays."""

    weight: Weight
    dispatch_class: DispatchClass = DispatchClass.Normal
    pays_fee: Pays = Pays.Yes

    def to_scale(self) -> dict[str, Any]:
        """The value to encode with :data:`DispatchInfoType` (as in ``ExtrinsicSuccess``)."""
        return {"weight": self.weight.to_scale(), "class": self.dispatch_class.name,
                "pays_fee": self.pays_fee.name}


@dataclass(frozen=True, slots=True)
class PostDispatchInfo:
    """What a call reports after it ran (FRAME's ``PostDispatchInfo``): its actual weight
    (None: as declared) and whether the sender pays. Calls return one, or None for "as declared";
    a failing call attaches one to its :class:`DispatchError` (``with_post_info``)."""

    actual_weight: Weight | None = None
    pays_fee: Pays = Pays.Yes

    def calc_actual_weight(self, info: DispatchInfo) -> Weight:
        """The actual weight, never above the declared one (component-wise minimum)."""
        if self.actual_weight is None:
            return info.weight
        return Weight(min(self.actual_weight.ref_time, info.weight.ref_time),
                      min(self.actual_weight.proof_size, info.weight.proof_size))

    def pays(self, info: DispatchInfo) -> Pays:
        """``Pays.No`` if either the declaration or the result says so."""
        if info.pays_fee is Pays.No or self.pays_fee is Pays.No:
            return Pays.No
        return Pays.Yes


DECLARED = PostDispatchInfo()
"""The post-dispatch info of a call that reports nothing beyond its declaration."""


def post_info_of(returned: object) -> PostDispatchInfo:
    """Normalise a call's return value (None or a ``PostDispatchInfo``)."""
    return returned if isinstance(returned, PostDispatchInfo) else DECLARED
