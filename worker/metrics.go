package worker

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/hibiken/asynq"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics are the worker's Prometheus metrics: tasks processed by type and
// outcome, failures, task durations, and the asynq queue sizes read at
// scrape time.
type Metrics struct {
	reg       *prometheus.Registry
	processed *prometheus.CounterVec
	failed    *prometheus.CounterVec
	duration  *prometheus.HistogramVec
}

// NewMetrics registers the metrics; ins (may be nil) supplies queue sizes.
func NewMetrics(ins *asynq.Inspector) *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		processed: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "calltrust_tasks_processed_total",
			Help: "Tasks processed, by task type and outcome (done, failed, retry).",
		}, []string{"type", "outcome"}),
		failed: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "calltrust_tasks_failed_total",
			Help: "Tasks that ended as a recorded failure, by task type.",
		}, []string{"type"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "calltrust_task_duration_seconds",
			Help:    "Time to process one task, by task type.",
			Buckets: []float64{.01, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60, 300},
		}, []string{"type"}),
	}
	m.reg.MustRegister(m.processed, m.failed, m.duration,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	if ins != nil {
		m.reg.MustRegister(queueCollector{ins})
	}
	return m
}

// observe counts one task; a nil Metrics does nothing.
func (m *Metrics) observe(typ, outcome string, d time.Duration) {
	if m == nil {
		return
	}
	m.processed.WithLabelValues(typ, outcome).Inc()
	if outcome == OutcomeFailed {
		m.failed.WithLabelValues(typ).Inc()
	}
	m.duration.WithLabelValues(typ).Observe(d.Seconds())
}

// Handler serves /metrics in the Prometheus text format and /healthz,
// which answers 200 while health returns nil and 503 otherwise.
func (m *Metrics) Handler(health func(context.Context) error) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/metrics", promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{}))
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		if err := health(ctx); err != nil {
			http.Error(w, "unhealthy: "+err.Error(), http.StatusServiceUnavailable)
			return
		}
		fmt.Fprintln(w, "ok")
	})
	return mux
}

// ServeMetrics listens on addr and serves h until ctx ends. It returns
// the address it listens on (addr may ask for port 0) once listening.
func ServeMetrics(ctx context.Context, addr string, h http.Handler) (string, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return "", fmt.Errorf("metrics: listen on %s: %w", addr, err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second}
	go srv.Serve(ln)
	go func() {
		<-ctx.Done()
		shut, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		srv.Shutdown(shut)
	}()
	return ln.Addr().String(), nil
}

// queueCollector reports asynq's queue sizes at scrape time.
type queueCollector struct{ ins *asynq.Inspector }

var queueSizeDesc = prometheus.NewDesc("calltrust_queue_tasks",
	"Tasks in an asynq queue, by queue and state.", []string{"queue", "state"}, nil)

func (c queueCollector) Describe(ch chan<- *prometheus.Desc) { ch <- queueSizeDesc }

func (c queueCollector) Collect(ch chan<- prometheus.Metric) {
	queues, err := c.ins.Queues()
	if err != nil {
		ch <- prometheus.NewInvalidMetric(queueSizeDesc, err)
		return
	}
	for _, q := range queues {
		info, err := c.ins.GetQueueInfo(q)
		if err != nil {
			ch <- prometheus.NewInvalidMetric(queueSizeDesc, err)
			continue
		}
		for _, s := range []struct {
			state string
			n     int
		}{
			{"pending", info.Pending}, {"active", info.Active}, {"scheduled", info.Scheduled},
			{"retry", info.Retry}, {"archived", info.Archived}, {"completed", info.Completed},
		} {
			ch <- prometheus.MustNewConstMetric(queueSizeDesc, prometheus.GaugeValue, float64(s.n), q, s.state)
		}
	}
}
