package pages

import (
	"fmt"
	"html"
	"regexp"
	"strings"
	"testing"

	"github.com/calltrust/calltrust/analyze"
)

// callTypeRowRE finds a call row's call type: its filter key, sort key
// and shown text.
var callTypeRowRE = regexp.MustCompile(`<tr data-rep="[^"]*" data-call-type="([^"]*)"[^>]*>(?s:.*?)<td class="ctype" data-sort="([^"]*)">([^<]*)</td>`)

func TestIndexPageCallTypes(t *testing.T) {
	rows := []struct {
		name, callType, status string
		wantKey, wantText      string
	}{
		{"follow-up", analyze.CallFollowUp, RowReported, "follow_up", "Follow-up"},
		{"cold", analyze.CallCold, RowReported, "cold", "Cold"},
		{"unknown", analyze.CallUnknown, RowReported, "unknown", "Unknown stage"},
		{"older report without one", "", RowReported, "none", "Not given"},
		{"second cold", analyze.CallCold, RowReported, "cold", "Cold"},
		{"markup", `x"><script>alert(1)</script>`, RowReported, `x"><script>alert(1)</script>`, `X"><script>alert(1)</script>`},
		{"failed", "", RowFailed, "", "—"},
	}
	s := &Summary{Batch: "b"}
	for _, r := range rows {
		s.Rows = append(s.Rows, Row{Call: r.name + ".vtt", CallType: r.callType, Status: r.status})
	}
	page, err := IndexPage(s)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(page), "<script>alert") {
		t.Error("index holds a call type's markup unescaped")
	}
	if head, _ := elementText(page, "calls"); !strings.Contains(head, "Account Call type Length") {
		t.Errorf("calls table heading lacks the call type column: %q", head)
	}
	found := callTypeRowRE.FindAllStringSubmatch(string(page), -1)
	if len(found) != len(rows) {
		t.Fatalf("found the call type of %d rows, want %d", len(found), len(rows))
	}
	for i, r := range rows {
		t.Run(r.name, func(t *testing.T) {
			key, text := html.UnescapeString(found[i][1]), html.UnescapeString(found[i][3])
			if key != r.wantKey || text != r.wantText {
				t.Errorf("row filter key %q text %q, want %q %q", key, text, r.wantKey, r.wantText)
			}
		})
	}
	t.Run("sort keys follow the stages", func(t *testing.T) {
		sortKey := map[string]string{}
		for i, r := range rows {
			sortKey[r.name] = found[i][2]
		}
		order := []string{"failed", "cold", "follow-up", "unknown", "markup", "older report without one"}
		for i := 1; i < len(order); i++ {
			var a, b int
			fmt.Sscan(sortKey[order[i-1]], &a)
			fmt.Sscan(sortKey[order[i]], &b)
			if a >= b {
				t.Errorf("%s sorts at %d, not before %s at %d", order[i-1], a, order[i], b)
			}
		}
	})
	t.Run("filter lists each type once, in stage order", func(t *testing.T) {
		got, _ := elementText(page, "f-type")
		want := `Any type Cold Follow-up Unknown stage X"><script>alert(1)</script> Not given`
		if got != want {
			t.Errorf("call type filter = %q\nwant %q", got, want)
		}
	})
}
