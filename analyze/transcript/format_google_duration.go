package transcript

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"
)

// googleDuration is a protobuf Duration as JSON, in seconds: "1.300s" (the
// JSON mapping), a number of seconds, or {"seconds": 1, "nanos": 300000000}
// (the message as encoders without the JSON mapping write it), where either
// field may be missing (zero) and seconds may be a string, as protobuf
// writes int64. bad marks a value that is none of these, or that is
// negative or not finite: the decoder accepts it so that parseGoogle can
// say where it stands.
type googleDuration struct {
	sec float64
	bad bool
}

// UnmarshalJSON reads any of the forms; it never fails.
func (d *googleDuration) UnmarshalJSON(b []byte) error {
	s := strings.TrimSpace(string(b))
	*d = googleDuration{}
	switch {
	case s == "null":
		return nil
	case strings.HasPrefix(s, "{"):
		var o struct {
			Seconds sttNumber `json:"seconds"`
			Nanos   sttNumber `json:"nanos"`
		}
		if json.Unmarshal(b, &o) != nil {
			d.bad = true
			return nil
		}
		d.sec = float64(o.Seconds) + float64(o.Nanos)/1e9
	default:
		if uq, err := strconv.Unquote(s); err == nil {
			s = strings.TrimSuffix(strings.TrimSpace(uq), "s")
		}
		v, err := strconv.ParseFloat(s, 64)
		d.sec, d.bad = v, err != nil
	}
	if math.IsNaN(d.sec) || math.IsInf(d.sec, 0) || d.sec < 0 {
		*d = googleDuration{bad: true}
	}
	return nil
}

// firstDuration returns the first of ds that is given, or nil.
func firstDuration(ds ...*googleDuration) *googleDuration {
	for _, d := range ds {
		if d != nil {
			return d
		}
	}
	return nil
}

// badGoogleDuration finds the first duration in results that is not one
// and returns its path below the results (index, keys and indexes), as
// jsonOffset takes it.
func badGoogleDuration(results []googleResult) ([]any, bool) {
	for ri := range results {
		r := &results[ri]
		for ai, alt := range r.Alternatives {
			for wi := range alt.Words {
				w := &alt.Words[wi]
				for _, k := range [...]struct {
					key string
					d   *googleDuration
				}{{"startTime", w.StartTime}, {"endTime", w.EndTime}, {"startOffset", w.StartOffset},
					{"endOffset", w.EndOffset}, {"start_time", w.StartTimeSnake}, {"end_time", w.EndTimeSnake},
					{"start_offset", w.StartOffsetSnake}, {"end_offset", w.EndOffsetSnake}} {
					if k.d != nil && k.d.bad {
						return []any{ri, "alternatives", ai, "words", wi, k.key}, true
					}
				}
			}
		}
		for _, k := range [...]struct {
			key string
			d   *googleDuration
		}{{"resultEndTime", r.ResultEndTime}, {"resultEndOffset", r.ResultEndOffset},
			{"result_end_time", r.ResultEndTimeSnake}, {"result_end_offset", r.ResultEndOffsetSnake}} {
			if k.d != nil && k.d.bad {
				return []any{ri, k.key}, true
			}
		}
	}
	return nil, false
}
