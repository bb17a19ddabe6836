package serve

import (
	"context"
	"io"
	"net/http"
	"testing"
	"time"

	"github.com/calltrust/calltrust/analyze"
	"github.com/calltrust/calltrust/analyze/transcript"
	"github.com/calltrust/calltrust/lexicons"
	"github.com/calltrust/calltrust/queue"
	"github.com/calltrust/calltrust/worker"
	"github.com/calltrust/calltrust/worker/pages"
	"github.com/rs/zerolog"
)

// fixtureCalls are invented calls: one that overpromises, one clean.
var fixtureCalls = map[string]string{
	"north/harbor.txt": "Avery: Thanks for taking the time today. What made you look at new billing tools?\n" +
		"Jordan: Our invoices go out late every month and finance is tired of it.\n" +
		"Avery: We guarantee you will never send a late invoice again, one hundred percent, no matter what.\n" +
		"Jordan: Never? Even with our custom contracts?\n" +
		"Avery: Absolutely, it is impossible to fail with us. Everything will be perfect from day one.\n",
	"south/meadow.txt": "Riley: Good morning, how did the pilot go for your team last week?\n" +
		"Sam: Mostly fine, though the export step confused two people.\n" +
		"Riley: Which part of the export confused them, and who would need to approve a wider rollout?\n" +
		"Sam: The column mapping. Our operations lead approves rollouts.\n",
}

// writeBatch analyses fixtureCalls and writes their reports and the
// batch summary into st under batch, as a worker would.
func writeBatch(t *testing.T, st worker.Store, batch string) *worker.Summary {
	t.Helper()
	return writeBatchWith(t, st, batch, nil)
}

// writeBatchWith is writeBatch with meta, when not nil, setting each
// parsed call's metadata (rep, date) before it is analysed, as a sidecar
// would.
func writeBatchWith(t *testing.T, st worker.Store, batch string, meta func(key string, m *transcript.Meta)) *worker.Summary {
	t.Helper()
	ctx := context.Background()
	var outcomes []queue.Outcome
	for key, text := range fixtureCalls {
		call, err := transcript.Parse(key, []byte(text))
		if err != nil {
			t.Fatalf("parse %s: %v", key, err)
		}
		call.ID = key
		if meta != nil {
			meta(key, &call.Meta)
		}
		rep, err := analyze.Analyze(call, lexicons.Default(), analyze.Options{})
		if err != nil {
			t.Fatalf("analyze %s: %v", key, err)
		}
		js, err := worker.MarshalReport(rep)
		if err != nil {
			t.Fatal(err)
		}
		page, err := pages.CallPage(rep, call)
		if err != nil {
			t.Fatal(err)
		}
		put(t, st, batch+"/"+key+".json", js)
		put(t, st, batch+"/"+key+".html", page)
		outcomes = append(outcomes, queue.Outcome{Call: key, Key: key, Status: queue.StatusDone})
	}
	outcomes = append(outcomes, queue.Outcome{Call: "east/broken.txt", Key: "east/broken.txt", Status: queue.StatusFailed, Reason: "parse east/broken.txt: empty file"})
	s, err := worker.BuildSummary(ctx, st, worker.Summary{Batch: batch, Source: "calls/"}, outcomes)
	if err != nil {
		t.Fatal(err)
	}
	if err := worker.WriteSummary(ctx, st, s); err != nil {
		t.Fatal(err)
	}
	return s
}

func put(t *testing.T, st worker.Store, key string, data []byte) {
	t.Helper()
	ctype, _ := contentType(key)
	if err := st.Put(context.Background(), key, data, ctype); err != nil {
		t.Fatalf("put %s: %v", key, err)
	}
}

// startServer serves st with access a on a loopback port until the test
// ends, logging into the returned builder.
func startServer(t *testing.T, st worker.Browser, a Access) (string, *syncBuilder) {
	t.Helper()
	logs := &syncBuilder{}
	srv, err := Listen(Config{Store: st, Addr: "127.0.0.1:0", Access: a, Log: zerolog.New(logs), ShutdownTimeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	return "http://" + srv.Addr(), logs
}

// get fetches url with extra headers and returns the response and body.
func get(t *testing.T, url string, hdr map[string]string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	c := http.Client{Timeout: 30 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("GET %s: body: %v", url, err)
	}
	return resp, string(body)
}
