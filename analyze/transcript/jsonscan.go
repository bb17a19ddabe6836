package transcript

import (
	"encoding/binary"
	"math/bits"
)

// jsonScan reads a JSON document in one pass without building values, for
// the fast paths of parsers: they read the few values they need where
// they stand and skip the rest. It accepts only strict JSON (RFC 8259).
// Anything it does not expect sets failed, and the parser then gives the
// document to decodeJSON, which reads it the general way and reports its
// errors; so a fast path may give up on any input, but must never accept
// one the general way would read differently.
type jsonScan struct {
	data   []byte
	pos    int
	failed bool
}

// maxScanDepth is how deeply skipped values may nest before the scan gives
// up and leaves the document to the general decoder.
const maxScanDepth = 512

// fail stops the scan.
func (s *jsonScan) fail() { s.failed = true }

// peek returns the next byte after white space, or 0 at the end.
func (s *jsonScan) peek() byte {
	for s.pos < len(s.data) {
		switch c := s.data[s.pos]; c {
		case ' ', '\t', '\n', '\r':
			s.pos++
		default:
			return c
		}
	}
	return 0
}

// eat consumes c, the next byte after white space, and reports whether it
// was there.
func (s *jsonScan) eat(c byte) bool {
	if s.peek() == c {
		s.pos++
		return true
	}
	return false
}

// end reports whether only white space is left after the document.
func (s *jsonScan) end() bool {
	return !s.failed && s.peek() == 0 && s.pos == len(s.data)
}

// str reads a string and returns the bytes between its quotes, which are
// its value when it has no escapes: escaped reports a backslash.
func (s *jsonScan) str() (raw []byte, escaped bool) {
	from, to, escaped := s.strAt()
	return s.data[from:to], escaped
}

// strAt is str giving where the bytes between the quotes are.
func (s *jsonScan) strAt() (from, to int, escaped bool) {
	if s.failed || !s.eat('"') {
		s.fail()
		return 0, 0, false
	}
	d, start := s.data, s.pos
	i := start
	// Eight bytes at a time, to the first that is a quote, a backslash or
	// a control byte (see stringSpecial): a quote there ends the string,
	// anything else is looked at byte by byte.
	for i+8 <= len(d) {
		m := stringSpecial(binary.LittleEndian.Uint64(d[i:]))
		if m == 0 {
			i += 8
			continue
		}
		i += bits.TrailingZeros64(m) / 8
		if d[i] == '"' {
			s.pos = i + 1
			return start, i, false
		}
		break
	}
	for ; i < len(d); i++ {
		switch c := d[i]; {
		case c == '"':
			s.pos = i + 1
			return start, i, escaped
		case c == '\\':
			escaped = true
			if i+1 >= len(d) {
				s.fail()
				return 0, 0, false
			}
			switch d[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i++
			case 'u':
				if i+6 > len(d) || !isHex(d[i+2]) || !isHex(d[i+3]) || !isHex(d[i+4]) || !isHex(d[i+5]) {
					s.fail()
					return 0, 0, false
				}
				i += 5
			default:
				s.fail()
				return 0, 0, false
			}
		case c < 0x20:
			s.fail()
			return 0, 0, false
		}
	}
	s.fail()
	return 0, 0, false
}

// stringSpecial marks the bytes of x, eight bytes of a string read in
// little-endian order, that may end or escape it or may not stand in it:
// '"', '\\' or a byte under 0x20 (see below20 and equal). The mask is 0
// exactly when no byte is special, and its lowest bit set is that of the
// first special byte.
func stringSpecial(x uint64) uint64 {
	return below20(x) | equal(x, '"') | equal(x, '\\')
}

// plainStr reads a string that must have no escapes, and returns its
// value.
func (s *jsonScan) plainStr() []byte {
	raw, escaped := s.str()
	if escaped {
		s.fail()
	}
	return raw
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c|0x20 >= 'a' && c|0x20 <= 'f'
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// number reads a number and returns its text.
func (s *jsonScan) number() []byte {
	if s.failed {
		return nil
	}
	d, i := s.data, s.pos
	start := i
	digits := func() bool {
		j := i
		for i < len(d) && isDigit(d[i]) {
			i++
		}
		return i > j
	}
	if i < len(d) && d[i] == '-' {
		i++
	}
	switch {
	case i < len(d) && d[i] == '0':
		i++
	case !digits():
		s.fail()
		return nil
	}
	if i < len(d) && d[i] == '.' {
		i++
		if !digits() {
			s.fail()
			return nil
		}
	}
	if i < len(d) && d[i]|0x20 == 'e' {
		i++
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		if !digits() {
			s.fail()
			return nil
		}
	}
	s.pos = i
	return d[start:i]
}

// fields reads an object whose keys k knows, calling field with each
// key's index among k.names, or -1 for a key to skip; field must read or
// skip the key's value. A key is first looked for as one of the names
// written out where it stands, which needs no scan of the string; only a
// key that is none of them is read as a string and checked by k.which.
// Keys with escapes stop the scan: they could spell a key the parser
// reads.
func (s *jsonScan) fields(k *keys, field func(i int)) {
	if s.failed || !s.eat('{') {
		s.fail()
		return
	}
	if s.eat('}') {
		return
	}
	for !s.failed {
		i := -1
		if s.peek() == '"' {
			i = k.at(s)
		}
		if i < 0 {
			key := s.plainStr()
			if s.failed {
				return
			}
			i = k.which(s, key)
		}
		if !s.eat(':') {
			s.fail()
		}
		if s.failed {
			return
		}
		field(i)
		if s.eat(',') {
			continue
		}
		if !s.eat('}') {
			s.fail()
		}
		return
	}
}

// at returns the index of the name written out, quotes and all, at the
// scan's place, which it then moves past, or -1 and leaves the place. A
// name seen before stops the scan, as in which.
func (k *keys) at(s *jsonScan) int {
	d := s.data[s.pos+1:]
	for i, n := range k.names {
		if len(d) > len(n) && d[len(n)] == '"' && string(d[:len(n)]) == n {
			if k.seen&(1<<i) != 0 {
				s.fail()
			}
			k.seen |= 1 << i
			s.pos += len(n) + 2
			return i
		}
	}
	return -1
}

// array reads an array, calling elem for each element; elem must read or
// skip the element.
func (s *jsonScan) array(elem func(i int)) {
	if s.failed || !s.eat('[') {
		s.fail()
		return
	}
	if s.eat(']') {
		return
	}
	for i := 0; !s.failed; i++ {
		elem(i)
		if s.eat(',') {
			continue
		}
		if !s.eat(']') {
			s.fail()
		}
		return
	}
}

// skip reads any value without keeping it.
func (s *jsonScan) skip() { s.skipDepth(0) }

func (s *jsonScan) skipDepth(depth int) {
	if s.failed {
		return
	}
	if depth > maxScanDepth {
		s.fail()
		return
	}
	switch c := s.peek(); {
	case c == '"':
		s.str()
	case c == '{':
		var none keys // no names: every key is skipped
		s.fields(&none, func(int) { s.skipDepth(depth + 1) })
	case c == '[':
		s.array(func(int) { s.skipDepth(depth + 1) })
	case c == 't':
		s.literal("true")
	case c == 'f':
		s.literal("false")
	case c == 'n':
		s.literal("null")
	case c == '-' || isDigit(c):
		s.number()
	default:
		s.fail()
	}
}

func (s *jsonScan) literal(word string) {
	if len(s.data)-s.pos < len(word) || string(s.data[s.pos:s.pos+len(word)]) != word {
		s.fail()
		return
	}
	s.pos += len(word)
}

// keys tells the keys an object's fast path reads from the others, which
// it skips. It stops the scan on a key that encoding/json would match to
// one of them although it is spelled otherwise (its matching ignores
// case, and folds some letters outside ASCII), and on one that comes
// twice, where the last would win.
type keys struct {
	names []string
	seen  uint64
}

// which returns the index of key among the names, or -1 for a key to skip.
func (k *keys) which(s *jsonScan, key []byte) int {
	if len(k.names) == 0 {
		return -1
	}
	for i, n := range k.names {
		if string(key) == n {
			if k.seen&(1<<i) != 0 {
				s.fail()
			}
			k.seen |= 1 << i
			return i
		}
	}
	for _, c := range key {
		if c >= 0x80 {
			s.fail()
			return -1
		}
	}
	for _, n := range k.names {
		if foldsTo(key, n) {
			s.fail()
		}
	}
	return -1
}

// foldsTo reports whether the ASCII key equals name but for case.
func foldsTo(key []byte, name string) bool {
	if len(key) != len(name) {
		return false
	}
	for i, c := range key {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		n := name[i]
		if 'A' <= n && n <= 'Z' {
			n += 'a' - 'A'
		}
		if c != n {
			return false
		}
	}
	return true
}
