package transcript

import (
	"strconv"
	"strings"
	"testing"
)

// timecodeByParts is parseTimecode written the plain way, with
// strings.Split and strconv.ParseFloat: the reference the one-pass
// version must agree with.
func timecodeByParts(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false
	}
	s = strings.Replace(s, ",", ".", 1)
	parts := strings.Split(s, ":")
	if len(parts) > 3 {
		return 0, false
	}
	sec := 0.0
	for i, p := range parts {
		if p == "" {
			return 0, false
		}
		last := i == len(parts)-1
		for _, r := range p {
			if (r < '0' || r > '9') && !(last && r == '.') {
				return 0, false
			}
		}
		v, err := strconv.ParseFloat(p, 64)
		if err != nil || i > 0 && v >= 60 {
			return 0, false
		}
		sec = sec*60 + v
	}
	return sec, true
}

func TestParseTimecode(t *testing.T) {
	cases := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"00:01:02.500", 62.5, true},
		{"00:01:02,500", 62.5, true},
		{" 1:05 ", 65, true},
		{"12.25", 12.25, true},
		{"01:00:00.001", 3600.001, true},
		{"5.", 5, true},
		{",5", 0.5, true},
		{"00:60", 0, false},
		{"1:2:3:4", 0, false},
		{"1::2", 0, false},
		{"1,5:02", 0, false},
		{"02,5,0", 0, false},
		{"02.5,0", 0, false},
		{"-1", 0, false},
		{"1e3", 0, false},
		{".", 0, false},
		{"", 0, false},
		{"١٢:٣٠", 0, false},
	}
	for _, tc := range cases {
		got, ok := parseTimecode(tc.in)
		if ok != tc.ok || ok && got != tc.want {
			t.Errorf("parseTimecode(%q) = %v, %v; want %v, %v", tc.in, got, ok, tc.want, tc.ok)
		}
		if want, wantOK := timecodeByParts(tc.in); got != want || ok != wantOK {
			t.Errorf("parseTimecode(%q) = %v, %v; by parts %v, %v", tc.in, got, ok, want, wantOK)
		}
	}
}

// FuzzTimecode checks parseTimecode against the plain way on any text.
func FuzzTimecode(f *testing.F) {
	for _, s := range []string{"00:01:02.500", "00:01:02,500", "1:05", "12.25", "0.1234567890123456789", "59:59.999", "1,5:02"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := parseTimecode(s)
		want, wantOK := timecodeByParts(s)
		if got != want || ok != wantOK {
			t.Fatalf("parseTimecode(%q) = %v, %v; by parts %v, %v", s, got, ok, want, wantOK)
		}
	})
}
