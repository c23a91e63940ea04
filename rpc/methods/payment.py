"""``payment_queryInfo`` / ``payment_queryFeeDetails`` through ``TransactionPaymentApi``.

The runtime call takes the encoded extrinsic followed by its length as a u32 (little endian).
Results are decoded for subtensor's ``Balance = u64`` and rendered as Substrate's payment RPC
does: ``{"weight": {"ref_time", "proof_size"}, "class", "partialFee": "<decimal string>"}`` and
``{"inclusionFee": {"baseFee", "lenFee", "adjustedWeightFee"} | null}`` (the tip is not
serialized). Error codes are the payment RPC's: 1 runtime failure, 2 undecodable extrinsic.
"""

from __future__ import annotations

import struct

from rpc.backend import ChainReader, RuntimeApi, RuntimeCallError, UnknownBlock
from rpc.errors import RpcError
from rpc.jsonrpc import JSON, Params
from rpc.methods.common import block_param, extrinsic_format_error
from rpc.registry import RpcRegistry
from runtime.primitives.scale import DecodeError, decode_compact

RUNTIME_ERROR = 1
DECODE_ERROR = 2
QUERY_INFO_MSG = "Unable to query dispatch info."
FEE_DETAILS_MSG = "Unable to query fee details."
DISPATCH_CLASSES = ("normal", "operational", "mandatory")


def register(registry: RpcRegistry, reader: ChainReader, runtime: RuntimeApi) -> None:
    """Register the two payment methods."""
    api = PaymentMethods(reader, runtime)
    registry.register("payment_queryInfo", api.query_info)
    registry.register("payment_queryFeeDetails", api.query_fee_details)


def decode_dispatch_info(data: bytes) -> dict[str, JSON]:
    """SCALE ``RuntimeDispatchInfo<u64>`` → its RPC JSON."""
    ref_time, position = decode_compact(data, 0, "Weight.ref_time")
    proof_size, position = decode_compact(data, position, "Weight.proof_size")
    if len(data) != position + 9 or data[position] >= len(DISPATCH_CLASSES):
        raise DecodeError("RuntimeDispatchInfo", position, "expected class u8 and fee u64")
    (fee,) = struct.unpack_from("<Q", data, position + 1)
    return {"weight": {"ref_time": ref_time, "proof_size": proof_size},
            "class": DISPATCH_CLASSES[data[position]], "partialFee": str(fee)}


def decode_fee_details(data: bytes) -> dict[str, JSON]:
    """SCALE ``FeeDetails<u64>`` → its RPC JSON."""
    if data[:1] == b"\x00" and len(data) == 9:
        return {"inclusionFee": None}
    if data[:1] != b"\x01" or len(data) != 33:
        raise DecodeError("FeeDetails", 0, "expected Option<InclusionFee> and tip u64")
    base, length, weight, _tip = struct.unpack_from("<QQQQ", data, 1)
    return {"inclusionFee": {"baseFee": base, "lenFee": length, "adjustedWeightFee": weight}}


class PaymentMethods:
    """The handlers."""

    def __init__(self, reader: ChainReader, runtime: RuntimeApi) -> None:
        self.reader = reader
        self.runtime = runtime

    def _query(self, params: Params, method: str, message: str) -> bytes:
        params.at_most(2)
        extrinsic: bytes = params.hex_bytes(0, "extrinsic")  # type: ignore[assignment]
        at = block_param(params, 1, "at", self.reader)
        problem = extrinsic_format_error(extrinsic)
        if problem is not None:
            raise RpcError(DECODE_ERROR, message, problem)
        data = extrinsic + struct.pack("<I", len(extrinsic))
        try:
            return self.runtime.call(method, data, at)
        except (RuntimeCallError, UnknownBlock) as exc:
            raise RpcError(RUNTIME_ERROR, message, str(exc)) from None

    async def query_info(self, params: Params) -> JSON:
        """``payment_queryInfo [extrinsic, hash?]`` → ``RuntimeDispatchInfo`` JSON."""
        result = self._query(params, "TransactionPaymentApi_query_info", QUERY_INFO_MSG)
        try:
            return decode_dispatch_info(result)
        except DecodeError as exc:
            raise RpcError(RUNTIME_ERROR, QUERY_INFO_MSG, str(exc)) from None

    async def query_fee_details(self, params: Params) -> JSON:
        """``payment_queryFeeDetails [extrinsic, hash?]`` → ``FeeDetails`` JSON."""
        result = self._query(params, "TransactionPaymentApi_query_fee_details", FEE_DETAILS_MSG)
        try:
            return decode_fee_details(result)
        except DecodeError as exc:
            raise RpcError(RUNTIME_ERROR, FEE_DETAILS_MSG, str(exc)) from None
