package analyze

import (
	"fmt"
	"testing"

	"github.com/calltrust/calltrust/analyze/transcript/transcripttest"
	"github.com/calltrust/calltrust/lexicons"
)

// BenchmarkTokenizeHour is the floor: prose's tokenizer alone over every
// turn of a one-hour call, the turns in one pass as Analyze does it.
func BenchmarkTokenizeHour(b *testing.B) {
	c := transcripttest.HourCall()
	texts := make([]string, len(c.Turns))
	for i, t := range c.Turns {
		texts[i] = t.Text
	}
	b.SetBytes(transcripttest.TextBytes(c))
	b.ReportAllocs()
	for b.Loop() {
		lexicons.TokensEach(texts)
	}
}

// BenchmarkTokenizeHourByTurn is prose's tokenizer called once per turn:
// what sharing one pass over the call saves.
func BenchmarkTokenizeHourByTurn(b *testing.B) {
	c := transcripttest.HourCall()
	b.SetBytes(transcripttest.TextBytes(c))
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
	base := transcripttest.HourCall()
	set := lexicons.Default()
	tokens := 0
	for _, t := range base.Turns {
		tokens += len(lexicons.Tokens(t.Text))
	}
	b.SetBytes(transcripttest.TextBytes(base))
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
