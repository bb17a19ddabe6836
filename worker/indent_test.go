package worker

import (
	"bytes"
	"encoding/json"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// checkIndented compares appendIndented with json.Indent on JSON that
// json.Compact has stripped of white space, as json.Marshal writes it.
func checkIndented(t *testing.T, doc []byte) {
	t.Helper()
	var compact bytes.Buffer
	if err := json.Compact(&compact, doc); err != nil {
		return // not JSON
	}
	var want bytes.Buffer
	if err := json.Indent(&want, compact.Bytes(), "", "  "); err != nil {
		t.Fatal(err)
	}
	if got := appendIndented(nil, compact.Bytes()); !bytes.Equal(got, want.Bytes()) {
		t.Fatalf("appendIndented(%s):\n%s\njson.Indent:\n%s", compact.Bytes(), got, want.Bytes())
	}
}

// TestIndentedIsJSONIndent checks appendIndented against json.Indent on
// every JSON file in testdata (golden reports and transcripts) and on
// random documents with empty and nested values, escapes and quotes.
func TestIndentedIsJSONIndent(t *testing.T) {
	files := 0
	err := filepath.WalkDir("../testdata", func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".json") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if json.Valid(data) {
			files++
			checkIndented(t, data)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 20 {
		t.Fatalf("only %d JSON files in testdata; is it missing?", files)
	}
	rng := rand.New(rand.NewSource(1))
	strs := []string{"", "a", `q"uote`, `back\slash`, `\"`, `"\\`, "tab\tnew\nline", "<&>", "é✓", "{[,:]}", `\\\"`}
	var value func(depth int) any
	value = func(depth int) any {
		switch n := rng.Intn(7); {
		case n == 0 && depth < 4:
			m := map[string]any{}
			for range rng.Intn(4) {
				m[strs[rng.Intn(len(strs))]] = value(depth + 1)
			}
			return m
		case n == 1 && depth < 4:
			a := []any{}
			for range rng.Intn(4) {
				a = append(a, value(depth+1))
			}
			return a
		case n == 2:
			return rng.Float64() * 100
		case n == 3:
			return rng.Intn(2) == 0
		case n == 4:
			return nil
		default:
			return strs[rng.Intn(len(strs))]
		}
	}
	for range 5000 {
		doc, err := json.Marshal(value(0))
		if err != nil {
			t.Fatal(err)
		}
		checkIndented(t, doc)
	}
}

// TestIndentJSONIsMarshalIndent checks the bytes a one-hour call's
// report is stored as.
func TestIndentJSONIsMarshalIndent(t *testing.T) {
	r, _ := hourReport(t)
	want, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got, err := MarshalReport(r)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, append(want, '\n')) {
		t.Fatalf("MarshalReport differs from json.MarshalIndent:\n%s", got)
	}
}

func FuzzAppendIndented(f *testing.F) {
	f.Add(`{"a":[1,{},[]],"b":"x\"y\\","c":{"d":null}}`)
	f.Add(`[[],[[]],{"":""}]`)
	f.Add(`"\\\\"`)
	f.Fuzz(func(t *testing.T, doc string) {
		checkIndented(t, []byte(doc))
	})
}
