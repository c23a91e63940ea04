"""Read one subnet mechanism's state from storage into :class:`EpochInputs` (spec §1.1, §1.2).

Reference: ``epoch/run_epoch.rs`` (``epoch_mechanism``: the storage reads before the math,
``get_weights_sparse``, the commit-reveal column mask), ``staking/helpers.rs`` /
``staking/stake_utils.rs`` (``get_inherited_for_hotkey_on_subnet``,
``get_tao_inherited_for_hotkey_on_subnet``, ``get_stake_weights_for_network``) at subtensor
14bc6f9.

Everything here is exact integer arithmetic on the fixed-point bit patterns:

* a u64 childkey proportion p becomes the U96F32 ``p / u64::MAX`` with bits
  ``(p << 32) // u64::MAX`` (``safe_div`` truncates);
* inherited stake = own − Σ own × p_child + Σ parent × p_parent in U96F32 (every product is
  exact because one factor is an integer), the subtraction saturating at 0, floored to u64;
* tao_weight = ``TaoWeight / u64::MAX`` in U96F32, widened exactly to I64F64;
* total stake = alpha + tao × tao_weight in I64F64: integer part → ``stake``, fractional
  part → ``stake_fraction`` (units of 2**-64).

Rows of ``Weights`` and ``Bonds`` from uids ≥ n, and entries naming uids ≥ n, are dropped as
the chain drops them. A column named twice in one row (which ``set_weights`` never stores)
keeps its first entry: the validated epoch refuses duplicates.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from runtime.frame import system
from runtime.frame.storage import StorageItem
from runtime.pallets.subtensor import storage as st
from runtime.pallets.subtensor.coinbase.scheduler import should_run_epoch
from runtime.pallets.subtensor.constants import GLOBAL_MAX_SUBNET_COUNT
from runtime.pallets.subtensor.epoch import NO_COMMIT, EpochInputs, Hyperparameters, SparseRows
from runtime.primitives.externalities import Externalities

U64_MAX = (1 << 64) - 1
U96F32_MAX_BITS = (1 << 128) - 1
I64F64_MAX_BITS = (1 << 127) - 1
ROOT_NETUID = 0


def netuid_index(netuid: int, mech_id: int) -> int:
    """``NetUidStorageIndex`` = mech_id × 4096 + netuid (spec §0.1)."""
    return mech_id * GLOBAL_MAX_SUBNET_COUNT + netuid


def current_block(ext: Externalities) -> int:
    """The block being executed (``System::Number``)."""
    return int(system.Number.get(ext))


def activity_cutoff_blocks(factor_milli: int, tempo: int) -> int:
    """``max(1, floor(ActivityCutoffFactorMilli × tempo / 1000))`` (spec §1.1)."""
    return max(1, factor_milli * tempo // 1000)


# -- hotkeys --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SubnetKeys:
    """``Keys[netuid]`` read in storage-key order.

    ``by_uid`` maps every uid that has a stored hotkey to it; ``uid_of`` maps a hotkey to its uid
    as the reference's hotkey-keyed map does (a hotkey stored twice keeps the uid seen last in
    key order); ``keyed_uids`` are the uids of ``uid_of``, ascending — the uids whose terms the
    chain persists.
    """

    by_uid: dict[int, bytes]
    uid_of: dict[bytes, int]

    @property
    def keyed_uids(self) -> list[int]:
        """Uids with an epoch term, ascending."""
        return sorted(self.uid_of.values())

    @property
    def consistent(self) -> bool:
        """No hotkey holds two uids (``is_epoch_input_state_consistent``, spec §3.6)."""
        return len(self.uid_of) == len(self.by_uid)


def read_keys(ext: Externalities, netuid: int) -> SubnetKeys:
    """The subnet's uid → hotkey table."""
    by_uid: dict[int, bytes] = {}
    uid_of: dict[bytes, int] = {}
    for (uid,), hotkey in st.Keys.iter(ext, netuid):
        by_uid[int(uid)] = bytes(hotkey)
        uid_of[bytes(hotkey)] = int(uid)
    return SubnetKeys(by_uid, uid_of)


def owner_uid(ext: Externalities, netuid: int, n: int) -> int | None:
    """The uid of ``SubnetOwnerHotkey[netuid]`` if that hotkey is registered (and below n)."""
    hotkey = st.SubnetOwnerHotkey.try_get(ext, netuid)
    if hotkey is None:
        return None
    uid = st.Uids.get(ext, netuid, hotkey)
    return int(uid) if uid is not None and int(uid) < n else None


# -- stake (spec §1.2) ----------------------------------------------------------------------------


def proportion_bits(proportion: int) -> int:
    """U96F32 bits of ``proportion / u64::MAX``."""
    return (proportion << 32) // U64_MAX


def inherited_stake(ext: Externalities, hotkey: bytes, netuid: int, source: int) -> int:
    """Stake of ``hotkey`` in subnet ``source`` after the childkey relations of ``netuid``.

    ``source = netuid`` gives the alpha stake (``get_inherited_for_hotkey_on_subnet``; on root
    the own stake unchanged), ``source = 0`` the root (TAO) stake
    (``get_tao_inherited_for_hotkey_on_subnet``).
    """
    own = int(st.TotalHotkeyAlpha.get(ext, hotkey, source))
    if source == ROOT_NETUID and netuid == ROOT_NETUID:
        return own
    to_children = sum(min(own * proportion_bits(int(p)), U96F32_MAX_BITS)
                      for p, _child in st.ChildKeys.get(ext, hotkey, netuid))
    from_parents = sum(
        min(int(st.TotalHotkeyAlpha.get(ext, bytes(parent), source)) * proportion_bits(int(p)),
            U96F32_MAX_BITS)
        for p, parent in st.ParentKeys.get(ext, hotkey, netuid))
    bits = max((own << 32) - min(to_children, U96F32_MAX_BITS), 0)
    bits = min(bits + min(from_parents, U96F32_MAX_BITS), U96F32_MAX_BITS)
    return min(bits >> 32, U64_MAX)


def tao_weight_i64f64_bits(stored: int) -> int:
    """I64F64 bits of ``TaoWeight / u64::MAX`` computed in U96F32 (32 fractional bits)."""
    return ((stored << 32) // U64_MAX) << 32


def stake_weight_bits(alpha: int, tao: int, tao_weight_bits: int) -> int:
    """I64F64 bits of ``alpha + tao × tao_weight`` (saturating)."""
    product = min(tao * tao_weight_bits, I64F64_MAX_BITS)
    return min((alpha << 64) + product, I64F64_MAX_BITS)


def read_stake(ext: Externalities, netuid: int, keys: SubnetKeys, n: int
               ) -> tuple[list[int], list[int]]:
    """(integer parts, fractional parts) of every uid's I64F64 stake weight; 0 without a hotkey."""
    tw = tao_weight_i64f64_bits(int(st.TaoWeight.get(ext)))
    whole = [0] * n
    fraction = [0] * n
    for uid in range(n):
        hotkey = keys.by_uid.get(uid)
        if hotkey is None:
            continue
        alpha = inherited_stake(ext, hotkey, netuid, netuid)
        tao = inherited_stake(ext, hotkey, netuid, ROOT_NETUID)
        bits = stake_weight_bits(alpha, tao, tw)
        whole[uid], fraction[uid] = bits >> 64, bits & U64_MAX
    return whole, fraction


# -- rows and vectors -------------------------------------------------------------------------


def clean_row(row: Iterable[Sequence[int]], n: int) -> list[tuple[int, int]]:
    """Entries naming uids < n, each column once (the first), in stored order."""
    seen: set[int] = set()
    kept = []
    for uid, value in row:
        if int(uid) < n and int(uid) not in seen:
            seen.add(int(uid))
            kept.append((int(uid), int(value)))
    return kept


def read_rows(ext: Externalities, item: StorageItem, index: int, n: int) -> SparseRows:
    """``Weights`` or ``Bonds`` under ``index`` as n cleaned rows."""
    rows: list[list[tuple[int, int]]] = [[] for _ in range(n)]
    for (uid,), row in item.iter(ext, index):
        if int(uid) < n:
            rows[int(uid)] = clean_row(row, n)
    return SparseRows.from_rows(rows, item.name)


def fit(values: Sequence[object], n: int, pad: object) -> list:
    """``values`` cut or padded with ``pad`` to length n."""
    return [values[i] if i < len(values) else pad for i in range(n)]


# -- commit-reveal (the column mask's commit blocks) -----------------------------------------------


def current_epoch_with_lookahead(ext: Externalities, netuid: int) -> int:
    """``SubnetEpochIndex``, plus one when the subnet's epoch is due this block."""
    base = int(st.SubnetEpochIndex.get(ext, netuid))
    due = should_run_epoch(
        int(st.Tempo.get(ext, netuid)), int(st.PendingEpochAt.get(ext, netuid)),
        int(st.BlocksSinceLastStep.get(ext, netuid)), int(st.LastEpochBlock.get(ext, netuid)),
        current_block(ext))
    return min(base + 1, U64_MAX) if due else base


def read_commit_blocks(ext: Externalities, netuid: int, index: int, keys: SubnetKeys, n: int
                       ) -> list[int]:
    """Each uid's earliest live commit block, or ``NO_COMMIT`` (spec §5.6, §1.6).

    Hash commits (``WeightCommits``: hash, commit epoch, commit block, _) give each hotkey's first
    unexpired commit; timelocked commits (``TimelockedWeightCommits``, keyed by commit epoch)
    give every commit of an unexpired epoch. A commit is expired when the current epoch (with
    look-ahead) is past its epoch + ``RevealPeriodEpochs``.
    """
    horizon = current_epoch_with_lookahead(ext, netuid)
    period = int(st.RevealPeriodEpochs.get(ext, netuid))
    blocks = [NO_COMMIT] * n

    def note(hotkey: bytes, block: int) -> None:
        uid = keys.uid_of.get(bytes(hotkey))
        if uid is not None and uid < n:
            blocks[uid] = min(blocks[uid], int(block))

    for (hotkey,), queue in st.WeightCommits.iter(ext, index):
        for _hash, epoch, block, _extra in queue:
            if not horizon > int(epoch) + period:
                note(hotkey, block)
                break
    for (epoch,), queue in st.TimelockedWeightCommits.iter(ext, index):
        if horizon > int(epoch) + period:
            continue
        for hotkey, block, *_rest in queue:
            note(hotkey, block)
    return blocks


# -- everything -----------------------------------------------------------------------------------


def read_hyperparameters(ext: Externalities, netuid: int) -> Hyperparameters:
    """The epoch hyperparameters of ``netuid`` as stored (spec §1.1)."""
    alpha_low, alpha_high = st.AlphaValues.get(ext, netuid)
    tempo = int(st.Tempo.get(ext, netuid))
    return Hyperparameters(
        kappa=int(st.Kappa.get(ext, netuid)),
        bonds_penalty=int(st.BondsPenalty.get(ext, netuid)),
        bonds_moving_average=int(st.BondsMovingAverage.get(ext, netuid)),
        yuma3=bool(st.Yuma3On.get(ext, netuid)),
        liquid_alpha=bool(st.LiquidAlphaOn.get(ext, netuid)),
        alpha_low=int(alpha_low), alpha_high=int(alpha_high),
        alpha_sigmoid_steepness=int(st.AlphaSigmoidSteepness.get(ext, netuid)),
        max_allowed_validators=int(st.MaxAllowedValidators.get(ext, netuid)),
        stake_threshold=int(st.StakeThreshold.get(ext)),
        activity_cutoff=activity_cutoff_blocks(
            int(st.ActivityCutoffFactorMilli.get(ext, netuid)), tempo),
        commit_reveal=bool(st.CommitRevealWeightsEnabled.get(ext, netuid)),
    )


def read_epoch_inputs(ext: Externalities, netuid: int, mech_id: int, rao_emission: int
                      ) -> EpochInputs:
    """Everything the epoch of mechanism ``mech_id`` of ``netuid`` reads, validated.

    ``rao_emission`` is the mechanism's share of the epoch emission (spec §3.7); it is not read
    from storage.
    """
    index = netuid_index(netuid, mech_id)
    n = int(st.SubnetworkN.get(ext, netuid))
    keys = read_keys(ext, netuid)
    hyper = read_hyperparameters(ext, netuid)
    whole, fraction = read_stake(ext, netuid, keys, n)
    registered = [int(st.BlockAtRegistration.get(ext, netuid, uid)) if uid in keys.by_uid else 0
                  for uid in range(n)]
    commits = (read_commit_blocks(ext, netuid, index, keys, n) if hyper.commit_reveal
               else [NO_COMMIT] * n)
    return EpochInputs(
        block=current_block(ext),
        tempo=int(st.Tempo.get(ext, netuid)),
        rao_emission=rao_emission,
        last_epoch_block=int(st.LastMechansimStepBlock.get(ext, netuid)),
        owner_uid=owner_uid(ext, netuid, n),
        hyperparameters=hyper,
        stake=whole,
        last_update=[int(v) for v in fit(st.LastUpdate.get(ext, index), n, 0)],
        block_at_registration=registered,
        validator_permit=[bool(v) for v in fit(st.ValidatorPermit.get(ext, netuid), n, False)],
        commit_block=commits,
        weights=read_rows(ext, st.Weights, index, n),
        bonds=read_rows(ext, st.Bonds, index, n),
        stake_fraction=fraction,
    )
