package serve

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/calltrust/calltrust/internal/testservers"
	"github.com/calltrust/calltrust/worker"
	"github.com/chromedp/chromedp"
)

// TestBrowserOverServe opens the home page, a batch page and a call page
// from `serve` in real Chromium, over a folder and over MinIO, following
// the links as a manager would, and checks that every request the pages
// made went to the server.
func TestBrowserOverServe(t *testing.T) {
	bin := testservers.Chromium(t)
	folder := worker.NewLocalStore(t.TempDir())
	stores := []struct {
		name  string
		store func(t *testing.T) worker.Browser
	}{
		{"folder", func(*testing.T) worker.Browser { return folder }},
		{"minio", func(t *testing.T) worker.Browser { return startMinio(t).store(t, "team/reports/") }},
	}
	alloc := newChromium(t, bin)
	for _, sc := range stores {
		t.Run(sc.name, func(t *testing.T) {
			st := sc.store(t)
			s := writeBatch(t, st, "nightly-2026-03-03")
			put(t, st, "trends/index.html", []byte("<!doctype html><title>Trends</title><h1>Trends</h1>"))
			base, logs := startServer(t, st, Access{})

			ctx := openTab(t, alloc)
			reqs := watchRequests(ctx, t)
			console := watchConsole(ctx)
			eval := evaluator(t, ctx)
			// follow opens the page the first link matching selector leads
			// to, as the browser resolves its href.
			follow := func(selector string) {
				t.Helper()
				href := eval(`(function(){var a=document.querySelector(` + fmt.Sprintf("%q", selector) + `); return a ? a.href : "";})()`)
				if href == "" {
					t.Fatalf("no link %s on %s", selector, eval(`location.href`))
				}
				if err := chromedp.Do(ctx, chromedp.Navigate(href)); err != nil {
					t.Fatalf("open %s: %v", href, err)
				}
			}
			// elsewhere lists the requests the pages sent to another host
			// than the server's.
			elsewhere := func() string { return strings.Join(reqs.elsewhere(base), ", ") }

			if err := chromedp.Do(ctx, chromedp.Navigate(base+"/")); err != nil {
				t.Fatal(err)
			}
			if got := eval(`Array.from(document.querySelectorAll("#batches tbody tr")).map(r => r.dataset.batch).join(",")`); got != s.Batch {
				t.Errorf("home page lists %q, want %q", got, s.Batch)
			}
			if got := eval(`document.getElementById("trends") ? document.getElementById("trends").getAttribute("href") : ""`); got != "trends/" {
				t.Errorf("trends link %q, want trends/", got)
			}
			if out := elsewhere(); out != "" {
				t.Errorf("home page loaded from elsewhere: %s", out)
			}

			follow(`#batches tbody tr a`)
			if got, want := eval(`location.pathname`), "/"+s.Batch+"/"; got != want {
				t.Errorf("batch link led to %s, want %s", got, want)
			}
			if got, want := eval(`String(document.querySelectorAll("#calls tbody tr").length)`), fmt.Sprint(len(s.Rows)); got != want {
				t.Errorf("batch page shows %s calls, want %s", got, want)
			}
			if out := elsewhere(); out != "" {
				t.Errorf("batch page loaded from elsewhere: %s", out)
			}

			follow(`#calls tbody tr a[href$=".html"]`)
			if path := eval(`location.pathname`); !strings.HasSuffix(path, ".txt.html") {
				t.Errorf("call link led to %s, want a call page", path)
			}
			if title := eval(`document.title`); !strings.Contains(title, "calltrust") {
				t.Errorf("call page title %q", title)
			}
			if out := elsewhere(); out != "" {
				t.Errorf("call page loaded from elsewhere: %s", out)
			}
			follow(`a[href$="index.html"], nav.crumbs a`)
			if got := eval(`location.pathname`); !strings.HasPrefix(got, "/"+s.Batch+"/") {
				t.Errorf("the call page's batch link led to %s", got)
			}

			if problems := console.take(); len(problems) > 0 {
				t.Errorf("console errors (a blocked request shows here):\n%s", strings.Join(problems, "\n"))
			}

			if n := reqs.count(base); n < 4 {
				t.Errorf("the browser was seen sending %d requests to the server, want at least the 4 pages opened: the watch sees nothing", n)
			}

			// A stored page that asks for another origin is stopped by the
			// server's policy before the request leaves.
			put(t, st, s.Batch+"/probe.html", []byte(`<!doctype html><title>probe</title><img src="http://192.0.2.1/pixel.png">`))
			if err := chromedp.Do(ctx, chromedp.Navigate(base+"/"+s.Batch+"/probe.html"), chromedp.Sleep(300*time.Millisecond)); err != nil {
				t.Fatal(err)
			}
			if out := elsewhere(); out != "" {
				t.Errorf("a page's request to another origin left: %s", out)
			}
			if problems := console.take(); !strings.Contains(strings.Join(problems, " "), "Content Security Policy") {
				t.Errorf("the request to another origin was not refused by the policy; console: %q", problems)
			}
			for _, want := range []string{`"path":"/"`, `"path":"/` + s.Batch + `/"`, `.txt.html"`} {
				if !strings.Contains(logs.String(), want) {
					t.Errorf("server logs lack %s", want)
				}
			}
		})
	}
}
