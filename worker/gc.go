package worker

import "runtime/debug"

// GCPercent is the collector's target for calltrust when GOGC is not
// set: collect when the heap has grown by twice what was live, not Go's
// once. Nearly all of a worker's heap is the calls in flight, garbage a
// few milliseconds later, so collecting half as often saves CPU for a
// little memory: `calltrust run` over 600 calls of 5 to 90 minutes took
// 14-21% less CPU and 14-23% less time, and its peak RSS went from 54-56
// to 71-73 MB. GOGC and GOMEMLIMIT, when set, are Go's as always.
const GCPercent = 200

// TuneGC sets the collector's target to GCPercent unless GOGC says
// otherwise. The calltrust binary calls it first thing, and the benchmark
// script too, so that its in-process figures run as the binary does.
func TuneGC(getenv func(string) string) {
	if getenv("GOGC") == "" {
		debug.SetGCPercent(GCPercent)
	}
}
