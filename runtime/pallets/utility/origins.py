"""Origins as values: ``DispatchResult`` encoding and subtensor's ``OriginCaller``.

``dispatch_as`` takes a ``Box<PalletsOrigin>`` argument: subtensor's ``OriginCaller`` enum, whose
variants are indexed by pallet: ``system`` (0) carries ``frame_support``'s ``RawOrigin``
(``Root``, ``Signed(AccountId)``, ``None``, ``Authorized``) and ``Ethereum`` (21) carries
``pallet_ethereum::RawOrigin::EthereumTransaction(H160)``.
"""

from __future__ import annotations

from typing import Any

from runtime.frame.dispatch import (
    ROOT,
    UNSIGNED,
    DispatchError,
    DispatchErrorType,
    Origin,
    Signed,
)
from runtime.primitives.scale import U8, Array, Enum, EnumValue, Result, Struct, Unit
from runtime.primitives.scale.common import AccountId32

DispatchResultType = Result(Unit, DispatchErrorType)
"""``DispatchResult = Result<(), DispatchError>``."""

H160 = Struct("H160", [(None, Array(U8, 20), "[u8; 20]")], path=("primitive_types", "H160"))

RawOrigin = Enum("RawOrigin", [
    "Root",
    ("Signed", AccountId32),
    "None",
    "Authorized",
], path=("frame_support", "dispatch", "RawOrigin"))

EthereumRawOrigin = Enum("RawOrigin", [("EthereumTransaction", H160)],
                         path=("pallet_ethereum", "RawOrigin"))

OriginCaller = Enum("OriginCaller", [
    ("system", RawOrigin, 0),
    ("Ethereum", EthereumRawOrigin, 21),
], path=("node_subtensor_runtime", "OriginCaller"))


def dispatch_result(error: DispatchError | None) -> EnumValue:
    """The ``DispatchResult`` value of an outcome (``Ok(())`` or ``Err(error)``)."""
    if error is None:
        return EnumValue("Ok", None)
    return EnumValue("Err", error.to_scale())


def origin_from_caller(caller: Any) -> Origin | None:
    """The dispatch origin of an ``OriginCaller`` value, or None for origins no call here
    accepts (``system::Authorized``, ``Ethereum``): their dispatch can only fail BadOrigin."""
    pallet, raw = caller
    if pallet != "system":
        return None
    variant, value = raw
    if variant == "Root":
        return ROOT
    if variant == "Signed":
        return Signed(bytes(value))
    if variant == "None":
        return UNSIGNED
    return None
