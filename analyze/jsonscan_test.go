package analyze

import (
	"encoding/binary"
	"testing"
)

// TestStringSpecial puts every byte at every place of eight plain string
// bytes: the test must flag the word exactly when the byte is one that
// ends or escapes a string or may not stand in one.
func TestStringSpecial(t *testing.T) {
	for c := range 256 {
		special := c == '"' || c == '\\' || c < 0x20
		for at := range 8 {
			for _, fill := range []byte{'a', ' ', '!', '#', '[', ']', 0x7f, 0x80, 0xff} {
				word := [8]byte{}
				for i := range word {
					word[i] = fill
				}
				word[at] = byte(c)
				if got := stringSpecial(binary.LittleEndian.Uint64(word[:])); got != special {
					t.Fatalf("byte %#x at %d among %#x: stringSpecial = %v, want %v", c, at, fill, got, special)
				}
			}
		}
	}
}
