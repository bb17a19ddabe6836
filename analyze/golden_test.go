package analyze

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/calltrust/calltrust/analyze/transcript"
	"github.com/calltrust/calltrust/lexicons"
)

var update = flag.Bool("update", false, "rewrite the golden reports in testdata/golden")

// TestGoldenReports analyzes the bundled example calls and compares each
// report byte for byte with testdata/golden. Run with -update after an
// intended change and review the diff.
func TestGoldenReports(t *testing.T) {
	var files []string
	filepath.WalkDir("../testdata/calls", func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && !strings.HasSuffix(p, transcript.MetaSuffix) {
			files = append(files, p)
		}
		return nil
	})
	if len(files) < 5 {
		t.Fatalf("testdata/calls has %d calls, want at least 5", len(files))
	}
	for _, f := range files {
		rel, _ := filepath.Rel("../testdata/calls", f)
		t.Run(rel, func(t *testing.T) {
			c, err := readCallFile(f)
			if err != nil {
				t.Fatal(err)
			}
			c.ID, c.Source = filepath.ToSlash(rel), filepath.ToSlash(rel)
			r, err := Analyze(c, lexicons.Default(), Options{})
			if err != nil {
				t.Fatal(err)
			}
			r.LexiconsVersion = "(built-in)" // the golden files follow lexicon edits through their content
			got, _ := json.MarshalIndent(r, "", "  ")
			golden := filepath.Join("../testdata/golden", strings.ReplaceAll(filepath.ToSlash(rel), "/", "__")+".json")
			if *update {
				os.MkdirAll(filepath.Dir(golden), 0o755)
				if err := os.WriteFile(golden, append(got, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./analyze -run Golden -update)", err)
			}
			if !bytes.Equal(append(got, '\n'), want) {
				t.Errorf("report differs from %s; run with -update and review the diff", golden)
			}
		})
	}
}
