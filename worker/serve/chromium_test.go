package serve

// Real Chromium for the browser tests, found by internal/testservers: a
// headless browser that stays off the network on its own, a tab per test,
// and a watch on the requests its pages send.

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// pageRequests records the requests a page target sends, from the
// DevTools protocol, so Chromium's own traffic (updates, clock) is not
// counted; a request the page's policy blocked never left and is marked.
type pageRequests struct {
	mu      sync.Mutex
	urls    map[network.RequestID]string
	blocked map[network.RequestID]bool
}

func watchRequests(ctx context.Context, t *testing.T) *pageRequests {
	t.Helper()
	p := &pageRequests{urls: map[network.RequestID]string{}, blocked: map[network.RequestID]bool{}}
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatalf("enable network events: %v", err)
	}
	go func() {
		for ev, err := range chromedp.Events(ctx, network.RequestWillBeSent) {
			if err != nil {
				return
			}
			p.mu.Lock()
			p.urls[ev.RequestID] = ev.Request.URL
			p.mu.Unlock()
		}
	}()
	go func() {
		for ev, err := range chromedp.Events(ctx, network.LoadingFailed) {
			if err != nil {
				return
			}
			if ev.BlockedReason != "" {
				p.mu.Lock()
				p.blocked[ev.RequestID] = true
				p.mu.Unlock()
			}
		}
	}()
	return p
}

// elsewhere lists the requests that went to another origin than base and
// were not blocked.
func (p *pageRequests) elsewhere(base string) []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []string
	for id, u := range p.urls {
		if !strings.HasPrefix(u, base+"/") && !strings.HasPrefix(u, "data:") && !p.blocked[id] {
			out = append(out, u)
		}
	}
	sort.Strings(out)
	return out
}

func (p *pageRequests) count(base string) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	n := 0
	for _, u := range p.urls {
		if strings.HasPrefix(u, base+"/") {
			n++
		}
	}
	return n
}

// newChromium returns an allocator for headless Chromium at bin, with
// its background traffic (updates, sync, components) off, closed when the
// test ends.
func newChromium(t *testing.T, bin string) context.Context {
	t.Helper()
	alloc, cancel := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(bin), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-component-extensions-with-background-pages", true), chromedp.Flag("allow-pre-commit-input", false),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1280, 900))
	t.Cleanup(cancel)
	return alloc
}

// openTab opens a tab in the browser of alloc, closed when the test ends
// and given at most two minutes.
func openTab(t *testing.T, alloc context.Context) context.Context {
	t.Helper()
	ctx, cancel := chromedp.NewContext(alloc)
	t.Cleanup(cancel)
	ctx, cancelTimeout := context.WithTimeout(ctx, 2*time.Minute)
	t.Cleanup(cancelTimeout)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	return ctx
}

// consoleErrors collects a tab's console errors and exceptions.
type consoleErrors struct {
	mu   sync.Mutex
	seen []string
}

// watchConsole starts collecting the console errors of the tab.
func watchConsole(ctx context.Context) *consoleErrors {
	c := &consoleErrors{}
	go func() {
		for m, err := range chromedp.Console(ctx) {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleException {
				c.mu.Lock()
				c.seen = append(c.seen, fmt.Sprintf("%s %s: %s", m.Type, m.URL, m.Text))
				c.mu.Unlock()
			}
		}
	}()
	return c
}

// take returns the errors seen so far and forgets them.
func (c *consoleErrors) take() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	seen := c.seen
	c.seen = nil
	return seen
}

// evaluator returns a function that evaluates JavaScript in the tab and
// fails the test when it cannot.
func evaluator(t *testing.T, ctx context.Context) func(js string) string {
	return func(js string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
		if err != nil {
			t.Fatalf("evaluate %s: %v", js, err)
		}
		return v
	}
}
