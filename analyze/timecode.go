package analyze

import (
	"strconv"
	"strings"
)

// parseTimecode reads "HH:MM:SS.mmm", "HH:MM:SS,mmm", "MM:SS", "M:SS" or
// "SS.mmm" into seconds. ok is false for anything else.
func parseTimecode(s string) (sec float64, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false
	}
	s = strings.Replace(s, ",", ".", 1)
	parts := strings.Split(s, ":")
	if len(parts) > 3 {
		return 0, false
	}
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
		if err != nil {
			return 0, false
		}
		if i > 0 && v >= 60 {
			return 0, false
		}
		sec = sec*60 + v
	}
	return sec, true
}
