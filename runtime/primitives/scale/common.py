"""Common Substrate types that are pure SCALE, declared with their scale-info paths.

``H256``/``AccountId32`` are byte arrays (value ``bytes``); ``MultiAddress`` and ``MultiSignature``
are the ``sp_runtime`` enums (spec/substrate.md §5.1); ``Weight`` is the v2 weight (two compact
u64); ``RuntimeVersion`` is what ``Core_version`` / ``state_getRuntimeVersion`` return (§6.1).
"""

from __future__ import annotations

from runtime.primitives.scale.base import TypeParam
from runtime.primitives.scale.composite import Enum, Struct
from runtime.primitives.scale.ints import U8, U32, U64, Compact
from runtime.primitives.scale.sequences import Array, Bytes, Str, Tuple, Unit, Vec

H256 = Struct("H256", [(None, Array(U8, 32), "[u8; 32]")], path=("primitive_types", "H256"))
AccountId32 = Struct("AccountId32", [(None, Array(U8, 32), "[u8; 32]")],
                     path=("sp_core", "crypto", "AccountId32"))
AccountIndex = Unit  # subtensor: ``type Address = MultiAddress<AccountId, ()>``

MultiAddress = Enum("MultiAddress", [
    ("Id", [(None, AccountId32, "AccountId")]),
    ("Index", [(None, Compact(AccountIndex), "AccountIndex")]),
    ("Raw", [(None, Bytes, "Vec<u8>")]),
    ("Address32", [(None, Array(U8, 32), "[u8; 32]")]),
    ("Address20", [(None, Array(U8, 20), "[u8; 20]")]),
], path=("sp_runtime", "multiaddress", "MultiAddress"),
    params=(TypeParam("AccountId", AccountId32), TypeParam("AccountIndex", AccountIndex)))

Ed25519Signature = Struct("Signature", [(None, Array(U8, 64), "[u8; 64]")],
                          path=("sp_core", "ed25519", "Signature"))
Sr25519Signature = Struct("Signature", [(None, Array(U8, 64), "[u8; 64]")],
                          path=("sp_core", "sr25519", "Signature"))
EcdsaSignature = Struct("Signature", [(None, Array(U8, 65), "[u8; 65]")],
                        path=("sp_core", "ecdsa", "Signature"))
MultiSignature = Enum("MultiSignature", [
    ("Ed25519", [(None, Ed25519Signature, "ed25519::Signature")]),
    ("Sr25519", [(None, Sr25519Signature, "sr25519::Signature")]),
    ("Ecdsa", [(None, EcdsaSignature, "ecdsa::Signature")]),
], path=("sp_runtime", "MultiSignature"))

Weight = Struct("Weight", [("ref_time", Compact(U64), "u64"), ("proof_size", Compact(U64), "u64")],
                path=("sp_weights", "weight_v2", "Weight"))
Perbill = Struct("Perbill", [(None, U32, "u32")], path=("sp_arithmetic", "per_things", "Perbill"))

ApiId = Array(U8, 8)
RuntimeVersion = Struct("RuntimeVersion", [
    ("spec_name", Str, "RuntimeString"),
    ("impl_name", Str, "RuntimeString"),
    ("authoring_version", U32, "u32"),
    ("spec_version", U32, "u32"),
    ("impl_version", U32, "u32"),
    ("apis", Vec(Tuple(ApiId, U32)), "ApisVec"),
    ("transaction_version", U32, "u32"),
    ("system_version", U8, "u8"),
], path=("sp_version", "RuntimeVersion"))
