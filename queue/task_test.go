package queue

import (
	"strings"
	"testing"
	"time"
)

func TestTaskID(t *testing.T) {
	base := TaskID("b1", "calls/a.vtt", "etag1")
	cases := []struct {
		name             string
		batch, key, etag string
		same             bool
	}{
		{"same inputs", "b1", "calls/a.vtt", "etag1", true},
		{"other batch", "b2", "calls/a.vtt", "etag1", false},
		{"other key", "b1", "calls/b.vtt", "etag1", false},
		{"changed object", "b1", "calls/a.vtt", "etag2", false},
		{"no ambiguity across fields", "b1calls/a.vtt", "", "etag1", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := TaskID(tc.batch, tc.key, tc.etag)
			if (got == base) != tc.same {
				t.Errorf("TaskID(%q, %q, %q) = %s, base %s: same = %v, want %v", tc.batch, tc.key, tc.etag, got, base, got == base, tc.same)
			}
			if !strings.HasPrefix(got, "call-") || len(got) != len("call-")+32 {
				t.Errorf("TaskID = %q: want call- and 32 hex digits", got)
			}
		})
	}
}

func TestCheckBatchID(t *testing.T) {
	cases := []struct {
		id string
		ok bool
	}{
		{"nightly-2026-11-21", true},
		{"run_1.2", true},
		{"", false},
		{".hidden", false},
		{"..", false},
		{"a/b", false},
		{"a b", false},
		{"a\nb", false},
		{strings.Repeat("x", 200), true},
		{strings.Repeat("x", 201), false},
	}
	for _, tc := range cases {
		t.Run(tc.id, func(t *testing.T) {
			err := CheckBatchID(tc.id)
			if (err == nil) != tc.ok {
				t.Errorf("CheckBatchID(%q) = %v, want ok %v", tc.id, err, tc.ok)
			}
		})
	}
}

func TestExpand(t *testing.T) {
	// 2026-11-22 01:30 UTC is still 2026-11-21 in New York.
	now := time.Date(2026, 11, 22, 1, 30, 0, 0, time.UTC)
	cases := []struct {
		name    string
		p       EnqueuePayload
		want    Batch
		wantErr bool
	}{
		{"UTC default", EnqueuePayload{Source: "s3://b/calls/{date}/", Reports: "s3://b/reports/"},
			Batch{ID: "nightly-2026-11-21", Source: "s3://b/calls/2026-11-21/", Reports: "s3://b/reports/"}, false},
		{"time zone", EnqueuePayload{Source: "/data/{date}", Reports: "/out", TZ: "America/New_York", BatchID: "team-{date}"},
			Batch{ID: "team-2026-11-20", Source: "/data/2026-11-20", Reports: "/out"}, false},
		{"no date", EnqueuePayload{Source: "/data", Reports: "/out", BatchID: "fixed"},
			Batch{ID: "fixed", Source: "/data", Reports: "/out"}, false},
		{"bad zone", EnqueuePayload{Source: "/data", TZ: "Mars/Base"}, Batch{}, true},
		{"bad batch", EnqueuePayload{Source: "/data", BatchID: "a/{date}"}, Batch{}, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.p.Expand(now)
			if (err != nil) != tc.wantErr {
				t.Fatalf("Expand = %v, want error %v", err, tc.wantErr)
			}
			if got != tc.want {
				t.Errorf("Expand = %+v, want %+v", got, tc.want)
			}
		})
	}
}

func TestParseRedisURL(t *testing.T) {
	cases := []struct {
		name, url      string
		addr, password string
		user           string
		db             int
		tls            bool
		wantErr        bool
	}{
		{"plain", "redis://127.0.0.1:6379/0", "127.0.0.1:6379", "", "", 0, false, false},
		{"password and db", "redis://:s3cret@host:6380/3", "host:6380", "s3cret", "", 3, false, false},
		{"user and password", "redis://app:s3cret@host:6380", "host:6380", "s3cret", "app", 0, false, false},
		{"tls", "rediss://:s3cret@cache.example:6380/1", "cache.example:6380", "s3cret", "", 1, true, false},
		{"empty", "", "", "", "", 0, false, true},
		{"wrong scheme", "http://:s3cret@host:1", "", "", "", 0, false, true},
		{"bad db", "redis://:s3cret@host:1/x", "", "", "", 0, false, true},
		{"no host", "redis:///0", "", "", "", 0, false, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			opt, err := ParseRedisURL(tc.url)
			if (err != nil) != tc.wantErr {
				t.Fatalf("ParseRedisURL(%q) = %v, want error %v", tc.url, err, tc.wantErr)
			}
			if err != nil {
				if strings.Contains(err.Error(), "s3cret") {
					t.Errorf("error %q shows the password", err)
				}
				return
			}
			if opt.Addr != tc.addr || opt.Password != tc.password || opt.Username != tc.user || opt.DB != tc.db || (opt.TLSConfig != nil) != tc.tls {
				t.Errorf("ParseRedisURL(%q) = addr %q password %q user %q db %d tls %v", tc.url, opt.Addr, opt.Password, opt.Username, opt.DB, opt.TLSConfig != nil)
			}
			if opt.PoolSize != DefaultPoolSize {
				t.Errorf("PoolSize = %d, want %d", opt.PoolSize, DefaultPoolSize)
			}
		})
	}
}
