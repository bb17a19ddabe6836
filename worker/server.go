package worker

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/hibiken/asynq"
	goredis "github.com/redis/go-redis/v9"
	"github.com/rs/zerolog"
)

// ServerConfig is how an asynq server runs a Handler.
type ServerConfig struct {
	// Concurrency is how many tasks run at once.
	Concurrency int
	// Queue is the asynq queue to work; "" is the default queue.
	Queue string
	// ShutdownTimeout bounds the wait for in-flight tasks on shutdown;
	// tasks still running then go back to the queue.
	ShutdownTimeout time.Duration
	// RetryCap caps the backoff between retries; 0 is DefaultRetryCap.
	RetryCap time.Duration
	// PollInterval is how often an idle server looks for tasks; 0 is
	// asynq's default (1 s).
	PollInterval time.Duration
	// RetryPollInterval is how often tasks due for a retry are moved back
	// to the queue; 0 is asynq's default (5 s).
	RetryPollInterval time.Duration
	Log               zerolog.Logger
}

// DefaultRetryCap is the longest wait between two attempts at a task.
const DefaultRetryCap = 30 * time.Second

// DefaultShutdownTimeout is how long a stopping worker waits for its
// in-flight tasks.
const DefaultShutdownTimeout = 30 * time.Second

// NewServer returns an asynq server for a Handler's Mux, with calltrust's
// retry backoff and logging.
func NewServer(redis asynq.RedisConnOpt, cfg ServerConfig) *asynq.Server {
	q := cfg.Queue
	if q == "" {
		q = "default"
	}
	if cfg.ShutdownTimeout <= 0 {
		cfg.ShutdownTimeout = DefaultShutdownTimeout
	}
	log := cfg.Log
	redisLoggerOnce.Do(func() { goredis.SetLogger(redisLogger{log.With().Str("component", "redis").Logger()}) })
	return asynq.NewServer(redis, asynq.Config{
		Concurrency:              cfg.Concurrency,
		Queues:                   map[string]int{q: 1},
		RetryDelayFunc:           RetryDelay(cfg.RetryCap),
		ShutdownTimeout:          cfg.ShutdownTimeout,
		TaskCheckInterval:        cfg.PollInterval,
		DelayedTaskCheckInterval: cfg.RetryPollInterval,
		Logger:                   AsynqLogger(log),
		LogLevel:                 AsynqLevel(max(log.GetLevel(), zerolog.WarnLevel)),
		HealthCheckFunc: func(err error) {
			if err != nil {
				log.Warn().Err(err).Msg("redis health check failed")
			}
		},
	})
}

// redisLogger takes go-redis's own messages (a dropped connection while
// Redis restarts), which it would print as plain text on stderr, into the
// process log. go-redis has one logger per process: the first server's
// log gets it, set once, as clients may be logging already.
type redisLogger struct{ l zerolog.Logger }

var redisLoggerOnce sync.Once

func (r redisLogger) Printf(_ context.Context, format string, args ...any) {
	r.l.Warn().Msg(fmt.Sprintf(format, args...))
}

// RetryDelay returns the backoff before retry n+1: 2^n seconds, at most
// limit (DefaultRetryCap when 0), with up to 20% jitter either way so that
// a batch that failed at once does not retry at once.
func RetryDelay(limit time.Duration) asynq.RetryDelayFunc {
	if limit <= 0 {
		limit = DefaultRetryCap
	}
	return func(n int, _ error, _ *asynq.Task) time.Duration {
		d := limit
		if n < 30 {
			d = min(time.Duration(1<<n)*time.Second, limit)
		}
		return time.Duration(float64(d) * (0.8 + 0.4*rand.Float64()))
	}
}
