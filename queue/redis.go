package queue

import (
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"

	"github.com/hibiken/asynq"
	"github.com/redis/go-redis/v9"
)

// DefaultPoolSize is the number of Redis connections a process keeps:
// enough for concurrent enqueueing and a busy worker.
const DefaultPoolSize = 64

// RedisURLForms says which Redis URLs ParseRedis reads, for flag help.
const RedisURLForms = "redis://[:password@]host:port/db (rediss:// for TLS), " +
	"redis-sentinel://[:password@]host:26379,host:26379/db?master=NAME (rediss-sentinel:// for TLS), " +
	"redis-cluster://[:password@]host:7000,host:7001 (rediss-cluster:// for TLS)"

// ParseRedisURL reads Redis connection options from a URL:
// redis://[user:password@]host:port[/db], rediss:// for TLS. Errors never
// repeat the password.
func ParseRedisURL(raw string) (asynq.RedisClientOpt, error) {
	if strings.TrimSpace(raw) == "" {
		return asynq.RedisClientOpt{}, errors.New("redis URL: empty (want redis://host:port/db)")
	}
	u, err := url.Parse(raw)
	if err != nil {
		return asynq.RedisClientOpt{}, fmt.Errorf("redis URL %s: not a URL", RedactURL(raw))
	}
	if u.Scheme != "redis" && u.Scheme != "rediss" {
		return asynq.RedisClientOpt{}, fmt.Errorf("redis URL %s: scheme %q is not redis or rediss", RedactURL(raw), u.Scheme)
	}
	if u.Host == "" {
		return asynq.RedisClientOpt{}, fmt.Errorf("redis URL %s: no host", RedactURL(raw))
	}
	conn, err := asynq.ParseRedisURI(raw)
	if err != nil {
		return asynq.RedisClientOpt{}, fmt.Errorf("redis URL %s: %s", RedactURL(raw), strings.TrimPrefix(err.Error(), "asynq: could not parse redis uri: "))
	}
	opt, ok := conn.(asynq.RedisClientOpt)
	if !ok {
		return asynq.RedisClientOpt{}, fmt.Errorf("redis URL %s: unsupported", RedactURL(raw))
	}
	if u.User != nil {
		opt.Username = u.User.Username()
	}
	opt.PoolSize = DefaultPoolSize
	return opt, nil
}

// ParseRedis reads the connection options of any Redis deployment from a
// URL, as asynq takes them:
//
//   - redis://[user:password@]host:port[/db], rediss:// for TLS: one
//     server (asynq.RedisClientOpt);
//   - redis-sentinel://[user:password@]host:port,host:port[/db]?master=NAME,
//     rediss-sentinel:// for TLS to the sentinels and the master: Redis
//     Sentinel (asynq.RedisFailoverClientOpt). The form is the one
//     asynq.ParseRedisURI reads; the password is the sentinels' and the
//     master's, unless the option sentinel_password= names another for
//     the sentinels (empty for none);
//   - redis-cluster://[user:password@]host:port,host:port, rediss-cluster://
//     for TLS: a Redis Cluster (asynq.RedisClusterClientOpt), any of its
//     nodes as seeds. A cluster has database 0 only.
//
// Errors never repeat a password.
func ParseRedis(raw string) (asynq.RedisConnOpt, error) {
	if strings.TrimSpace(raw) == "" {
		return nil, errors.New("redis URL: empty (want redis://host:port/db)")
	}
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("redis URL %s: not a URL", RedactURL(raw))
	}
	bad := func(format string, args ...any) error {
		return fmt.Errorf("redis URL %s: %s", RedactURL(raw), fmt.Sprintf(format, args...))
	}
	var secure bool
	switch u.Scheme {
	case "redis", "rediss":
		return ParseRedisURL(raw)
	case "rediss-sentinel", "rediss-cluster":
		secure = true
	case "redis-sentinel", "redis-cluster":
	default:
		return nil, bad("scheme %q is not redis, rediss, redis-sentinel, rediss-sentinel, redis-cluster or rediss-cluster", u.Scheme)
	}
	addrs, err := hostList(u.Host)
	if err != nil {
		return nil, bad("%v", err)
	}
	db, err := dbOf(u.Path)
	if err != nil {
		return nil, bad("%v", err)
	}
	user, password := "", ""
	if u.User != nil {
		user = u.User.Username()
		password, _ = u.User.Password()
	}
	var tlsConf *tls.Config
	if secure {
		host, _, _ := net.SplitHostPort(addrs[0])
		tlsConf = &tls.Config{ServerName: host, MinVersion: tls.VersionTLS12}
	}
	q := u.Query()
	if strings.HasSuffix(u.Scheme, "-cluster") {
		if len(q) > 0 {
			return nil, bad("a cluster URL takes no options")
		}
		if db != 0 {
			return nil, bad("a Redis Cluster has database 0 only, not %d", db)
		}
		return asynq.RedisClusterClientOpt{Addrs: addrs, Username: user, Password: password, TLSConfig: tlsConf}, nil
	}
	master := q.Get("master")
	if master == "" {
		return nil, bad("no ?master=NAME (the name the sentinels monitor)")
	}
	sentinelPassword := password
	if q.Has("sentinel_password") {
		sentinelPassword = q.Get("sentinel_password")
	}
	for k := range q {
		if k != "master" && k != "sentinel_password" {
			return nil, bad("unknown option %q (want master, sentinel_password)", k)
		}
	}
	return asynq.RedisFailoverClientOpt{
		MasterName: master, SentinelAddrs: addrs, SentinelPassword: sentinelPassword,
		Username: user, Password: password, DB: db, PoolSize: DefaultPoolSize, TLSConfig: tlsConf,
	}, nil
}

// hostList splits "h1:p1,h2:p2" into addresses, each with a port.
func hostList(hosts string) ([]string, error) {
	if hosts == "" {
		return nil, errors.New("no host")
	}
	var addrs []string
	for _, h := range strings.Split(hosts, ",") {
		host, port, err := net.SplitHostPort(h)
		if err != nil || host == "" || port == "" {
			return nil, fmt.Errorf("%q is not host:port", h)
		}
		if _, err := strconv.ParseUint(port, 10, 16); err != nil {
			return nil, fmt.Errorf("%q: port is not a number", h)
		}
		addrs = append(addrs, h)
	}
	return addrs, nil
}

// dbOf reads the database number of a URL path ("" or "/" is 0).
func dbOf(path string) (int, error) {
	p := strings.Trim(path, "/")
	if p == "" {
		return 0, nil
	}
	db, err := strconv.Atoi(p)
	if err != nil || db < 0 {
		return 0, fmt.Errorf("database %q is not a number", p)
	}
	return db, nil
}

// RedactURL returns a Redis URL fit for a log line or an error: the
// password in it and the value of any option named like a password are
// replaced by xxxxx. A string that is not a URL has anything between
// "//" and the last "@" hidden.
func RedactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		at := strings.LastIndex(raw, "@")
		sl := strings.Index(raw, "//")
		if at < 0 || sl < 0 || at < sl {
			if i := strings.Index(raw, "?"); i >= 0 {
				return raw[:i] + "?xxxxx"
			}
			return raw
		}
		return raw[:sl+2] + "xxxxx" + raw[at:]
	}
	q := u.Query()
	hidden := false
	for k := range q {
		if strings.Contains(strings.ToLower(k), "password") {
			q.Set(k, "xxxxx")
			hidden = true
		}
	}
	if hidden {
		u.RawQuery = q.Encode()
	}
	return u.Redacted()
}

// RedisTLS returns the TLS settings of connection options, nil when they
// do not use TLS; changing them changes the options'.
func RedisTLS(opt asynq.RedisConnOpt) *tls.Config {
	switch o := opt.(type) {
	case asynq.RedisClientOpt:
		return o.TLSConfig
	case asynq.RedisFailoverClientOpt:
		return o.TLSConfig
	case asynq.RedisClusterClientOpt:
		return o.TLSConfig
	}
	return nil
}

// NewRedisClient opens a go-redis client with the same options asynq uses,
// for the batch bookkeeping.
func NewRedisClient(opt asynq.RedisConnOpt) (redis.UniversalClient, error) {
	c, ok := opt.MakeRedisClient().(redis.UniversalClient)
	if !ok {
		return nil, errors.New("redis: unsupported connection options")
	}
	return c, nil
}
