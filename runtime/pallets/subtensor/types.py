"""SCALE types of the SubtensorModule pallet, with the metadata paths of the reference.

Units and identifiers (spec/subtensor.md §0.1) are newtypes in ``subtensor_runtime_common``
(``NetUid`` and ``NetUidStorageIndex`` wrap a u16, ``MechId`` a u8, ``TaoBalance`` and
``AlphaBalance`` a u64 count of rao) whose ``TypeInfo`` is their inner integer's, so here they
are that integer type; the Rust names survive as field and key type names.

Fixed-point numbers (``I96F32``, ``U64F64``, ...) are ``substrate_fixed`` structs with a single
field ``bits`` and a type parameter ``Frac``: the number of fractional bits as a
``substrate_typenum`` unsigned (``UInt<msb, lsb>`` chains down to ``UTerm``). Their SCALE form
is the bits as a little-endian integer of the type's width. A decoded value is the matching
class of :mod:`runtime.primitives.fixed`; encoding takes such a value (or anything with a
``bits`` attribute, or ``{"bits": n}``).

The structs (``AxonInfo``, ``PrometheusInfo``, ``ChainIdentityV2``, ``SubnetIdentityV3``,
``LockState``, ``SubnetLease``, ...) keep the reference's field order, which is their encoding.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from runtime.frame.dispatch import DispatchErrorType
from runtime.primitives.fixed import I32F32, I64F64, I96F32, U64F64, U96F32
from runtime.primitives.scale import (
    I64,
    I128,
    U8,
    U16,
    U32,
    U64,
    U128,
    Array,
    BTreeSet,
    Bytes,
    Enum,
    EnumValue,
    Option,
    Result,
    ScaleType,
    Struct,
    TypeParam,
    Unit,
)
from runtime.primitives.scale.common import AccountId32

_COMMON = "subtensor_runtime_common"
_PALLET = "pallet_subtensor"

# -- identifiers and units (spec §0.1) ---------------------------------------------------------

NetUid = U16
"""A subnet id (u16); netuid 0 is the root network. The reference's ``NetUid`` newtype has a
hand-written ``TypeInfo`` that *is* u16's, so metadata shows a plain ``u16``."""
NetUidStorageIndex = U16
"""``mech_id × 4096 + netuid``: the key of per-mechanism items (Weights, Bonds, Incentive, ...);
transparent (u16) in metadata."""
MechId = U8
"""A mechanism (sub-subnet) id within a subnet; transparent (u8) in metadata."""
TaoBalance = U64
"""An amount of TAO in rao (10^-9 TAO); transparent (u64) in metadata."""
AlphaBalance = U64
"""An amount of a subnet's alpha token, 9 decimals like TAO; transparent (u64) in metadata."""
BlockNumber = U32
"""``BlockNumberFor<T>``: subtensor's block numbers are u32."""
H160 = Struct("H160", [(None, Array(U8, 20), "[u8; 20]")], path=("primitive_types", "H160"))
"""A 20-byte Ethereum (EVM) address."""
Percent = Struct("Percent", [(None, U8, "u8")], path=("sp_arithmetic", "per_things", "Percent"))
"""A percentage 0..=100 as a u8."""
PalletId = Struct("PalletId", [(None, Array(U8, 8), "[u8; 8]")],
                  path=("frame_support", "PalletId"))
"""An 8-byte pallet identifier from which module accounts are derived."""
BoundedBytes = Struct("BoundedVec", [(None, Bytes, "Vec<T>")],
                      path=("bounded_collections", "bounded_vec", "BoundedVec"),
                      params=(TypeParam("T", U8), TypeParam("S", None)))
"""``BoundedVec<u8, S>``: a byte string with a length bound the decoder does not check (the
bound is enforced where values are built); encodes as ``Vec<u8>``, Python value ``bytes``."""
DispatchResult = Result(Unit, DispatchErrorType)
"""``Result<(), DispatchError>`` as carried by batch events."""

ZERO_ACCOUNT = bytes(32)
"""The all-zero AccountId32: the default of Owner, Keys, SubnetOwner and friends (the reference
decodes an account from an endless run of zero bytes)."""


# -- fixed-point numbers ------------------------------------------------------------------------

_TYPENUM = "substrate_typenum"
UTerm = Struct("UTerm", [], path=(_TYPENUM, "uint", "UTerm"))
"""typenum's zero (the end of every unsigned number)."""
B0 = Struct("B0", [], path=(_TYPENUM, "bit", "B0"))
"""typenum's bit 0."""
B1 = Struct("B1", [], path=(_TYPENUM, "bit", "B1"))
"""typenum's bit 1."""


@cache
def typenum_unsigned(value: int) -> ScaleType:
    """The ``substrate_typenum`` type of an unsigned number: ``UInt<msb, lsb>`` down to ``UTerm``.

    It only appears as a type parameter (``Frac`` of the fixed-point types): every field is a
    field-less struct, so it has no encoding of its own.
    """
    if value == 0:
        return UTerm
    msb = typenum_unsigned(value >> 1)
    bit = B1 if value & 1 else B0
    return Struct("UInt", [("msb", msb, "U"), ("lsb", bit, "B")], path=(_TYPENUM, "uint", "UInt"),
                  params=(TypeParam("U", msb), TypeParam("B", bit)))


def _fixed(rust_name: str, bits_type: ScaleType, bits_name: str, fixed_class: type,
           frac_bits: int) -> ScaleType:
    """A ``substrate_fixed`` struct whose decoded value is ``fixed_class``."""

    class _FromBits:
        """Build the fixed-point value from its decoded ``bits`` field."""

        def __new__(cls, bits: int) -> Any:
            return fixed_class.from_bits(bits)  # type: ignore[attr-defined]

    _FromBits.__name__ = f"{fixed_class.__name__}FromBits"
    return Struct(rust_name, [("bits", bits_type, bits_name)],
                  path=("substrate_fixed", rust_name),
                  params=(TypeParam("Frac", typenum_unsigned(frac_bits)),),
                  value_class=_FromBits)


I32F32Type = _fixed("FixedI64", I64, "i64", I32F32, 32)
"""``I32F32`` = ``FixedI64<U32>``: 64 bits, 32 fractional."""
I64F64Type = _fixed("FixedI128", I128, "i128", I64F64, 64)
"""``I64F64`` = ``FixedI128<U64>``: 128 bits, 64 fractional."""
I96F32Type = _fixed("FixedI128", I128, "i128", I96F32, 32)
"""``I96F32`` = ``FixedI128<U32>``: 128 bits, 32 fractional."""
U64F64Type = _fixed("FixedU128", U128, "u128", U64F64, 64)
"""``U64F64`` = ``FixedU128<U64>``: 128 bits, 64 fractional."""
U96F32Type = _fixed("FixedU128", U128, "u128", U96F32, 32)
"""``U96F32`` = ``FixedU128<U32>``: 128 bits, 32 fractional."""

SafeFloat = Struct("SafeFloat", [("mantissa", U128, "u128"), ("exponent", I64, "i64")],
                   path=("share_pool", "SafeFloat"))
"""A decimal float ``mantissa × 10^exponent`` used by the stake share pools (spec §4.4)."""
SAFE_FLOAT_ZERO = {"mantissa": 0, "exponent": 0}
"""``SafeFloat::default()``."""

# -- serving (spec §5.4) ------------------------------------------------------------------------

AxonInfo = Struct("AxonInfo", [
    ("block", U64, "u64"),
    ("version", U32, "u32"),
    ("ip", U128, "u128"),
    ("port", U16, "u16"),
    ("ip_type", U8, "u8"),
    ("protocol", U8, "u8"),
    ("placeholder1", U8, "u8"),
    ("placeholder2", U8, "u8"),
], path=(_PALLET, "pallet", "AxonInfo"))
"""Where a neuron's axon listens: the block it was served at, version, IP (v4 or v6 as a
u128), port, IP type (4 or 6), protocol and two spare bytes."""

PrometheusInfo = Struct("PrometheusInfo", [
    ("block", U64, "u64"),
    ("version", U32, "u32"),
    ("ip", U128, "u128"),
    ("port", U16, "u16"),
    ("ip_type", U8, "u8"),
], path=(_PALLET, "pallet", "PrometheusInfo"))
"""Where a neuron exposes Prometheus metrics: block served at, version, IP, port, IP type."""

NeuronCertificate = Struct("NeuronCertificate", [
    ("public_key", BoundedBytes, "BoundedVec<u8, ConstU32<64>>"),
    ("algorithm", U8, "u8"),
], path=(_PALLET, "pallet", "NeuronCertificate"))
"""A neuron's TLS public key (at most 64 bytes) and the id of its key algorithm."""

# -- identities -----------------------------------------------------------------------------------

_VEC_U8 = (Bytes, "Vec<u8>")

ChainIdentityV2 = Struct("ChainIdentityV2", [
    (name, *_VEC_U8) for name in
    ("name", "url", "github_repo", "image", "discord", "description", "additional")
], path=(_PALLET, "pallet", "ChainIdentityV2"))
"""A coldkey's public identity: seven free-form byte strings."""

SubnetIdentityV3 = Struct("SubnetIdentityV3", [
    (name, *_VEC_U8) for name in
    ("subnet_name", "github_repo", "subnet_contact", "subnet_url", "discord", "description",
     "logo_url", "additional")
], path=(_PALLET, "pallet", "SubnetIdentityV3"))
"""A subnet's public identity: eight free-form byte strings."""

# -- enums ----------------------------------------------------------------------------------------

RecycleOrBurnEnum = Enum("RecycleOrBurnEnum", ["Burn", "Recycle"],
                         path=(_PALLET, "pallet", "RecycleOrBurnEnum"))
"""What happens to miner emission routed to the owner's uids: burned or recycled."""

RootClaimTypeEnum = Enum("RootClaimTypeEnum", [
    "Swap",
    "Keep",
    ("KeepSubnets", [("subnets", BTreeSet(NetUid), "BTreeSet<NetUid>")]),
], path=(_PALLET, "pallet", "RootClaimTypeEnum"))
"""How a coldkey takes its root dividends: swap alpha to TAO, keep it, or keep it only for the
listed subnets."""
ROOT_CLAIM_TYPE_DEFAULT = EnumValue("Swap", None)
"""``RootClaimTypeEnum::default()``."""

Hyperparameter = Enum("Hyperparameter", [
    (name, [], index) for index, name in enumerate((
        "Unknown", "ServingRateLimit", "MaxDifficulty", "AdjustmentAlpha", "MaxWeightLimit",
        "ImmunityPeriod", "MinAllowedWeights", "Kappa", "Rho", "ActivityCutoff",
        "PowRegistrationAllowed", "MinBurn", "MaxBurn", "BondsMovingAverage", "BondsPenalty",
        "CommitRevealEnabled", "LiquidAlphaEnabled", "AlphaValues", "WeightCommitInterval",
        "TransferEnabled", "AlphaSigmoidSteepness", "Yuma3Enabled", "BondsResetEnabled",
        "ImmuneNeuronLimit", "RecycleOrBurn", "MaxAllowedUids", "BurnHalfLife",
        "BurnIncreaseMult", "SubnetEmissionEnabled", "MinChildkeyTake",
        "ActivityCutoffFactorMilli", "TriggerEpoch"))
], path=(_PALLET, "utils", "rate_limiting", "Hyperparameter"))
"""The owner-settable hyperparameters, as rate-limit keys (explicit discriminants 0..31)."""

RateLimitKey = Enum("RateLimitKey", [
    ("SetSNOwnerHotkey", [(None, NetUid, "NetUid")], 0),
    ("OwnerHyperparamUpdate", [(None, NetUid, "NetUid"),
                               (None, Hyperparameter, "Hyperparameter")], 1),
    ("NetworkLastRegistered", [], 2),
    ("LastTxBlock", [(None, AccountId32, "AccountId")], 3),
    ("LastTxBlockChildKeyTake", [(None, AccountId32, "AccountId")], 4),
    ("LastTxBlockDelegateTake", [(None, AccountId32, "AccountId")], 5),
    ("AddStakeBurn", [(None, NetUid, "NetUid")], 6),
], path=(_PALLET, "RateLimitKey"), params=(TypeParam("AccountId", AccountId32),))
"""The operations whose last block is kept in ``LastRateLimitedBlock``."""

# -- staking locks and leases ------------------------------------------------------------------

LockState = Struct("LockState", [
    ("locked_mass", AlphaBalance, "AlphaBalance"),
    ("conviction", U64F64Type, "U64F64"),
    ("last_update", U64, "u64"),
], path=(_PALLET, "staking", "lock", "LockState"))
"""A decaying stake lock: the locked alpha, the conviction it has matured and the block it was
last rolled forward at."""

SubnetLease = Struct("SubnetLease", [
    ("beneficiary", AccountId32, "AccountId"),
    ("coldkey", AccountId32, "AccountId"),
    ("hotkey", AccountId32, "AccountId"),
    ("emissions_share", Percent, "Percent"),
    ("end_block", Option(BlockNumber), "Option<BlockNumber>"),
    ("netuid", NetUid, "NetUid"),
    ("cost", TaoBalance, "Balance"),
], path=(_PALLET, "subnets", "leasing", "SubnetLease"),
    params=(TypeParam("AccountId", AccountId32), TypeParam("BlockNumber", BlockNumber),
            TypeParam("Balance", TaoBalance)))
"""A subnet registered through a crowdloan and leased to a beneficiary."""

LeaseId = U32
"""The id of a subnet lease."""
RoundNumber = U64
"""A drand round number (the reveal round of timelocked weight commits)."""
