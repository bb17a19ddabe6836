package pages

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/calltrust/calltrust/internal/testservers"
	"github.com/chromedp/chromedp"
)

// TestBrowserTrends opens the trends page from a folder in Chromium: every
// link reaches the batch or call page it names, the lines are drawn, and a
// rep name holding markup shows as text.
func TestBrowserTrends(t *testing.T) {
	bin := testservers.Chromium(t)
	calls, index, _, sample := renderAll(t)
	root := t.TempDir()
	write := func(key string, data []byte) {
		path := filepath.Join(root, filepath.FromSlash(key))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var summaries []*Summary
	for day := 1; day <= 3; day++ {
		s := *sample
		s.Batch = fmt.Sprintf("nightly-2026-04-%02d", day)
		s.Rows = append([]Row(nil), sample.Rows...)
		for i := range s.Rows {
			if s.Rows[i].Rep == "Dana Reyes" {
				s.Rows[i].Rep = `<script>document.title="owned"</script>Dana`
			}
		}
		summaries = append(summaries, &s)
		write(s.Batch+"/index.html", index)
		for id, page := range calls {
			write(s.Batch+"/"+id+".html", page)
		}
	}
	files, err := TrendFiles(BuildTrends(summaries, 0))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		write("trends/"+f.Name, f.Data)
	}

	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(bin), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true), chromedp.UserDataDir(t.TempDir()))
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(alloc)
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, 2*time.Minute)
	defer cancelTimeout()
	b := browser{t: t, ctx: ctx}
	b.open(filepath.Join(root, "trends", "index.html"))
	if title := evalJS[string](b, `document.title`); title == "owned" || !strings.HasPrefix(title, "Trends") {
		t.Errorf("title = %q: a script in a rep name ran", title)
	}
	if n := evalJS[int](b, `Array.from(document.querySelectorAll("a.rep")).filter(a => a.textContent.includes("<script>")).length`); n == 0 {
		t.Error("no rep link shows the injected markup as text")
	}
	if n := evalJS[int](b, `document.querySelectorAll("svg.spark polyline").length`); n == 0 {
		t.Error("no SVG lines on the trends page")
	}
	batchLinks := evalJS[[]string](b, `Array.from(document.querySelectorAll("a.batch")).map(a => a.href)`)
	repLinks := evalJS[[]string](b, `Array.from(document.querySelectorAll("a.rep")).map(a => a.href)`)
	if len(batchLinks) != 3 || len(repLinks) == 0 {
		t.Fatalf("%d batch links and %d rep links", len(batchLinks), len(repLinks))
	}
	reach := func(href, wantTitle string) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Navigate(href)); err != nil {
			t.Fatalf("open %s: %v", href, err)
		}
		if title := evalJS[string](b, `document.title`); !strings.Contains(title, wantTitle) {
			t.Errorf("%s: title %q, want it to name %q", href, title, wantTitle)
		}
	}
	for _, h := range batchLinks {
		reach(h, "Batch")
	}
	callsSeen := 0
	for _, h := range repLinks {
		reach(h, "Rep")
		for _, c := range evalJS[[]string](b, `Array.from(document.querySelectorAll("a.call")).map(a => a.href)`) {
			reach(c, "")
			if n := evalJS[int](b, `document.querySelectorAll("#transcript, .turn").length`); n == 0 {
				t.Errorf("%s is not a call page", c)
			}
			callsSeen++
		}
	}
	if callsSeen == 0 {
		t.Error("no rep page links a flagged call")
	}
	t.Logf("%d batch links, %d rep pages, %d call links followed", len(batchLinks), len(repLinks), callsSeen)
}
