package worker

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// indentJSON encodes v as indented JSON with a final newline: the bytes
// of json.MarshalIndent(v, "", "  "), with the indentation added by
// appendIndented. encoding/json indents with its general scanner, which
// reads every byte through a state machine and cost twice the encoding
// itself on a one-hour report. what names v in the error.
func indentJSON(what string, v any) ([]byte, error) {
	compact, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("encode %s: %w", what, err)
	}
	out := appendIndented(make([]byte, 0, 2*len(compact)+64), compact)
	return append(out, '\n'), nil
}

// appendIndented appends src, JSON as json.Marshal writes it (valid,
// without white space), to dst indented as json.Indent(dst, src, "",
// "  ") does: a line for every member and element, two spaces a level,
// a space after every colon, and empty objects and arrays kept as {}
// and [].
func appendIndented(dst, src []byte) []byte {
	depth := 0
	opened := false // after { or [: the line break waits for what follows
	for i := 0; i < len(src); {
		c := src[i]
		if opened && c != '}' && c != ']' {
			opened = false
			dst = appendNewline(dst, depth)
		}
		switch c {
		case '"':
			end := stringEnd(src, i)
			dst = append(dst, src[i:end]...)
			i = end
			continue
		case '{', '[':
			dst = append(dst, c)
			depth++
			opened = true
		case '}', ']':
			depth--
			if opened {
				opened = false
			} else {
				dst = appendNewline(dst, depth)
			}
			dst = append(dst, c)
		case ',':
			dst = append(dst, c)
			dst = appendNewline(dst, depth)
		case ':':
			dst = append(dst, c, ' ')
		default:
			// A number, true, false or null, up to the next structural
			// byte.
			end := i + 1
			for end < len(src) && !structural[src[end]] {
				end++
			}
			dst = append(dst, src[i:end]...)
			i = end
			continue
		}
		i++
	}
	return dst
}

// structural marks the bytes that end a number or literal in JSON
// without white space.
var structural = [256]bool{'"': true, '{': true, '}': true, '[': true, ']': true, ',': true, ':': true}

// indentSpaces is a line break and the indentation of up to 32 levels.
var indentSpaces = "\n" + strings.Repeat("  ", 32)

// appendNewline appends a line break and depth levels of indentation.
func appendNewline(dst []byte, depth int) []byte {
	if n := 1 + 2*depth; n <= len(indentSpaces) {
		return append(dst, indentSpaces[:n]...)
	}
	dst = append(dst, '\n')
	for range depth {
		dst = append(dst, ' ', ' ')
	}
	return dst
}

// stringEnd returns the index after the closing quote of the JSON string
// that opens at src[i], or len(src) when it is not closed.
func stringEnd(src []byte, i int) int {
	for j := i + 1; j < len(src); {
		k := bytes.IndexByte(src[j:], '"')
		if k < 0 {
			break
		}
		j += k
		backslashes := 0
		for b := j - 1; b > i && src[b] == '\\'; b-- {
			backslashes++
		}
		if backslashes%2 == 0 {
			return j + 1
		}
		j++
	}
	return len(src)
}
