package transcript

import "testing"

// SameAsDecoded lets the external tests check the Transcribe scan.
func SameAsDecoded(t *testing.T, data []byte) bool { return sameAsDecoded(t, data) }
