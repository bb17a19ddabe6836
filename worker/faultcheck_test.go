package worker

// The check every fault test ends with, and the reading of the workers'
// per-task log lines.

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/calltrust/calltrust/lexicons"
	"github.com/calltrust/calltrust/queue"
	"github.com/hibiken/asynq"
	"github.com/rs/zerolog"
)

// getObject reads an object of the bucket; ok is false when it is absent.
func (f *faultEnv) getObject(t *testing.T, key string) (data []byte, ok bool) {
	t.Helper()
	out, err := f.ms.Client().GetObject(context.Background(), &s3.GetObjectInput{Bucket: aws.String(faultBucket), Key: aws.String(key)})
	if err != nil {
		if isNotFound(err) {
			return nil, false
		}
		t.Fatalf("get %s: %v", key, err)
	}
	defer out.Body.Close()
	b, err := io.ReadAll(out.Body)
	if err != nil {
		t.Fatalf("get %s: %v", key, err)
	}
	return b, true
}

// reportVersions returns the ETags of every version ever written under
// the batch's reports folder, by key relative to it.
func (f *faultEnv) reportVersions(t *testing.T) map[string][]string {
	t.Helper()
	prefix := "reports/" + f.batch + "/"
	out := map[string][]string{}
	p := s3.NewListObjectVersionsPaginator(f.ms.Client(), &s3.ListObjectVersionsInput{Bucket: aws.String(faultBucket), Prefix: aws.String(prefix)})
	for p.HasMorePages() {
		page, err := p.NextPage(context.Background())
		if err != nil {
			t.Fatalf("list versions: %v", err)
		}
		for _, v := range page.Versions {
			k := strings.TrimPrefix(aws.ToString(v.Key), prefix)
			out[k] = append(out[k], aws.ToString(v.ETag))
		}
	}
	return out
}

// checkBatch is the check every fault test ends with, once the batch is
// complete: every enqueued call has exactly one report (JSON and HTML in
// MinIO, the same bytes as analyzing the call again) or one listed
// failure with its reason; the summary's counts add up; no report was
// ever written with two different contents; no task is left in the queue
// but failed ones; and the workers logged JSON lines only, without a
// panic or the secret key.
func (f *faultEnv) checkBatch(t *testing.T, workers ...*workerProc) *Summary {
	t.Helper()
	ctx := context.Background()
	prefix := "reports/" + f.batch + "/"
	// First let asynq settle, so that a task it still holds and runs
	// again is among the writes checked below.
	f.checkQueueDrained(t)

	var s Summary
	data, ok := f.getObject(t, prefix+SummaryJSON)
	if !ok {
		t.Fatalf("%s%s is missing", prefix, SummaryJSON)
	}
	if err := json.Unmarshal(data, &s); err != nil {
		t.Fatalf("summary.json: %v", err)
	}
	if s.Calls != len(f.calls) || s.Reported+s.Failed != s.Calls || s.Pending != 0 || len(s.Rows) != s.Calls || len(s.Failures) != s.Failed {
		t.Errorf("summary counts: calls %d reported %d failed %d pending %d rows %d failures %d; want %d calls, reported+failed = calls",
			s.Calls, s.Reported, s.Failed, s.Pending, len(s.Rows), len(s.Failures), len(f.calls))
	}
	var fails []Failure
	data, ok = f.getObject(t, prefix+FailuresJSON)
	if !ok || json.Unmarshal(data, &fails) != nil || len(fails) != s.Failed {
		t.Errorf("failures.json: %d failures (present %v), summary says %d", len(fails), ok, s.Failed)
	}
	if data, ok := f.getObject(t, prefix+SummaryCSV); ok {
		recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
		if err != nil || len(recs) != s.Calls+1 {
			t.Errorf("summary.csv: %d records (%v), want %d and a header", len(recs), err, s.Calls)
		}
	} else {
		t.Errorf("summary.csv is missing")
	}

	rows := map[string][]Row{}
	for _, r := range s.Rows {
		rows[r.Call] = append(rows[r.Call], r)
	}
	failed := map[string]string{}
	for _, fl := range fails {
		if _, dup := failed[fl.Call]; dup {
			t.Errorf("%s listed twice in failures.json", fl.Call)
		}
		failed[fl.Call] = fl.Reason
	}
	outcomes, err := f.book.Outcomes(ctx, f.batch)
	if err != nil {
		t.Fatal(err)
	}
	book := map[string]queue.Outcome{}
	for _, o := range outcomes {
		book[o.Call] = o
	}
	versions := f.reportVersions(t)
	reanalyzed := f.reanalyze(t)
	rewritten := 0
	for call := range f.calls {
		rs := rows[call]
		if len(rs) != 1 {
			t.Errorf("%s: %d summary rows, want 1", call, len(rs))
			continue
		}
		reason, isFailed := failed[call]
		if want, ok := f.broken[call]; ok != isFailed {
			t.Errorf("%s: failed %v (%q), want failed %v", call, isFailed, reason, ok)
		} else if ok && !strings.Contains(reason, want) {
			t.Errorf("%s: failure reason %q lacks %q", call, reason, want)
		}
		wantStatus, wantRow := queue.StatusDone, RowReported
		if isFailed {
			wantStatus, wantRow = queue.StatusFailed, RowFailed
			if reason == "" {
				t.Errorf("%s: failure without a reason", call)
			}
		}
		if rs[0].Status != wantRow || book[call].Status != wantStatus {
			t.Errorf("%s: summary row %s, bookkeeping %s; want %s, %s", call, rs[0].Status, book[call].Status, wantRow, wantStatus)
		}
		for _, ext := range []string{".json", ".html"} {
			etags := versions[call+ext]
			if isFailed {
				if len(etags) != 0 {
					t.Errorf("%s: failed, yet %s%s was written", call, call, ext)
				}
				continue
			}
			if len(etags) == 0 {
				t.Errorf("%s: %s%s is missing", call, call, ext)
				continue
			}
			if len(etags) > 1 {
				rewritten++
			}
			for _, e := range etags[1:] {
				if e != etags[0] {
					t.Errorf("%s%s written with different contents: ETags %v", call, ext, etags)
					break
				}
			}
			got, _ := f.getObject(t, prefix+call+ext)
			if want := reanalyzed[call+ext]; !bytes.Equal(got, want) {
				t.Errorf("%s%s: %d bytes in MinIO differ from the %d bytes of analyzing it again", call, ext, len(got), len(want))
			}
		}
	}
	if len(outcomes) != len(f.calls) {
		t.Errorf("bookkeeping holds %d calls, want %d", len(outcomes), len(f.calls))
	}
	for i, w := range workers {
		logs := w.logText()
		if strings.Contains(logs, "panic:") {
			t.Errorf("worker %d panicked", i+1)
		}
		if strings.Contains(logs, f.ms.SecretKey()) {
			t.Errorf("worker %d logged the S3 secret key", i+1)
		}
		for _, line := range strings.Split(logs, "\n") {
			if line != "" && !json.Valid([]byte(line)) {
				t.Errorf("worker %d logged a line that is not JSON: %.200s", i+1, line)
				break
			}
		}
	}
	t.Logf("batch %s: %d calls, %d reported, %d failed; %d report files written more than once, each time with the same bytes",
		f.batch, s.Calls, s.Reported, s.Failed, rewritten)
	return &s
}

// reanalyze runs the handler's own analysis of every call over in-memory
// stores and returns the report files it writes, by key relative to the
// batch folder.
func (f *faultEnv) reanalyze(t *testing.T) map[string][]byte {
	t.Helper()
	src, out := memStore{}, memStore{}
	for k, v := range f.calls {
		src[k] = v
	}
	h := &Handler{Stores: NewStores(StoreOptions{}), Lexicons: lexicons.Default(), Log: zerolog.Nop()}
	h.Stores.m[f.source], h.Stores.m[f.reports] = src, out
	for k := range f.calls {
		if _, broken := f.broken[k]; broken {
			continue
		}
		p := queue.AnalyzePayload{Batch: f.batch, Source: f.source, Key: k, Reports: f.reports}
		if _, err := h.analyze(context.Background(), p); err != nil {
			t.Fatalf("analyze %s again: %v", k, err)
		}
	}
	res := map[string][]byte{}
	for k, v := range out {
		res[strings.TrimPrefix(k, f.batch+"/")] = v
	}
	return res
}

// checkQueueDrained waits for asynq to settle its last tasks and checks
// none is pending, running or waiting for a retry. A task whose
// completion asynq could not record (Redis went away just after the task
// ended) stays active until asynq's lease recovery, up to two minutes
// later, and then runs again: the wait allows for that.
func (f *faultEnv) checkQueueDrained(t *testing.T) {
	t.Helper()
	ins := asynq.NewInspector(f.conn)
	defer ins.Close()
	start := time.Now()
	deadline := start.Add(150 * time.Second)
	for {
		qi, err := ins.GetQueueInfo(queue.DefaultQueue)
		if err == nil && qi.Pending+qi.Active+qi.Scheduled+qi.Retry == 0 {
			if d := time.Since(start); d > 5*time.Second {
				t.Logf("asynq settled the batch's last tasks %s after the batch completed", d.Round(time.Second))
			}
			return
		}
		if time.Now().After(deadline) {
			if err == nil {
				err = fmt.Errorf("pending %d, active %d, scheduled %d, retry %d", qi.Pending, qi.Active, qi.Scheduled, qi.Retry)
			}
			t.Errorf("queue not drained after the batch: %v", err)
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// taskLines returns the per-task log lines of call:analyze in the
// workers' logs, by call ID.
func taskLines(t *testing.T, workers ...*workerProc) map[string][]map[string]any {
	t.Helper()
	out := map[string][]map[string]any{}
	for _, w := range workers {
		for _, line := range strings.Split(w.logText(), "\n") {
			if !strings.Contains(line, `"task":"call:analyze"`) {
				continue
			}
			var m map[string]any
			if err := json.Unmarshal([]byte(line), &m); err != nil {
				t.Errorf("worker log line is not JSON: %v", err)
				continue
			}
			call, _ := m["call"].(string)
			out[call] = append(out[call], m)
		}
	}
	return out
}

// outcomesOf counts the outcomes of task lines.
func outcomesOf(lines []map[string]any) map[string]int {
	n := map[string]int{}
	for _, l := range lines {
		o, _ := l["outcome"].(string)
		n[o]++
	}
	return n
}

// sortedKeys returns a map's keys in order, for stable messages.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
