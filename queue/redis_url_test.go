package queue

import (
	"reflect"
	"strings"
	"testing"

	"github.com/hibiken/asynq"
)

func TestParseRedis(t *testing.T) {
	cases := []struct {
		name    string
		url     string
		want    asynq.RedisConnOpt // TLSConfig compared by presence only
		tls     bool
		wantErr string
	}{
		{name: "one server", url: "redis://:s3cret@host:6380/2",
			want: asynq.RedisClientOpt{Addr: "host:6380", Password: "s3cret", DB: 2, PoolSize: DefaultPoolSize}},
		{name: "sentinel, asynq's form", url: "redis-sentinel://:s3cret@s1:26379,s2:26379,s3:26379/1?master=calls",
			want: asynq.RedisFailoverClientOpt{MasterName: "calls", SentinelAddrs: []string{"s1:26379", "s2:26379", "s3:26379"},
				SentinelPassword: "s3cret", Password: "s3cret", DB: 1, PoolSize: DefaultPoolSize}},
		{name: "sentinel without password on the sentinels", url: "redis-sentinel://:s3cret@s1:26379?master=calls&sentinel_password=",
			want: asynq.RedisFailoverClientOpt{MasterName: "calls", SentinelAddrs: []string{"s1:26379"}, Password: "s3cret", PoolSize: DefaultPoolSize}},
		{name: "sentinel with its own password", url: "redis-sentinel://app:s3cret@s1:26379?master=calls&sentinel_password=s3ntinel",
			want: asynq.RedisFailoverClientOpt{MasterName: "calls", SentinelAddrs: []string{"s1:26379"}, Username: "app", Password: "s3cret",
				SentinelPassword: "s3ntinel", PoolSize: DefaultPoolSize}},
		{name: "sentinel over TLS", url: "rediss-sentinel://s1.example:26379,s2.example:26379?master=calls", tls: true,
			want: asynq.RedisFailoverClientOpt{MasterName: "calls", SentinelAddrs: []string{"s1.example:26379", "s2.example:26379"}, PoolSize: DefaultPoolSize}},
		{name: "cluster", url: "redis-cluster://:s3cret@n1:7000,n2:7001,n3:7002",
			want: asynq.RedisClusterClientOpt{Addrs: []string{"n1:7000", "n2:7001", "n3:7002"}, Password: "s3cret"}},
		{name: "cluster over TLS with db 0", url: "rediss-cluster://n1:7000/0", tls: true,
			want: asynq.RedisClusterClientOpt{Addrs: []string{"n1:7000"}}},
		{name: "sentinel without master", url: "redis-sentinel://:s3cret@s1:26379/0", wantErr: "master=NAME"},
		{name: "sentinel unknown option", url: "redis-sentinel://:s3cret@s1:26379/0?master=m&password=s3cret", wantErr: "unknown option"},
		{name: "cluster with a database", url: "redis-cluster://:s3cret@n1:7000/3", wantErr: "database 0 only"},
		{name: "cluster host without port", url: "redis-cluster://:s3cret@n1:7000,n2", wantErr: "not a URL"},
		{name: "bad port", url: "redis-cluster://:s3cret@n1:7000,n2:x", wantErr: "not a URL"},
		{name: "empty host in list", url: "redis-cluster://:s3cret@n1:7000,:7001", wantErr: `":7001" is not host:port`},
		{name: "sentinel bad db", url: "redis-sentinel://:s3cret@s1:26379/x?master=m", wantErr: "not a number"},
		{name: "unknown scheme", url: "memcache://:s3cret@h:1", wantErr: "scheme"},
		{name: "empty", url: " ", wantErr: "empty"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseRedis(tc.url)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("ParseRedis(%q) = %v, want an error with %q", tc.url, err, tc.wantErr)
				}
				if strings.Contains(err.Error(), "s3cret") {
					t.Errorf("error %q shows the password", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseRedis(%q): %v", tc.url, err)
			}
			if (RedisTLS(got) != nil) != tc.tls {
				t.Errorf("TLS = %v, want %v", RedisTLS(got) != nil, tc.tls)
			}
			if tc.tls && RedisTLS(got).ServerName != strings.Split(strings.Split(strings.Split(tc.url, "//")[1], ",")[0], ":")[0] {
				t.Errorf("TLS server name %q", RedisTLS(got).ServerName)
			}
			switch o := got.(type) {
			case asynq.RedisFailoverClientOpt:
				o.TLSConfig = nil
				got = o
			case asynq.RedisClusterClientOpt:
				o.TLSConfig = nil
				got = o
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("ParseRedis(%q) =\n %#v\nwant\n %#v", tc.url, got, tc.want)
			}
		})
	}
}

func TestRedactURL(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"password", "redis://:s3cret@h:1/0", "redis://:xxxxx@h:1/0"},
		{"user and password", "redis-cluster://app:s3cret@h:1,h:2", "redis-cluster://app:xxxxx@h:1,h:2"},
		{"option", "redis-sentinel://h:1?master=m&sentinel_password=s3cret", "redis-sentinel://h:1?master=m&sentinel_password=xxxxx"},
		{"no secret", "redis://h:1/0", "redis://h:1/0"},
		{"not a URL", "redis://:s3cret@h:1/%zz", "redis://xxxxx@h:1/%zz"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := RedactURL(tc.in); got != tc.want {
				t.Errorf("RedactURL(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}
