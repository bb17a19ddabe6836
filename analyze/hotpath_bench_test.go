package analyze

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/calltrust/calltrust/analyze/transcript"
	"github.com/calltrust/calltrust/analyze/transcript/transcripttest"
	"github.com/calltrust/calltrust/lexicons"
)

// The hot paths of Analyze, one by one, on the one-hour call of
// bench_test.go: `go test ./analyze -run X -bench Hour` shows where a
// regression is.

// BenchmarkPrepareHour is tokenizing and lexicon matching of every turn:
// the part of Analyze that grows with the words.
func BenchmarkPrepareHour(b *testing.B) {
	c := transcripttest.HourCall()
	set := lexicons.Default()
	b.SetBytes(transcripttest.TextBytes(c))
	b.ReportAllocs()
	for b.Loop() {
		prepare(c, set)
	}
}

// BenchmarkMeasureHour is the metrics every detector reads, on turns
// already prepared.
func BenchmarkMeasureHour(b *testing.B) {
	c := transcripttest.HourCall()
	turns := prepare(c, lexicons.Default())
	for i := range turns {
		if turns[i].Speaker == "Dana" {
			turns[i].Role = Seller
		} else {
			turns[i].Role = Customer
		}
	}
	b.SetBytes(transcripttest.TextBytes(c))
	b.ReportAllocs()
	for b.Loop() {
		measure(c, turns)
	}
}

// TestSentenceWordsAreTurnWords guards what prepare relies on: the words
// of a turn's own sentences, one after the other, are the words of the
// whole turn, so quotes are found without tokenizing twice. It holds
// because prose splits at white space and reads every stretch between on
// its own; a tokenizer that looked across white space would break it.
func TestSentenceWordsAreTurnWords(t *testing.T) {
	texts := []string{
		"Mr. Lee said 'sure'. We can't promise that. It's 100%! Really? Yes.",
		"I won't.' Then he left... \u201cFine,\u201d she said. U.S. teams, e.g. ours, agree.",
		"We'll see.\tNext. Can\u2019t say. n't. 'Twas fine. (Maybe.) [Later.] --- Done.",
		"Trailing space. ", " Leading space.", "No end", "", "   ",
	}
	for _, t := range transcripttest.HourCall().Turns {
		texts = append(texts, t.Text)
	}
	for _, dir := range []string{"../testdata/eval", "../testdata/calls/east", "../testdata/calls/west"} {
		ents, _ := os.ReadDir(dir)
		for _, e := range ents {
			if strings.HasSuffix(e.Name(), transcript.MetaSuffix) {
				continue
			}
			data, err := os.ReadFile(filepath.Join(dir, e.Name()))
			if err != nil {
				continue
			}
			if c, err := transcript.Parse(e.Name(), data); err == nil {
				for _, t := range c.Turns {
					texts = append(texts, t.Text)
				}
			}
		}
	}
	for _, text := range texts {
		var bySentence []string
		for _, s := range appendRawSentences(nil, text) {
			bySentence = lexicons.AppendWords(bySentence, s)
		}
		if whole := lexicons.Words(text); !slices.Equal(bySentence, whole) {
			t.Fatalf("words of %q:\nby sentence %q\nwhole turn  %q", text, bySentence, whole)
		}
	}
	if len(texts) < 500 {
		t.Errorf("only %d turns checked; is testdata missing?", len(texts))
	}
}
