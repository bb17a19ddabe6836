package transcript

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	segjson "github.com/segmentio/encoding/json"
)

// ownJSONFormat is the ID of calltrust's own JSON.
const ownJSONFormat = "calltrust-json"

// ownCall is calltrust's own JSON: a Call with optional times and roles.
type ownCall struct {
	ID     string    `json:"id"`
	Source string    `json:"source"`
	Meta   Meta      `json:"meta"`
	Turns  []ownTurn `json:"turns"`
}

// ownTurn is one turn of calltrust's own JSON; a missing time is nil.
type ownTurn struct {
	Speaker string   `json:"speaker"`
	Role    string   `json:"role"`
	Start   *float64 `json:"start"`
	End     *float64 `json:"end"`
	Text    string   `json:"text"`
}

// sniffOwnJSON accepts a JSON object with a top-level "turns" array.
func sniffOwnJSON(name string, data []byte) bool {
	// Most JSON transcripts are some service's, without the word at all:
	// bytes.Contains rules them out far faster than reading their syntax.
	return bytes.Contains(data, []byte(`"turns"`)) && jsonTopKey(data, "turns") == '['
}

// parseOwnJSON reads calltrust's own JSON. Times are seconds; the call is
// timed when every turn with words has a start. Any role given makes the
// roles the file's own.
func parseOwnJSON(name string, data []byte) (*Call, error) {
	var oc ownCall
	if err := decodeJSON(data, &oc); err != nil {
		return nil, jsonError(name, ownJSONFormat, data, err)
	}
	c := &Call{ID: oc.ID, Source: oc.Source, Meta: oc.Meta, Timed: true}
	turns := make([]Turn, 0, len(oc.Turns))
	for i, ot := range oc.Turns {
		t := Turn{Speaker: ot.Speaker, Text: ot.Text}
		switch strings.ToLower(strings.TrimSpace(ot.Role)) {
		case "":
		case string(Seller):
			t.Role = Seller
		case string(Customer):
			t.Role = Customer
		default:
			return nil, fieldError(name, ownJSONFormat, data, []any{"turns", i, "role"},
				"turns[%d].role: unknown role; want \"seller\", \"customer\" or none", i)
		}
		c.RolesFromFile = c.RolesFromFile || t.Role != Unknown
		if ot.Start != nil {
			t.Start = *ot.Start
		}
		t.End = -1 // the next turn's start when absent, below
		if ot.End != nil {
			t.End = *ot.End
		}
		if t.Start < 0 || ot.End != nil && t.End < 0 {
			key := "start"
			if t.Start >= 0 {
				key = "end"
			}
			return nil, fieldError(name, ownJSONFormat, data, []any{"turns", i, key},
				"turns[%d].%s: negative time", i, key)
		}
		if ot.Start == nil && strings.TrimSpace(ot.Text) != "" {
			c.Timed = false
		}
		turns = append(turns, t)
	}
	var tl turnList
	for i, t := range turns {
		switch {
		case !c.Timed:
			t.Start, t.End = 0, 0
		case t.End < 0 && i+1 < len(turns) && turns[i+1].Start > t.Start:
			t.End = turns[i+1].Start
		}
		t.End = max(t.End, t.Start)
		tl.add(t)
	}
	c.Turns = tl.done()
	return c, nil
}

// decodeJSON unmarshals a JSON document into v, a pointer, the way
// encoding/json does. segmentio's decoder does it several times faster
// on the long word lists of speech-to-text files; when it fails,
// encoding/json decodes the document again from scratch, so that an error
// is encoding/json's, with its offset and without quoting the document,
// as jsonError and sttDecode expect.
func decodeJSON(data []byte, v any) error {
	if segjson.Unmarshal(data, v) == nil {
		return nil
	}
	reflect.ValueOf(v).Elem().SetZero()
	return json.Unmarshal(data, v)
}

// jsonError turns an encoding/json error into a ParseError that gives the
// byte offset and line where the JSON broke. The offset is the one
// encoding/json reports: the bytes read up to and including the one that
// broke the syntax, or up to the end of a value of the wrong type.
func jsonError(name, format string, data []byte, err error) *ParseError {
	off := int64(-1)
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		off = se.Offset
	case errors.As(err, &te):
		off = te.Offset
	}
	pe := &ParseError{File: name, Format: format, Offset: off, Err: fmt.Errorf("%w: %s", ErrSyntax, jsonProblem(err))}
	if off >= 0 {
		pe.Line = LineAt(data, int(off))
	}
	return pe
}

// jsonCharRE matches the quoted character an encoding/json syntax error
// names, with the space after it.
var jsonCharRE = regexp.MustCompile(`invalid character '(?:\\'|[^']*)' `)

// jsonProblem describes an encoding/json error without quoting the
// document: the character a syntax error names is left out, so that an
// error message never carries a transcript's content.
func jsonProblem(err error) string {
	msg := strings.TrimPrefix(err.Error(), "json: ")
	if strings.HasSuffix(msg, "exceeded max depth") {
		return "nested more than 10000 levels deep"
	}
	return jsonCharRE.ReplaceAllString(msg, "unexpected character ")
}

// fieldError is a ParseError for a JSON value that decoded but breaks the
// format's rules; path (object keys and array indexes) locates the value.
func fieldError(name, format string, data []byte, path []any, msg string, args ...any) *ParseError {
	return valueError(ErrSyntax, name, format, data, path, msg, args...)
}

// valueError is a ParseError of a kind (ErrSyntax, ErrNoSpeech,
// ErrSeveralCalls ...) about the JSON value at path, located by its byte
// offset and line.
func valueError(kind error, name, format string, data []byte, path []any, msg string, args ...any) *ParseError {
	pe := &ParseError{File: name, Format: format, Offset: jsonOffset(data, path...),
		Err: fmt.Errorf("%w: %s", kind, fmt.Sprintf(msg, args...))}
	if pe.Offset >= 0 {
		pe.Line = LineAt(data, int(pe.Offset))
	}
	return pe
}

// jsonOffset returns the byte offset where the value at path starts in
// data, or -1 when there is no such value. It walks the tokens without
// recursion; it is meant for error paths only.
func jsonOffset(data []byte, path ...any) int64 {
	type frame struct {
		obj, wantKey bool
		key          string
		idx          int
	}
	at := func(stack []frame) bool {
		if len(stack) != len(path) {
			return false
		}
		for i, f := range stack {
			switch p := path[i].(type) {
			case string:
				if !f.obj || f.key != p {
					return false
				}
			case int:
				if f.obj || f.idx != p {
					return false
				}
			default:
				return false
			}
		}
		return true
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	var stack []frame
	for {
		n := len(stack)
		if (n == 0 || !stack[n-1].obj || !stack[n-1].wantKey) && at(stack) {
			off := int(dec.InputOffset())
			for off < len(data) && strings.IndexByte(" \t\r\n:,", data[off]) >= 0 {
				off++
			}
			return int64(off)
		}
		tok, err := dec.Token()
		if err != nil {
			return -1
		}
		switch tok {
		case json.Delim('{'):
			stack = append(stack, frame{obj: true, wantKey: true})
			continue
		case json.Delim('['):
			stack = append(stack, frame{})
			continue
		case json.Delim('}'), json.Delim(']'):
			stack = stack[:n-1]
		default:
			if n > 0 && stack[n-1].obj && stack[n-1].wantKey {
				stack[n-1].key, _ = tok.(string)
				stack[n-1].wantKey = false
				continue
			}
		}
		// A value ended.
		if n = len(stack); n == 0 {
			return -1
		}
		if stack[n-1].obj {
			stack[n-1].wantKey = true
		} else {
			stack[n-1].idx++
		}
	}
}

// jsonTopKey returns the first byte of the value of key in the top-level
// object of data, or 0 when data is not an object or has no such key. It
// scans bytes without decoding and stops at the key.
func jsonTopKey(data []byte, key string) byte {
	i := skipJSONSpace(data, 0)
	if i >= len(data) || data[i] != '{' {
		return 0
	}
	depth := 0
	for ; i < len(data); i++ {
		switch data[i] {
		case '{', '[':
			depth++
		case '}', ']':
			if depth--; depth <= 0 {
				return 0
			}
		case '"':
			j := stringEnd(data, i+1)
			if j < 0 {
				return 0
			}
			if depth == 1 && string(data[i+1:j]) == key {
				if k := skipJSONSpace(data, j+1); k < len(data) && data[k] == ':' {
					if v := skipJSONSpace(data, k+1); v < len(data) {
						return data[v]
					}
					return 0
				}
			}
			i = j
		}
	}
	return 0
}

// stringEnd returns the offset of the quote that closes the JSON string
// starting at data[from], or -1.
func stringEnd(data []byte, from int) int {
	for j := from; j < len(data); j++ {
		k := bytes.IndexByte(data[j:], '"')
		if k < 0 {
			return -1
		}
		j += k
		backslashes := 0
		for b := j - 1; b >= from && data[b] == '\\'; b-- {
			backslashes++
		}
		if backslashes%2 == 0 {
			return j
		}
	}
	return -1
}

// hasJSONKey reports whether key stands anywhere in data as an object key.
func hasJSONKey(data []byte, key string) bool {
	q := []byte(strconv.Quote(key))
	for off := 0; ; {
		i := bytes.Index(data[off:], q)
		if i < 0 {
			return false
		}
		off += i + len(q)
		if k := skipJSONSpace(data, off); k < len(data) && data[k] == ':' {
			return true
		}
	}
}

func skipJSONSpace(data []byte, i int) int {
	for i < len(data) && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r') {
		i++
	}
	return i
}
