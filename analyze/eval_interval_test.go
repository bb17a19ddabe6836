package analyze

import (
	"math"
	"testing"
)

// TestWilson checks the interval against values of the Wilson score
// formula computed apart, with z the 95th percentile of the normal
// distribution.
func TestWilson(t *testing.T) {
	tests := []struct {
		name      string
		hits, n   int
		low, high float64
	}{
		{"all of ten", 10, 10, 0.78706, 1},
		{"none of ten", 0, 10, 0, 0.21294},
		{"half of ten", 5, 10, 0.26927, 0.73073},
		{"35 of 36", 35, 36, 0.88465, 0.99378},
		{"one of one", 1, 1, 0.26987, 1},
		{"30 of 31", 30, 31, 0.86762, 0.99277},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := Wilson(tc.hits, tc.n, Z90)
			if e == nil {
				t.Fatal("nil estimate")
			}
			if want := float64(tc.hits) / float64(tc.n); e.Value != want {
				t.Errorf("value %v, want %v", e.Value, want)
			}
			if math.Abs(e.Low-tc.low) > 5e-5 || math.Abs(e.High-tc.high) > 5e-5 {
				t.Errorf("interval [%.5f, %.5f], want [%.5f, %.5f]", e.Low, e.High, tc.low, tc.high)
			}
			if e.Low > e.Value || e.High < e.Value {
				t.Errorf("interval [%.5f, %.5f] does not hold the value %.5f", e.Low, e.High, e.Value)
			}
			if e.Hits != tc.hits || e.Of != tc.n {
				t.Errorf("counts %d/%d, want %d/%d", e.Hits, e.Of, tc.hits, tc.n)
			}
		})
	}
	t.Run("nothing to estimate", func(t *testing.T) {
		if e := Wilson(0, 0, Z90); e != nil {
			t.Errorf("Wilson(0, 0) = %+v, want nil", e)
		}
		if s := Wilson(0, 0, Z90).String(); s != "-" {
			t.Errorf("nil estimate prints %q, want -", s)
		}
	})
	t.Run("narrows with more calls", func(t *testing.T) {
		small, large := Wilson(9, 10, Z90), Wilson(90, 100, Z90)
		if large.High-large.Low >= small.High-small.Low {
			t.Errorf("90/100 is [%.3f, %.3f], not narrower than 9/10 [%.3f, %.3f]", large.Low, large.High, small.Low, small.High)
		}
	})
}
