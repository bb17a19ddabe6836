// Package transcripttest makes calls for tests and benchmarks: a
// one-hour call from a fixed seed, and that call written in the formats
// Parse reads. It is imported by tests only.
package transcripttest

import (
	"math/rand"
	"os"
	"strings"
	"testing"

	"github.com/calltrust/calltrust/analyze/transcript"
)

var sentences = []string{
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

// HourCall builds a one-hour call of about 9,000 words, alternating
// speakers with turns of varied length, from a fixed seed.
func HourCall() *transcript.Call {
	rng := rand.New(rand.NewSource(1))
	c := &transcript.Call{ID: "hour", Source: "hour.txt", Timed: true, Meta: transcript.Meta{SellerSpeakers: []string{"Dana"}}}
	words, at := 0, 0.0
	for i := 0; words < 9000; i++ {
		var b strings.Builder
		for n := 1 + rng.Intn(4); n > 0; n-- {
			s := sentences[rng.Intn(len(sentences))]
			b.WriteString(s)
			b.WriteByte(' ')
			words += len(strings.Fields(s))
		}
		speaker := []string{"Dana", "Mark"}[i%2]
		text := strings.TrimSpace(b.String())
		d := float64(len(strings.Fields(text))) / 2.5
		c.Turns = append(c.Turns, transcript.Turn{Speaker: speaker, Start: at, End: at + d, Text: text})
		at += d + 0.5
	}
	return c
}

// TextBytes counts the bytes of turn text, the measure of throughput.
func TextBytes(c *transcript.Call) int64 {
	n := 0
	for _, t := range c.Turns {
		n += len(t.Text)
	}
	return int64(n)
}

// Repeat returns the call played again and again, five seconds apart,
// until it reaches the given length: a real call stretched to an hour.
func Repeat(one *transcript.Call, seconds float64) *transcript.Call {
	c := *one
	c.Turns = nil
	for shift := 0.0; shift < seconds; shift += one.Duration() + 5 {
		for _, t := range one.Turns {
			t.Start, t.End = t.Start+shift, t.End+shift
			c.Turns = append(c.Turns, t)
		}
	}
	return &c
}

// RepeatFile parses the call in the file at path and stretches it with
// Repeat to the given length, failing tb when the file cannot be read or
// parsed.
func RepeatFile(tb testing.TB, path string, seconds float64) *transcript.Call {
	tb.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	one, err := transcript.Parse(path, data)
	if err != nil {
		tb.Fatal(err)
	}
	return Repeat(one, seconds)
}
