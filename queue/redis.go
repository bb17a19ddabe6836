package queue

import (
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/hibiken/asynq"
	"github.com/redis/go-redis/v9"
)

// DefaultPoolSize is the number of Redis connections a process keeps:
// enough for concurrent enqueueing and a busy worker.
const DefaultPoolSize = 64

// ParseRedisURL reads Redis connection options from a URL:
// redis://[user:password@]host:port[/db], rediss:// for TLS. Errors never
// repeat the password.
func ParseRedisURL(raw string) (asynq.RedisClientOpt, error) {
	if strings.TrimSpace(raw) == "" {
		return asynq.RedisClientOpt{}, errors.New("redis URL: empty (want redis://host:port/db)")
	}
	u, err := url.Parse(raw)
	if err != nil {
		return asynq.RedisClientOpt{}, fmt.Errorf("redis URL %s: not a URL", redactURL(raw))
	}
	if u.Scheme != "redis" && u.Scheme != "rediss" {
		return asynq.RedisClientOpt{}, fmt.Errorf("redis URL %s: scheme %q is not redis or rediss", u.Redacted(), u.Scheme)
	}
	if u.Host == "" {
		return asynq.RedisClientOpt{}, fmt.Errorf("redis URL %s: no host", u.Redacted())
	}
	conn, err := asynq.ParseRedisURI(raw)
	if err != nil {
		return asynq.RedisClientOpt{}, fmt.Errorf("redis URL %s: %s", u.Redacted(), strings.TrimPrefix(err.Error(), "asynq: could not parse redis uri: "))
	}
	opt, ok := conn.(asynq.RedisClientOpt)
	if !ok {
		return asynq.RedisClientOpt{}, fmt.Errorf("redis URL %s: unsupported", u.Redacted())
	}
	if u.User != nil {
		opt.Username = u.User.Username()
	}
	opt.PoolSize = DefaultPoolSize
	return opt, nil
}

// redactURL hides anything between "//" and "@" in a string that did not
// parse as a URL.
func redactURL(raw string) string {
	at := strings.LastIndex(raw, "@")
	sl := strings.Index(raw, "//")
	if at < 0 || sl < 0 || at < sl {
		return raw
	}
	return raw[:sl+2] + "xxxxx" + raw[at:]
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
