package main

// The trends tests over a folder (trends_test.go) and over MinIO
// (trends_minio_test.go) share what is here: five nightly batches one day
// apart run with the embedded `run`, a lexicon change between two of them,
// two of them finishing at once, and the checks of trends.json against
// figures computed again from the stored batch summaries.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"sync"
	"testing"

	"github.com/calltrust/calltrust/analyze"
	"github.com/calltrust/calltrust/worker"
	"github.com/calltrust/calltrust/worker/pages"
)

// hostileRep is a rep name that carries markup; every page must show it
// as text.
const hostileRep = `<script>alert("rep")</script> Ola`

// lexiconsEditedAt is the index of the first batch run with the edited
// lexicon set.
const lexiconsEditedAt = 2

// trendDay writes one day's calls: Dana overpromises more each day, Ola
// (with markup in the name) keeps to plain questions.
func trendDay(t *testing.T, day int) string {
	t.Helper()
	dir := t.TempDir()
	date := fmt.Sprintf("2026-03-%02d", day)
	for i := range day {
		name := fmt.Sprintf("dana-%d.txt", i)
		writeFile(t, dir, name, demoCall)
		writeFile(t, dir, name+".meta.json", fmt.Sprintf(`{"rep": "Dana Reyes", "account": "Mark & Co", "date": %q}`, date))
	}
	writeFile(t, dir, "dana-plain.txt", batchFiles["west/renewal.txt"])
	writeFile(t, dir, "dana-plain.txt.meta.json", fmt.Sprintf(`{"rep": "Dana Reyes", "date": %q}`, date))
	writeFile(t, dir, "ola.txt", batchFiles["west/renewal.txt"])
	rep, _ := json.Marshal(hostileRep)
	writeFile(t, dir, "ola.txt.meta.json", fmt.Sprintf(`{"rep": %s, "date": %q}`, rep, date))
	return dir
}

// trendBatch names the batch of a day.
func trendBatch(day int) string { return fmt.Sprintf("nightly-2026-03-%02d", day) }

// runDay runs one day's batch into out. It returns an error rather than
// failing the test, so that it can run on a goroutine of its own.
func runDay(t *testing.T, src, out string, day int, extra ...string) error {
	args := append([]string{"run", src, "--out", out, "--batch", trendBatch(day), "--no-progress"}, extra...)
	if code, stdout, stderr := runCmd(t, nil, args...); code != 0 {
		return fmt.Errorf("run day %d: exit %d\n%s\n%s", day, code, stdout, stderr)
	}
	return nil
}

// editedLexicons exports the built-in lexicons and edits one file, so the
// set's version differs from the built-in one.
func editedLexicons(t *testing.T) string {
	t.Helper()
	lex := filepath.Join(t.TempDir(), "lex")
	if code, _, stderr := runCmd(t, nil, "lexicons", "export", lex); code != 0 {
		t.Fatalf("lexicons export: %s", stderr)
	}
	yamls, _ := filepath.Glob(filepath.Join(lex, "*.yaml"))
	if len(yamls) == 0 {
		t.Fatalf("lexicons export wrote no yaml files into %s", lex)
	}
	f, err := os.OpenFile(yamls[0], os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString("\n# edited for the trends test\n"); err != nil {
		t.Fatal(err)
	}
	return lex
}

// runTrendBatches runs five nightly batches into out, with the extra
// flags: days 1 and 2 with the built-in lexicons, day 3 with an edited
// set, and days 4 and 5 with the edited set at the same time, so that
// they finish together. It returns the batch IDs, oldest first.
func runTrendBatches(t *testing.T, out string, extra ...string) []string {
	t.Helper()
	lex := editedLexicons(t)
	var ids []string
	srcs := map[int]string{}
	for day := 1; day <= 5; day++ {
		ids = append(ids, trendBatch(day))
		srcs[day] = trendDay(t, day)
	}
	for day := 1; day <= 3; day++ {
		flags := extra
		if day-1 >= lexiconsEditedAt {
			flags = append(slices.Clone(extra), "--lexicons", lex)
		}
		if err := runDay(t, srcs[day], out, day, flags...); err != nil {
			t.Fatal(err)
		}
	}
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i, day := range []int{4, 5} {
		wg.Go(func() { errs[i] = runDay(t, srcs[day], out, day, append(slices.Clone(extra), "--lexicons", lex)...) })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	return ids
}

// readTrends reads and decodes trends/trends.json from the reports store.
func readTrends(t *testing.T, st worker.Store) (*pages.Trends, []byte) {
	t.Helper()
	data, err := st.Get(t.Context(), pages.TrendsDir+"/trends.json", 16<<20)
	if err != nil {
		t.Fatalf("read trends.json: %v", err)
	}
	var got pages.Trends
	if err := json.Unmarshal(data, &got); err != nil {
		t.Fatalf("trends.json: %v", err)
	}
	return &got, data
}

// series is one rep's, or the team's, figures in one batch, computed from
// the summary's rows.
type series struct {
	calls   int
	flagged map[analyze.Kind]int
	trust   []float64
}

func (s *series) add(r worker.Row) {
	s.calls++
	s.trust = append(s.trust, r.Trustworthiness)
	kinds := map[analyze.Kind]bool{}
	for _, f := range r.Flags {
		kinds[f.Kind] = true
	}
	for k := range kinds {
		s.flagged[k]++
	}
}

func (s *series) median() float64 {
	ts := slices.Clone(s.trust)
	sort.Float64s(ts)
	if len(ts)%2 == 1 {
		return ts[len(ts)/2]
	}
	return (ts[len(ts)/2-1] + ts[len(ts)/2]) / 2
}

// compare reports where got's batch i differs from s.
func (s *series) compare(t *testing.T, who, batch string, got pages.TrendSeries, i int) {
	t.Helper()
	if got.Calls[i] != s.calls {
		t.Errorf("%s %s: calls = %d, want %d", who, batch, got.Calls[i], s.calls)
	}
	for _, k := range analyze.Kinds {
		want := float64(s.flagged[k]) / float64(s.calls)
		if r := got.Rates[k][i]; r == nil || *r != want {
			t.Errorf("%s %s: %s rate = %v, want %v (%d of %d calls)", who, batch, k, deref(r), want, s.flagged[k], s.calls)
		}
	}
	if m := got.Median[i]; m == nil || *m != s.median() {
		t.Errorf("%s %s: median trustworthiness = %v, want %v", who, batch, deref(m), s.median())
	}
}

func deref(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}

// reach fails the test when key is not in the store.
func reach(t *testing.T, st worker.Store, what, key string) {
	t.Helper()
	if _, err := st.Get(t.Context(), key, 64<<20); err != nil {
		t.Errorf("%s: link %s does not reach a stored page: %v", what, key, err)
	}
}

// checkTrends checks the trends in the reports store against the batch
// summaries stored beside them: the batches (both that finished at once
// included), the lexicon-change marker, every rep's and the team's
// figures per batch, the worst mover, and that every link reaches a page.
func checkTrends(t *testing.T, st worker.Store, want []string) (*pages.Trends, []byte) {
	t.Helper()
	got, data := readTrends(t, st)
	var ids []string
	for _, b := range got.Batches {
		ids = append(ids, b.Batch)
	}
	if !slices.Equal(ids, want) {
		t.Fatalf("trends batches = %v, want %v (both concurrent batches included)", ids, want)
	}

	var summaries []*worker.Summary
	for _, id := range want {
		b, err := st.Get(t.Context(), id+"/"+worker.SummaryJSON, 16<<20)
		if err != nil {
			t.Fatal(err)
		}
		var s worker.Summary
		if err := json.Unmarshal(b, &s); err != nil {
			t.Fatalf("%s/%s: %v", id, worker.SummaryJSON, err)
		}
		summaries = append(summaries, &s)
	}
	for i, b := range got.Batches {
		wantChange := i == lexiconsEditedAt
		if b.LexiconsChanged != wantChange {
			t.Errorf("batch %s: lexicons_changed = %v, want %v", b.Batch, b.LexiconsChanged, wantChange)
		}
		if i > 0 {
			differ := !slices.Equal(summaries[i].LexiconsVersions, summaries[i-1].LexiconsVersions)
			if differ != wantChange {
				t.Errorf("summaries %s and %s: lexicons_versions %v and %v; the edit should change them only at batch %d",
					want[i-1], want[i], summaries[i-1].LexiconsVersions, summaries[i].LexiconsVersions, lexiconsEditedAt)
			}
		}
		reach(t, st, "batch "+b.Batch, path.Join(pages.TrendsDir, b.Href))
	}

	reps := map[string]pages.RepTrend{}
	for _, r := range got.Reps {
		reps[r.Rep] = r
		if len(r.Calls) != len(want) {
			t.Errorf("%s: %d batches of calls, want %d", r.Rep, len(r.Calls), len(want))
		}
		reach(t, st, "rep "+r.Rep, path.Join(pages.TrendsDir, r.Page))
		for _, c := range r.Flagged {
			reach(t, st, r.Rep+" call "+c.Call, path.Join(pages.TrendsDir, c.Href))
		}
	}
	for i, s := range summaries {
		team := &series{flagged: map[analyze.Kind]int{}}
		byRep := map[string]*series{}
		for _, r := range s.Rows {
			if r.Status != worker.RowReported {
				continue
			}
			if r.Rep == "" {
				t.Fatalf("%s: call %s has no rep; the fixture gives every call one", s.Batch, r.Call)
			}
			if byRep[r.Rep] == nil {
				byRep[r.Rep] = &series{flagged: map[analyze.Kind]int{}}
			}
			byRep[r.Rep].add(r)
			team.add(r)
		}
		if team.calls == 0 {
			t.Fatalf("%s: no reported call", s.Batch)
		}
		team.compare(t, "team", s.Batch, got.Team, i)
		for rep, sr := range byRep {
			rt, ok := reps[rep]
			if !ok {
				t.Fatalf("trends lack rep %q", rep)
			}
			sr.compare(t, rep, s.Batch, rt.TrendSeries, i)
		}
	}
	if len(got.Reps) == 0 || got.Reps[0].Rep != "Dana Reyes" || got.Reps[0].MoveBy == "" {
		t.Errorf("worst mover = %+v, want Dana Reyes, whose overpromise rate rose", got.Reps[0])
	}
	return got, data
}

// heldPuts is a reports store whose first Put waits until release is
// closed, and says on held that it has started waiting.
type heldPuts struct {
	worker.Store
	once    sync.Once
	held    chan struct{}
	release chan struct{}
}

func (h *heldPuts) Put(ctx context.Context, key string, data []byte, ctype string) error {
	h.once.Do(func() {
		close(h.held)
		<-h.release
	})
	return h.Store.Put(ctx, key, data, ctype)
}

// checkUpdatesAtOnce makes two trends updates overlap in the worst order
// and checks that neither batch is lost: batch A's summary is stored and
// its update reads the summaries, then holds its writes; batch B's summary
// is stored and its update runs to the end; then A's stale writes land
// last. The new batches copy the newest summary in st under the IDs a and
// b, so this check changes the store and runs last.
func checkUpdatesAtOnce(t *testing.T, st worker.Store, newest, a, b string) {
	t.Helper()
	ctx := t.Context()
	putSummaryAs := func(id string) {
		t.Helper()
		var s worker.Summary
		data, err := st.Get(ctx, newest+"/"+worker.SummaryJSON, 16<<20)
		if err == nil {
			err = json.Unmarshal(data, &s)
		}
		if err != nil {
			t.Fatalf("read %s summary: %v", newest, err)
		}
		s.Batch = id
		if data, err = json.Marshal(s); err != nil {
			t.Fatal(err)
		}
		if err := st.Put(ctx, id+"/"+worker.SummaryJSON, data, "application/json"); err != nil {
			t.Fatal(err)
		}
	}
	putSummaryAs(a)
	held := &heldPuts{Store: st, held: make(chan struct{}), release: make(chan struct{})}
	done := make(chan error, 1)
	go func() {
		_, err := worker.UpdateTrends(ctx, held, 0)
		done <- err
	}()
	<-held.held
	putSummaryAs(b)
	if _, err := worker.UpdateTrends(ctx, st, 0); err != nil {
		t.Fatalf("update for %s: %v", b, err)
	}
	close(held.release)
	if err := <-done; err != nil {
		t.Fatalf("update for %s: %v", a, err)
	}
	got, _ := readTrends(t, st)
	var ids []string
	for _, bt := range got.Batches {
		ids = append(ids, bt.Batch)
	}
	if !slices.Contains(ids, a) || !slices.Contains(ids, b) {
		t.Errorf("after two updates at once the trends hold %v: want both %s and %s", ids, a, b)
	}
}
