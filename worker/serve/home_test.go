package serve

import (
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/calltrust/calltrust/worker"
)

// homeRows returns the batch names of the home page's rows, in order.
func homeRows(body string) []string {
	var out []string
	for _, m := range regexp.MustCompile(`<tr data-batch="([^"]*)">`).FindAllStringSubmatch(body, -1) {
		out = append(out, m[1])
	}
	return out
}

func TestHomePage(t *testing.T) {
	dir := t.TempDir()
	st := worker.NewLocalStore(dir)
	older := writeBatch(t, st, "nightly-2026-03-01")
	newer := writeBatch(t, st, "a-rerun")
	writeBatch(t, st, "<b>odd")
	// Summaries written a day apart; the newest first whatever the names.
	day := time.Now().Add(-48 * time.Hour)
	for i, b := range []string{"<b>odd", "nightly-2026-03-01", "a-rerun"} {
		at := day.Add(time.Duration(i) * 24 * time.Hour)
		if err := os.Chtimes(filepath.Join(dir, b, worker.SummaryJSON), at, at); err != nil {
			t.Fatal(err)
		}
	}
	put(t, st, "in-progress/north/harbor.txt.json", []byte("{}"))
	base, _ := startServer(t, st, Access{})

	resp, body := get(t, base+"/", nil)
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "text/html; charset=utf-8" {
		t.Fatalf("GET / = %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	if got, want := strings.Join(homeRows(body), " | "), "a-rerun | nightly-2026-03-01 | &lt;b&gt;odd"; got != want {
		t.Errorf("batches listed %q, want %q (newest summary first, no folder without a summary)", got, want)
	}
	if strings.Contains(body, "<b>odd") {
		t.Error("a folder name is not escaped")
	}
	for _, s := range []*worker.Summary{older, newer} {
		row := regexp.MustCompile(`(?s)<tr data-batch="` + regexp.QuoteMeta(s.Batch) + `">.*?</tr>`).FindString(body)
		cells := regexp.MustCompile(`<td class="n">(\d+)</td>`).FindAllStringSubmatch(row, -1)
		var got []string
		for _, c := range cells {
			got = append(got, c[1])
		}
		want := []string{itoa(s.Calls), itoa(s.Reported), itoa(s.Flagged), itoa(s.Failed), itoa(s.Pending)}
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("%s: counts %v, want calls, reported, flagged, failed, pending %v", s.Batch, got, want)
		}
		if !strings.Contains(row, `href="`+s.Batch+`/"`) {
			t.Errorf("%s: no link to the batch page", s.Batch)
		}
		for kind, n := range s.FlaggedByKind {
			if n > 0 && !strings.Contains(row, string(kind)+" "+itoa(n)) {
				t.Errorf("%s: flag count %s %d not shown", s.Batch, kind, n)
			}
		}
	}
	if strings.Contains(body, `href="trends/"`) {
		t.Error("a trends link without trends/index.html")
	}
	put(t, st, "trends/index.html", []byte("<!doctype html><title>Trends</title>"))
	_, body = get(t, base+"/", nil)
	if !strings.Contains(body, `href="trends/"`) {
		t.Error("no trends link although trends/index.html exists")
	}
	if strings.Contains(strings.Join(homeRows(body), " "), "trends") {
		t.Error("trends listed as a batch")
	}
	if resp, _ := get(t, base+"/trends/", nil); resp.StatusCode != http.StatusOK {
		t.Errorf("GET /trends/ = %d", resp.StatusCode)
	}
	t.Run("a rewritten summary is read again", func(t *testing.T) {
		put(t, st, "a-rerun/"+worker.SummaryJSON, []byte(`{"batch":"a-rerun","calls":42,"reported":40,"failed":2}`))
		_, body := get(t, base+"/", nil)
		if !strings.Contains(body, `<td class="n">42</td>`) {
			t.Error("the home page shows the old counts after summary.json was rewritten")
		}
	})
	t.Run("a broken summary is listed as such", func(t *testing.T) {
		put(t, st, "a-rerun/"+worker.SummaryJSON, []byte(`{"batch":`))
		resp, body := get(t, base+"/", nil)
		if resp.StatusCode != http.StatusOK || !strings.Contains(body, "could not be read") {
			t.Errorf("GET / = %d; body lacks the unreadable summary", resp.StatusCode)
		}
	})
}

func itoa(n int) string { return strconv.Itoa(n) }
