package pages

import (
	"path/filepath"
	"testing"

	"github.com/calltrust/calltrust/analyze"
	"github.com/calltrust/calltrust/analyze/transcript/transcripttest"
	"github.com/calltrust/calltrust/lexicons"
)

// hourReport is an example call repeated to an hour, with its report:
// what a worker renders for a one-hour call.
func hourReport(tb testing.TB) (*analyze.Report, *analyze.Call) {
	tb.Helper()
	c := transcripttest.RepeatFile(tb, filepath.Join("..", "..", "testdata", "calls", "east", "acme.vtt"), 3600)
	r, err := analyze.Analyze(c, lexicons.Default(), analyze.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	return r, c
}

// BenchmarkCallPageHour renders the HTML page of a one-hour call.
func BenchmarkCallPageHour(b *testing.B) {
	r, c := hourReport(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := CallPage(r, c); err != nil {
			b.Fatal(err)
		}
	}
}
