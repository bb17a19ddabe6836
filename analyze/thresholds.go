package analyze

// Every threshold the detectors use lives here, named and explained, so a
// reader tunes the detectors in one place. Words live in the lexicons.

// Turn structure.
const (
	// openingSeconds is how far into a timed call the seller's opening
	// runs; openingWords is as far on an untimed call, at the 150 words a
	// minute of conversation.
	openingSeconds = 60
	openingWords   = 150
	// openingSellerTurns is how many seller turns count as the opening in
	// any call (timed calls use whichever reaches further).
	openingSellerTurns = 2
	// openingReachSeconds and openingReachWords are how far small talk
	// may push the seller's first word on the call's purpose and still
	// have it judged as the opening: three minutes of conversation.
	openingReachSeconds = 180
	openingReachWords   = 450
	// probeWindow is how many seller turns after a customer's stall or
	// concern may probe it.
	probeWindow = 2
	// answeredQuestionWords is how long the seller's next turn must be to
	// answer the buyer's own question about a concern or an alternative.
	answeredQuestionWords = 20
	// negationWindow is how many words before a promise a negation may
	// stand and still negate it (within the same clause).
	negationWindow = 6
	// hedgeAfterWords is how far after a promise, in the same sentence, a
	// hedge may correct it ("every time, almost every time").
	hedgeAfterWords = 8
	// substantiveWords and substantiveTurns make a call substantive enough
	// that a customer who never pushes back is a signal.
	substantiveWords = 250
	substantiveTurns = 8
)

// Self-oriented pitching: each signal scores 0..1 between its "starts"
// and "full" values and carries a weight; the weighted sum is the flag's
// score.
const (
	talkShareStarts, talkShareFull, talkShareWeight = 0.55, 0.85, 0.25
	// Published research puts top performers near 43% seller talk; above
	// ~65% is a pitch. Closing and coaching calls run 60-90% with real
	// discovery, so talk share alone never fires the flag.
	monologueWordsStarts, monologueWordsFull        = 150, 400
	monologueSecondsStarts, monologueSecondsFull    = 60, 180
	monologueWeight                                 = 0.20
	selfRatioStarts, selfRatioFull, selfRatioWeight = 0.45, 0.70, 0.20
	pitchFull, pitchWeight                          = 4, 0.20
	storyFull, storyWeight                          = 3, 0.15
	// Questions: fewer than questionsPer10MinFull per ten minutes (timed)
	// or per thousand seller words (untimed) adds up to questionWeight.
	questionsPer10MinFull, questionsPer1000WordsFull, questionWeight = 3, 6, 0.15
	// curiousPer10Min and curiousPer1000Words: a seller who asks about the
	// buyer this often has earned a long explanation; the monologue does
	// not count.
	curiousPer10Min, curiousPer1000Words = 5, 10
	// openQuestionsCredit open questions take discoveryCredit off the score.
	openQuestionsCredit, discoveryCredit = 4, 0.15
	// pitchFires is the score at which the flag is raised; on the labelled
	// set pitches score 0.27-0.88 and other calls 0.00-0.13.
	pitchFires = 0.25
	// answeredTalkDiscount is the part of the seller's answers to the
	// buyer's questions left out of the talk share the flag weighs.
	answeredTalkDiscount = 0.5
	// pitchMinSellerWords is how much the seller must say before the call
	// can be judged a pitch at all: a few sentences, so that a short cold
	// call that only pitches and asks leave is judged too.
	pitchMinSellerWords = 60
)

// Severity cut-offs on a flag's score.
const (
	severityHigh   = 0.75
	severityMedium = 0.6
)

// Trust-equation terms start at a neutral score and move with evidence.
const (
	termNeutral = 5.0
	termMin     = 1.0
	termMax     = 10.0
	// selfTalkWeight is how much of the seller's talk share counts toward
	// self-orientation before any pitch signal.
	selfTalkWeight = 0.5
)

// Role inference.
const (
	// roleConfidentMargin is the seller-cue margin at which inference is
	// fully confident.
	roleConfidentMargin = 6.0
	// roleWarnBelow is the confidence under which the report warns.
	roleWarnBelow = 0.5
	// roleExtraSeller and roleExtraShare: a unit beside the strongest
	// seller sells too when its evidence reaches both this score and
	// this share of the strongest seller's (two sellers handing over).
	roleExtraSeller, roleExtraShare = 2.0, 0.4
	// roleThinEvidence is the strongest seller score under which the
	// sides are a guess whatever the margin (confidence at most 0.3).
	roleThinEvidence = 0.5
	// roleOpeningTurns is how many of a speaker's first turns are their
	// opening, where an introduction counts in full.
	roleOpeningTurns = 3
	// roleOpenerNudge is what speaking first adds: sellers open most calls.
	roleOpenerNudge = 0.5
	// roleAnsweredWeight is what answering a buyer's question about the
	// offer adds.
	roleAnsweredWeight = 0.5
	// roleYouWeight weighs how far a unit's share of "you" among its
	// references to either side lies from the call's middle, in standard
	// errors; roleYouCap caps that distance. On the labelled calls
	// sellers' share is about 0.56 and buyers' 0.32.
	roleYouWeight, roleYouCap = 1.0, 3.0
	// roleNamedWeight is what one mention of a unit's company by one
	// speaker adds to the unit's seller evidence (mentions by the same
	// speaker add as the square root of their number). On the labelled
	// calls with two companies the offer's is named in 10 of 11, the
	// buyer's more often in one, by the buyer introducing it.
	roleNamedWeight = 1.0
)

// Evidence limits keep reports readable.
const (
	maxEvidence  = 5
	maxExcused   = 25
	maxQuoteRune = 320
)

// Call stage.
const (
	// stageTurns and stageSeconds are how much of the start of a call is
	// read for its stage: the first turns, or on a timed call the first
	// two minutes, whichever reaches further.
	stageTurns   = 6
	stageSeconds = 120
	// midCallSeconds: a transcript whose first words come this far into
	// the recording starts mid-call; its opening is not in it.
	midCallSeconds = 30
)
