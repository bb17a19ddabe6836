package transcript

import (
	"encoding/json"
	"testing"
)

func TestSkippedNote(t *testing.T) {
	tests := []struct {
		name string
		s    Skipped
		want string
	}{
		{"nothing", Skipped{}, ""},
		{"before and after", Skipped{Lines: 21, Before: 12, After: 9}, "12 lines before the conversation and 9 after it were not read as speech"},
		{"one line before", Skipped{Lines: 1, Before: 1}, "1 line before the conversation was not read as speech"},
		{"after only", Skipped{Lines: 4, After: 4}, "4 lines after the conversation were not read as speech"},
		{"inside only", Skipped{Lines: 1, Inside: 1}, "1 line inside the conversation was not read as speech"},
		{"all three", Skipped{Lines: 15, Before: 10, Inside: 3, After: 2}, "10 lines before the conversation, 3 inside it and 2 after it were not read as speech"},
		{"one and one", Skipped{Lines: 2, Before: 1, After: 1}, "1 line before the conversation and 1 after it were not read as speech"},
		{"places unknown", Skipped{Lines: 5, Ranges: [][2]int{{1, 5}}}, "5 lines of the file were not read as speech"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.s.Note(); got != tc.want {
				t.Errorf("Note() = %q, want %q", got, tc.want)
			}
		})
	}
}

// TestSkippedJSON checks the report's shape: "skipped" with lines and
// ranges, left out when nothing was skipped.
func TestSkippedJSON(t *testing.T) {
	tests := []struct {
		name string
		s    Skipped
		want string
	}{
		{"nothing", Skipped{}, `{"id":"c","meta":{},"turns":null}`},
		{"ranges", Skipped{Lines: 3, Ranges: [][2]int{{1, 2}, {9, 9}}, Before: 2, After: 1},
			`{"id":"c","meta":{},"turns":null,"skipped":{"lines":3,"ranges":[[1,2],[9,9]]}}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := json.Marshal(&Call{ID: "c", Skipped: tc.s})
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tc.want {
				t.Errorf("JSON %s, want %s", got, tc.want)
			}
		})
	}
}
