"""Checks of the conventions the real clients rely on (spec/clients.md §4, substrate.md §6.3).

``client_convention_problems(input)`` lists, in plain sentences, what in a runtime description
would break the bittensor SDK, async-substrate-interface (cyscale) or substrate-interface
although it encodes to valid metadata: a pallet call/event/error type that is not an enum, a call or
event field without ``type_name``, an extrinsic version other than 4, signed extensions that the
clients cannot fill in, nonstandard address/signature paths, unnamed runtime-API parameters.
An empty list means none was found. Run it in the runtime's tests.
"""

from __future__ import annotations

from runtime.metadata.model import RuntimeMetadataInput, SignedExtensionMetadata
from runtime.metadata.registry import resolve
from runtime.primitives.scale import ScaleType, VariantDef

KNOWN_EXTENSIONS = ("CheckSpecVersion", "CheckTxVersion", "CheckGenesis", "CheckMortality",
                    "CheckEra", "CheckNonce", "ChargeTransactionPayment", "ChargeAssetTxPayment",
                    "CheckMetadataHash")
"""Identifiers whose explicit/implicit data the clients know how to produce."""

IMPLICIT_ORDER = ("CheckSpecVersion", "CheckTxVersion", "CheckGenesis", "CheckMortality",
                  "CheckMetadataHash")
EXPLICIT_ORDER = ("CheckMortality", "CheckNonce", "ChargeTransactionPayment", "CheckMetadataHash")
"""cyscale emits the implicit and explicit parts in these fixed orders, whatever the list says."""

STANDARD_PATHS = {
    "address": ("sp_runtime", "multiaddress", "MultiAddress"),
    "signature": ("sp_runtime", "MultiSignature"),
}


def _enum_problems(owner: str, scale_type: ScaleType | None, *, need_type_names: bool) -> list[str]:
    if scale_type is None:
        return []
    definition = resolve(scale_type).type_def()
    if not isinstance(definition, VariantDef):
        return [f"{owner} is not an enum type"]
    if not need_type_names:
        return []
    return [f"{owner}.{variant.name} field {field.name or position} has no type_name"
            for variant in definition.variants
            for position, field in enumerate(variant.fields) if field.type_name is None]


def _extension_problems(extensions: tuple[SignedExtensionMetadata, ...]) -> list[str]:
    problems = []
    for extension in extensions:
        if extension.identifier in KNOWN_EXTENSIONS:
            continue
        for part, scale_type in (("explicit", extension.type),
                                 ("implicit", extension.additional_signed_type)):
            if resolve(scale_type).fixed_size != 0:
                problems.append(f"signed extension {extension.identifier} is unknown to the "
                                f"clients but its {part} part is not empty")
    identifiers = [extension.identifier for extension in extensions]
    for order in (IMPLICIT_ORDER, EXPLICIT_ORDER):
        present = [name for name in identifiers if name in order]
        if present != sorted(present, key=order.index):
            problems.append(f"signed extensions {present} are not in the clients' order {order}")
    return problems


def client_convention_problems(metadata: RuntimeMetadataInput) -> list[str]:
    """Every convention violation found in ``metadata`` (empty when it is client-ready)."""
    problems = []
    for pallet in metadata.pallets:
        problems += _enum_problems(f"{pallet.name} calls", pallet.call_type,
                                   need_type_names=True)
        problems += _enum_problems(f"{pallet.name} events", pallet.event_type,
                                   need_type_names=True)
        problems += _enum_problems(f"{pallet.name} errors", pallet.error_type,
                                   need_type_names=False)
    extrinsic = metadata.extrinsic
    if resolve(extrinsic.call_type) is not resolve(metadata.outer_enums.call_type):
        problems.append("the extrinsic's call type is not the outer RuntimeCall enum")
    if extrinsic.version != 4:
        problems.append(f"extrinsic version {extrinsic.version}: the clients only build v4")
    for role, scale_type in (("address", extrinsic.address_type),
                             ("signature", extrinsic.signature_type)):
        if resolve(scale_type).path != STANDARD_PATHS[role]:
            problems.append(f"{role} type path {resolve(scale_type).path} is not "
                            f"{'::'.join(STANDARD_PATHS[role])}")
    problems += _extension_problems(extrinsic.extensions)
    for api in metadata.apis:
        for method in api.methods:
            names = [name for name, _ in method.inputs]
            if any(not name for name in names) or len(set(names)) != len(names):
                problems.append(f"{api.name}_{method.name}: parameter names must be unique "
                                f"and non-empty")
    return problems
