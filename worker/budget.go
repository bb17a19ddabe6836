package worker

// The analysis budget: how many bytes of transcripts one process parses
// and analyzes at once (--max-bytes), whatever its concurrency.

import (
	"context"

	"golang.org/x/sync/semaphore"
)

// analysisBudget returns the handler's analysis budget, made on first use.
func (h *Handler) analysisBudget() *budget {
	h.budgetOnce.Do(func() { h.budget = newBudget(h.maxBytes()) })
	return h.budget
}

// budget is a weighted semaphore that grants in arrival order, so that a
// heavy call is not starved by a stream of light ones. A weight over the
// whole budget is taken as the whole budget: such a call runs alone.
type budget struct {
	size int64
	sem  *semaphore.Weighted
}

func newBudget(size int64) *budget { return &budget{size: size, sem: semaphore.NewWeighted(size)} }

// acquire waits until n fits in the budget, or ctx ends.
func (b *budget) acquire(ctx context.Context, n int64) error {
	return b.sem.Acquire(ctx, min(n, b.size))
}

// release returns n to the budget.
func (b *budget) release(n int64) { b.sem.Release(min(n, b.size)) }
