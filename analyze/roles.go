package analyze

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/calltrust/calltrust/analyze/transcript"
)

// assignRoles decides who is on the seller side, first that applies: the
// --seller option, the sidecar, then the file and inference together
// (sides). It sets every turn's Role and returns how it decided. Speech of
// an unknown speaker is on neither side and keeps Role Unknown.
func assignRoles(c *Call, turns []turn, opts Options) (Roles, error) {
	var speakers, neither []string
	for _, s := range c.Speakers() {
		if transcript.IsUnknownSpeaker(s) {
			neither = append(neither, s)
		} else {
			speakers = append(speakers, s)
		}
	}
	var r Roles
	var sellers map[string]bool
	var err error
	switch {
	case len(opts.Seller) > 0:
		sellers, err = namedSpeakers(c, speakers, opts.Seller, "--seller")
		r.Source, r.Confidence = RolesFromFlag, 1
	case len(c.Meta.SellerSpeakers) > 0 || len(c.Meta.CustomerSpeakers) > 0:
		r.Source, r.Confidence = metaSource(c), 1
		if len(c.Meta.SellerSpeakers) > 0 {
			sellers, err = namedSpeakers(c, speakers, c.Meta.SellerSpeakers, "seller_speakers")
			break
		}
		var customers map[string]bool
		customers, err = namedSpeakers(c, speakers, c.Meta.CustomerSpeakers, "customer_speakers")
		sellers = map[string]bool{}
		for _, s := range speakers {
			if !customers[s] {
				sellers[s] = true
			}
		}
	default:
		d := decideSides(c, speakers, turns)
		sellers, r.Source, r.Confidence = d.sellers, d.source, d.confidence
	}
	if err != nil {
		return r, err
	}
	for i := range c.Turns {
		role := Customer
		switch s := c.Turns[i].Speaker; {
		case slices.Contains(neither, s):
			role = Unknown
		case sellers[s]:
			role = Seller
		}
		c.Turns[i].Role, turns[i].Role = role, role
	}
	r.Seller, r.Customer = []string{}, []string{}
	for _, s := range speakers {
		if sellers[s] {
			r.Seller = append(r.Seller, s)
		} else {
			r.Customer = append(r.Customer, s)
		}
	}
	r.Neither = neither
	r.Confidence = math.Round(r.Confidence*100) / 100
	r.Warnings = []string{}
	if r.Confidence < roleWarnBelow {
		r.Warnings = append(r.Warnings, fmt.Sprintf("roles are a guess (confidence %.2f): the transcript does not say who sells; pass --seller NAME or add seller_speakers to %s%s", r.Confidence, c.Source, transcript.MetaSuffix))
	}
	if len(r.Seller) == 0 {
		r.Warnings = append(r.Warnings, "no speaker was taken as the seller side")
	}
	return r, nil
}

// namedSpeakers finds the speakers a list names, case aside, by the
// label as the file wrote it or by the name it comes to ("Sales Rep
// (Alex)" names Alex).
func namedSpeakers(c *Call, speakers, names []string, what string) (map[string]bool, error) {
	byLower := map[string]string{}
	for _, s := range speakers {
		byLower[strings.ToLower(s)] = s
	}
	out := map[string]bool{}
	for _, n := range names {
		n = strings.TrimSpace(n)
		s, ok := byLower[strings.ToLower(n)]
		if !ok {
			s, ok = byLower[strings.ToLower(transcript.SpeakerName(n))]
		}
		if !ok {
			return nil, fmt.Errorf("%s: %s names %q, not a speaker in the call (speakers: %s)", c.Source, what, n, strings.Join(speakers, ", "))
		}
		out[s] = true
	}
	return out, nil
}

// decision is who sells, where that came from, and how sure it is.
type decision struct {
	sellers    map[string]bool
	source     string
	confidence float64
}

// unit is one or more speakers who are on one side together: the
// members of one party (Call.Parties), or one speaker of no party.
type unit struct {
	members []string
	file    Role   // the side the file states for the unit, if any
	company string // the party's name as speech says it (companyKey), or ""
	ev      evidence
	score   float64
	seller  bool
}

// decideSides decides the sides of a call nobody named the sides of.
// Speakers of one party are one unit and share a side. A unit whose
// members' labels or file state a side has it (a party split between
// stated sides is taken apart); the others are decided by the evidence
// of all their members' words together: the strongest seller evidence
// sells, so do others close to it, and a call has at least one unit on
// each side. The confidence grows with the margin of the narrowest of
// these decisions, and is low whatever the margin when even the
// strongest seller said little a seller says; sides the file states
// count as certain.
func decideSides(c *Call, speakers []string, turns []turn) decision {
	units := partyUnits(c, speakers)
	d := decision{sellers: map[string]bool{}, source: RolesFromInference}
	if len(units) == 0 {
		return d
	}
	gather(units, turns)
	var free []*unit
	stated := map[Role]bool{}
	for _, u := range units {
		if u.file == Unknown {
			free = append(free, u)
			continue
		}
		stated[u.file] = true
		u.seller = u.file == Seller
	}
	switch {
	case len(free) == 0:
		d.source, d.confidence = RolesFromFile, 1
	case len(units) == 1:
		units[0].seller, d.confidence = true, 1
	case len(free) == 1 && len(stated) == 1:
		// The file states one side; the one unit left is the other.
		free[0].seller = !stated[Seller]
		d.source, d.confidence = RolesFromFile, 1
	default:
		d.confidence = inferSides(units, free, stated)
	}
	for _, u := range units {
		for _, m := range u.members {
			d.sellers[m] = u.seller
		}
	}
	return d
}

// inferSides sides the free units by their evidence, given the units the
// file sided, and returns how sure that is.
func inferSides(units, free []*unit, stated map[Role]bool) float64 {
	ranked := slices.Clone(free)
	slices.SortStableFunc(ranked, func(a, b *unit) int {
		switch {
		case a.score > b.score:
			return -1
		case a.score < b.score:
			return 1
		}
		return 0
	})
	top := math.Inf(-1)
	for _, u := range units {
		if u.file == Seller {
			top = math.Max(top, u.score)
		}
	}
	if !stated[Seller] {
		ranked[0].seller = true
		top = ranked[0].score
		ranked = ranked[1:]
	}
	last := len(ranked)
	if !stated[Customer] {
		last-- // the weakest free unit buys
	}
	bar := math.Max(roleExtraSeller, roleExtraShare*top)
	for _, u := range ranked[:max(last, 0)] {
		u.seller = u.score >= bar
	}
	// The margin is the narrowest of the decisions: the strongest seller
	// against the strongest buyer, and every other unit against the bar
	// it had to reach to sell too.
	maxCustomer := math.Inf(-1)
	for _, u := range free {
		if !u.seller {
			maxCustomer = math.Max(maxCustomer, u.score)
		}
	}
	margin := math.Inf(1)
	if !math.IsInf(maxCustomer, -1) {
		margin = top - maxCustomer
	}
	for i, u := range ranked {
		if i < last {
			margin = math.Min(margin, math.Abs(u.score-bar))
		}
	}
	if math.IsInf(margin, 1) {
		margin = roleConfidentMargin
	}
	conf := 0.15 + 0.85*math.Tanh(math.Max(0, margin)/roleConfidentMargin*1.2)
	if !stated[Seller] && top <= roleThinEvidence {
		conf = math.Min(conf, 0.3)
	}
	return math.Max(0.05, math.Min(conf, 0.99))
}

// partyUnits groups the speakers into units: one per party (parties named
// case aside), one per speaker of no party, in order of first appearance,
// each with the side the file states for its members (when the file
// states roles). A party whose members the file puts on different sides
// is taken apart.
func partyUnits(c *Call, speakers []string) []*unit {
	side := map[string]Role{} // the side the file states for a speaker
	for _, t := range c.Turns {
		if c.RolesFromFile && side[t.Speaker] == Unknown {
			side[t.Speaker] = t.Role
		}
	}
	var units []*unit
	byParty := map[string]*unit{}
	for _, s := range speakers {
		name := partyOf(c, s)
		party := strings.ToLower(strings.TrimSpace(name))
		u := byParty[party]
		if party == "" || u == nil {
			u = &unit{company: companyKey(name)}
			units = append(units, u)
			if party != "" {
				byParty[party] = u
			}
		}
		u.members = append(u.members, s)
	}
	var out []*unit
	for _, u := range units {
		sides := map[Role]bool{}
		for _, m := range u.members {
			if side[m] != Unknown {
				sides[side[m]] = true
			}
		}
		if len(sides) > 1 {
			for _, m := range u.members {
				out = append(out, &unit{members: []string{m}, file: side[m], company: u.company})
			}
			continue
		}
		for r := range sides {
			u.file = r
		}
		out = append(out, u)
	}
	return out
}

// partyOf returns the party of a speaker: the one Call.Parties gives the
// speaker, or else, for a speaker named by a first name alone ("Mia"),
// the party of the one person of that first name the call's parties
// list ("Mia Torres", as a document's attendee list names people).
func partyOf(c *Call, speaker string) string {
	if p, ok := c.Parties[speaker]; ok || strings.Contains(speaker, " ") {
		return p
	}
	party, found := "", 0
	for name, p := range c.Parties {
		if first, _, ok := strings.Cut(name, " "); ok && strings.EqualFold(first, speaker) {
			party = p
			found++
		}
	}
	if found != 1 {
		return ""
	}
	return party
}

// metaSource names where the call's speaker roles in Meta came from.
func metaSource(c *Call) string {
	if c.SpeakersFromSidecar {
		return RolesFromSidecar
	}
	return RolesFromFile
}
