package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runCmd runs calltrust with args and returns exit code, stdout, stderr.
func runCmd(t *testing.T, environ map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdout: &out, stderr: &errb, stdin: strings.NewReader(""), getenv: func(k string) string { return environ[k] }}
	code := run(e, args)
	return code, out.String(), errb.String()
}

const demoCall = `Dana: Hi Mark, this is Dana from Ledgerly. Just checking in!
Mark: Hi. Can you guarantee the savings?
Dana: I can't guarantee a number, but I promise you'll love it. Write to dana@ledgerly.io.
Mark: Send me some information.
Dana: Will do, talk soon.
`

func writeFile(t *testing.T, dir, name, body string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestAnalyzeCommand(t *testing.T) {
	dir := t.TempDir()
	f := writeFile(t, dir, "call.txt", demoCall)
	t.Run("text", func(t *testing.T) {
		code, out, errs := runCmd(t, nil, "analyze", f)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
		for _, want := range []string{"OVERPROMISE", "NO_BUSINESS_REASON", `"I can't guarantee a number, but I promise you'll love it."`, "Trust = ", "seller side: Dana"} {
			if !strings.Contains(out, want) {
				t.Errorf("output lacks %q:\n%s", want, out)
			}
		}
	})
	t.Run("json with flags after the file and redaction", func(t *testing.T) {
		code, out, errs := runCmd(t, nil, "analyze", f, "--json", "--redact")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
		var r struct {
			Flags []struct{ Kind string } `json:"flags"`
			Roles struct{ Source string } `json:"roles"`
		}
		if err := json.Unmarshal([]byte(out), &r); err != nil {
			t.Fatal(err)
		}
		if len(r.Flags) == 0 || r.Roles.Source != "inference" {
			t.Errorf("report %+v", r)
		}
		if strings.Contains(out, "dana@ledgerly.io") {
			t.Error("--redact left the e-mail address in")
		}
	})
	t.Run("seller flag from the environment", func(t *testing.T) {
		code, out, _ := runCmd(t, map[string]string{"CALLTRUST_SELLER": "Mark"}, "analyze", "--json", f)
		if code != 0 || !strings.Contains(out, `"source": "flag"`) || !strings.Contains(out, `"seller": [
      "Mark"`) {
			t.Errorf("exit %d, roles not from the flag:\n%s", code, out)
		}
	})
	t.Run("sidecar", func(t *testing.T) {
		writeFile(t, dir, "call.txt.meta.json", `{"rep":"Dana Park","seller_speakers":["Dana"],"call_type":"cold"}`)
		defer os.Remove(f + ".meta.json")
		_, out, _ := runCmd(t, nil, "analyze", "--json", f)
		if !strings.Contains(out, `"source": "sidecar"`) || !strings.Contains(out, `"rep": "Dana Park"`) {
			t.Errorf("sidecar not applied:\n%s", out)
		}
	})
	t.Run("errors name the file", func(t *testing.T) {
		empty := writeFile(t, dir, "empty.vtt", "")
		code, _, errs := runCmd(t, nil, "analyze", empty)
		if code != 1 || !strings.Contains(errs, "empty.vtt") || !strings.Contains(errs, "empty file") {
			t.Errorf("exit %d: %s", code, errs)
		}
		one := writeFile(t, dir, "one.txt", "Dana: hello there.\nDana: anyone?\n")
		code, _, errs = runCmd(t, nil, "analyze", one)
		if code != 1 || !strings.Contains(errs, "one.txt") || !strings.Contains(errs, "--practice") {
			t.Errorf("exit %d: %s", code, errs)
		}
		if code, _, _ := runCmd(t, nil, "analyze", one, "--practice"); code != 0 {
			t.Errorf("--practice: exit %d", code)
		}
	})
}

func TestLexiconsCommand(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "lex")
	if code, _, errs := runCmd(t, nil, "lexicons", "export", dir); code != 0 {
		t.Fatalf("export: %s", errs)
	}
	if code, out, errs := runCmd(t, nil, "lexicons", "check", dir); code != 0 || !strings.Contains(out, "ok") {
		t.Fatalf("check: %d %s %s", code, out, errs)
	}
	if code, out, errs := runCmd(t, nil, "lexicons", "test", dir); code != 0 || !strings.Contains(out, "passed") {
		t.Fatalf("test: %d %s %s", code, out, errs)
	}
	// An example that no longer matches fails loudly with file and line.
	p := filepath.Join(dir, "overpromise.yaml")
	b, _ := os.ReadFile(p)
	os.WriteFile(p, bytes.Replace(b, []byte(`"It never goes down, ever."`), []byte(`"It rarely goes down."`), 1), 0o644)
	code, out, errs := runCmd(t, nil, "lexicons", "test", dir)
	if code != 1 || !strings.Contains(out, "overpromise.yaml:") || !strings.Contains(out, "must match but did not") || !strings.Contains(errs, "1 of") {
		t.Errorf("broken example: exit %d\n%s\n%s", code, out, errs)
	}
	// A custom set is used by analyze and stamped in the report.
	f := writeFile(t, t.TempDir(), "c.txt", demoCall)
	_, def, _ := runCmd(t, nil, "analyze", "--json", f)
	_, custom, _ := runCmd(t, nil, "analyze", "--json", "--lexicons", dir, f)
	if def == custom {
		t.Error("--lexicons did not change the lexicons version")
	}
	os.WriteFile(filepath.Join(dir, "pitch.yaml"), []byte("concern: pitch\nentries:\n  - id: x\n"), 0o644)
	code, _, errs = runCmd(t, nil, "lexicons", "check", dir)
	if code != 1 || !strings.Contains(errs, "pitch.yaml:3") {
		t.Errorf("check of a bad file: exit %d %s", code, errs)
	}
}
