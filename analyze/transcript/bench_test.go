package transcript_test

import (
	"testing"

	"github.com/calltrust/calltrust/analyze/transcript"
	"github.com/calltrust/calltrust/analyze/transcript/transcripttest"
)

// BenchmarkParseHour is reading the one-hour call from each format's
// bytes; MB/s counts the turn text, as the benchmark script does, so the
// formats compare on the same words.
func BenchmarkParseHour(b *testing.B) {
	c := transcripttest.HourCall()
	for _, f := range []struct {
		name, file string
		render     func(*transcript.Call) []byte
	}{
		{"webvtt", "hour.vtt", transcripttest.VTT},
		{"text", "hour.txt", transcripttest.Text},
		{"calltrust-json", "hour.json", transcripttest.OwnJSON},
		{"aws-transcribe", "hour.json", transcripttest.Transcribe},
	} {
		data := f.render(c)
		b.Run(f.name, func(b *testing.B) {
			if _, err := transcript.Parse(f.file, data); err != nil {
				b.Fatal(err)
			}
			b.SetBytes(transcripttest.TextBytes(c))
			b.ReportAllocs()
			b.ReportMetric(float64(len(data))/float64(transcripttest.TextBytes(c)), "file-bytes/text-byte")
			for b.Loop() {
				if _, err := transcript.Parse(f.file, data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestScanTranscribeHour checks that the one-pass scan reads the one-hour
// call the benchmarks parse, and reads it as decoding does.
func TestScanTranscribeHour(t *testing.T) {
	if !transcript.SameAsDecoded(t, transcripttest.Transcribe(transcripttest.HourCall())) {
		t.Error("the scan did not read the one-hour call")
	}
}
