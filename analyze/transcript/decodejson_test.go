package transcript

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// jsonTargets are the types the JSON parsers decode into, each made new.
var jsonTargets = map[string]func() any{
	"aws-transcribe": func() any { return new(awsResult) },
	"calltrust-json": func() any { return new(ownCall) },
	"assemblyai":     func() any { return new(assemblyAIFile) },
	"azure-batch":    func() any { return new(struct{ RecognizedPhrases []azurePhrase }) },
	"contact-lens":   func() any { return new(contactLensFile) },
	"deepgram":       func() any { return new(deepgramFile) },
	"google-stt":     func() any { return new(googleFile) },
	"whisper":        func() any { return new(whisperFile) },
	"whisper-list":   func() any { return new([]whisperSegment) },
}

// FuzzDecodeJSON checks that decodeJSON decodes exactly what encoding/json
// does, into every type the parsers use: the same values, and an error
// exactly when encoding/json gives one.
func FuzzDecodeJSON(f *testing.F) {
	paths, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "formats", "*", "*.json"))
	broken, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "broken*", "*.json"))
	for _, path := range append(paths, broken...) {
		data, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range []string{`{"results":{"items":[{"start_time":1.5,"end_time":"2"}]}}`, `{"turns":[{"start":"1"}]}`, `[{"start":1}]`, `{"a":1,"A":2}`, `{"turns":null}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for name, target := range jsonTargets {
			got, want := target(), target()
			errGot, errWant := decodeJSON(data, got), json.Unmarshal(data, want)
			if (errGot == nil) != (errWant == nil) {
				t.Fatalf("%s: decodeJSON error %v, encoding/json error %v", name, errGot, errWant)
			}
			if errGot != nil && errGot.Error() != errWant.Error() {
				t.Fatalf("%s: decodeJSON error %q, encoding/json error %q", name, errGot, errWant)
			}
			if errGot == nil && !reflect.DeepEqual(got, want) {
				t.Fatalf("%s: decodeJSON gave %+v, encoding/json %+v", name, got, want)
			}
		}
	})
}
