package transcript

import (
	"sort"
	"strconv"
	"strings"
)

// parseTimecode reads "HH:MM:SS.mmm", "HH:MM:SS,mmm", "MM:SS", "M:SS" or
// "SS.mmm" into seconds. ok is false for anything else: more than three
// parts, an empty part, anything but digits, minutes or seconds of 60 or
// more. The fraction comes last, after a point or a comma.
func parseTimecode(s string) (sec float64, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false
	}
	for n := 1; ; n++ {
		part, rest, more := strings.Cut(s, ":")
		if n > 3 || part == "" {
			return 0, false
		}
		v, ok := timecodePart(part, !more)
		if !ok || n > 1 && v >= 60 {
			return 0, false
		}
		sec = sec*60 + v
		if !more {
			return sec, true
		}
		s = rest
	}
}

// pow10 holds the powers of ten a float64 holds exactly.
var pow10 = [...]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15}

// timecodePart reads one part of a timecode: digits, and in the last part
// at most one point or comma among them. Parts of more than 15 digits go
// to strconv.ParseFloat.
func timecodePart(p string, last bool) (float64, bool) {
	marks := ""
	if last {
		marks = ".,"
	}
	v, ok, long := exactDecimal(p, marks)
	if !long {
		return v, ok
	}
	v, err := strconv.ParseFloat(strings.Replace(p, ",", ".", 1), 64)
	return v, err == nil
}

// exactDecimal reads p when it is digits with at most one of marks among
// them (none when marks is ""), and 15 digits at most: their value and the
// power of ten are then exact in a float64, and one division rounds as
// strconv.ParseFloat does. long reports such text with more digits, which
// it leaves to the caller; ok and long are both false for any other text.
func exactDecimal[T string | []byte](p T, marks string) (v float64, ok, long bool) {
	var m uint64
	digits, frac := 0, -1
	for i := 0; i < len(p); i++ {
		switch c := p[i]; {
		case isDigit(c):
			m = m*10 + uint64(c-'0')
			digits++
			if frac >= 0 {
				frac++
			}
		case frac < 0 && strings.IndexByte(marks, c) >= 0:
			frac = 0
		default:
			return 0, false, false
		}
	}
	switch {
	case digits == 0:
		return 0, false, false
	case digits > 15:
		return 0, false, true
	}
	return float64(m) / pow10[max(frac, 0)], true, false
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
