package worker

import (
	"context"
	"path/filepath"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/calltrust/calltrust/analyze"
	"github.com/calltrust/calltrust/queue"
)

// listed runs ListSource over a store and returns every object it gives,
// by key.
func listed(t *testing.T, s Store) map[string]queue.Object {
	t.Helper()
	out := map[string]queue.Object{}
	err := ListSource(s)(context.Background(), func(o queue.Object) error {
		if _, dup := out[o.Key]; dup {
			t.Errorf("%s listed twice", o.Key)
		}
		out[o.Key] = o
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestListSourceMarksTranscriptsWithoutSidecars(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"a.vtt": "", "a.vtt-2.vtt": "", "a.vtt.meta.json": "{}", // a key between a transcript and its sidecar
		"b.srt":   "",
		"c/d.txt": "", "c/d.txt.meta.json": "{}",
		"c/e.txt":         "",
		"f.vtt.meta.json": "{}", // a sidecar without its transcript
		"g.json":          "", "g.json.meta.json": "{}",
		"notes.pdf": "",
	}
	writeFiles(t, dir, files)
	got := listed(t, NewLocalStore(dir))
	if len(got) != len(files) {
		t.Errorf("listed %d objects, want %d: %v", len(got), len(files), got)
	}
	want := map[string]bool{ // transcript -> the listing holds its sidecar
		"a.vtt": true, "a.vtt-2.vtt": false, "b.srt": false, "c/d.txt": true, "c/e.txt": false, "g.json": true,
	}
	for key, o := range got {
		has, transcript := want[key]
		if o.Transcript != transcript {
			t.Errorf("%s: Transcript = %v, want %v", key, o.Transcript, transcript)
		}
		if o.NoSidecar != (transcript && !has) {
			t.Errorf("%s: NoSidecar = %v, want %v", key, o.NoSidecar, transcript && !has)
		}
		if o.Sidecar != (filepath.Ext(key) == ".json" && key != "g.json") {
			t.Errorf("%s: Sidecar = %v", key, o.Sidecar)
		}
	}
}

// unorderedStore lists a folder store's keys in reverse, which no store
// does: ListSource must then mark no transcript.
type unorderedStore struct{ *LocalStore }

func (s unorderedStore) List(ctx context.Context, prefix string, fn func(Object) error) error {
	var all []Object
	if err := s.LocalStore.List(ctx, prefix, func(o Object) error { all = append(all, o); return nil }); err != nil {
		return err
	}
	for _, o := range slices.Backward(all) {
		if err := fn(o); err != nil {
			return err
		}
	}
	return nil
}

func TestListSourceOutOfOrderMarksNothing(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.vtt": "", "a.vtt.meta.json": "{}", "b.vtt": "", "c.vtt": ""})
	got := listed(t, unorderedStore{NewLocalStore(dir)})
	if len(got) != 4 {
		t.Fatalf("listed %v, want 4 objects", got)
	}
	for key, o := range got {
		if o.NoSidecar {
			t.Errorf("%s marked as having no sidecar in a listing out of key order", key)
		}
	}
}

// TestWorkerAsksOnlyForListedSidecars runs a batch and counts the reads:
// the sidecar the listing holds is read and applied, and no request is
// made for the sidecar of a transcript listed without one.
func TestWorkerAsksOnlyForListedSidecars(t *testing.T) {
	src, out := t.TempDir(), t.TempDir()
	writeFiles(t, src, map[string]string{
		"acme.txt": testCalls["acme.txt"], "acme.txt.meta.json": testCalls["acme.txt.meta.json"],
		"west/beta.txt": testCalls["west/beta.txt"],
	})
	p := newPipeline(t, src, out)
	counted := &flakyStore{
		Store: NewLocalStore(src),
		fails: map[string]int{},
		attempts: map[string]*atomic.Int32{
			"acme.txt.meta.json": {}, "west/beta.txt.meta.json": {}, "west/beta.txt": {},
		},
	}
	p.h.Stores.m[src] = counted
	p.enqueue(t, queue.DefaultOptions())
	p.start(t, ServerConfig{})
	p.wait(t, 30*time.Second)

	var s Summary
	readJSON(t, filepath.Join(out, "b1", SummaryJSON), &s)
	if s.Reported != 2 || s.Failed != 0 {
		t.Fatalf("reported %d failed %d, want 2 and 0", s.Reported, s.Failed)
	}
	for key, want := range map[string]int32{"acme.txt.meta.json": 1, "west/beta.txt.meta.json": 0, "west/beta.txt": 1} {
		if got := counted.attempts[key].Load(); got != want {
			t.Errorf("%s read %d times, want %d", key, got, want)
		}
	}
	var r analyze.Report
	readJSON(t, filepath.Join(out, "b1", "acme.txt.json"), &r)
	if r.Call.Rep != "Dana Reyes" || r.Call.Account != "Acme" {
		t.Errorf("acme.txt report: rep %q account %q; want the sidecar's", r.Call.Rep, r.Call.Account)
	}
}
