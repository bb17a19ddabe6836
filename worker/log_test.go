package worker

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/hibiken/asynq"
	"github.com/rs/zerolog"
)

func TestNewLogger(t *testing.T) {
	cases := []struct {
		name, level string
		console     bool
		wantErr     bool
		infoShown   bool
	}{
		{"default info json", "", false, false, true},
		{"warn hides info", "warn", false, false, false},
		{"debug", "debug", false, false, true},
		{"console", "info", true, false, true},
		{"bad level", "loud", false, true, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			log, err := NewLogger(&buf, tc.level, tc.console)
			if (err != nil) != tc.wantErr {
				t.Fatalf("NewLogger = %v, want error %v", err, tc.wantErr)
			}
			if err != nil {
				return
			}
			log.Info().Str("call", "a.vtt").Msg("task")
			out := buf.String()
			if (out != "") != tc.infoShown {
				t.Fatalf("output %q, want info shown %v", out, tc.infoShown)
			}
			if out == "" {
				return
			}
			var ev map[string]any
			isJSON := json.Unmarshal([]byte(out), &ev) == nil
			if isJSON == tc.console {
				t.Errorf("output %q: JSON %v, want console %v", out, isJSON, tc.console)
			}
			if !strings.Contains(out, "a.vtt") {
				t.Errorf("output %q lacks the call", out)
			}
		})
	}
}

func TestAsynqLogger(t *testing.T) {
	var buf bytes.Buffer
	log, _ := NewLogger(&buf, "debug", false)
	AsynqLogger(log).Warn("Retry exhausted for task id=", 7)
	var ev map[string]any
	if err := json.Unmarshal(buf.Bytes(), &ev); err != nil {
		t.Fatal(err)
	}
	if ev["level"] != "warn" || ev["component"] != "asynq" || ev["message"] != "Retry exhausted for task id=7" {
		t.Errorf("line = %v", ev)
	}
	if AsynqLevel(zerolog.WarnLevel) != asynq.WarnLevel {
		t.Error("AsynqLevel(warn) is not warn")
	}
}

func TestRetryDelay(t *testing.T) {
	d := RetryDelay(30 * time.Second)
	cases := []struct {
		n        int
		min, max time.Duration
	}{
		{0, 800 * time.Millisecond, 1200 * time.Millisecond},
		{3, 6400 * time.Millisecond, 9600 * time.Millisecond},
		{5, 24 * time.Second, 36 * time.Second},
		{25, 24 * time.Second, 36 * time.Second},
		{100, 24 * time.Second, 36 * time.Second},
	}
	for _, tc := range cases {
		for range 50 {
			if got := d(tc.n, nil, nil); got < tc.min || got > tc.max {
				t.Fatalf("RetryDelay(%d) = %v, want within [%v, %v]", tc.n, got, tc.min, tc.max)
			}
		}
	}
}
