"""The AdminUtils pallet (index 19): its declaration, events, errors and call weights.

Mirrors ``pallets/admin-utils/src/lib.rs`` and ``weights.rs`` at subtensor 14bc6f9 (spec
§6.1, §7.1). The calls are declared in :mod:`.subnet_calls` (root or subnet owner) and
:mod:`.root_calls` (root only); the origin, rate-limit and freeze-window guards are in
:mod:`.guards`. Values are written to SubtensorModule storage and most setters emit
SubtensorModule's own events; AdminUtils declares the few events and errors listed here.
"""

from __future__ import annotations

from runtime.frame.dispatch import Weight
from runtime.frame.pallet import Pallet
from runtime.pallets.subtensor.types import U64F64Type
from runtime.primitives.scale import U16, Bool

PALLET_INDEX = 19
ROCKS_DB_READ = 25_000_000
ROCKS_DB_WRITE = 100_000_000

admin_utils = Pallet("AdminUtils", PALLET_INDEX, docs=(
    "Root and subnet-owner setters of SubtensorModule hyperparameters.",))
PALLET = admin_utils

_NETUID = ("netuid", U16, "NetUid")
_ENABLED = ("enabled", Bool, "bool")

# Events in the reference's declaration order (PrecompileUpdated is index 0; the EVM
# precompile switch is not part of this runtime, so its event is not declared here).
Yuma3EnableToggled = admin_utils.event(
    1, "Yuma3EnableToggled", [_NETUID, _ENABLED], "Yuma3 was switched on or off on a subnet.")
BondsResetToggled = admin_utils.event(
    2, "BondsResetToggled", [_NETUID, _ENABLED], "Bonds reset was switched on or off on a subnet.")
BurnHalfLifeSet = admin_utils.event(
    3, "BurnHalfLifeSet", [_NETUID, ("burn_half_life", U16, "u16")],
    "The registration burn half-life of a subnet was set.")
BurnIncreaseMultSet = admin_utils.event(
    4, "BurnIncreaseMultSet", [_NETUID, ("burn_increase_mult", U64F64Type, "U64F64")],
    "The registration burn increase multiplier of a subnet was set.")
SubnetEmissionEnabledSet = admin_utils.event(
    5, "SubnetEmissionEnabledSet", [_NETUID, _ENABLED],
    "TAO emission was switched on or off for a subnet.")

SubnetDoesNotExist = admin_utils.error(0, "SubnetDoesNotExist", "The subnet does not exist.")
MaxValidatorsLargerThanMaxUIds = admin_utils.error(
    1, "MaxValidatorsLargerThanMaxUIds", "max_allowed_validators exceeds MaxAllowedUids.")
MaxAllowedUIdsLessThanCurrentUIds = admin_utils.error(
    2, "MaxAllowedUIdsLessThanCurrentUIds", "max_allowed_uids is below the registered uids.")
BondsMovingAverageMaxReached = admin_utils.error(
    3, "BondsMovingAverageMaxReached", "An owner may not set a moving average above 975 000.")
NegativeSigmoidSteepness = admin_utils.error(
    4, "NegativeSigmoidSteepness", "Only root may set a negative sigmoid steepness.")
ValueNotInBounds = admin_utils.error(5, "ValueNotInBounds", "The value is out of bounds.")
MinAllowedUidsGreaterThanCurrentUids = admin_utils.error(
    6, "MinAllowedUidsGreaterThanCurrentUids", "min_allowed_uids exceeds the registered uids.")
MinAllowedUidsGreaterThanMaxAllowedUids = admin_utils.error(
    7, "MinAllowedUidsGreaterThanMaxAllowedUids", "min_allowed_uids exceeds MaxAllowedUids.")
MaxAllowedUidsLessThanMinAllowedUids = admin_utils.error(
    8, "MaxAllowedUidsLessThanMinAllowedUids", "max_allowed_uids is below MinAllowedUids.")
MaxAllowedUidsGreaterThanDefaultMaxAllowedUids = admin_utils.error(
    9, "MaxAllowedUidsGreaterThanDefaultMaxAllowedUids",
    "max_allowed_uids exceeds the default maximum.")
InvalidValue = admin_utils.error(10, "InvalidValue", "The value is invalid.")
NotPermittedOnRootSubnet = admin_utils.error(
    11, "NotPermittedOnRootSubnet", "The operation is not permitted on the root subnet.")
POWRegistrationDisabled = admin_utils.error(
    12, "POWRegistrationDisabled", "Proof-of-work registration is disabled.")
Deprecated = admin_utils.error(13, "Deprecated", "The call is deprecated.")


def db_weight(ref_time: int, proof_size: int, reads: int, writes: int) -> Weight:
    """A benchmarked weight plus RocksDbWeight reads and writes."""
    return Weight(ref_time + reads * ROCKS_DB_READ + writes * ROCKS_DB_WRITE, proof_size)


WEIGHTS: dict[str, Weight] = {
    name: db_weight(ref, proof, reads, writes)
    for name, ref, proof, reads, writes in (
        ("sudo_set_default_take", 5_400_000, 0, 0, 1),
        ("sudo_set_tx_rate_limit", 5_440_000, 0, 0, 1),
        ("sudo_set_serving_rate_limit", 28_633_000, 4212, 4, 1),
        ("sudo_set_weights_version_key", 34_204_000, 4383, 5, 1),
        ("sudo_set_weights_set_rate_limit", 16_420_000, 4084, 1, 1),
        ("sudo_set_adjustment_interval", 16_320_000, 4084, 1, 1),
        ("sudo_set_immunity_period", 34_414_000, 4383, 5, 1),
        ("sudo_set_min_allowed_weights", 34_664_000, 4383, 5, 1),
        ("sudo_set_max_allowed_uids", 43_381_000, 4433, 8, 1),
        ("sudo_set_kappa", 16_301_000, 4084, 1, 1),
        ("sudo_set_rho", 31_268_000, 4383, 5, 1),
        ("sudo_set_activity_cutoff", 35_165_000, 4383, 6, 1),
        ("sudo_set_network_registration_allowed", 7_113_000, 0, 0, 1),
        ("sudo_set_min_burn", 37_780_000, 4385, 6, 1),
        ("sudo_set_max_burn", 36_949_000, 4410, 6, 1),
        ("sudo_set_max_allowed_validators", 35_896_000, 4383, 6, 1),
        ("sudo_set_bonds_moving_average", 34_495_000, 4383, 5, 1),
        ("sudo_set_bonds_penalty", 34_354_000, 4383, 5, 1),
        ("sudo_set_subnet_owner_cut", 14_000_000, 0, 0, 1),
        ("sudo_set_tempo", 36_298_000, 4383, 5, 2),
        ("sudo_set_tx_delegate_take_rate_limit", 5_420_000, 0, 0, 1),
        ("sudo_set_commit_reveal_weights_enabled", 34_544_000, 4383, 5, 1),
        ("sudo_set_liquid_alpha_enabled", 25_538_000, 4280, 4, 1),
        ("sudo_set_alpha_values", 34_224_000, 4427, 5, 1),
        ("sudo_set_commit_reveal_weights_interval", 34_654_000, 4383, 5, 1),
        ("sudo_set_yuma3_enabled", 28_583_000, 4280, 4, 1),
        ("sudo_set_bonds_reset_enabled", 30_507_000, 4280, 4, 1),
        ("sudo_set_admin_freeze_window", 5_450_000, 0, 0, 1),
        ("sudo_set_owner_hparam_rate_limit", 5_471_000, 0, 0, 1),
        ("sudo_set_min_childkey_take_per_subnet", 38_100_000, 4419, 7, 1),
        ("sudo_set_subnet_emission_enabled", 16_351_000, 4084, 1, 1),
        ("sudo_set_dissolve_network_schedule_duration", 5_591_000, 0, 0, 1),
        ("sudo_set_coldkey_swap_announcement_delay", 5_370_000, 0, 0, 1),
        ("sudo_set_coldkey_swap_reannouncement_delay", 5_360_000, 0, 0, 1),
    )
}
"""``pallet_admin_utils::weights::SubstrateWeight`` of the declared calls."""


__all__ = ["PALLET", "PALLET_INDEX", "WEIGHTS", "admin_utils", "db_weight"]
