package pages

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/calltrust/calltrust/analyze"
	"github.com/calltrust/calltrust/internal/testservers"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// artifacts is the folder screenshots and pages are saved to.
func artifacts(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("CALLTRUST_ARTIFACTS")
	if dir == "" {
		return t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// fileURL is the file:// URL of a path.
func fileURL(path string) string { return (&url.URL{Scheme: "file", Path: path}).String() }

// browser runs JavaScript in the page and fails the test on an error.
type browser struct {
	t   *testing.T
	ctx context.Context
}

func (b browser) open(path string) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, chromedp.Navigate(fileURL(path))); err != nil {
		b.t.Fatalf("open %s: %v", path, err)
	}
}

func (b browser) do(actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, actions...); err != nil {
		b.t.Fatal(err)
	}
}

func evalJS[T any](b browser, js string) T {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[T](js))
	if err != nil {
		b.t.Fatalf("evaluate %s: %v", js, err)
	}
	return v
}

// visibleCalls lists the call ids of the rows the filters leave shown.
func (b browser) visibleCalls() []string {
	b.t.Helper()
	return evalJS[[]string](b, `Array.from(document.querySelectorAll("#calls tbody tr")).filter(r => !r.hidden).map(r => r.cells[1].textContent.trim())`)
}

// filter sets the rep, call type, flag and severity filters as a user
// would.
func (b browser) filter(rep, callType, flag, severity string) {
	b.t.Helper()
	args, _ := json.Marshal([]string{rep, callType, flag, severity})
	evalJS[chromedp.Void](b, `(function(v){["f-rep","f-type","f-flag","f-sev"].forEach(function(id,i){var s=document.getElementById(id); s.value=v[i]; s.dispatchEvent(new Event("change"));});})(`+string(args)+`)`)
}

// column is the 1-based position of the calls table's column headed name.
func (b browser) column(name string) int {
	b.t.Helper()
	arg, _ := json.Marshal(name)
	n := evalJS[int](b, `Array.from(document.querySelectorAll("#calls thead th")).findIndex(th => th.textContent.trim() === `+string(arg)+`) + 1`)
	if n == 0 {
		b.t.Fatalf("the calls table has no column %q", name)
	}
	return n
}

func (b browser) screenshot(dir, name string) {
	b.t.Helper()
	png, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		b.t.Fatalf("screenshot %s: %v", name, err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, png, 0o644); err != nil {
		b.t.Fatal(err)
	}
	b.t.Logf("screenshot: %s", path)
}

// expectCalls compares the shown rows with the rows that keep says apply.
func expectCalls(t *testing.T, s *Summary, got []string, keep func(Row) bool) {
	t.Helper()
	var want []string
	for _, r := range s.Rows {
		if keep(r) {
			want = append(want, r.Call)
		}
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("shown rows:\n%q\nwant:\n%q", got, want)
	}
	if len(want) == 0 || len(want) == len(s.Rows) {
		t.Errorf("filter case keeps %d of %d rows: it proves nothing", len(want), len(s.Rows))
	}
}

func hasFlag(r Row, kind analyze.Kind, sev analyze.Severity) bool {
	for _, f := range r.Flags {
		if (kind == "" || f.Kind == kind) && (sev == "" || f.Severity == sev) {
			return true
		}
	}
	return false
}

func TestBrowserPages(t *testing.T) {
	bin := testservers.Chromium(t)
	calls, index, _, s := renderAll(t)
	out := artifacts(t)
	root := filepath.Join(t.TempDir(), s.Batch)
	write := func(key string, data []byte) string {
		path := filepath.Join(root, filepath.FromSlash(key))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	indexPath := write("index.html", index)
	pages := map[string]string{}
	for id, page := range calls {
		pages[id] = write(id+".html", page)
	}

	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(bin), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1280, 900))
	defer cancelAlloc()
	ctx, cancelCtx := chromedp.NewContext(alloc)
	defer cancelCtx()
	ctx, cancelTimeout := context.WithTimeout(ctx, 2*time.Minute)
	defer cancelTimeout()
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start %s: %v", bin, err)
	}
	var mu sync.Mutex
	var problems []string
	go func() {
		for m, err := range chromedp.Console(ctx) {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleException || m.Type == chromedp.ConsoleWarning {
				mu.Lock()
				problems = append(problems, fmt.Sprintf("%s %s:%d: %s", m.Type, m.URL, m.Line+1, m.Text))
				mu.Unlock()
			}
		}
	}()

	t.Run("index", func(t *testing.T) {
		b := browser{t: t, ctx: ctx}
		b.open(indexPath)
		if got := len(b.visibleCalls()); got != len(s.Rows) {
			t.Fatalf("index shows %d rows, want %d", got, len(s.Rows))
		}
		if shown := evalJS[string](b, `document.getElementById("shown").textContent`); shown != fmt.Sprintf("Showing all %d calls", len(s.Rows)) {
			t.Errorf("row count line = %q", shown)
		}
		if over := evalJS[int](b, `(function(){var w=document.querySelector("#calls-section .table-wrap"); return w.scrollWidth - w.clientWidth;})()`); over > 0 {
			t.Errorf("the calls table is %d px wider than a 1280 px window: the strongest quote is cut off", over)
		}
		t.Run("filter by rep", func(t *testing.T) {
			b.filter("Dana Reyes", "", "", "")
			expectCalls(t, s, b.visibleCalls(), func(r Row) bool { return r.Rep == "Dana Reyes" })
		})
		t.Run("filter by flag", func(t *testing.T) {
			b.filter("", "", string(analyze.Overpromise), "")
			expectCalls(t, s, b.visibleCalls(), func(r Row) bool { return hasFlag(r, analyze.Overpromise, "") })
		})
		t.Run("filter by severity", func(t *testing.T) {
			b.filter("", "", "", "high")
			expectCalls(t, s, b.visibleCalls(), func(r Row) bool { return hasFlag(r, "", analyze.High) })
		})
		t.Run("filter by all three", func(t *testing.T) {
			b.filter("Dana Reyes", "", string(analyze.UnraisedObjection), "high")
			expectCalls(t, s, b.visibleCalls(), func(r Row) bool { return r.Rep == "Dana Reyes" && hasFlag(r, analyze.UnraisedObjection, analyze.High) })
		})
		t.Run("filter by call type", func(t *testing.T) {
			b.filter("", analyze.CallFollowUp, "", "")
			expectCalls(t, s, b.visibleCalls(), func(r Row) bool { return r.Status == RowReported && r.CallType == analyze.CallFollowUp })
		})
		t.Run("filter by call type and rep", func(t *testing.T) {
			b.filter("Dana Reyes", analyze.CallCold, "", "")
			expectCalls(t, s, b.visibleCalls(), func(r Row) bool { return r.Rep == "Dana Reyes" && r.CallType == analyze.CallCold })
		})
		t.Run("print shows every row and no filters", func(t *testing.T) {
			b.filter("Lee Park", "", "", "")
			if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
				t.Fatal(err)
			}
			defer chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: ""})
			rendered := evalJS[int](b, `Array.from(document.querySelectorAll("#calls tbody tr")).filter(r => r.offsetHeight > 0).length`)
			if rendered != len(s.Rows) {
				t.Errorf("print shows %d rows, want %d", rendered, len(s.Rows))
			}
			if h := evalJS[int](b, `document.getElementById("filters").offsetHeight`); h != 0 {
				t.Errorf("print shows the filters (%d px high)", h)
			}
			b.screenshot(out, "index-print.png")
		})
		t.Run("reset", func(t *testing.T) {
			b.do(chromedp.Click(chromedp.ID("f-reset")))
			got, err := chromedp.Run(ctx, chromedp.Poll[int](`Array.from(document.querySelectorAll("#calls tbody tr")).filter(r => !r.hidden).length === `+fmt.Sprint(len(s.Rows))+` ? 1 : 0`, chromedp.WithPollingTimeout(5*time.Second)))
			if err != nil || got != 1 {
				t.Errorf("reset did not show every row: %v", err)
			}
		})
		t.Run("sort by trust", func(t *testing.T) {
			col := b.column("Trust")
			trust := fmt.Sprintf(`Array.from(document.querySelectorAll("#calls tbody tr")).map(r => parseFloat(r.cells[%d].dataset.sort))`, col-1)
			button := fmt.Sprintf(`#calls thead th:nth-child(%d) button`, col)
			b.do(chromedp.Click(chromedp.CSS(button)))
			up := evalJS[[]float64](b, trust)
			if !sort.Float64sAreSorted(up) {
				t.Errorf("trust column after one click: %v, want ascending", up)
			}
			b.do(chromedp.Click(chromedp.CSS(button)))
			down := evalJS[[]float64](b, trust)
			if !sort.SliceIsSorted(down, func(i, j int) bool { return down[i] > down[j] }) || down[0] == up[0] {
				t.Errorf("trust column after two clicks: %v, want descending", down)
			}
			if sorted := evalJS[string](b, fmt.Sprintf(`document.querySelector("#calls thead th:nth-child(%d)").getAttribute("aria-sort")`, col)); sorted != "descending" {
				t.Errorf("aria-sort = %q, want descending", sorted)
			}
		})
		t.Run("sort by call type", func(t *testing.T) {
			col := b.column("Call type")
			b.do(chromedp.Click(chromedp.CSS(fmt.Sprintf(`#calls thead th:nth-child(%d) button`, col))))
			got := evalJS[[]string](b, fmt.Sprintf(`Array.from(document.querySelectorAll("#calls tbody tr")).filter(r => !r.classList.contains("failed")).map(r => r.cells[%d].textContent.trim())`, col-1))
			// From the first contact to the close, then practice pitches.
			want := []string{"Cold", "Discovery", "Follow-up", "Follow-up", "Practice"}
			if strings.Join(got, ",") != strings.Join(want, ",") {
				t.Errorf("call types after one click: %q, want %q", got, want)
			}
		})
		t.Run("sort by rep with the keyboard", func(t *testing.T) {
			col := b.column("Rep")
			b.do(chromedp.Focus(chromedp.CSS(fmt.Sprintf(`#calls thead th:nth-child(%d) button`, col))), chromedp.KeyEvent("\r"))
			reps := evalJS[[]string](b, fmt.Sprintf(`Array.from(document.querySelectorAll("#calls tbody tr")).map(r => r.cells[%d].dataset.sort.toLowerCase())`, col-1))
			if !sort.StringsAreSorted(reps) {
				t.Errorf("rep column after Enter: %q, want ascending", reps)
			}
		})
		t.Run("injected script did not run", func(t *testing.T) {
			if got := evalJS[string](b, `typeof window.__pwned`); got != "undefined" {
				t.Errorf("window.__pwned is %s: markup from the data ran", got)
			}
		})
		b.do(chromedp.Click(chromedp.ID("f-reset")))
		b.screenshot(out, "index.png")
	})

	t.Run("call", func(t *testing.T) {
		b := browser{t: t, ctx: ctx}
		acme := pages["east/acme.vtt"]
		b.open(acme)
		t.Run("timeline mark targets its quote", func(t *testing.T) {
			href := evalJS[string](b, `document.querySelector("svg a.mark.k-overpromise").getAttribute("href")`)
			b.do(chromedp.Click(chromedp.CSS(`svg a.mark.k-overpromise`)))
			inView := `(function(){var el=document.querySelector(":target"); if(!el) return ""; var r=el.getBoundingClientRect(); return (r.top >= 0 && r.top < window.innerHeight) ? "#"+el.id : "";})()`
			got, err := chromedp.Run(ctx, chromedp.Poll[string](inView+` || false`, chromedp.WithPollingTimeout(5*time.Second)))
			if err != nil || got != href {
				t.Errorf("after clicking the mark: target in view %q, want %q (%v)", got, href, err)
			}
			if hash := evalJS[string](b, `location.hash`); hash != href {
				t.Errorf("location.hash = %q, want %q", hash, href)
			}
			if text := evalJS[string](b, `document.querySelector(":target mark") ? document.querySelector(":target mark").textContent : ""`); !strings.Contains(text, "guarantee") {
				t.Errorf("targeted turn does not highlight the quote: %q", text)
			}
		})
		t.Run("timeline mark works from the keyboard", func(t *testing.T) {
			href := evalJS[string](b, `document.querySelector("svg a.mark.k-unraised-objection").getAttribute("href")`)
			b.do(chromedp.Focus(chromedp.CSS(`svg a.mark.k-unraised-objection`)), chromedp.KeyEvent("\r"))
			got, err := chromedp.Run(ctx, chromedp.Poll[string](`location.hash === `+fmt.Sprintf("%q", href)+` ? location.hash : false`, chromedp.WithPollingTimeout(5*time.Second)))
			if err != nil || got != href {
				t.Errorf("Enter on the focused mark: hash %q, want %q (%v)", got, href, err)
			}
		})
		t.Run("link back to the index", func(t *testing.T) {
			if got := evalJS[string](b, `document.querySelector(".crumbs a").href`); got != fileURL(indexPath) {
				t.Errorf("back link = %q, want %q", got, fileURL(indexPath))
			}
		})
		b.open(acme)
		b.screenshot(out, "call.png")
		b.open(pages["practice/lee/pitch.txt"])
		b.screenshot(out, "call-untimed.png")
	})

	t.Run("hostile call", func(t *testing.T) {
		b := browser{t: t, ctx: ctx}
		b.open(pages[hostileID])
		if got := evalJS[string](b, `typeof window.__pwned`); got != "undefined" {
			t.Errorf("window.__pwned is %s: markup from the transcript ran", got)
		}
		if n := evalJS[int](b, `document.querySelectorAll("img, b, i, main script").length`); n != 0 {
			t.Errorf("%d elements came from the transcript's markup", n)
		}
		shown := []struct{ where, id, want string }{
			{"transcript", "transcript", "<script>window.__pwned=2</script>"},
			{"transcript", "transcript", `"><img src=x onerror="window.__pwned=4">`},
			{"call type", "stage", "Follow-up (inferred, 0.45: “I read your post about <script>window.__pwned=2</script> showing up on your status page”)"},
			{"not-applicable reason", "flag-no_business_reason", `Why it does not apply: a follow-up call (inferred): its reason was set before the call: "</p><script>window.__pwned=10</script>"`},
		}
		for _, sh := range shown {
			arg, _ := json.Marshal(sh.id)
			text := evalJS[string](b, `document.getElementById(`+string(arg)+`).innerText`)
			if !strings.Contains(text, sh.want) {
				t.Errorf("%s does not show %q as text: %q", sh.where, sh.want, text)
			}
		}
		b.screenshot(out, "call-hostile.png")
	})

	time.Sleep(200 * time.Millisecond)
	mu.Lock()
	defer mu.Unlock()
	for _, p := range problems {
		t.Errorf("console: %s", p)
	}
	for name, data := range map[string][]byte{"index.html": index, "call.html": calls["east/acme.vtt"]} {
		if err := os.WriteFile(filepath.Join(out, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("pages and screenshots in %s", out)
}
