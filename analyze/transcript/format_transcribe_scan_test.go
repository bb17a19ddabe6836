package transcript

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// sameAsDecoded checks that where the one-pass scan reads a document, it
// gives the call decodeTranscribe gives, and reports whether it read it.
func sameAsDecoded(t *testing.T, data []byte) bool {
	t.Helper()
	c, ok := scanTranscribe(data)
	if !ok {
		return false
	}
	want, err := decodeTranscribe("t.json", data)
	if err != nil {
		t.Fatalf("the scan read a document decoding refuses: %v", err)
	}
	if !reflect.DeepEqual(c, want) {
		t.Fatalf("scan and decoding differ:\nscan   %+v\ndecode %+v", c, want)
	}
	return true
}

// TestScanTranscribeShapes checks which files the one-pass scan reads:
// the usual shapes, which it must read (else it is no faster), and the
// others, left to decoding. Every file must parse the same either way.
func TestScanTranscribeShapes(t *testing.T) {
	type file struct {
		path string
		scan bool
	}
	dir := filepath.Join("..", "..", "testdata", "formats", "aws-transcribe")
	files := []file{
		{filepath.Join(dir, "speaker-labels.json"), true},
		{filepath.Join(dir, "item-speaker-labels.json"), true},
		{filepath.Join(dir, "segment-times-only.json"), false}, // speakers by segment times only
		{filepath.Join(dir, "channel-labels.json"), false},
		{filepath.Join(dir, "audio-segments.json"), false}, // speakers by item id
	}
	samples := filepath.Join("..", "..", "..", "shared", "samples", "aws-transcribe")
	if _, err := os.Stat(samples); err == nil {
		files = append(files, file{filepath.Join(samples, "speaker-identification.json"), true},
			file{filepath.Join(samples, "channel-identification.json"), false})
	}
	for _, f := range files {
		t.Run(filepath.Base(f.path), func(t *testing.T) {
			data, err := os.ReadFile(f.path)
			if err != nil {
				t.Fatal(err)
			}
			if got := sameAsDecoded(t, data); got != f.scan {
				t.Errorf("scanned = %v, want %v", got, f.scan)
			}
		})
	}
}

// scanDoc is a small Transcribe result in the usual shape; its parts are
// replaced to make the cases below.
const scanDoc = `{"jobName":"j","results":{"transcripts":[{"transcript":"Hi. Hello"}],
"speaker_labels":{"speakers":2,"segments":[
 {"start_time":"1.0","end_time":"1.5","speaker_label":"spk_0","items":[{"start_time":"1.0","end_time":"1.5","speaker_label":"spk_0"}]},
 {"start_time":"2","end_time":"2.5","speaker_label":"spk_1","items":[{"start_time":"2","end_time":"2.5"}]}]},
"items":[
 {"start_time":"1.0","end_time":"1.5","alternatives":[{"confidence":"0.9","content":" Hi "}],"type":"pronunciation"},
 {"alternatives":[{"confidence":"0.0","content":"."}],"type":"punctuation"},
 {"start_time":"2","end_time":"2.5","alternatives":[{"confidence":"0.9","content":"Hello"},{"content":"Hallo"}],"type":"pronunciation"}]},
"status":"COMPLETED"}`

// TestScanTranscribeGivesUp checks the documents the scan must leave to
// decoding, because decoding reads them otherwise or refuses them, and
// that parseTranscribe still gives decoding's result for each.
func TestScanTranscribeGivesUp(t *testing.T) {
	if !sameAsDecoded(t, []byte(scanDoc)) {
		t.Fatal("the scan did not read the usual shape")
	}
	cases := []struct{ name, old, new string }{
		{"key in another case", "\"items\":[\n", "\"Items\":[\n"},
		{"top key in another case", `"results":`, `"RESULTS":`},
		{"key twice", `"type":"punctuation"`, `"type":"punctuation","type":"pronunciation"`},
		{"key twice, once escaped", `"type":"punctuation"`, `"type":"punctuation","typ\u0065":"pronunciation"`},
		{"a name with an escaped quote after it", `"type":"punctuation"`, `"type\"":"x","type":"punctuation"`},
		{"escaped content", `"content":"Hello"`, `"content":"Hel\u006co"`},
		{"escaped key", `"jobName"`, `"job\u004eame"`},
		{"time as a number", `"start_time":"2","end_time":"2.5","alternatives"`, `"start_time":2,"end_time":"2.5","alternatives"`},
		{"bad time", `"start_time":"2","end_time":"2.5","alternatives"`, `"start_time":"two","end_time":"2.5","alternatives"`},
		{"null time", `"start_time":"2","end_time":"2.5","alternatives"`, `"start_time":null,"end_time":"2.5","alternatives"`},
		{"times not in speaker_labels", `"start_time":"2","end_time":"2.5","alternatives"`, `"start_time":"2.0","end_time":"2.5","alternatives"`},
		{"speaker_labels word left over", `{"start_time":"2","end_time":"2.5"}]`, `{"start_time":"2","end_time":"2.5"},{"start_time":"3","end_time":"3.5"}]`},
		{"same times twice", `{"start_time":"2","end_time":"2.5"}]`, `{"start_time":"1.0","end_time":"1.5","speaker_label":"spk_1"}]`},
		{"channel label on an item", `"type":"pronunciation"}]}`, `"type":"pronunciation","channel_label":"ch_1"}]}`},
		{"channel_labels", `"status"`, `"x":0},"results2":{"channel_labels":{},"status"`},
		{"audio segments with ids", "\"items\":[\n", "\"audio_segments\":[{\"speaker_label\":\"spk_0\",\"items\":[0]}],\"items\":[\n"},
		{"id not an integer", `"type":"punctuation"`, `"type":"punctuation","id":1.5`},
		{"content not a string", `"content":"Hallo"`, `"content":7`},
		{"items not an array", "\"items\":[\n", "\"items\":{\"a\":[\n"},
		{"results null", `"results":{`, `"results":null,"r":{`},
		{"trailing comma", `"status":"COMPLETED"}`, `"status":"COMPLETED",}`},
		{"trailing data", `"status":"COMPLETED"}`, `"status":"COMPLETED"} {}`},
		{"leading zero", `"speakers":2`, `"speakers":02`},
		{"bad literal", `"speakers":2`, `"speakers":nul`},
		{"control character", `"transcript":"Hi.`, "\"transcript\":\"Hi\t."},
		{"bad escape", `"transcript":"Hi.`, `"transcript":"Hi\x.`},
		{"nested too deep", `"speakers":2`, `"speakers":` + strings.Repeat("[", 600) + strings.Repeat("]", 600)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(scanDoc, tc.old) {
				t.Fatalf("%q is not in the document", tc.old)
			}
			data := []byte(strings.Replace(scanDoc, tc.old, tc.new, 1))
			if sameAsDecoded(t, data) {
				t.Fatal("the scan read a document it should leave to decoding")
			}
			got, gotErr := parseTranscribe("t.json", data)
			want, wantErr := decodeTranscribe("t.json", data)
			if (gotErr != nil) != (wantErr != nil) {
				t.Fatalf("parse error %v, decoding error %v", gotErr, wantErr)
			}
			if gotErr == nil && !reflect.DeepEqual(got, want) {
				t.Errorf("parsed %+v\ndecoded %+v", got, want)
			}
		})
	}
}

// TestScanTranscribeReads checks documents off the usual path that the
// scan still reads, against decoding.
func TestScanTranscribeReads(t *testing.T) {
	cases := []struct{ name, old, new string }{
		{"keys it skips, of every kind", `"status":"COMPLETED"`, `"status":["a",{"b":null,"c":[true,false,-1.5e+3,0.25E-2,"\"\\\/\b\f\n\r\t\u00e9"]}]`},
		{"white space everywhere", "\"items\":[\n", " \"items\" \r\n\t: [ "},
		{"audio segments without ids", "\"items\":[\n", "\"audio_segments\":[{\"speaker_label\":\"spk_0\",\"items\":[]}],\"items\":[\n"},
		{"empty punctuation", `"content":"."`, `"content":"  "`},
		{"no alternatives", `"alternatives":[{"confidence":"0.0","content":"."}]`, `"alternatives":[]`},
		{"escapes in other alternatives", `"content":"Hallo"`, `"content":"Hal\"lo"`},
		{"integer id", `"type":"punctuation"`, `"type":"punctuation","id":-12`},
		{"long times", `"end_time":"1.5"`, `"end_time":"1.5000000000000002"`},
		{"keys that start with a name", `"type":"punctuation"`, `"typed":"x","types":{"type":1},"type":"punctuation"`},
		{"a name as a value", `"status":"COMPLETED"`, `"status":"items","x":"results"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(scanDoc, tc.old) {
				t.Fatalf("%q is not in the document", tc.old)
			}
			// Every occurrence: the times of a word stand twice.
			if !sameAsDecoded(t, []byte(strings.ReplaceAll(scanDoc, tc.old, tc.new))) {
				t.Error("the scan gave up")
			}
		})
	}
}

func TestRawSeconds(t *testing.T) {
	for _, s := range []string{"0", "12", "12.5", "0.587", "0.9870000000000001", "123456789012345", "1234567890123456",
		"1.", ".5", "1e3", " 2", "-1", "", "1.2.3", "0.1", "3599.999", "00012.250"} {
		got, ok := rawSeconds([]byte(s))
		want, wantOK := awsTime(s).seconds()
		if got != want || ok != wantOK {
			t.Errorf("rawSeconds(%q) = %v, %v; want %v, %v", s, got, ok, want, wantOK)
		}
	}
}

// FuzzScanTranscribe checks that whatever the scan reads, it reads as
// decoding does.
func FuzzScanTranscribe(f *testing.F) {
	addSeedFiles(f, func(_ string, data []byte) { f.Add(data) },
		filepath.Join("..", "..", "testdata", "formats", "aws-transcribe", "*.json"))
	f.Add([]byte(scanDoc))
	f.Fuzz(func(t *testing.T, data []byte) {
		if !utf8.Valid(data) {
			return // Parse refuses it before any format
		}
		sameAsDecoded(t, data)
	})
}
