package analyze

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/calltrust/calltrust/lexicons"
)

// The hot paths of Analyze, one by one, on the one-hour call of
// bench_test.go: `go test ./analyze -run X -bench Hour` shows where a
// regression is.

// BenchmarkPrepareHour is tokenizing and lexicon matching of every turn:
// the part of Analyze that grows with the words.
func BenchmarkPrepareHour(b *testing.B) {
	c := hourCall()
	set := lexicons.Default()
	b.SetBytes(textBytes(c))
	b.ReportAllocs()
	for b.Loop() {
		prepare(c, set)
	}
}

// BenchmarkMeasureHour is the metrics every detector reads, on turns
// already prepared.
func BenchmarkMeasureHour(b *testing.B) {
	c := hourCall()
	turns := prepare(c, lexicons.Default())
	for i := range turns {
		if turns[i].Speaker == "Dana" {
			turns[i].Role = Seller
		} else {
			turns[i].Role = Customer
		}
	}
	b.SetBytes(textBytes(c))
	b.ReportAllocs()
	for b.Loop() {
		measure(c, turns)
	}
}

// BenchmarkParseHour is reading the one-hour call from each format's
// bytes; MB/s counts the turn text, as the benchmark script does, so the
// formats compare on the same words.
func BenchmarkParseHour(b *testing.B) {
	c := hourCall()
	for _, f := range []struct {
		name, file string
		render     func(*Call) []byte
	}{
		{"webvtt", "hour.vtt", renderHourVTT},
		{"text", "hour.txt", renderHourText},
		{"calltrust-json", "hour.json", renderHourOwnJSON},
		{"aws-transcribe", "hour.json", renderHourTranscribe},
	} {
		data := f.render(c)
		b.Run(f.name, func(b *testing.B) {
			if _, err := Parse(f.file, data); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(textBytes(c))
			b.ReportAllocs()
			b.ReportMetric(float64(len(data))/float64(textBytes(c)), "file-bytes/text-byte")
			for b.Loop() {
				if _, err := Parse(f.file, data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func benchClock(sec float64) string {
	ms := int64(sec * 1000)
	return fmt.Sprintf("%02d:%02d:%02d.%03d", ms/3600000, ms/60000%60, ms/1000%60, ms%1000)
}

func renderHourVTT(c *Call) []byte {
	var b strings.Builder
	b.WriteString("WEBVTT\n\n")
	for i, t := range c.Turns {
		fmt.Fprintf(&b, "%d\n%s --> %s\n%s: %s\n\n", i+1, benchClock(t.Start), benchClock(t.End), t.Speaker, t.Text)
	}
	return []byte(b.String())
}

func renderHourText(c *Call) []byte {
	var b strings.Builder
	for _, t := range c.Turns {
		fmt.Fprintf(&b, "[%s] %s: %s\n", benchClock(t.Start)[:8], t.Speaker, t.Text)
	}
	return []byte(b.String())
}

func renderHourOwnJSON(c *Call) []byte {
	data, err := json.Marshal(c)
	if err != nil {
		panic(err)
	}
	return data
}

// renderHourTranscribe writes the call as AWS Transcribe does: one item
// per word and per punctuation mark, speakers in speaker_labels.
func renderHourTranscribe(c *Call) []byte {
	type item struct {
		Start        string              `json:"start_time,omitempty"`
		End          string              `json:"end_time,omitempty"`
		Alternatives []map[string]string `json:"alternatives"`
		Type         string              `json:"type"`
	}
	type segItem struct {
		Start   string `json:"start_time"`
		Speaker string `json:"speaker_label"`
		End     string `json:"end_time"`
	}
	type segment struct {
		Start   string    `json:"start_time"`
		Speaker string    `json:"speaker_label"`
		End     string    `json:"end_time"`
		Items   []segItem `json:"items"`
	}
	var items []item
	var segs []segment
	for _, t := range c.Turns {
		label := map[string]string{"Dana": "spk_0", "Mark": "spk_1"}[t.Speaker]
		words := strings.Fields(t.Text)
		step := (t.End - t.Start) / float64(len(words))
		seg := segment{Start: fmt.Sprint(t.Start), Speaker: label, End: fmt.Sprint(t.End)}
		for i, w := range words {
			punct := ""
			if n := len(w); n > 1 && strings.ContainsAny(w[n-1:], ".,?!") {
				w, punct = w[:n-1], w[n-1:]
			}
			st, en := fmt.Sprintf("%.2f", t.Start+step*float64(i)), fmt.Sprintf("%.2f", t.Start+step*(float64(i)+0.9))
			items = append(items, item{Start: st, End: en, Type: "pronunciation",
				Alternatives: []map[string]string{{"confidence": "0.99", "content": w}}})
			seg.Items = append(seg.Items, segItem{Start: st, Speaker: label, End: en})
			if punct != "" {
				items = append(items, item{Type: "punctuation", Alternatives: []map[string]string{{"confidence": "0.0", "content": punct}}})
			}
		}
		segs = append(segs, seg)
	}
	doc := map[string]any{"jobName": "hour", "status": "COMPLETED", "results": map[string]any{
		"transcripts":    []map[string]string{{"transcript": ""}},
		"speaker_labels": map[string]any{"speakers": 2, "segments": segs},
		"items":          items,
	}}
	data, err := json.Marshal(doc)
	if err != nil {
		panic(err)
	}
	return data
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
	for _, t := range hourCall().Turns {
		texts = append(texts, t.Text)
	}
	for _, dir := range []string{"../testdata/eval", "../testdata/calls/east", "../testdata/calls/west"} {
		ents, _ := os.ReadDir(dir)
		for _, e := range ents {
			if strings.HasSuffix(e.Name(), MetaSuffix) {
				continue
			}
			data, err := os.ReadFile(filepath.Join(dir, e.Name()))
			if err != nil {
				continue
			}
			if c, err := Parse(e.Name(), data); err == nil {
				for _, t := range c.Turns {
					texts = append(texts, t.Text)
				}
			}
		}
	}
	for _, text := range texts {
		var bySentence []string
		for _, s := range rawSentences(text) {
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
