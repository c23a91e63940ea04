"""SubtensorModule errors (``pallets/subtensor/src/macros/errors.rs`` at subtensor 14bc6f9).

The index of each error is its position in the reference's ``Error`` enum (no explicit indices
there), so indices are dense from 0; a dispatch failure is reported as
``DispatchError::Module { index: 7, error: [i, 0, 0, 0] }``. Calling a declared error returns the
``DispatchError`` to raise (``raise NotEnoughBalanceToStake()``).
"""

from __future__ import annotations

from runtime.pallets.subtensor.pallet import subtensor

RootNetworkDoesNotExist = subtensor.error(0, "RootNetworkDoesNotExist",
    "Netuid 0 (root) is not registered.")
InvalidIpType = subtensor.error(1, "InvalidIpType", "Axon IP type must be 4 or 6.")
InvalidIpAddress = subtensor.error(2, "InvalidIpAddress",
    "The IP address given to a serve call is not valid.")
InvalidPort = subtensor.error(3, "InvalidPort", "The port given to a serve call is not valid.")
HotKeyNotRegisteredInSubNet = subtensor.error(4, "HotKeyNotRegisteredInSubNet",
    "Hotkey has no uid on this subnet.")
HotKeyAccountNotExists = subtensor.error(5, "HotKeyAccountNotExists",
    "Hotkey has no owner (never registered).")
HotKeyNotRegisteredInNetwork = subtensor.error(6, "HotKeyNotRegisteredInNetwork",
    "Hotkey has no uid on any subnet.")
NonAssociatedColdKey = subtensor.error(7, "NonAssociatedColdKey",
    "The signing coldkey does not own the hotkey.")
NotEnoughStake = subtensor.error(8, "NotEnoughStake", "Deprecated: no stake to act on.")
NotEnoughStakeToWithdraw = subtensor.error(9, "NotEnoughStakeToWithdraw",
    "Unstake amount exceeds the stake held.")
NotEnoughStakeToSetWeights = subtensor.error(10, "NotEnoughStakeToSetWeights",
    "Validator stake is below the weights threshold.")
NotEnoughStakeToSetChildkeys = subtensor.error(11, "NotEnoughStakeToSetChildkeys",
    "Parent's own stake is too low to set children.")
NotEnoughBalanceToStake = subtensor.error(12, "NotEnoughBalanceToStake",
    "Coldkey balance is below the amount to stake.")
BalanceWithdrawalError = subtensor.error(13, "BalanceWithdrawalError",
    "The stake amount could not be taken from the coldkey.")
ZeroBalanceAfterWithdrawn = subtensor.error(14, "ZeroBalanceAfterWithdrawn",
    "Withdrawing would leave the account unable to exist.")
NeuronNoValidatorPermit = subtensor.error(15, "NeuronNoValidatorPermit",
    "Non-self weights need a validator permit.")
WeightVecNotEqualSize = subtensor.error(16, "WeightVecNotEqualSize",
    "Uids and weights vectors differ in length.")
DuplicateUids = subtensor.error(17, "DuplicateUids", "A uid appears twice in the weights.")
UidVecContainInvalidOne = subtensor.error(18, "UidVecContainInvalidOne",
    "A weight targets a uid that does not exist.")
WeightVecLengthIsLow = subtensor.error(19, "WeightVecLengthIsLow",
    "Fewer weights than MinAllowedWeights.")
TooManyRegistrationsThisBlock = subtensor.error(20, "TooManyRegistrationsThisBlock",
    "Per-block registration limit reached.")
HotKeyAlreadyRegisteredInSubNet = subtensor.error(21, "HotKeyAlreadyRegisteredInSubNet",
    "Hotkey already has a uid on this subnet.")
NewHotKeyIsSameWithOld = subtensor.error(22, "NewHotKeyIsSameWithOld",
    "Hotkey swap to the same hotkey.")
NewHotKeyNotCleanForRootSwap = subtensor.error(23, "NewHotKeyNotCleanForRootSwap",
    "New hotkey has root stake or claimable root dividends; root swap refused.")
InvalidWorkBlock = subtensor.error(24, "InvalidWorkBlock",
    "PoW block number is in the future or invalid (legacy).")
InvalidDifficulty = subtensor.error(25, "InvalidDifficulty",
    "PoW seal below the difficulty (legacy).")
InvalidSeal = subtensor.error(26, "InvalidSeal", "PoW seal does not match the work (legacy).")
MaxWeightExceeded = subtensor.error(27, "MaxWeightExceeded",
    "A weight exceeds the max weight limit.")
HotKeyAlreadyDelegate = subtensor.error(28, "HotKeyAlreadyDelegate",
    "Hotkey is already a delegate.")
SettingWeightsTooFast = subtensor.error(29, "SettingWeightsTooFast",
    "set_weights called before WeightsSetRateLimit elapsed.")
IncorrectWeightVersionKey = subtensor.error(30, "IncorrectWeightVersionKey",
    "Weights version key below the subnet's.")
ServingRateLimitExceeded = subtensor.error(31, "ServingRateLimitExceeded",
    "Serve call before ServingRateLimit elapsed.")
UidsLengthExceedUidsInSubNet = subtensor.error(32, "UidsLengthExceedUidsInSubNet",
    "More weights than uids on the subnet.")
NetworkTxRateLimitExceeded = subtensor.error(33, "NetworkTxRateLimitExceeded",
    "Subnet registration before NetworkRateLimit elapsed.")
DelegateTxRateLimitExceeded = subtensor.error(34, "DelegateTxRateLimitExceeded",
    "Delegate take changed too soon.")
HotKeySetTxRateLimitExceeded = subtensor.error(35, "HotKeySetTxRateLimitExceeded",
    "Hotkey set or swapped too soon.")
StakingRateLimitExceeded = subtensor.error(36, "StakingRateLimitExceeded",
    "Staking operation too soon.")
SubNetRegistrationDisabled = subtensor.error(37, "SubNetRegistrationDisabled",
    "Neuron registration is closed on this subnet.")
TooManyRegistrationsThisInterval = subtensor.error(38, "TooManyRegistrationsThisInterval",
    "Registration limit of the interval reached.")
TransactorAccountShouldBeHotKey = subtensor.error(39, "TransactorAccountShouldBeHotKey",
    "The hotkey must sign this call.")
FaucetDisabled = subtensor.error(40, "FaucetDisabled", "The faucet is not available.")
NotSubnetOwner = subtensor.error(41, "NotSubnetOwner", "Caller does not own the subnet.")
RegistrationNotPermittedOnRootSubnet = subtensor.error(42, "RegistrationNotPermittedOnRootSubnet",
    "Not allowed on the root subnet.")
StakeTooLowForRoot = subtensor.error(43, "StakeTooLowForRoot", "Hotkey stake too low to join root.")
AllNetworksInImmunity = subtensor.error(44, "AllNetworksInImmunity",
    "Every subnet is immune; none can be pruned.")
NotEnoughBalanceToPaySwapHotKey = subtensor.error(45, "NotEnoughBalanceToPaySwapHotKey",
    "Balance below the hotkey swap cost.")
NotRootSubnet = subtensor.error(46, "NotRootSubnet", "Netuid is not root for a root-weights call.")
CanNotSetRootNetworkWeights = subtensor.error(47, "CanNotSetRootNetworkWeights",
    "Weights cannot be set on root.")
NoNeuronIdAvailable = subtensor.error(48, "NoNeuronIdAvailable", "No uid is free or prunable.")
DelegateTakeTooLow = subtensor.error(49, "DelegateTakeTooLow",
    "Take below MinDelegateTake (or not a decrease).")
DelegateTakeTooHigh = subtensor.error(50, "DelegateTakeTooHigh",
    "Take above MaxDelegateTake (or not an increase).")
NoWeightsCommitFound = subtensor.error(51, "NoWeightsCommitFound",
    "No weight commit for this hotkey and subnet.")
InvalidRevealCommitHashNotMatch = subtensor.error(52, "InvalidRevealCommitHashNotMatch",
    "Revealed data does not hash to the commit.")
CommitRevealEnabled = subtensor.error(53, "CommitRevealEnabled",
    "set_weights refused: commit-reveal is on.")
CommitRevealDisabled = subtensor.error(54, "CommitRevealDisabled",
    "Commit or reveal refused: commit-reveal is off.")
LiquidAlphaDisabled = subtensor.error(55, "LiquidAlphaDisabled",
    "Alpha bounds cannot be set while liquid alpha is off.")
AlphaHighTooLow = subtensor.error(56, "AlphaHighTooLow", "alpha_high must exceed 0.8.")
AlphaLowOutOfRange = subtensor.error(57, "AlphaLowOutOfRange", "alpha_low must lie in (0, 0.8).")
ColdKeyAlreadyAssociated = subtensor.error(58, "ColdKeyAlreadyAssociated",
    "The coldkey was already swapped.")
NotEnoughBalanceToPaySwapColdKey = subtensor.error(59, "NotEnoughBalanceToPaySwapColdKey",
    "Balance below the coldkey swap cost.")
InvalidChild = subtensor.error(60, "InvalidChild",
    "Child hotkey not allowed for this parent or subnet.")
DuplicateChild = subtensor.error(61, "DuplicateChild", "A child appears twice.")
ProportionOverflow = subtensor.error(62, "ProportionOverflow",
    "Children's proportions sum past u64::MAX.")
TooManyChildren = subtensor.error(63, "TooManyChildren", "More than 5 children.")
TxRateLimitExceeded = subtensor.error(64, "TxRateLimitExceeded",
    "Generic transaction rate limit hit.")
ColdkeySwapAnnouncementNotFound = subtensor.error(65, "ColdkeySwapAnnouncementNotFound",
    "No coldkey swap was announced.")
ColdkeySwapTooEarly = subtensor.error(66, "ColdkeySwapTooEarly", "Announcement delay not over yet.")
ColdkeySwapReannouncedTooEarly = subtensor.error(67, "ColdkeySwapReannouncedTooEarly",
    "Reannouncement delay not over yet.")
AnnouncedColdkeyHashDoesNotMatch = subtensor.error(68, "AnnouncedColdkeyHashDoesNotMatch",
    "New coldkey does not match the announced hash.")
ColdkeySwapAlreadyDisputed = subtensor.error(69, "ColdkeySwapAlreadyDisputed",
    "The coldkey swap is already disputed.")
NewColdKeyIsHotkey = subtensor.error(70, "NewColdKeyIsHotkey",
    "The new coldkey is a registered hotkey.")
InvalidChildkeyTake = subtensor.error(71, "InvalidChildkeyTake", "Childkey take out of bounds.")
TxChildkeyTakeRateLimitExceeded = subtensor.error(72, "TxChildkeyTakeRateLimitExceeded",
    "Childkey take changed too soon.")
InvalidIdentity = subtensor.error(73, "InvalidIdentity", "Identity fields too long or malformed.")
MechanismDoesNotExist = subtensor.error(74, "MechanismDoesNotExist", "No such subnet mechanism.")
StakeUnavailable = subtensor.error(75, "StakeUnavailable", "The stake is locked.")
SubnetNotExists = subtensor.error(76, "SubnetNotExists", "No such subnet.")
TooManyUnrevealedCommits = subtensor.error(77, "TooManyUnrevealedCommits", "Commit queue is full.")
ExpiredWeightCommit = subtensor.error(78, "ExpiredWeightCommit",
    "The commit's reveal window has passed.")
RevealTooEarly = subtensor.error(79, "RevealTooEarly", "The commit's reveal window has not opened.")
InputLengthsUnequal = subtensor.error(80, "InputLengthsUnequal", "Batch inputs differ in length.")
CommittingWeightsTooFast = subtensor.error(81, "CommittingWeightsTooFast",
    "Weight commit before the rate limit elapsed.")
AmountTooLow = subtensor.error(82, "AmountTooLow", "Amount below the minimum stake.")
InsufficientLiquidity = subtensor.error(83, "InsufficientLiquidity", "Pool liquidity too low.")
SlippageTooHigh = subtensor.error(84, "SlippageTooHigh", "Price moved past the limit.")
TransferDisallowed = subtensor.error(85, "TransferDisallowed",
    "Stake transfers are off on this subnet.")
ActivityCutoffTooLow = subtensor.error(86, "ActivityCutoffTooLow",
    "Activity cutoff below the minimum.")
CallDisabled = subtensor.error(87, "CallDisabled", "The call is disabled.")
FirstEmissionBlockNumberAlreadySet = subtensor.error(88, "FirstEmissionBlockNumberAlreadySet",
    "start_call was already made.")
NeedWaitingMoreBlocksToStarCall = subtensor.error(89, "NeedWaitingMoreBlocksToStarCall",
    "start_call before StartCallDelay elapsed.")
NotEnoughAlphaOutToRecycle = subtensor.error(90, "NotEnoughAlphaOutToRecycle",
    "Subnet alpha outstanding is below the amount.")
CannotBurnOrRecycleOnRootSubnet = subtensor.error(91, "CannotBurnOrRecycleOnRootSubnet",
    "Burning or recycling is not possible on root.")
UnableToRecoverPublicKey = subtensor.error(92, "UnableToRecoverPublicKey",
    "Signature gives no public key.")
InvalidRecoveredPublicKey = subtensor.error(93, "InvalidRecoveredPublicKey",
    "Recovered public key does not match.")
SubtokenDisabled = subtensor.error(94, "SubtokenDisabled", "Staking not yet enabled on the subnet.")
HotKeySwapOnSubnetIntervalNotPassed = subtensor.error(95, "HotKeySwapOnSubnetIntervalNotPassed",
    "Per-subnet hotkey swap too soon.")
SameNetuid = subtensor.error(96, "SameNetuid", "Origin and destination subnet are the same.")
InsufficientBalance = subtensor.error(97, "InsufficientBalance", "Balance too low.")
InvalidLeaseBeneficiary = subtensor.error(98, "InvalidLeaseBeneficiary",
    "Beneficiary not valid for a lease.")
LeaseCannotEndInThePast = subtensor.error(99, "LeaseCannotEndInThePast",
    "Lease end block already passed.")
LeaseNetuidNotFound = subtensor.error(100, "LeaseNetuidNotFound", "No netuid for the lease.")
LeaseDoesNotExist = subtensor.error(101, "LeaseDoesNotExist", "No such lease.")
LeaseHasNoEndBlock = subtensor.error(102, "LeaseHasNoEndBlock", "Perpetual lease has no end.")
LeaseHasNotEnded = subtensor.error(103, "LeaseHasNotEnded", "Lease still running.")
Overflow = subtensor.error(104, "Overflow", "Arithmetic overflow.")
BeneficiaryDoesNotOwnHotkey = subtensor.error(105, "BeneficiaryDoesNotOwnHotkey",
    "Lease beneficiary does not own the hotkey.")
ExpectedBeneficiaryOrigin = subtensor.error(106, "ExpectedBeneficiaryOrigin",
    "Caller must be the lease beneficiary.")
AdminActionProhibitedDuringWeightsWindow = subtensor.error(
    107, "AdminActionProhibitedDuringWeightsWindow",
    "Owner changes are frozen near the epoch.")
SymbolDoesNotExist = subtensor.error(108, "SymbolDoesNotExist", "Unknown token symbol.")
SymbolAlreadyInUse = subtensor.error(109, "SymbolAlreadyInUse", "Token symbol taken.")
IncorrectCommitRevealVersion = subtensor.error(110, "IncorrectCommitRevealVersion",
    "Commit-reveal version mismatch.")
InvalidRevealRound = subtensor.error(111, "InvalidRevealRound",
    "Reveal round older than the last drand round.")
RevealPeriodTooLarge = subtensor.error(112, "RevealPeriodTooLarge",
    "Reveal period above the maximum.")
RevealPeriodTooSmall = subtensor.error(113, "RevealPeriodTooSmall",
    "Reveal period below the minimum.")
InvalidValue = subtensor.error(114, "InvalidValue", "A parameter is out of range.")
SubnetLimitReached = subtensor.error(115, "SubnetLimitReached",
    "Subnet limit reached and nothing can be pruned.")
CannotAffordLockCost = subtensor.error(116, "CannotAffordLockCost",
    "Balance below the subnet lock cost.")
EvmKeyAssociateRateLimitExceeded = subtensor.error(117, "EvmKeyAssociateRateLimitExceeded",
    "EVM key association too soon.")
SameAutoStakeHotkeyAlreadySet = subtensor.error(118, "SameAutoStakeHotkeyAlreadySet",
    "That auto-stake hotkey is already set.")
UidMapCouldNotBeCleared = subtensor.error(119, "UidMapCouldNotBeCleared",
    "Clearing the subnet's uid map failed.")
TrimmingWouldExceedMaxImmunePercentage = subtensor.error(
    120, "TrimmingWouldExceedMaxImmunePercentage",
    "Trim would leave too many immune uids.")
ChildParentInconsistency = subtensor.error(121, "ChildParentInconsistency",
    "Child and parent links would be inconsistent.")
InvalidNumRootClaim = subtensor.error(122, "InvalidNumRootClaim",
    "Root claims per block out of range.")
InvalidRootClaimThreshold = subtensor.error(123, "InvalidRootClaimThreshold",
    "Root claim threshold out of range.")
InvalidSubnetNumber = subtensor.error(124, "InvalidSubnetNumber",
    "Subnet limit is zero or too large.")
TooManyUIDsPerMechanism = subtensor.error(125, "TooManyUIDsPerMechanism",
    "Max uids × mechanisms would exceed 256.")
VotingPowerTrackingNotEnabled = subtensor.error(126, "VotingPowerTrackingNotEnabled",
    "Voting power is not tracked on this subnet.")
InvalidVotingPowerEmaAlpha = subtensor.error(127, "InvalidVotingPowerEmaAlpha",
    "Voting power EMA factor above 10^18.")
Deprecated = subtensor.error(128, "Deprecated", "The call is deprecated.")
AddStakeBurnRateLimitExceeded = subtensor.error(129, "AddStakeBurnRateLimitExceeded",
    "add_stake_burn too soon.")
ColdkeySwapAnnounced = subtensor.error(130, "ColdkeySwapAnnounced",
    "This coldkey has a swap announced.")
ColdkeySwapDisputed = subtensor.error(131, "ColdkeySwapDisputed",
    "This coldkey's swap is disputed.")
ColdkeySwapClearTooEarly = subtensor.error(132, "ColdkeySwapClearTooEarly",
    "Announcement cleared too soon.")
DisabledTemporarily = subtensor.error(133, "DisabledTemporarily", "Temporarily disabled.")
RegistrationPriceLimitExceeded = subtensor.error(134, "RegistrationPriceLimitExceeded",
    "Burn price above the caller's limit.")
LockHotkeyMismatch = subtensor.error(135, "LockHotkeyMismatch",
    "The existing lock is for another hotkey.")
InsufficientStakeForLock = subtensor.error(136, "InsufficientStakeForLock",
    "Stake on the subnet below the lock amount.")
NoExistingLock = subtensor.error(137, "NoExistingLock", "No lock for this coldkey and subnet.")
ActiveLockExists = subtensor.error(138, "ActiveLockExists",
    "The coldkey already has an active lock.")
CannotUseSystemAccount = subtensor.error(139, "CannotUseSystemAccount",
    "System accounts are not allowed here.")
UnlockAmountTooHigh = subtensor.error(140, "UnlockAmountTooHigh",
    "Unlock amount above the locked amount.")
TempoOutOfBounds = subtensor.error(141, "TempoOutOfBounds", "Tempo outside MinTempo..MaxTempo.")
ActivityCutoffFactorMilliOutOfBounds = subtensor.error(142, "ActivityCutoffFactorMilliOutOfBounds",
    "Activity-cutoff factor outside its range.")
EpochTriggerAlreadyPending = subtensor.error(143, "EpochTriggerAlreadyPending",
    "An epoch trigger is already pending.")
AutoEpochAlreadyImminent = subtensor.error(144, "AutoEpochAlreadyImminent",
    "The next scheduled epoch is imminent anyway.")
DynamicTempoBlockedByCommitReveal = subtensor.error(145, "DynamicTempoBlockedByCommitReveal",
    "Epoch trigger refused while commit-reveal is on.")
AccountRejectsLockedAlpha = subtensor.error(146, "AccountRejectsLockedAlpha",
    "Destination refuses locked alpha.")
