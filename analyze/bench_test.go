package analyze

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"

	"github.com/calltrust/calltrust/lexicons"
)

var benchSentences = []string{
	"Many companies in your industry are seeing longer close cycles this year.",
	"How does your team handle month-end reconciliation today?",
	"We currently use spreadsheets and it takes about four days.",
	"Our platform is the industry-leading tool for that, and I guarantee you'll cut it in half.",
	"I can't guarantee specific numbers, but most customers see a payback in about 90 days.",
	"That sounds expensive, and I'm worried about the rollout.",
	"Help me understand what worries you about the rollout?",
	"Let me check with my CFO and I'll get back to you next week.",
	"Who else needs to weigh in before you decide?",
	"Our SLA guarantees 99.9% uptime with service credits if we miss it.",
	"It's been a long quarter, 'sure' was the word everyone used, and we won't change that.",
	"I'll send the security questionnaire by Friday and book thirty minutes on Thursday.",
}

// hourCall builds a one-hour call of about 9,000 words, alternating
// speakers with turns of varied length, from a fixed seed.
func hourCall() *Call {
	rng := rand.New(rand.NewSource(1))
	c := &Call{ID: "hour", Source: "hour.txt", Timed: true, Meta: Meta{SellerSpeakers: []string{"Dana"}}}
	words, at := 0, 0.0
	for i := 0; words < 9000; i++ {
		var b strings.Builder
		for n := 1 + rng.Intn(4); n > 0; n-- {
			s := benchSentences[rng.Intn(len(benchSentences))]
			b.WriteString(s)
			b.WriteByte(' ')
			words += len(strings.Fields(s))
		}
		speaker := []string{"Dana", "Mark"}[i%2]
		text := strings.TrimSpace(b.String())
		d := float64(len(strings.Fields(text))) / 2.5
		c.Turns = append(c.Turns, Turn{Speaker: speaker, Start: at, End: at + d, Text: text})
		at += d + 0.5
	}
	return c
}

func textBytes(c *Call) int64 {
	n := 0
	for _, t := range c.Turns {
		n += len(t.Text)
	}
	return int64(n)
}

// BenchmarkTokenizeHour is the floor: prose's tokenizer alone over every
// turn of a one-hour call, the turns in one pass as Analyze does it.
func BenchmarkTokenizeHour(b *testing.B) {
	c := hourCall()
	texts := make([]string, len(c.Turns))
	for i, t := range c.Turns {
		texts[i] = t.Text
	}
	b.SetBytes(textBytes(c))
	b.ReportAllocs()
	for b.Loop() {
		lexicons.TokensEach(texts)
	}
}

// BenchmarkTokenizeHourByTurn is prose's tokenizer called once per turn:
// what sharing one pass over the call saves.
func BenchmarkTokenizeHourByTurn(b *testing.B) {
	c := hourCall()
	b.SetBytes(textBytes(c))
	b.ReportAllocs()
	for b.Loop() {
		for _, t := range c.Turns {
			lexicons.Tokens(t.Text)
		}
	}
}

// BenchmarkAnalyzeHour is the whole analysis of the same call: tokens,
// lexicon matching, detectors and the report.
func BenchmarkAnalyzeHour(b *testing.B) {
	base := hourCall()
	set := lexicons.Default()
	tokens := 0
	for _, t := range base.Turns {
		tokens += len(lexicons.Tokens(t.Text))
	}
	b.SetBytes(textBytes(base))
	b.ReportAllocs()
	for b.Loop() {
		c := *base
		c.Turns = append([]Turn(nil), base.Turns...)
		if _, err := Analyze(&c, set, Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(testing.AllocsPerRun(1, func() {
		c := *base
		c.Turns = append([]Turn(nil), base.Turns...)
		Analyze(&c, set, Options{})
	}))/float64(tokens), "allocs/token")
}

func ExampleAnalyze() {
	c := &Call{ID: "demo", Source: "demo.txt", Turns: []Turn{
		{Speaker: "Dana", Text: "Hi Mark, this is Dana from Ledgerly. Just checking in!"},
		{Speaker: "Mark", Text: "Hi. Can you guarantee the savings?"},
		{Speaker: "Dana", Text: "I can't guarantee a number, but I promise you'll love it."},
		{Speaker: "Mark", Text: "Send me some information."},
		{Speaker: "Dana", Text: "Will do, talk soon."},
	}}
	r, err := Analyze(c, lexicons.Default(), Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("seller:", r.Roles.Seller)
	for _, f := range r.Flags {
		fmt.Printf("%s %s: %q\n", f.Kind, f.Severity, f.Evidence[0].Quote)
	}
	// Output:
	// seller: [Dana]
	// no_business_reason high: "Just checking in!"
	// overpromise medium: "I can't guarantee a number, but I promise you'll love it."
	// unraised_objection medium: "Send me some information."
}
