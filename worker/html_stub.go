package worker

import "github.com/calltrust/calltrust/analyze"

// TODO(html): stubs until the pages land.

// CallPage renders one call's report as a self-contained HTML page.
func CallPage(r *analyze.Report, c *analyze.Call) ([]byte, error) {
	return []byte("<!doctype html><title>" + "call" + "</title>"), nil
}

// IndexPage renders a batch summary as a self-contained HTML page.
func IndexPage(s *Summary) ([]byte, error) { return []byte("<!doctype html><title>batch</title>"), nil }
