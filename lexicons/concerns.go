package lexicons

import "strings"

// Concern is one kind of phrase the detectors look for.
type Concern struct {
	Name string
	Help string
}

// The concerns every set has, one file each.
const (
	SelfReference     = "self_reference"
	CustomerReference = "customer_reference"
	Pitch             = "pitch"
	SellerStory       = "seller_story"
	BusinessReason    = "business_reason"
	WeakOpening       = "weak_opening"
	Agenda            = "agenda"
	Inbound           = "inbound"
	Overpromise       = "overpromise"
	Negation          = "negation"
	Hedge             = "hedge"
	Contractual       = "contractual"
	Condition         = "condition"
	NonPromise        = "non_promise"
	Stall             = "stall"
	ConcernPhrase     = "concern"
	Competitor        = "competitor"
	Probe             = "probe"
	Acknowledge       = "acknowledge"
	HonestLimit       = "honest_limit"
	NextStep          = "next_step"
	Specific          = "specific"
	SellerCue         = "seller_cue"
	CustomerCue       = "customer_cue"
	Request           = "request"
	CallStage         = "call_stage"
	Resolved          = "resolved"
	Opinion           = "opinion"
)

// Stages are the ids a call_stage entry may have: the call stage its
// phrases signal.
var Stages = []string{"cold", "inbound", "booked", "demo", "follow_up", "closing"}

// Concerns lists every concern with what its phrases mean.
var Concerns = []Concern{
	{SelfReference, "the seller talking about themselves or their company (I, we, our product)"},
	{CustomerReference, "the seller talking about the buyer (you, your team, your business)"},
	{Pitch, "pitch language (best-in-class, let me show you)"},
	{SellerStory, "the seller's own story (their wins, their income, their past)"},
	{BusinessReason, "a reason for the call in the buyer's terms (a trend, something noticed, a referral, an agreed agenda)"},
	{WeakOpening, "openings with no reason for the buyer (just checking in, we just launched)"},
	{Agenda, "the seller stating the call's agenda"},
	{Inbound, "the buyer saying they asked for the call"},
	{Overpromise, "commitments to outcomes the seller cannot be sure of"},
	{Negation, "words that negate a promise in the same clause (can't, don't, won't)"},
	{Hedge, "words that hedge a claim (most customers, typically, about)"},
	{Contractual, "specific contractual terms (SLA, service credits, in the contract)"},
	{Condition, "conditions stated with a promise (if you, as long as, provided that)"},
	{NonPromise, "strong words that promise nothing (100% honest, 100% commitment from you)"},
	{Stall, "the buyer stalling or deferring (send me some information, let's revisit)"},
	{ConcernPhrase, "the buyer voicing a concern (that's expensive, I'm worried about)"},
	{Competitor, "the buyer naming another vendor or an in-house alternative"},
	{Probe, "seller questions that surface or explore an objection"},
	{Acknowledge, "the seller acknowledging a concern (that's fair, I hear you)"},
	{HonestLimit, "honest limits (I don't know, I'll find out, I can't promise)"},
	{NextStep, "concrete next steps with an owner or a date"},
	{Specific, "specific, checkable statements and references to the buyer's own situation"},
	{SellerCue, "words only the seller side says (calling from, our product, my name is ... with)"},
	{CustomerCue, "words only the buyer side says (what does it cost, we currently use)"},
	{Request, "the buyer asking for an explanation (walk me through, how does it work)"},
	{Resolved, "the buyer saying a concern was answered (that addresses my concern, good to know)"},
	{Opinion, "judgements of an option (not worth it, a waste of money): a promise holding one is an opinion"},
	{CallStage, "what the first turns say about the call's stage; each entry's id names the stage (cold, inbound, booked, demo, follow_up, closing)"},
}

func knownConcern(name string) bool {
	for _, c := range Concerns {
		if c.Name == name {
			return true
		}
	}
	return false
}

func concernNames() string {
	names := make([]string, len(Concerns))
	for i, c := range Concerns {
		names[i] = c.Name
	}
	return strings.Join(names, ", ")
}
