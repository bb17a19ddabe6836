package analyze

import "github.com/calltrust/calltrust/analyze/transcript"

// The call model is transcript's: Analyze judges what Parse read. These
// names let a caller of Analyze speak of the call with one import.
type (
	// Call is one transcript: who spoke, when, and what they said.
	Call = transcript.Call
	// Turn is one stretch of speech by one speaker.
	Turn = transcript.Turn
	// Meta is what is known about a call apart from its words.
	Meta = transcript.Meta
	// Role is the side of the call a speaker is on.
	Role = transcript.Role
)

// The roles a turn can have.
const (
	Unknown  = transcript.Unknown
	Seller   = transcript.Seller
	Customer = transcript.Customer
)

// Call types a sidecar may name.
const (
	CallCold      = transcript.CallCold
	CallDiscovery = transcript.CallDiscovery
	CallDemo      = transcript.CallDemo
	CallFollowUp  = transcript.CallFollowUp
	CallClosing   = transcript.CallClosing
	CallInbound   = transcript.CallInbound
	CallPractice  = transcript.CallPractice
)
