package transcript

import (
	"encoding/binary"
	"math/bits"
	"testing"
)

// TestStringSpecial puts every byte at every place of eight string bytes,
// after plain bytes and before any: the mask must be empty exactly when
// no byte is special, and its lowest bit must mark the first that is.
func TestStringSpecial(t *testing.T) {
	isSpecial := func(c byte) bool { return c == '"' || c == '\\' || c < 0x20 }
	for c := range 256 {
		for at := range 8 {
			for _, fill := range []byte{'a', ' ', '!', '#', '[', ']', 0x7f, 0x80, 0xff} {
				for _, after := range []byte{fill, '"', '\\', 0, 0x1f, 0x21} {
					var word [8]byte
					for i := range word {
						word[i] = fill
						if i > at {
							word[i] = after
						}
					}
					word[at] = byte(c)
					first := -1
					for i, b := range word {
						if isSpecial(b) {
							first = i
							break
						}
					}
					m := stringSpecial(binary.LittleEndian.Uint64(word[:]))
					got := -1
					if m != 0 {
						got = bits.TrailingZeros64(m) / 8
					}
					if got != first {
						t.Fatalf("% x: first special byte at %d, want %d", word, got, first)
					}
				}
			}
		}
	}
}
