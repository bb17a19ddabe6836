package analyze

import (
	"fmt"
	"math"
)

// Z90 is the standard normal quantile of a two-sided 90% interval.
const Z90 = 1.6448536269514722

// Estimate is a proportion measured on a few calls: the observed value
// and the 90% Wilson score interval around it, with the counts behind it.
type Estimate struct {
	Value float64 `json:"value"`
	Low   float64 `json:"low"`
	High  float64 `json:"high"`
	Hits  int     `json:"hits"`
	Of    int     `json:"of"`
}

// Wilson returns hits out of n as an Estimate with the Wilson score
// interval at normal quantile z. Unlike the normal approximation it stays
// inside [0, 1] and does not collapse to a point at 0 or n hits, which is
// what a set of a few dozen calls needs: 10 of 10 is [0.79, 1] at 90%,
// not a certainty. It returns nil when n is 0: there is nothing to
// estimate.
func Wilson(hits, n int, z float64) *Estimate {
	if n <= 0 {
		return nil
	}
	p := float64(hits) / float64(n)
	nf := float64(n)
	z2 := z * z
	den := 1 + z2/nf
	center := (p + z2/(2*nf)) / den
	half := z / den * math.Sqrt(p*(1-p)/nf+z2/(4*nf*nf))
	e := &Estimate{Value: p, Low: math.Max(0, center-half), High: math.Min(1, center+half), Hits: hits, Of: n}
	// At 0 or n hits the bound is exactly 0 or 1; rounding must not move
	// it inside the value.
	if hits == 0 {
		e.Low = 0
	}
	if hits == n {
		e.High = 1
	}
	return e
}

// String formats an estimate as "0.97 [0.88, 0.99]", and a nil one as
// "-".
func (e *Estimate) String() string {
	if e == nil {
		return "-"
	}
	return fmt.Sprintf("%.2f [%.2f, %.2f]", e.Value, e.Low, e.High)
}
