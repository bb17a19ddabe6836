package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const uploadCall = `Dana: Hi Mark, thanks for making the time today.
Mark: Sure. What did you want to cover?
Dana: How your team closes the books each month, and where it hurts.
Mark: Mostly the reconciliations. They take a week.
`

// uploadRun runs calltrust upload with args and an environment map.
func uploadRun(t *testing.T, environ map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdout: &out, stderr: &errb, stdin: strings.NewReader(""), getenv: func(k string) string { return environ[k] }}
	code := run(e, append([]string{"upload"}, args...))
	return code, out.String(), errb.String()
}

// uploadFiles writes files (name -> body) under dir.
func uploadFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// listed returns the files under dir, relative and slash-separated.
func listed(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	_ = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	return out
}

func TestUploadToFolder(t *testing.T) {
	src, dest := t.TempDir(), filepath.Join(t.TempDir(), "calls", "2026-11-21")
	uploadFiles(t, src, map[string]string{
		"good.txt":                  uploadCall,
		"good.txt.meta.json":        `{"rep":"Dana","seller_speakers":["Dana"],"call_type":"discovery"}`,
		"solo.txt":                  "Dana: Hello? Is anyone there?\nDana: I will call back later.\nDana: Bye now.\n",
		"pitch.txt":                 "Dana: Hello? Is anyone there?\nDana: I will call back later.\nDana: Bye now.\n",
		"pitch.txt.meta.json":       `{"call_type":"practice"}`,
		"empty.vtt":                 "",
		"binary.srt":                "\x00\x01\x02 not text",
		"wrongmeta.txt":             uploadCall,
		"wrongmeta.txt.meta.json":   `{"seller_speakers":["Nobody"]}`,
		"badmeta.txt":               uploadCall,
		"badmeta.txt.meta.json":     `{"date":"21/11/2026"}`,
		"notes.pdf":                 "%PDF",
		"team/east/a.txt":           uploadCall,
		"team/east/a.txt.meta.json": `{"rep":"Dana"}`,
		"team/west/b.md":            uploadCall,
		"team/west/readme.pdf":      "not a transcript",
	})
	in := func(name string) string { return filepath.Join(src, name) }
	// Flags after the positional arguments, as DESIGN.md requires.
	code, out, errs := uploadRun(t, nil, in("good.txt"), in("solo.txt"), in("pitch.txt"), in("empty.vtt"), in("binary.srt"),
		in("wrongmeta.txt"), in("badmeta.txt"), in("notes.pdf"), in("team"), dest, "--region", "eu-west-1")
	if code != 1 {
		t.Fatalf("exit %d; want 1 (some refused)\nstdout:\n%s\nstderr:\n%s", code, out, errs)
	}
	want := []string{"east/a.txt", "east/a.txt.meta.json", "good.txt", "good.txt.meta.json", "pitch.txt", "pitch.txt.meta.json", "west/b.md"}
	if got := listed(t, dest); !slices.Equal(got, want) {
		t.Errorf("destination holds %q; want %q", got, want)
	}
	got, err := os.ReadFile(filepath.Join(dest, "good.txt.meta.json"))
	if err != nil || !strings.Contains(string(got), `"rep":"Dana"`) {
		t.Errorf("sidecar = %q, %v", got, err)
	}
	for _, line := range []string{
		"uploaded " + in("good.txt") + " -> good.txt with its sidecar",
		"uploaded " + in("team/east/a.txt") + " -> east/a.txt with its sidecar",
		"uploaded " + in("team/west/b.md") + " -> west/b.md\n",
		"refused  " + in("solo.txt") + ": " + in("solo.txt") + ": not a conversation",
		"uploaded " + in("pitch.txt") + " -> pitch.txt with its sidecar",
		"refused  " + in("empty.vtt") + ": parse " + in("empty.vtt"),
		"refused  " + in("binary.srt") + ": parse " + in("binary.srt"),
		"refused  " + in("wrongmeta.txt") + ": " + in("wrongmeta.txt.meta.json") + ": bad sidecar",
		"refused  " + in("badmeta.txt") + ": parse " + in("badmeta.txt.meta.json"),
		"skipped  " + in("notes.pdf") + ": not a transcript",
		"uploaded 4, refused 5, failed 0, skipped 1 (destination " + dest + ")",
	} {
		if !strings.Contains(out, line) {
			t.Errorf("output lacks %q:\n%s", line, out)
		}
	}
	if !strings.Contains(errs, "5 of 9 transcripts not uploaded") {
		t.Errorf("stderr %q lacks the refusal count", errs)
	}
	if strings.Contains(out+errs, "reconciliations") {
		t.Error("output quotes a transcript")
	}
}

func TestUploadAllGood(t *testing.T) {
	src, dest := t.TempDir(), t.TempDir()
	uploadFiles(t, src, map[string]string{"a.txt": uploadCall, "b.txt": uploadCall})
	code, out, errs := uploadRun(t, nil, filepath.Join(src, "a.txt"), filepath.Join(src, "b.txt"), dest)
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, out, errs)
	}
	if got := listed(t, dest); !slices.Equal(got, []string{"a.txt", "b.txt"}) {
		t.Errorf("destination holds %q", got)
	}
	if !strings.HasSuffix(out, "uploaded 2, refused 0, failed 0, skipped 0 (destination "+dest+")\n") {
		t.Errorf("output:\n%s", out)
	}
}

func TestUploadRefusals(t *testing.T) {
	src := t.TempDir()
	uploadFiles(t, src, map[string]string{
		"a.txt":           uploadCall,
		"a.txt.meta.json": `{"rep":"Dana"}`,
		"x/a.txt":         uploadCall,
	})
	for _, tc := range []struct {
		name    string
		environ map[string]string
		args    []string
		code    int
		out     string // in stdout, or stderr for usage errors
		files   []string
	}{
		{"dry run writes nothing", nil, []string{"--dry-run", "a.txt"}, 0, "would upload 1, refused 0", nil},
		{"size cap from the environment", map[string]string{"CALLTRUST_MAX_BYTES": "20"}, []string{"a.txt"}, 1,
			"over the --max-bytes cap of 20", nil},
		{"same key twice", nil, []string{"a.txt", "x/a.txt"}, 1, "it would be uploaded as a.txt, like", []string{"a.txt", "a.txt.meta.json"}},
		{"sidecar named alone", nil, []string{"a.txt.meta.json"}, 0, "a sidecar is uploaded with its transcript", nil},
		{"no destination", nil, nil, 2, "need at least one file or folder and a destination", nil},
		{"destination is a transcript", nil, []string{"a.txt", "b.txt"}, 2, "looks like a transcript", nil},
		{"destination is a file", nil, []string{"x/a.txt", "a.txt"}, 2, "is a file", nil},
		{"missing file", nil, []string{"nope.txt"}, 1, "nope.txt", nil},
		{"bad sse", nil, []string{"a.txt", "s3://bucket/p/", "--sse", "rot13"}, 1, "not AES256 or aws:kms", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dest := filepath.Join(t.TempDir(), "dest")
			args := slices.Clone(tc.args)
			for i, a := range args {
				if strings.HasSuffix(a, ".txt") || strings.HasSuffix(a, ".json") {
					args[i] = filepath.Join(src, a)
				}
			}
			if tc.code != 2 && !slices.ContainsFunc(args, func(a string) bool { return strings.HasPrefix(a, "s3://") }) {
				args = append(args, dest)
			}
			code, out, errs := uploadRun(t, tc.environ, args...)
			if code != tc.code || !strings.Contains(out+errs, tc.out) {
				t.Fatalf("exit %d; want %d with %q\nstdout:\n%s\nstderr:\n%s", code, tc.code, tc.out, out, errs)
			}
			if got := listed(t, dest); !slices.Equal(got, tc.files) {
				t.Errorf("destination holds %q; want %q", got, tc.files)
			}
		})
	}
}

func TestUploadHelpListsStoreFlags(t *testing.T) {
	code, _, errs := uploadRun(t, nil, "--help")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, f := range []string{"--endpoint", "--path-style", "--region", "--sse\t", "--sse-kms-key-id", "CALLTRUST_SSE_KMS_KEY_ID", "--max-bytes", "--dry-run"} {
		if !strings.Contains(errs, f) {
			t.Errorf("help lacks %q:\n%s", f, errs)
		}
	}
}
