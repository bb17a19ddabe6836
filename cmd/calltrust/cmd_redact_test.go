package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// privateCall holds e-mail addresses, phone numbers and a card number;
// the seller's overpromise quotes two of them.
const privateCall = "Dana: Hi Mark, thanks for taking the call. What made you look at billing tools this quarter?\n" +
	"Mark: Our invoices go out late. Reach me at mark.ito@harborlane.com or on 415-555-0187.\n" +
	"Dana: Our platform will never fail you, guaranteed, so email dana.reyes@ledgerly.io or call +1 (646) 555-0199 today.\n" +
	"Mark: I'm not sure the budget is there for the card 4111 1111 1111 1111 this quarter.\n" +
	"Dana: Great, let's move on to the demo then.\n"

// privateValues are the parts of privateCall --redact masks, as they
// appear in JSON and in HTML.
var privateValues = []string{
	"mark.ito@harborlane.com", "dana.reyes@ledgerly.io",
	"555-0187", "555-0199", "(646)", "&#43;1",
	"4111 1111 1111 1111",
}

// readTree returns the contents of every file under dir by path.
func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		files[p] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestRunRedact(t *testing.T) {
	src := t.TempDir()
	writeFile(t, src, "private.txt", privateCall)
	writeFile(t, src, "ledgerly.txt", demoCall)
	for _, tc := range []struct {
		name   string
		redact bool
	}{
		{"plain", false},
		{"redacted", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "reports")
			args := []string{"run", src, "--out", out, "--batch", "b", "--no-progress"}
			if tc.redact {
				args = append(args, "--redact")
			}
			code, stdout, stderr := runCmd(t, nil, args...)
			if code != 0 || !strings.Contains(stdout, "reported: 2") {
				t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
			}
			files := readTree(t, out)
			for _, f := range []string{"private.txt.json", "private.txt.html", "summary.json", "summary.csv", "index.html"} {
				if _, ok := files[filepath.Join(out, "b", f)]; !ok {
					t.Fatalf("no %s among %d files", f, len(files))
				}
			}
			js, page := files[filepath.Join(out, "b", "private.txt.json")], files[filepath.Join(out, "b", "private.txt.html")]
			if !tc.redact {
				// The values are there to find: the checks below can see them.
				for _, v := range []string{"dana.reyes@ledgerly.io", "555-0199"} {
					if !strings.Contains(js, v) || !strings.Contains(page, v) {
						t.Errorf("without --redact the report lacks %q", v)
					}
				}
				if !strings.Contains(page, "4111 1111 1111 1111") {
					t.Error("without --redact the call page's transcript lacks the card number")
				}
				return
			}
			for p, body := range files {
				for _, v := range privateValues {
					if strings.Contains(body, v) {
						t.Errorf("%s holds %q", p, v)
					}
				}
			}
			if !strings.Contains(js, `"quote": "Our platform will never fail you, guaranteed, so email [email] or call [phone] today."`) {
				t.Errorf("the overpromise quote is not redacted in the JSON:\n%s", js)
			}
			for _, mark := range []string{"[email]", "[phone]", "[card]"} {
				if !strings.Contains(page, mark) {
					t.Errorf("the call page lacks %s", mark)
				}
			}
		})
	}
	t.Run("worker takes --redact", func(t *testing.T) {
		_, _, stderr := runCmd(t, nil, "help", "worker")
		if !strings.Contains(stderr, "--redact") || !strings.Contains(stderr, "CALLTRUST_REDACT") {
			t.Errorf("calltrust help worker lacks --redact:\n%s", stderr)
		}
	})
}
