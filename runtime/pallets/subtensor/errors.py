"""SubtensorModule errors (``pallets/subtensor/src/macros/errors.rs`` at subtensor 14bc6f9).

The index of each error is its position in the reference's ``Error`` enum (no explicit indices
there), so indices are dense from 0; a dispatch failure is reported as
``DispatchError::Module { index: 7, error: [i, 0, 0, 0] }``. Calling a declared error returns the
``DispatchError`` to raise (``raise NotEnoughBalanceToStake()``).
"""

from __future__ import annotations

from runtime.pallets.subtensor.pallet import subtensor

RootNetworkDoesNotExist = subtensor.error(0, "RootNetworkDoesNotExist",
    "Root network does not exist.")
InvalidIpType = subtensor.error(1, "InvalidIpType", "Invalid ip type.")
InvalidIpAddress = subtensor.error(2, "InvalidIpAddress", "Invalid ip address.")
InvalidPort = subtensor.error(3, "InvalidPort", "Invalid port.")
HotKeyNotRegisteredInSubNet = subtensor.error(4, "HotKeyNotRegisteredInSubNet",
    "Hot key not registered in sub net.")
HotKeyAccountNotExists = subtensor.error(5, "HotKeyAccountNotExists", "Hot key account not exists.")
HotKeyNotRegisteredInNetwork = subtensor.error(6, "HotKeyNotRegisteredInNetwork",
    "Hot key not registered in network.")
NonAssociatedColdKey = subtensor.error(7, "NonAssociatedColdKey", "Non associated cold key.")
NotEnoughStake = subtensor.error(8, "NotEnoughStake", "Not enough stake.")
NotEnoughStakeToWithdraw = subtensor.error(9, "NotEnoughStakeToWithdraw",
    "Not enough stake to withdraw.")
NotEnoughStakeToSetWeights = subtensor.error(10, "NotEnoughStakeToSetWeights",
    "Not enough stake to set weights.")
NotEnoughStakeToSetChildkeys = subtensor.error(11, "NotEnoughStakeToSetChildkeys",
    "Not enough stake to set childkeys.")
NotEnoughBalanceToStake = subtensor.error(12, "NotEnoughBalanceToStake",
    "Not enough balance to stake.")
BalanceWithdrawalError = subtensor.error(13, "BalanceWithdrawalError", "Balance withdrawal error.")
ZeroBalanceAfterWithdrawn = subtensor.error(14, "ZeroBalanceAfterWithdrawn",
    "Zero balance after withdrawn.")
NeuronNoValidatorPermit = subtensor.error(15, "NeuronNoValidatorPermit",
    "Neuron no validator permit.")
WeightVecNotEqualSize = subtensor.error(16, "WeightVecNotEqualSize", "Weight vec not equal size.")
DuplicateUids = subtensor.error(17, "DuplicateUids", "Duplicate uids.")
UidVecContainInvalidOne = subtensor.error(18, "UidVecContainInvalidOne",
    "Uid vec contain invalid one.")
WeightVecLengthIsLow = subtensor.error(19, "WeightVecLengthIsLow", "Weight vec length is low.")
TooManyRegistrationsThisBlock = subtensor.error(20, "TooManyRegistrationsThisBlock",
    "Too many registrations this block.")
HotKeyAlreadyRegisteredInSubNet = subtensor.error(21, "HotKeyAlreadyRegisteredInSubNet",
    "Hot key already registered in sub net.")
NewHotKeyIsSameWithOld = subtensor.error(22, "NewHotKeyIsSameWithOld",
    "New hot key is same with old.")
NewHotKeyNotCleanForRootSwap = subtensor.error(23, "NewHotKeyNotCleanForRootSwap",
    "New hot key not clean for root swap.")
InvalidWorkBlock = subtensor.error(24, "InvalidWorkBlock", "Invalid work block.")
InvalidDifficulty = subtensor.error(25, "InvalidDifficulty", "Invalid difficulty.")
InvalidSeal = subtensor.error(26, "InvalidSeal", "Invalid seal.")
MaxWeightExceeded = subtensor.error(27, "MaxWeightExceeded", "Max weight exceeded.")
HotKeyAlreadyDelegate = subtensor.error(28, "HotKeyAlreadyDelegate", "Hot key already delegate.")
SettingWeightsTooFast = subtensor.error(29, "SettingWeightsTooFast", "Setting weights too fast.")
IncorrectWeightVersionKey = subtensor.error(30, "IncorrectWeightVersionKey",
    "Incorrect weight version key.")
ServingRateLimitExceeded = subtensor.error(31, "ServingRateLimitExceeded",
    "Serving rate limit exceeded.")
UidsLengthExceedUidsInSubNet = subtensor.error(32, "UidsLengthExceedUidsInSubNet",
    "Uids length exceed uids in sub net.")
NetworkTxRateLimitExceeded = subtensor.error(33, "NetworkTxRateLimitExceeded",
    "Network tx rate limit exceeded.")
DelegateTxRateLimitExceeded = subtensor.error(34, "DelegateTxRateLimitExceeded",
    "Delegate tx rate limit exceeded.")
HotKeySetTxRateLimitExceeded = subtensor.error(35, "HotKeySetTxRateLimitExceeded",
    "Hot key set tx rate limit exceeded.")
StakingRateLimitExceeded = subtensor.error(36, "StakingRateLimitExceeded",
    "Staking rate limit exceeded.")
SubNetRegistrationDisabled = subtensor.error(37, "SubNetRegistrationDisabled",
    "Sub net registration disabled.")
TooManyRegistrationsThisInterval = subtensor.error(38, "TooManyRegistrationsThisInterval",
    "Too many registrations this interval.")
TransactorAccountShouldBeHotKey = subtensor.error(39, "TransactorAccountShouldBeHotKey",
    "Transactor account should be hot key.")
FaucetDisabled = subtensor.error(40, "FaucetDisabled", "Faucet disabled.")
NotSubnetOwner = subtensor.error(41, "NotSubnetOwner", "Not subnet owner.")
RegistrationNotPermittedOnRootSubnet = subtensor.error(42, "RegistrationNotPermittedOnRootSubnet",
    "Registration not permitted on root subnet.")
StakeTooLowForRoot = subtensor.error(43, "StakeTooLowForRoot", "Stake too low for root.")
AllNetworksInImmunity = subtensor.error(44, "AllNetworksInImmunity", "All networks in immunity.")
NotEnoughBalanceToPaySwapHotKey = subtensor.error(45, "NotEnoughBalanceToPaySwapHotKey",
    "Not enough balance to pay swap hot key.")
NotRootSubnet = subtensor.error(46, "NotRootSubnet", "Not root subnet.")
CanNotSetRootNetworkWeights = subtensor.error(47, "CanNotSetRootNetworkWeights",
    "Can not set root network weights.")
NoNeuronIdAvailable = subtensor.error(48, "NoNeuronIdAvailable", "No neuron id available.")
DelegateTakeTooLow = subtensor.error(49, "DelegateTakeTooLow", "Delegate take too low.")
DelegateTakeTooHigh = subtensor.error(50, "DelegateTakeTooHigh", "Delegate take too high.")
NoWeightsCommitFound = subtensor.error(51, "NoWeightsCommitFound", "No weights commit found.")
InvalidRevealCommitHashNotMatch = subtensor.error(52, "InvalidRevealCommitHashNotMatch",
    "Invalid reveal commit hash not match.")
CommitRevealEnabled = subtensor.error(53, "CommitRevealEnabled", "Commit reveal enabled.")
CommitRevealDisabled = subtensor.error(54, "CommitRevealDisabled", "Commit reveal disabled.")
LiquidAlphaDisabled = subtensor.error(55, "LiquidAlphaDisabled", "Liquid alpha disabled.")
AlphaHighTooLow = subtensor.error(56, "AlphaHighTooLow", "Alpha high too low.")
AlphaLowOutOfRange = subtensor.error(57, "AlphaLowOutOfRange", "Alpha low out of range.")
ColdKeyAlreadyAssociated = subtensor.error(58, "ColdKeyAlreadyAssociated",
    "Cold key already associated.")
NotEnoughBalanceToPaySwapColdKey = subtensor.error(59, "NotEnoughBalanceToPaySwapColdKey",
    "Not enough balance to pay swap cold key.")
InvalidChild = subtensor.error(60, "InvalidChild", "Invalid child.")
DuplicateChild = subtensor.error(61, "DuplicateChild", "Duplicate child.")
ProportionOverflow = subtensor.error(62, "ProportionOverflow", "Proportion overflow.")
TooManyChildren = subtensor.error(63, "TooManyChildren", "Too many children.")
TxRateLimitExceeded = subtensor.error(64, "TxRateLimitExceeded", "Tx rate limit exceeded.")
ColdkeySwapAnnouncementNotFound = subtensor.error(65, "ColdkeySwapAnnouncementNotFound",
    "Coldkey swap announcement not found.")
ColdkeySwapTooEarly = subtensor.error(66, "ColdkeySwapTooEarly", "Coldkey swap too early.")
ColdkeySwapReannouncedTooEarly = subtensor.error(67, "ColdkeySwapReannouncedTooEarly",
    "Coldkey swap reannounced too early.")
AnnouncedColdkeyHashDoesNotMatch = subtensor.error(68, "AnnouncedColdkeyHashDoesNotMatch",
    "Announced coldkey hash does not match.")
ColdkeySwapAlreadyDisputed = subtensor.error(69, "ColdkeySwapAlreadyDisputed",
    "Coldkey swap already disputed.")
NewColdKeyIsHotkey = subtensor.error(70, "NewColdKeyIsHotkey", "New cold key is hotkey.")
InvalidChildkeyTake = subtensor.error(71, "InvalidChildkeyTake", "Invalid childkey take.")
TxChildkeyTakeRateLimitExceeded = subtensor.error(72, "TxChildkeyTakeRateLimitExceeded",
    "Tx childkey take rate limit exceeded.")
InvalidIdentity = subtensor.error(73, "InvalidIdentity", "Invalid identity.")
MechanismDoesNotExist = subtensor.error(74, "MechanismDoesNotExist", "Mechanism does not exist.")
StakeUnavailable = subtensor.error(75, "StakeUnavailable", "Stake unavailable.")
SubnetNotExists = subtensor.error(76, "SubnetNotExists", "Subnet not exists.")
TooManyUnrevealedCommits = subtensor.error(77, "TooManyUnrevealedCommits",
    "Too many unrevealed commits.")
ExpiredWeightCommit = subtensor.error(78, "ExpiredWeightCommit", "Expired weight commit.")
RevealTooEarly = subtensor.error(79, "RevealTooEarly", "Reveal too early.")
InputLengthsUnequal = subtensor.error(80, "InputLengthsUnequal", "Input lengths unequal.")
CommittingWeightsTooFast = subtensor.error(81, "CommittingWeightsTooFast",
    "Committing weights too fast.")
AmountTooLow = subtensor.error(82, "AmountTooLow", "Amount too low.")
InsufficientLiquidity = subtensor.error(83, "InsufficientLiquidity", "Insufficient liquidity.")
SlippageTooHigh = subtensor.error(84, "SlippageTooHigh", "Slippage too high.")
TransferDisallowed = subtensor.error(85, "TransferDisallowed", "Transfer disallowed.")
ActivityCutoffTooLow = subtensor.error(86, "ActivityCutoffTooLow", "Activity cutoff too low.")
CallDisabled = subtensor.error(87, "CallDisabled", "Call disabled.")
FirstEmissionBlockNumberAlreadySet = subtensor.error(88, "FirstEmissionBlockNumberAlreadySet",
    "First emission block number already set.")
NeedWaitingMoreBlocksToStarCall = subtensor.error(89, "NeedWaitingMoreBlocksToStarCall",
    "Need waiting more blocks to star call.")
NotEnoughAlphaOutToRecycle = subtensor.error(90, "NotEnoughAlphaOutToRecycle",
    "Not enough alpha out to recycle.")
CannotBurnOrRecycleOnRootSubnet = subtensor.error(91, "CannotBurnOrRecycleOnRootSubnet",
    "Cannot burn or recycle on root subnet.")
UnableToRecoverPublicKey = subtensor.error(92, "UnableToRecoverPublicKey",
    "Unable to recover public key.")
InvalidRecoveredPublicKey = subtensor.error(93, "InvalidRecoveredPublicKey",
    "Invalid recovered public key.")
SubtokenDisabled = subtensor.error(94, "SubtokenDisabled", "Subtoken disabled.")
HotKeySwapOnSubnetIntervalNotPassed = subtensor.error(95, "HotKeySwapOnSubnetIntervalNotPassed",
    "Hot key swap on subnet interval not passed.")
SameNetuid = subtensor.error(96, "SameNetuid", "Same netuid.")
InsufficientBalance = subtensor.error(97, "InsufficientBalance", "Insufficient balance.")
InvalidLeaseBeneficiary = subtensor.error(98, "InvalidLeaseBeneficiary",
    "Invalid lease beneficiary.")
LeaseCannotEndInThePast = subtensor.error(99, "LeaseCannotEndInThePast",
    "Lease cannot end in the past.")
LeaseNetuidNotFound = subtensor.error(100, "LeaseNetuidNotFound", "Lease netuid not found.")
LeaseDoesNotExist = subtensor.error(101, "LeaseDoesNotExist", "Lease does not exist.")
LeaseHasNoEndBlock = subtensor.error(102, "LeaseHasNoEndBlock", "Lease has no end block.")
LeaseHasNotEnded = subtensor.error(103, "LeaseHasNotEnded", "Lease has not ended.")
Overflow = subtensor.error(104, "Overflow", "Overflow.")
BeneficiaryDoesNotOwnHotkey = subtensor.error(105, "BeneficiaryDoesNotOwnHotkey",
    "Beneficiary does not own hotkey.")
ExpectedBeneficiaryOrigin = subtensor.error(106, "ExpectedBeneficiaryOrigin",
    "Expected beneficiary origin.")
AdminActionProhibitedDuringWeightsWindow = subtensor.error(
    107, "AdminActionProhibitedDuringWeightsWindow",
    "Admin action prohibited during weights window.")
SymbolDoesNotExist = subtensor.error(108, "SymbolDoesNotExist", "Symbol does not exist.")
SymbolAlreadyInUse = subtensor.error(109, "SymbolAlreadyInUse", "Symbol already in use.")
IncorrectCommitRevealVersion = subtensor.error(110, "IncorrectCommitRevealVersion",
    "Incorrect commit reveal version.")
InvalidRevealRound = subtensor.error(111, "InvalidRevealRound", "Invalid reveal round.")
RevealPeriodTooLarge = subtensor.error(112, "RevealPeriodTooLarge", "Reveal period too large.")
RevealPeriodTooSmall = subtensor.error(113, "RevealPeriodTooSmall", "Reveal period too small.")
InvalidValue = subtensor.error(114, "InvalidValue", "Invalid value.")
SubnetLimitReached = subtensor.error(115, "SubnetLimitReached", "Subnet limit reached.")
CannotAffordLockCost = subtensor.error(116, "CannotAffordLockCost", "Cannot afford lock cost.")
EvmKeyAssociateRateLimitExceeded = subtensor.error(117, "EvmKeyAssociateRateLimitExceeded",
    "Evm key associate rate limit exceeded.")
SameAutoStakeHotkeyAlreadySet = subtensor.error(118, "SameAutoStakeHotkeyAlreadySet",
    "Same auto stake hotkey already set.")
UidMapCouldNotBeCleared = subtensor.error(119, "UidMapCouldNotBeCleared",
    "Uid map could not be cleared.")
TrimmingWouldExceedMaxImmunePercentage = subtensor.error(
    120, "TrimmingWouldExceedMaxImmunePercentage",
    "Trimming would exceed max immune percentage.")
ChildParentInconsistency = subtensor.error(121, "ChildParentInconsistency",
    "Child parent inconsistency.")
InvalidNumRootClaim = subtensor.error(122, "InvalidNumRootClaim", "Invalid num root claim.")
InvalidRootClaimThreshold = subtensor.error(123, "InvalidRootClaimThreshold",
    "Invalid root claim threshold.")
InvalidSubnetNumber = subtensor.error(124, "InvalidSubnetNumber", "Invalid subnet number.")
TooManyUIDsPerMechanism = subtensor.error(125, "TooManyUIDsPerMechanism",
    "Too many UI ds per mechanism.")
VotingPowerTrackingNotEnabled = subtensor.error(126, "VotingPowerTrackingNotEnabled",
    "Voting power tracking not enabled.")
InvalidVotingPowerEmaAlpha = subtensor.error(127, "InvalidVotingPowerEmaAlpha",
    "Invalid voting power ema alpha.")
Deprecated = subtensor.error(128, "Deprecated", "Deprecated.")
AddStakeBurnRateLimitExceeded = subtensor.error(129, "AddStakeBurnRateLimitExceeded",
    "Add stake burn rate limit exceeded.")
ColdkeySwapAnnounced = subtensor.error(130, "ColdkeySwapAnnounced", "Coldkey swap announced.")
ColdkeySwapDisputed = subtensor.error(131, "ColdkeySwapDisputed", "Coldkey swap disputed.")
ColdkeySwapClearTooEarly = subtensor.error(132, "ColdkeySwapClearTooEarly",
    "Coldkey swap clear too early.")
DisabledTemporarily = subtensor.error(133, "DisabledTemporarily", "Disabled temporarily.")
RegistrationPriceLimitExceeded = subtensor.error(134, "RegistrationPriceLimitExceeded",
    "Registration price limit exceeded.")
LockHotkeyMismatch = subtensor.error(135, "LockHotkeyMismatch", "Lock hotkey mismatch.")
InsufficientStakeForLock = subtensor.error(136, "InsufficientStakeForLock",
    "Insufficient stake for lock.")
NoExistingLock = subtensor.error(137, "NoExistingLock", "No existing lock.")
ActiveLockExists = subtensor.error(138, "ActiveLockExists", "Active lock exists.")
CannotUseSystemAccount = subtensor.error(139, "CannotUseSystemAccount",
    "Cannot use system account.")
UnlockAmountTooHigh = subtensor.error(140, "UnlockAmountTooHigh", "Unlock amount too high.")
TempoOutOfBounds = subtensor.error(141, "TempoOutOfBounds", "Tempo out of bounds.")
ActivityCutoffFactorMilliOutOfBounds = subtensor.error(142, "ActivityCutoffFactorMilliOutOfBounds",
    "Activity cutoff factor milli out of bounds.")
EpochTriggerAlreadyPending = subtensor.error(143, "EpochTriggerAlreadyPending",
    "Epoch trigger already pending.")
AutoEpochAlreadyImminent = subtensor.error(144, "AutoEpochAlreadyImminent",
    "Auto epoch already imminent.")
DynamicTempoBlockedByCommitReveal = subtensor.error(145, "DynamicTempoBlockedByCommitReveal",
    "Dynamic tempo blocked by commit reveal.")
AccountRejectsLockedAlpha = subtensor.error(146, "AccountRejectsLockedAlpha",
    "Account rejects locked alpha.")
