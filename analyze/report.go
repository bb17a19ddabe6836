package analyze

// SchemaVersion is the version of the Report JSON shape.
const SchemaVersion = 1

// Kind names one of the four trust problems.
type Kind string

// The four flags.
const (
	SelfOrientedPitch Kind = "self_oriented_pitch"
	NoBusinessReason  Kind = "no_business_reason"
	Overpromise       Kind = "overpromise"
	UnraisedObjection Kind = "unraised_objection"
)

// Kinds lists the flags in report order.
var Kinds = []Kind{SelfOrientedPitch, NoBusinessReason, Overpromise, UnraisedObjection}

// Severity grades a flag.
type Severity string

// Severities, least to most.
const (
	Low    Severity = "low"
	Medium Severity = "medium"
	High   Severity = "high"
)

// Rank orders severities: high 3, medium 2, low 1, none 0.
func (s Severity) Rank() int {
	switch s {
	case High:
		return 3
	case Medium:
		return 2
	case Low:
		return 1
	}
	return 0
}

// Report is the trust report of one call. Same call and lexicons, same
// bytes when marshalled.
type Report struct {
	SchemaVersion   int      `json:"schema_version"`
	Call            CallInfo `json:"call"`
	LexiconsVersion string   `json:"lexicons_version"`
	Roles           Roles    `json:"roles"`
	Metrics         Metrics  `json:"metrics"`
	Trust           Trust    `json:"trust"`
	Flags           []Flag   `json:"flags"`
	Excused         []Excuse `json:"excused"`
	NotApplicable   []Kind   `json:"not_applicable"`
	// NotApplicableReasons says, for each kind in NotApplicable and in
	// the same order, why it cannot apply to this call.
	NotApplicableReasons []NotApplicable `json:"not_applicable_reasons"`
	Timeline             []Segment       `json:"timeline"`
}

// CallInfo identifies the call a report is about.
type CallInfo struct {
	ID              string   `json:"id"`
	Source          string   `json:"source"`
	Format          string   `json:"format"`
	Rep             string   `json:"rep"`
	Account         string   `json:"account"`
	Date            string   `json:"date"`
	CallType        string   `json:"call_type"`
	DurationSeconds *float64 `json:"duration_seconds"`
	// CallTypeSource says where CallType came from: sidecar, document or
	// inferred. An inferred type carries its confidence and the quote that
	// decided it (none when the first turns said nothing: "unknown").
	CallTypeSource     string   `json:"call_type_source"`
	CallTypeConfidence *float64 `json:"call_type_confidence,omitempty"`
	CallTypeQuote      string   `json:"call_type_quote,omitempty"`
	// Skipped counts the document's lines that were not read as speech
	// (titles, metadata, notes around the dialogue); nil when none were.
	Skipped *Skipped `json:"skipped,omitempty"`
}

// Skipped is what a document held besides the conversation: how many
// lines were left out, their 1-based line ranges, and a sentence saying
// where they were ("12 lines before the conversation and 9 after it were
// not read as speech").
type Skipped struct {
	Lines  int      `json:"lines"`
	Ranges [][2]int `json:"ranges"`
	Note   string   `json:"note"`
}

// NotApplicable is a flag that cannot apply to a call, and why.
type NotApplicable struct {
	Kind   Kind   `json:"kind"`
	Reason string `json:"reason"`
}

// Roles says who was taken as the seller side and how sure that is.
type Roles struct {
	Seller   []string `json:"seller"`
	Customer []string `json:"customer"`
	// Neither lists speakers on no side (an unknown speaker), left out of
	// either side's measures.
	Neither    []string `json:"neither,omitempty"`
	Source     string   `json:"source"` // flag, sidecar, file or inference
	Confidence float64  `json:"confidence"`
	Warnings   []string `json:"warnings"`
}

// Where roles came from.
const (
	RolesFromFlag      = "flag"
	RolesFromSidecar   = "sidecar"
	RolesFromFile      = "file"
	RolesFromInference = "inference"
)

// Flag is one trust problem found in the call.
type Flag struct {
	Kind     Kind       `json:"kind"`
	Severity Severity   `json:"severity"`
	Score    float64    `json:"score"`
	Summary  string     `json:"summary"`
	Evidence []Evidence `json:"evidence"`
}

// Evidence is one quoted passage that moved a flag or a trust term.
type Evidence struct {
	Turn    int      `json:"turn"` // 0-based index into the call's turns
	Speaker string   `json:"speaker"`
	Start   *float64 `json:"start"` // seconds, null without times
	Quote   string   `json:"quote"`
	Matched string   `json:"matched"`
	Why     string   `json:"why"`
}

// Excuse is a candidate the detectors considered and let go, with the reason.
type Excuse struct {
	Kind    Kind     `json:"kind"`
	Turn    int      `json:"turn"`
	Speaker string   `json:"speaker"`
	Start   *float64 `json:"start"`
	Quote   string   `json:"quote"`
	Matched string   `json:"matched"`
	Reason  string   `json:"reason"`
}

// Trust holds the four terms of the trust equation.
type Trust struct {
	Credibility     Term    `json:"credibility"`
	Reliability     Term    `json:"reliability"`
	Intimacy        Term    `json:"intimacy"`
	SelfOrientation Term    `json:"self_orientation"`
	Trustworthiness float64 `json:"trustworthiness"`
}

// Term is one trust-equation term scored 1..10 with what moved it.
type Term struct {
	Score    float64    `json:"score"`
	Evidence []Evidence `json:"evidence"`
}

// Segment is one turn on the call's timeline, for drawing who spoke when.
type Segment struct {
	Turn    int     `json:"turn"`
	Speaker string  `json:"speaker"`
	Role    Role    `json:"role"`
	Start   float64 `json:"start"` // seconds, or word offset without times
	End     float64 `json:"end"`
	Words   int     `json:"words"`
}

// Metrics are the measurements the flags are built on.
type Metrics struct {
	Turns                   int      `json:"turns"`
	Speakers                int      `json:"speakers"`
	SellerWords             int      `json:"seller_words"`
	CustomerWords           int      `json:"customer_words"`
	TalkShare               float64  `json:"talk_share"`
	LongestMonologueWords   int      `json:"longest_monologue_words"`
	LongestMonologueSeconds *float64 `json:"longest_monologue_seconds"`
	LongestMonologueTurn    int      `json:"longest_monologue_turn"`
	MonologueRequested      bool     `json:"monologue_requested"`
	SellerQuestions         int      `json:"seller_questions"`
	OpenQuestions           int      `json:"open_questions"`
	// DiscoveryQuestions are the seller's questions about the buyer: not
	// asking leave ("can I book a demo?"), offering ("what if I gave you
	// a discount?"), greeting or checking understanding.
	DiscoveryQuestions int `json:"discovery_questions"`
	// AnsweringWords are seller words in turns that answer the buyer's
	// question or request without pitch language or the seller's story.
	AnsweringWords     int      `json:"answering_words"`
	QuestionsPer10Min  *float64 `json:"questions_per_10_min"`
	SelfReferences     int      `json:"self_references"`
	CustomerReferences int      `json:"customer_references"`
	PitchPhrases       int      `json:"pitch_phrases"`
	SellerStory        int      `json:"seller_story"`
	CustomerPushback   int      `json:"customer_pushback"`
	Stalls             int      `json:"stalls"`
	StallsProbed       int      `json:"stalls_probed"`
	SurfacingQuestions int      `json:"surfacing_questions"`
	Overpromises       int      `json:"overpromises"`
	ExcusedPromises    int      `json:"excused_promises"`
}

// Options change how a call is analyzed.
type Options struct {
	// Seller names the seller-side speakers, overriding sidecar and
	// inference.
	Seller []string
	// Practice analyzes a one-speaker file as that seller's pitch.
	Practice bool
	// Redact masks e-mail addresses, phone numbers and card-like numbers
	// in every text the report carries.
	Redact bool
}
