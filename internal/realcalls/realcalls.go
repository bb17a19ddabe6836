// Package realcalls finds, for tests, the labelled calls of other people
// kept beside the repository in ../shared/realcalls. They are read in
// place and never copied into the project. A test that needs them fails
// under CI=true when they are missing, and is skipped elsewhere.
package realcalls

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// Label is the part of a labels.json entry that says which file it is and
// who is on which side, as the file names them.
type Label struct {
	File             string   `json:"file"`
	SellerSpeakers   []string `json:"seller_speakers"`
	CustomerSpeakers []string `json:"customer_speakers"`
}

// Dir returns the real calls' folder: shared/realcalls beside the
// repository that holds the test's working directory.
func Dir(tb testing.TB) string {
	tb.Helper()
	root, err := repoRoot()
	if err != nil {
		tb.Fatal(err)
	}
	dir := filepath.Join(filepath.Dir(root), "shared", "realcalls")
	if _, err := os.Stat(filepath.Join(dir, "labels.json")); err != nil {
		if errors.Is(err, fs.ErrNotExist) && os.Getenv("CI") != "true" {
			tb.Skipf("real calls not found at %s (they sit beside the repository as shared/realcalls)", dir)
		}
		tb.Fatalf("real calls missing: %v", err)
	}
	return dir
}

// Labels reads the real calls' labels.json and returns the folder too.
func Labels(tb testing.TB) (string, []Label) {
	tb.Helper()
	dir := Dir(tb)
	data, err := os.ReadFile(filepath.Join(dir, "labels.json"))
	if err != nil {
		tb.Fatal(err)
	}
	var labels []Label
	if err := json.Unmarshal(data, &labels); err != nil {
		tb.Fatalf("%s: %v", filepath.Join(dir, "labels.json"), err)
	}
	if len(labels) == 0 {
		tb.Fatalf("%s holds no labels", filepath.Join(dir, "labels.json"))
	}
	return dir, labels
}

// ByFile indexes labels by their file.
func ByFile(labels []Label) map[string]Label {
	out := make(map[string]Label, len(labels))
	for _, l := range labels {
		out[l.File] = l
	}
	return out
}

// repoRoot walks up from the working directory to the folder with go.mod.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory")
		}
		dir = parent
	}
}
