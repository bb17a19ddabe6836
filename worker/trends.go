package worker

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/calltrust/calltrust/worker/pages"
)

// maxTrendRounds bounds how often UpdateTrends rebuilds while other
// batches keep finishing.
const maxTrendRounds = 5

// UpdateTrends rebuilds <reports>/trends/ from the batch summaries stored
// there, over the last n batches (n < 1: pages.DefaultTrendBatches). It
// keeps no state of its own: after writing, it lists the summaries again
// and rebuilds when one appeared or changed meanwhile, so of two batches
// finishing at once the last to write includes both.
func UpdateTrends(ctx context.Context, reports Store, n int) (*pages.Trends, error) {
	seen, err := listSummaries(ctx, reports)
	if err != nil {
		return nil, err
	}
	for range maxTrendRounds {
		t, err := LoadTrends(ctx, reports, seen, n)
		if err != nil {
			return nil, err
		}
		files, err := pages.TrendFiles(t)
		if err != nil {
			return nil, err
		}
		for _, f := range files {
			if err := reports.Put(ctx, pages.TrendsDir+"/"+f.Name, f.Data, f.ContentType); err != nil {
				return nil, fmt.Errorf("write trends %s: %w", f.Name, err)
			}
		}
		now, err := listSummaries(ctx, reports)
		if err != nil {
			return nil, err
		}
		if slices.Equal(now, seen) {
			return t, nil
		}
		seen = now
	}
	return nil, fmt.Errorf("trends: batch summaries kept changing over %d rebuilds", maxTrendRounds)
}

// LoadTrends reads the listed summaries (nil: list them) and builds the
// trends of the last n batches.
func LoadTrends(ctx context.Context, reports Store, listed []Object, n int) (*pages.Trends, error) {
	if listed == nil {
		var err error
		if listed, err = listSummaries(ctx, reports); err != nil {
			return nil, err
		}
	}
	var all []*Summary
	for _, o := range listed {
		var s Summary
		ok, err := getJSON(ctx, reports, o.Key, &s)
		if err != nil {
			return nil, fmt.Errorf("trends: %w", err)
		}
		if ok {
			if s.Batch == "" {
				s.Batch = strings.TrimSuffix(o.Key, "/"+SummaryJSON)
			}
			all = append(all, &s)
		}
	}
	return pages.BuildTrends(all, n), nil
}

// listSummaries lists <batch>/summary.json objects at the top of the
// reports store, in key order.
func listSummaries(ctx context.Context, reports Store) ([]Object, error) {
	var out []Object
	err := reports.List(ctx, "", func(o Object) error {
		batch, rest, ok := strings.Cut(o.Key, "/")
		if ok && rest == SummaryJSON && batch != pages.TrendsDir {
			out = append(out, o)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("trends: list batch summaries: %w", err)
	}
	return out, nil
}
