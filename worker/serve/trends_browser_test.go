package serve

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/calltrust/calltrust/analyze/transcript"
	"github.com/calltrust/calltrust/internal/testservers"
	"github.com/calltrust/calltrust/worker"
	"github.com/chromedp/chromedp"
)

// trendsHostileRep is a rep name holding markup that would retitle the
// page if it ran.
const trendsHostileRep = `<script>document.title="owned"</script>Quinn`

// writeTrendBatches writes three nightly batches of fixtureCalls into st,
// one day apart, with the overpromising call under a rep name holding
// markup, and builds the trends over them. It returns the batches and the
// paths of the call pages the trends should link: those of flagged calls.
func writeTrendBatches(t *testing.T, st worker.Store) ([]*worker.Summary, []string) {
	t.Helper()
	reps := map[string]string{"north/harbor.txt": trendsHostileRep, "south/meadow.txt": "Avery Lund"}
	var batches []*worker.Summary
	var flagged []string
	for day := 1; day <= 3; day++ {
		date := fmt.Sprintf("2026-03-%02d", day)
		s := writeBatchWith(t, st, "nightly-"+date, func(key string, m *transcript.Meta) {
			m.Rep, m.Date = reps[key], date
		})
		for _, r := range s.Rows {
			if r.Status == worker.RowReported && len(r.Flags) > 0 {
				flagged = append(flagged, "/"+s.Batch+"/"+r.ReportHTML)
			}
		}
		batches = append(batches, s)
	}
	if len(flagged) == 0 {
		t.Fatal("the fixture flags no call: the rep pages would link none")
	}
	if _, err := worker.UpdateTrends(t.Context(), st, 0); err != nil {
		t.Fatal(err)
	}
	slices.Sort(flagged)
	return batches, flagged
}

// TestBrowserTrendsOverServe opens the trends page from `serve` in real
// Chromium, over a folder and over MinIO, reached from the home page as
// a manager would: every batch link reaches its batch page, every rep
// page's call links reach each flagged call's page, the lines are drawn,
// a rep name holding markup shows as text, and no request leaves the
// server.
func TestBrowserTrendsOverServe(t *testing.T) {
	bin := testservers.Chromium(t)
	alloc := newChromium(t, bin)
	stores := []struct {
		name  string
		store func(t *testing.T) worker.Browser
	}{
		{"folder", func(t *testing.T) worker.Browser { return worker.NewLocalStore(t.TempDir()) }},
		{"minio", func(t *testing.T) worker.Browser { return startMinio(t).store(t, "team/reports/") }},
	}
	for _, sc := range stores {
		t.Run(sc.name, func(t *testing.T) {
			st := sc.store(t)
			batches, flagged := writeTrendBatches(t, st)
			base, _ := startServer(t, st, Access{})
			ctx := openTab(t, alloc)
			reqs := watchRequests(ctx, t)
			console := watchConsole(ctx)
			eval := evaluator(t, ctx)
			hrefs := func(selector string) []string {
				t.Helper()
				list := eval(fmt.Sprintf(`Array.from(document.querySelectorAll(%q)).map(a => a.href).join("\n")`, selector))
				if list == "" {
					return nil
				}
				return strings.Split(list, "\n")
			}
			open := func(href string) {
				t.Helper()
				if err := chromedp.Do(ctx, chromedp.Navigate(href)); err != nil {
					t.Fatalf("open %s: %v", href, err)
				}
			}
			opened := 0
			visit := func(href string) {
				t.Helper()
				open(href)
				opened++
				if out := strings.Join(reqs.elsewhere(base), ", "); out != "" {
					t.Fatalf("%s loaded from elsewhere: %s", href, out)
				}
			}

			visit(base + "/")
			trends := hrefs("#trends")
			if len(trends) != 1 {
				t.Fatalf("home page has %d trends links, want 1", len(trends))
			}
			visit(trends[0])
			if got := eval(`location.pathname`); got != "/trends/" && got != "/trends/index.html" {
				t.Fatalf("the trends link led to %s", got)
			}
			trendsPage := eval(`location.href`)

			t.Run("rep name shows as text", func(t *testing.T) {
				if title := eval(`document.title`); title == "owned" || !strings.HasPrefix(title, "Trends") {
					t.Errorf("title = %q: the script in the rep name ran", title)
				}
				if n := eval(`String(Array.from(document.querySelectorAll("a.rep")).filter(a => a.textContent === ` + fmt.Sprintf("%q", trendsHostileRep) + `).length)`); n != "1" {
					t.Errorf("%s rep links show the name with its markup as text, want 1", n)
				}
				if n := eval(`String(Array.from(document.scripts).filter(s => s.textContent.includes("owned")).length)`); n != "0" {
					t.Errorf("the rep name became %s script elements", n)
				}
			})
			t.Run("lines are drawn", func(t *testing.T) {
				for _, section := range []string{"#team", "#reps"} {
					rows := eval(fmt.Sprintf(`String(document.querySelectorAll("%s tbody tr").length)`, section))
					drawn := eval(fmt.Sprintf(`String(Array.from(document.querySelectorAll("%s tbody tr")).filter(r => r.querySelector("svg polyline")).length)`, section))
					if rows == "0" || drawn != rows {
						t.Errorf("%s: %s of %s rows draw an SVG line", section, drawn, rows)
					}
				}
			})

			batchLinks, repLinks := hrefs("a.batch"), hrefs("a.rep")
			callPages := 0
			if len(batchLinks) != len(batches) || len(repLinks) != 2 {
				t.Fatalf("trends page links %d batches and %d reps, want %d and 2", len(batchLinks), len(repLinks), len(batches))
			}
			for i, h := range batchLinks {
				visit(h)
				s := batches[i]
				if got := eval(`location.pathname`); !strings.HasPrefix(got, "/"+s.Batch+"/") {
					t.Errorf("batch link %d led to %s, want %s's page", i, got, s.Batch)
				}
				if got, want := eval(`String(document.querySelectorAll("#calls tbody tr").length)`), fmt.Sprint(len(s.Rows)); got != want {
					t.Errorf("%s: batch page shows %s calls, want %s", s.Batch, got, want)
				}
				calls := hrefs(`#calls tbody tr a[href$=".html"]`)
				if len(calls) != s.Reported {
					t.Errorf("%s: batch page links %d call pages, want the %d reported calls", s.Batch, len(calls), s.Reported)
				}
				for _, c := range calls {
					visit(c)
					if n := eval(`String(document.querySelectorAll("#transcript, .turn").length)`); n == "0" {
						t.Errorf("%s is not a call page", eval(`location.pathname`))
					}
					callPages++
				}
			}
			var reached []string
			for _, h := range repLinks {
				visit(h)
				if title := eval(`document.title`); !strings.HasPrefix(title, "Rep") {
					t.Errorf("%s: title %q is not a rep page's (a script in the rep name ran?)", h, title)
				}
				for _, c := range hrefs("a.call") {
					visit(c)
					path := eval(`location.pathname`)
					if n := eval(`String(document.querySelectorAll("#transcript, .turn").length)`); n == "0" {
						t.Errorf("%s is not a call page", path)
					}
					reached = append(reached, path)
					callPages++
					open(h)
				}
			}
			slices.Sort(reached)
			if !slices.Equal(reached, flagged) {
				t.Errorf("rep pages reach call pages %q, want every flagged call %q", reached, flagged)
			}
			open(trendsPage)

			if n := reqs.count(base); n < opened {
				t.Errorf("the browser was seen sending %d requests to the server, want at least the %d pages opened: the watch sees nothing", n, opened)
			}
			if out := strings.Join(reqs.elsewhere(base), ", "); out != "" {
				t.Errorf("requests left the server: %s", out)
			}
			if problems := console.take(); len(problems) > 0 {
				t.Errorf("console errors (a blocked request shows here):\n%s", strings.Join(problems, "\n"))
			}
			t.Logf("%d pages opened: %d batch pages, %d rep pages, %d call pages (%d from the rep pages)", opened, len(batchLinks), len(repLinks), callPages, len(reached))
		})
	}
}
