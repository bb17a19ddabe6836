package analyze

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/calltrust/calltrust/analyze/transcript"
	"github.com/calltrust/calltrust/lexicons"
)

// assignRoles decides who is on the seller side, first that applies: the
// --seller option, the sidecar, roles the file states, inference. It sets
// every turn's Role and returns how it decided.
func assignRoles(c *Call, turns []turn, opts Options) (Roles, error) {
	speakers := c.Speakers()
	byLower := map[string]string{}
	for _, s := range speakers {
		byLower[strings.ToLower(s)] = s
	}
	named := func(names []string, what string) (map[string]bool, error) {
		out := map[string]bool{}
		for _, n := range names {
			s, ok := byLower[strings.ToLower(strings.TrimSpace(n))]
			if !ok {
				return nil, fmt.Errorf("%s: %s names %q, not a speaker in the call (speakers: %s)", c.Source, what, n, strings.Join(speakers, ", "))
			}
			out[s] = true
		}
		return out, nil
	}
	var r Roles
	var sellers map[string]bool
	var err error
	switch {
	case len(opts.Seller) > 0:
		sellers, err = named(opts.Seller, "--seller")
		r.Source, r.Confidence = RolesFromFlag, 1
	case len(c.Meta.SellerSpeakers) > 0 || len(c.Meta.CustomerSpeakers) > 0:
		r.Source, r.Confidence = metaSource(c), 1
		if len(c.Meta.SellerSpeakers) > 0 {
			sellers, err = named(c.Meta.SellerSpeakers, "seller_speakers")
		} else {
			var customers map[string]bool
			customers, err = named(c.Meta.CustomerSpeakers, "customer_speakers")
			sellers = map[string]bool{}
			for _, s := range speakers {
				if !customers[s] {
					sellers[s] = true
				}
			}
		}
	case c.RolesFromFile && fileNamesSeller(c):
		sellers = map[string]bool{}
		for _, t := range c.Turns {
			if t.Role == Seller {
				sellers[t.Speaker] = true
			}
		}
		r.Source, r.Confidence = RolesFromFile, 1
	case len(speakers) == 1:
		sellers = map[string]bool{speakers[0]: true}
		r.Source, r.Confidence = RolesFromInference, 1
	default:
		sellers, r.Confidence = inferSellers(speakers, turns)
		r.Source = RolesFromInference
	}
	if err != nil {
		return r, err
	}
	for i := range c.Turns {
		role := Customer
		if sellers[c.Turns[i].Speaker] {
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

func fileNamesSeller(c *Call) bool {
	for _, t := range c.Turns {
		if t.Role == Seller {
			return true
		}
	}
	return false
}

// inferSellers scores each speaker by the words only a seller says (an
// introduction with a company, "our product", asking for the meeting)
// against the words only a buyer says, and takes the top speaker and any
// close to them as the seller side. Confidence grows with the margin
// between the weakest seller and the strongest customer.
func inferSellers(speakers []string, turns []turn) (map[string]bool, float64) {
	score := map[string]float64{}
	for _, t := range turns {
		score[t.Speaker] += t.weight(lexicons.SellerCue) + 0.5*t.weight(lexicons.Pitch) +
			0.5*t.weight(lexicons.BusinessReason) + 0.5*t.weight(lexicons.Agenda) -
			t.weight(lexicons.CustomerCue) - t.weight(lexicons.Stall) - t.weight(lexicons.Inbound)
	}
	// Whoever speaks first gets a small nudge: sellers open most calls.
	if len(turns) > 0 {
		score[turns[0].Speaker] += 0.5
	}
	ranked := append([]string(nil), speakers...)
	sort.SliceStable(ranked, func(i, j int) bool { return score[ranked[i]] > score[ranked[j]] })
	top := score[ranked[0]]
	sellers := map[string]bool{ranked[0]: true}
	for _, s := range ranked[1 : len(ranked)-1] {
		if score[s] >= 2 && score[s] >= 0.4*top {
			sellers[s] = true
		}
	}
	minSeller, maxCustomer := math.Inf(1), math.Inf(-1)
	for _, s := range ranked {
		if sellers[s] {
			minSeller = math.Min(minSeller, score[s])
		} else {
			maxCustomer = math.Max(maxCustomer, score[s])
		}
	}
	margin := minSeller - maxCustomer
	conf := 0.15 + 0.85*math.Tanh(math.Max(0, margin)/roleConfidentMargin*1.2)
	if top <= 0.5 {
		conf = math.Min(conf, 0.3)
	}
	return sellers, math.Max(0.05, math.Min(conf, 0.99))
}

// metaSource names where the call's speaker roles in Meta came from.
func metaSource(c *Call) string {
	if c.SpeakersFromSidecar {
		return RolesFromSidecar
	}
	return RolesFromFile
}
