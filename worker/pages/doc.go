// Package pages writes what people read: the HTML page of a call, a
// batch's summary files and page, and the trends across batches. It turns
// reports and summaries into bytes; it never reads or writes a store,
// touches a queue or logs, so the worker, `run`, `report` and `serve` can
// all use it.
package pages
