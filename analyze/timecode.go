package analyze

import (
	"sort"
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

// orderByTime puts a timed call's turns in the order they were spoken
// (services list them per speaker or channel), and clears the partial
// times of an untimed one.
func orderByTime(c *Call) {
	if c.Timed {
		sort.SliceStable(c.Turns, func(i, j int) bool { return c.Turns[i].Start < c.Turns[j].Start })
		return
	}
	for i := range c.Turns {
		c.Turns[i].Start, c.Turns[i].End = 0, 0
	}
}
