package serve

import (
	"bytes"
	"context"
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"encoding/json"
	"errors"
	"html/template"
	"io"
	"net/http"
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/calltrust/calltrust/analyze"
	"github.com/calltrust/calltrust/worker"
	"golang.org/x/sync/errgroup"
)

// trendsFolder is where the trends pages live, beside the batches.
const trendsFolder = "trends"

// homeReaders is how many summaries the home page reads at once.
const homeReaders = 8

//go:embed home.html
var homeHTML string

//go:embed home.css
var homeCSS string

var homeTmpl = template.Must(template.New("home").Parse(homeHTML))

// homeCSP allows the home page its own style sheet and nothing else.
var homeCSP = func() string {
	sum := sha256.Sum256([]byte(homeCSS))
	return "default-src 'none'; style-src 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
}()

// batchCounts are the parts of a batch's summary.json the home page
// shows; the decoder skips the rows.
type batchCounts struct {
	Calls            int                  `json:"calls"`
	Reported         int                  `json:"reported"`
	Failed           int                  `json:"failed"`
	Pending          int                  `json:"pending"`
	Skipped          int                  `json:"skipped"`
	Flagged          int                  `json:"flagged"`
	FlaggedByKind    map[analyze.Kind]int `json:"flagged_by_kind"`
	LexiconsVersions []string             `json:"lexicons_versions"`
}

// batchEntry is one batch on the home page.
type batchEntry struct {
	Name     string
	Href     string
	Written  time.Time
	Counts   batchCounts
	Kinds    []kindCount
	Unread   bool // summary.json did not decode
	modified time.Time
}

type kindCount struct {
	Kind  analyze.Kind
	Count int
}

// homeCache keeps each batch's counts by summary.json's ETag, so that a
// summary is read once until it is rewritten.
type homeCache struct {
	mu      sync.Mutex
	byBatch map[string]cachedCounts
}

type cachedCounts struct {
	etag   string
	counts batchCounts
}

func newHomeCache() *homeCache { return &homeCache{byBatch: map[string]cachedCounts{}} }

// serveHome lists the batches that have a summary.json, newest summary
// first, with their counts, and links to the trends when
// trends/index.html exists.
func (h *Handler) serveHome(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	batches, err := h.batches(ctx)
	if err != nil {
		h.storeError(w, r, "", err)
		return
	}
	_, terr := h.store.Stat(ctx, trendsFolder+"/index.html")
	if terr != nil && !errors.Is(terr, worker.ErrNotFound) {
		h.storeError(w, r, "", terr)
		return
	}
	var buf bytes.Buffer
	err = homeTmpl.Execute(&buf, map[string]any{
		"CSS":     template.CSS(homeCSS),
		"Batches": batches,
		"Trends":  terr == nil,
	})
	if err != nil {
		h.log.Error().Err(err).Msg("render home page")
		http.Error(w, "500 home page", http.StatusInternalServerError)
		return
	}
	hd := w.Header()
	hd.Set("Content-Type", "text/html; charset=utf-8")
	hd.Set("Cache-Control", "no-store")
	hd.Set("Content-Security-Policy", homeCSP)
	hd.Set("X-Content-Type-Options", "nosniff")
	hd.Set("Referrer-Policy", "no-referrer")
	if r.Method == http.MethodHead {
		return
	}
	_, _ = w.Write(buf.Bytes())
}

// batches reads the counts of every batch folder's summary.json,
// homeReaders at a time. Folders without one (a batch still running,
// anything else in the store) are left out.
func (h *Handler) batches(ctx context.Context) ([]batchEntry, error) {
	folders, err := h.store.Folders(ctx)
	if err != nil {
		return nil, err
	}
	folders = slices.DeleteFunc(folders, func(f string) bool { return f == trendsFolder || !allowedKey(f+"/") })
	entries := make([]batchEntry, len(folders))
	found := make([]bool, len(folders))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(homeReaders)
	for i, f := range folders {
		g.Go(func() error {
			e, ok, err := h.batch(gctx, f)
			entries[i], found[i] = e, ok
			return err
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	var out []batchEntry
	for i, e := range entries {
		if found[i] {
			out = append(out, e)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if !out[i].modified.Equal(out[j].modified) {
			return out[i].modified.After(out[j].modified)
		}
		return out[i].Name > out[j].Name
	})
	return out, nil
}

// batch reads one batch's counts, from the cache when its summary.json
// has not changed.
func (h *Handler) batch(ctx context.Context, name string) (batchEntry, bool, error) {
	key := name + "/" + worker.SummaryJSON
	info, err := h.store.Stat(ctx, key)
	if errors.Is(err, worker.ErrNotFound) || errors.Is(err, worker.ErrBadKey) {
		return batchEntry{}, false, nil
	}
	if err != nil {
		return batchEntry{}, false, err
	}
	e := batchEntry{Name: name, Href: name + "/", Written: info.ModTime.UTC(), modified: info.ModTime}
	h.home.mu.Lock()
	c, hit := h.home.byBatch[name]
	h.home.mu.Unlock()
	if !hit || c.etag != info.ETag || info.ETag == "" {
		c = cachedCounts{etag: info.ETag}
		c.counts, err = h.readCounts(ctx, key)
		switch {
		case errors.Is(err, worker.ErrNotFound):
			return batchEntry{}, false, nil // removed since
		case errors.Is(err, errUndecodable):
			e.Unread = true
			h.log.Warn().Str("batch", name).Err(err).Msg("home page: summary.json does not decode")
			return e, true, nil
		case err != nil:
			return batchEntry{}, false, err
		}
		h.home.mu.Lock()
		h.home.byBatch[name] = c
		h.home.mu.Unlock()
	}
	e.Counts = c.counts
	for k, n := range c.counts.FlaggedByKind {
		if n > 0 {
			e.Kinds = append(e.Kinds, kindCount{k, n})
		}
	}
	sort.Slice(e.Kinds, func(i, j int) bool { return e.Kinds[i].Kind < e.Kinds[j].Kind })
	return e, true, nil
}

var errUndecodable = errors.New("summary does not decode")

// readCounts streams a summary.json through a decoder that keeps only the
// counts.
func (h *Handler) readCounts(ctx context.Context, key string) (batchCounts, error) {
	body, _, err := h.store.Open(ctx, key)
	if err != nil {
		return batchCounts{}, err
	}
	defer body.Close()
	var c batchCounts
	if err := json.NewDecoder(body).Decode(&c); err != nil {
		var syn *json.SyntaxError
		var typ *json.UnmarshalTypeError
		if errors.As(err, &syn) || errors.As(err, &typ) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return batchCounts{}, errors.Join(errUndecodable, err)
		}
		return batchCounts{}, err // the store failed mid-read
	}
	return c, nil
}
