package worker

// Private data: no transcript text, quote or credential reaches the logs
// of the enqueue and worker processes (at debug level, against a
// password-protected redis-server and MinIO); failure reasons do not
// quote transcripts; reports can be written with S3 server-side
// encryption; Redis works with a password over TLS.

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/calltrust/calltrust/analyze/transcript"
	"github.com/calltrust/calltrust/internal/testservers"
	"github.com/calltrust/calltrust/queue"
	"github.com/hibiken/asynq"
)

// privateBroken are broken transcripts whose content an error message
// could be tempted to quote, with the sentences planted in them.
var privateBroken = map[string]struct {
	body      string
	sentences []string
}{
	"broken/role-sentence.json": {
		body:      `{"id": "r", "turns": [{"speaker": "Dana", "role": "I promise the rollout will finish before the holidays", "text": "Hello Sam, thanks for the time today."}, {"speaker": "Sam", "text": "Sure, happy to talk about the migration."}]}`,
		sentences: []string{"I promise the rollout will finish before the holidays", "Hello Sam, thanks for the time today.", "Sure, happy to talk about the migration."},
	},
	"broken/google-duration.json": {
		body:      `{"results": [{"alternatives": [{"transcript": "Hello there", "words": [{"startTime": "Our pricing is final and it never changes", "endTime": "1.600s", "word": "Hello", "speakerTag": 1}]}], "resultEndTime": "2.000s"}]}`,
		sentences: []string{"Our pricing is final and it never changes"},
	},
	"broken/one-speaker.txt": {
		body:      "Dana: Our discount expires on Friday at noon sharp.\nDana: Nobody else in the market can match our uptime.\n",
		sentences: []string{"Our discount expires on Friday at noon sharp.", "Nobody else in the market can match our uptime."},
	},
	"broken/bad-cue.vtt": {
		body:      "WEBVTT\n\nnot a timing line but a confession about the budget overrun\nDana: We lost the Henderson account last spring.\n",
		sentences: []string{"not a timing line but a confession about the budget overrun", "We lost the Henderson account last spring."},
	},
}

// privateCall holds an e-mail address, phone numbers and a card number,
// for --redact.
const privateCall = "Dana: Hi Mark, thanks for taking the call. What made you look at billing tools this quarter?\n" +
	"Mark: Our invoices go out late. Reach me at mark.ito@harborlane.com or on 415-555-0187.\n" +
	"Dana: Our platform will never fail you, guaranteed, so email dana.reyes@ledgerly.io or call +1 (646) 555-0199 today.\n" +
	"Mark: I'm not sure the budget is there for the card 4111 1111 1111 1111 this quarter.\n" +
	"Dana: Great, let's move on to the demo then.\n"

// sentenceEnd splits turn text into sentences.
var sentenceEnd = regexp.MustCompile(`[.!?]+(\s+|$)`)

// sentencesOf returns the sentences of a transcript's turns that are long
// enough to be told apart from log vocabulary (four words or more), and
// the whole text of each such turn.
func sentencesOf(t *testing.T, name string, data []byte) []string {
	t.Helper()
	c, err := transcript.Parse(name, data)
	if err != nil {
		t.Fatalf("%s does not parse: %v", name, err)
	}
	var out []string
	for _, turn := range c.Turns {
		out = append(out, turn.Text)
		for _, s := range sentenceEnd.Split(turn.Text, -1) {
			if len(strings.Fields(s)) >= 4 {
				out = append(out, strings.TrimSpace(s))
			}
		}
	}
	return out
}

// fragments returns the runs of four consecutive words of s (s itself
// when shorter), so that a clipped quote is found as well as a whole one.
func fragments(s string) []string {
	words := strings.Fields(s)
	if len(words) < 4 {
		return []string{strings.Join(words, " ")}
	}
	out := make([]string, 0, len(words)-3)
	for i := 0; i+4 <= len(words); i++ {
		out = append(out, strings.Join(words[i:i+4], " "))
	}
	return out
}

// leaked returns the first fragment of a secret that text holds, or "".
func leaked(text string, secrets []string) string {
	for _, s := range secrets {
		for _, f := range fragments(s) {
			if strings.Contains(text, f) {
				return f
			}
		}
	}
	return ""
}

// quotesOf collects every "quote" and "top_quote" string in a JSON
// document.
func quotesOf(v any, out *[]string) {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			if s, ok := e.(string); ok && (k == "quote" || k == "top_quote") && len(strings.Fields(s)) >= 3 {
				*out = append(*out, s)
			}
			quotesOf(e, out)
		}
	case []any:
		for _, e := range x {
			quotesOf(e, out)
		}
	}
}

// captured runs the calltrust binary to the end and returns its stdout
// and stderr, failing the test when it exits non-zero and fail is true.
func captured(t *testing.T, env []string, fail bool, args ...string) (string, string, error) {
	t.Helper()
	cmd := exec.Command(buildCalltrust(t), args...)
	cmd.Env = append(os.Environ(), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if err != nil && fail {
		t.Fatalf("calltrust %s: %v\nstdout:\n%s\nstderr:\n%s", args[0], err, stdout.String(), stderr.String())
	}
	return stdout.String(), stderr.String(), err
}

// waitBatch waits until a batch is complete and summarized.
func waitBatch(t *testing.T, conn asynq.RedisClientOpt, batch string) {
	t.Helper()
	rdb, err := queue.NewRedisClient(conn)
	if err != nil {
		t.Fatal(err)
	}
	book := queue.NewBook(rdb)
	defer book.Close()
	deadline := time.Now().Add(3 * time.Minute)
	for {
		p, err := book.Progress(context.Background(), batch)
		if err == nil && p.Complete() && !p.NeedsSummary() {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("batch %s not done after 3 minutes: %+v %v", batch, p, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func TestPrivacyLogs(t *testing.T) {
	password := "pw-" + testservers.RandomHex(t, 12)
	rs := startRedis(t, testservers.RedisPassword(password))
	ms := startMinio(t)
	ms.SetAWSEnv(t)
	ms.CreateBucket(t, "calls")
	ctx := context.Background()
	src, err := OpenStore(ctx, "s3://calls/in/", ms.Options())
	if err != nil {
		t.Fatal(err)
	}

	// The batch: every good example call, the private call, and broken
	// files that tempt an error message to quote them.
	var secrets []string
	calls := 0
	for _, folder := range []string{"east", "west"} {
		dir := filepath.Join("..", "testdata", "calls", folder)
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			data, err := os.ReadFile(filepath.Join(dir, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			if err := src.Put(ctx, folder+"/"+e.Name(), data, ""); err != nil {
				t.Fatal(err)
			}
			if IsTranscriptKey(e.Name()) {
				calls++
				secrets = append(secrets, sentencesOf(t, e.Name(), data)...)
			}
		}
	}
	if err := src.Put(ctx, "private.txt", []byte(privateCall), ""); err != nil {
		t.Fatal(err)
	}
	calls++
	secrets = append(secrets, sentencesOf(t, "private.txt", []byte(privateCall))...)
	for key, b := range privateBroken {
		if err := src.Put(ctx, key, []byte(b.body), ""); err != nil {
			t.Fatal(err)
		}
		calls++
		secrets = append(secrets, b.sentences...)
	}

	env := ms.Env()
	var logs strings.Builder
	_, stderr, _ := captured(t, env, true, "enqueue", "s3://calls/in/", "--batch", "private", "--redis", rs.URL(), "--reports", "s3://calls/reports/")
	logs.WriteString(stderr)
	w := startWorkerProc(t, env, "--redis", rs.URL(), "--concurrency", "4", "--log-level", "debug")
	conn, err := queue.ParseRedisURL(rs.URL())
	if err != nil {
		t.Fatal(err)
	}
	waitBatch(t, conn, "private")
	_, stderr, _ = captured(t, env, true, "status", "--batch", "private", "--redis", rs.URL())
	logs.WriteString(stderr)
	w.stop(t)
	logs.WriteString(w.logText())

	reports, err := OpenStore(ctx, "s3://calls/reports/", ms.Options())
	if err != nil {
		t.Fatal(err)
	}
	var quotes []string
	err = reports.List(ctx, "private/", func(o Object) error {
		if !strings.HasSuffix(o.Key, ".json") || strings.HasSuffix(o.Key, FailuresJSON) {
			return nil
		}
		data, err := reports.Get(ctx, o.Key, 16<<20)
		if err != nil {
			return err
		}
		var v any
		if err := json.Unmarshal(data, &v); err != nil {
			return err
		}
		quotesOf(v, &quotes)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(quotes) == 0 {
		t.Fatal("the reports carry no quotes: nothing to look for")
	}

	text := logs.String()
	t.Run("the logs were captured", func(t *testing.T) {
		if n := strings.Count(text, `"task":"call:analyze"`); n != calls {
			t.Errorf("%d call:analyze log lines, want %d:\n%s", n, calls, text)
		}
		if n := strings.Count(text, `"outcome":"failed"`); n != len(privateBroken) {
			t.Errorf("%d failed tasks logged, want %d:\n%s", n, len(privateBroken), text)
		}
	})
	t.Run("no transcript text", func(t *testing.T) {
		if f := leaked(text, secrets); f != "" {
			t.Errorf("the logs hold transcript text %q:\n%s", f, text)
		}
	})
	t.Run("no quote", func(t *testing.T) {
		if f := leaked(text, quotes); f != "" {
			t.Errorf("the logs hold a quote's words %q:\n%s", f, text)
		}
	})
	t.Run("no credential", func(t *testing.T) {
		for what, secret := range map[string]string{"S3 secret key": ms.SecretKey(), "Redis password": password} {
			if strings.Contains(text, secret) {
				t.Errorf("the logs hold the %s", what)
			}
		}
	})
	t.Run("failure reasons quote no transcript", func(t *testing.T) {
		data, err := reports.Get(ctx, "private/"+FailuresJSON, 1<<20)
		if err != nil {
			t.Fatal(err)
		}
		var fails []Failure
		if err := json.Unmarshal(data, &fails); err != nil {
			t.Fatal(err)
		}
		if len(fails) != len(privateBroken) {
			t.Errorf("%d failures, want %d: %+v", len(fails), len(privateBroken), fails)
		}
		for _, f := range fails {
			if q := leaked(f.Reason, secrets); q != "" {
				t.Errorf("the reason for %s quotes %q: %s", f.Call, q, f.Reason)
			}
			t.Logf("%s: %s", f.Call, f.Reason)
		}
	})
}

func TestReportsEncrypted(t *testing.T) {
	ms := startMinio(t)
	ms.SetAWSEnv(t)
	ms.CreateBucket(t, "calls")
	src := t.TempDir()
	writeFiles(t, src, map[string]string{"acme.txt": testCalls["acme.txt"], "empty.txt": ""})
	for _, tc := range []struct {
		name, sse, keyID string
	}{
		{"AES256", "AES256", ""},
		{"aws-kms", "aws:kms", ms.KMSKeyID()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := []string{"run", src, "--out", "s3://calls/" + tc.name + "/", "--batch", "sse", "--no-progress", "--sse", tc.sse}
			if tc.keyID != "" {
				args = append(args, "--sse-kms-key-id", tc.keyID)
			}
			captured(t, ms.Env(), true, args...)
			for _, key := range []string{"sse/acme.txt.json", "sse/acme.txt.html", "sse/" + SummaryJSON, "sse/" + FailuresJSON, "sse/" + IndexHTML} {
				head, err := ms.Client().HeadObject(context.Background(), &s3.HeadObjectInput{Bucket: aws.String("calls"), Key: aws.String(tc.name + "/" + key)})
				if err != nil {
					t.Errorf("%s: %v", key, err)
					continue
				}
				if string(head.ServerSideEncryption) != tc.sse {
					t.Errorf("%s: server-side encryption %q, want %q", key, head.ServerSideEncryption, tc.sse)
				}
				if tc.keyID != "" && !strings.HasSuffix(aws.ToString(head.SSEKMSKeyId), tc.keyID) {
					t.Errorf("%s: KMS key %q, want %s", key, aws.ToString(head.SSEKMSKeyId), tc.keyID)
				}
			}
		})
	}
}

func TestRedisPasswordTLS(t *testing.T) {
	password := "pw-" + testservers.RandomHex(t, 12)
	rs := startRedis(t, testservers.RedisPassword(password), testservers.RedisTLS())
	if !strings.HasPrefix(rs.URL(), "rediss://") {
		t.Fatalf("URL %s is not rediss://", rs.URL())
	}
	src, out := t.TempDir(), t.TempDir()
	writeFiles(t, src, map[string]string{"acme.txt": testCalls["acme.txt"], "west/beta.txt": testCalls["west/beta.txt"], "empty.txt": ""})
	var outputs strings.Builder
	keep := func(stdout, stderr string, _ error) { outputs.WriteString(stdout + stderr) }

	t.Run("untrusted certificate refused", func(t *testing.T) {
		stdout, stderr, err := captured(t, nil, false, "enqueue", src, "--batch", "tls", "--redis", rs.URL(), "--reports", out)
		keep(stdout, stderr, err)
		if err == nil || !strings.Contains(stderr, "certificate") {
			t.Errorf("enqueue without the CA: %v\n%s", err, stderr)
		}
	})
	t.Run("wrong password refused", func(t *testing.T) {
		bad := strings.Replace(rs.URL(), password, "not-"+password[3:], 1)
		stdout, stderr, err := captured(t, nil, false, "enqueue", src, "--batch", "tls", "--redis", bad, "--redis-ca", rs.CAFile(), "--reports", out)
		keep(stdout, stderr, err)
		if err == nil {
			t.Errorf("enqueue with a wrong password succeeded:\n%s", stdout)
		}
	})
	t.Run("--redis-ca needs rediss", func(t *testing.T) {
		stdout, stderr, err := captured(t, nil, false, "enqueue", src, "--batch", "tls", "--redis", "redis://:"+password+"@"+rs.Addr()+"/0", "--redis-ca", rs.CAFile(), "--reports", out)
		keep(stdout, stderr, err)
		if err == nil || !strings.Contains(stderr, "rediss://") {
			t.Errorf("--redis-ca with redis://: %v\n%s", err, stderr)
		}
	})

	// enqueue trusts the CA by --redis-ca, the worker by SSL_CERT_FILE.
	stdout, stderr, _ := captured(t, nil, true, "enqueue", src, "--batch", "tls", "--redis", rs.URL(), "--redis-ca", rs.CAFile(), "--reports", out)
	keep(stdout, stderr, nil)
	if !strings.Contains(stdout, "enqueued:         3") {
		t.Fatalf("enqueue over TLS:\n%s", stdout)
	}
	w := startWorkerProc(t, []string{"SSL_CERT_FILE=" + rs.CAFile()}, "--redis", rs.URL(), "--concurrency", "2")
	conn, err := queue.ParseRedisURL(rs.URL())
	if err != nil {
		t.Fatal(err)
	}
	conn.TLSConfig = rs.TLSConfig()
	waitBatch(t, conn, "tls")
	w.stop(t)
	outputs.WriteString(w.logText())

	var s Summary
	readJSON(t, filepath.Join(out, "tls", SummaryJSON), &s)
	if s.Calls != 3 || s.Reported != 2 || s.Failed != 1 {
		t.Errorf("summary: %d calls, %d reported, %d failed; want 3, 2, 1", s.Calls, s.Reported, s.Failed)
	}
	for _, f := range []string{"acme.txt.json", "west/beta.txt.html"} {
		if _, err := os.Stat(filepath.Join(out, "tls", f)); err != nil {
			t.Error(err)
		}
	}
	if strings.Contains(outputs.String(), password) {
		t.Errorf("the output of a command holds the Redis password:\n%s", outputs.String())
	}
}
