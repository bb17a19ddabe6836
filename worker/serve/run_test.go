package serve

import (
	"bytes"
	"context"
	"crypto/rand"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/calltrust/calltrust/worker"
	"github.com/rs/zerolog"
)

// bigObject is larger than the socket buffers, so a download of it is
// still running when shutdown starts.
const bigObject = 24 << 20

func TestShutdownMidDownload(t *testing.T) {
	st := worker.NewLocalStore(t.TempDir())
	data := make([]byte, bigObject)
	_, _ = rand.Read(data)
	put(t, st, "b1/large.json", data)
	cases := []struct {
		name    string
		timeout time.Duration
		stall   bool // the client stops reading until after the timeout
	}{
		{"download in flight finishes", 20 * time.Second, false},
		{"stalled download is cut at the timeout", 300 * time.Millisecond, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			logs := &syncBuilder{}
			srv, err := Listen(Config{Store: st, Addr: "127.0.0.1:0", Log: zerolog.New(logs), ShutdownTimeout: tc.timeout})
			if err != nil {
				t.Fatal(err)
			}
			ctx, stop := context.WithCancel(context.Background())
			done := make(chan error, 1)
			go func() { done <- srv.Serve(ctx) }()
			base := "http://" + srv.Addr()
			resp, err := http.Get(base + "/b1/large.json")
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			head := make([]byte, 64<<10)
			if _, err := io.ReadFull(resp.Body, head); err != nil {
				t.Fatal(err)
			}
			stop() // what SIGTERM does in the command
			select {
			case err := <-done:
				t.Fatalf("Serve returned (%v) while a download was in flight", err)
			case <-time.After(100 * time.Millisecond):
			}
			if _, err := http.Get(base + "/healthz"); err == nil {
				t.Error("a new request was taken after shutdown started")
			}
			if tc.stall {
				time.Sleep(2 * tc.timeout)
			}
			rest, rerr := io.ReadAll(resp.Body)
			got := append(head, rest...)
			serr := <-done
			if !tc.stall {
				if rerr != nil || !bytes.Equal(got, data) {
					t.Errorf("download: %d of %d bytes, %v; want all of it", len(got), len(data), rerr)
				}
				if serr != nil {
					t.Errorf("Serve: %v, want nil", serr)
				}
				return
			}
			if rerr == nil && len(got) == len(data) {
				t.Error("a stalled download was not cut at the shutdown timeout")
			}
			if serr == nil || !strings.Contains(serr.Error(), "cut") {
				t.Errorf("Serve: %v, want an error saying downloads were cut", serr)
			}
		})
	}
}
