package testservers

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLookup checks where Lookup finds a binary and what its error says
// when it finds none.
func TestLookup(t *testing.T) {
	dir := t.TempDir()
	inCache := filepath.Join(dir, "cache", "fake-server-cached")
	onPath := filepath.Join(dir, "path", "fake-server")
	for _, p := range []string{inCache, onPath} {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("#!/bin/sh\n"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	cases := []struct {
		name    string
		env     string
		names   []string
		want    string
		wantErr string
	}{
		{name: "variable wins", env: onPath, names: []string{"fake-server-cached"}, want: onPath},
		{name: "variable naming nothing", env: filepath.Join(dir, "gone"), names: []string{"fake-server"}, wantErr: "CALLTRUST_FAKE_SERVER=" + filepath.Join(dir, "gone")},
		{name: "on PATH", names: []string{"fake-server"}, want: onPath},
		{name: "in the cache", names: []string{"missing-name", "fake-server-cached"}, want: inCache},
		{name: "nowhere", names: []string{"missing-name"}, wantErr: "missing-name not found (not in CALLTRUST_FAKE_SERVER, on PATH or in " + filepath.Join(dir, "cache") + ")"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("CALLTRUST_FAKE_SERVER", tc.env)
			t.Setenv("PATH", filepath.Dir(onPath))
			t.Setenv("CALLTRUST_CACHE", filepath.Dir(inCache))
			got, err := Lookup("CALLTRUST_FAKE_SERVER", tc.names...)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("Lookup = %q, %v; want an error containing %q", got, err, tc.wantErr)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Errorf("Lookup = %q, %v; want %q", got, err, tc.want)
			}
		})
	}
}
