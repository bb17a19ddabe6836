package transcript

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sentinel errors callers branch on with errors.Is.
var (
	// ErrUnknownFormat means no parser recognised the content.
	ErrUnknownFormat = errors.New("unknown transcript format")
	// ErrEmpty means the file holds nothing, or nothing but whitespace.
	ErrEmpty = errors.New("empty file")
	// ErrBinary means the content is not text.
	ErrBinary = errors.New("binary data, not a transcript")
	// ErrEncoding means the text is not valid UTF-8.
	ErrEncoding = errors.New("invalid UTF-8")
	// ErrSyntax means the content looked like a format but broke its rules.
	ErrSyntax = errors.New("syntax error")
	// ErrNoSpeech means the file parsed but holds no spoken words.
	ErrNoSpeech = errors.New("no speech in transcript")
	// ErrSpeakers means the call has fewer than two speakers (and is not a
	// practice pitch).
	ErrSpeakers = errors.New("not a conversation")
	// ErrSeveralCalls means the file holds more than one call (an export
	// of several); calltrust reads one call a file.
	ErrSeveralCalls = errors.New("several calls in one file")
)

// ParseError says which file failed, as which format, and where.
type ParseError struct {
	File   string
	Format string // the format tried, "" when none was recognised
	Line   int    // 1-based line, 0 when unknown
	Offset int64  // byte offset, -1 when unknown
	Err    error
}

func (e *ParseError) Error() string {
	var b strings.Builder
	b.WriteString("parse ")
	b.WriteString(e.File)
	if e.Format != "" {
		b.WriteString(" as ")
		b.WriteString(e.Format)
	}
	if e.Line > 0 {
		fmt.Fprintf(&b, ": line %d", e.Line)
	}
	if e.Offset >= 0 {
		fmt.Fprintf(&b, ": byte %d", e.Offset)
	}
	b.WriteString(": ")
	b.WriteString(e.Err.Error())
	return b.String()
}

func (e *ParseError) Unwrap() error { return e.Err }

// syntaxErr builds a ParseError for a format's own rule broken at a line.
func syntaxErr(file, format string, line int, msg string, args ...any) *ParseError {
	return &ParseError{File: file, Format: format, Line: line, Offset: -1,
		Err: fmt.Errorf("%w: %s", ErrSyntax, fmt.Sprintf(msg, args...))}
}

// format is one transcript format: how to recognise it and how to read it.
type format struct {
	id string
	// sniff reports whether data (BOM removed) looks like this format. It
	// must be cheap and must not fail.
	sniff func(name string, data []byte) bool
	// parse reads the whole content. Errors are *ParseError.
	parse func(name string, data []byte) (*Call, error)
}

// formats are tried in order; the first whose sniff accepts the content
// parses it. Structured formats come before the loose text ones.
var formats = []format{
	{"docx", sniffDocx, parseDocx},
	{"calltrust-json", sniffOwnJSON, parseOwnJSON},
	{"aws-transcribe", sniffTranscribe, parseTranscribe},
	{"contact-lens", sniffContactLens, parseContactLens},
	{"google-stt", sniffGoogle, parseGoogle},
	{"azure-batch", sniffAzure, parseAzure},
	{"deepgram", sniffDeepgram, parseDeepgram},
	{"assemblyai", sniffAssemblyAI, parseAssemblyAI},
	{"whisper", sniffWhisper, parseWhisper},
	{"fathom", sniffFathom, parseFathom},
	{"gong", sniffGong, parseGong},
	{"webvtt", sniffVTT, parseVTT},
	{"srt", sniffSRT, parseSRT},
	{"time-blocks", sniffTimeBlocks, parseTimeBlocks},
	{"text", sniffText, parseText},
	{"notetaker", sniffNotetaker, parseNotetaker},
	{"plain", sniffPlain, parsePlain},
}

// FormatIDs lists the IDs of every format Parse reads.
func FormatIDs() []string {
	ids := make([]string, len(formats))
	for i, f := range formats {
		ids[i] = f.id
	}
	return ids
}

var bom = []byte("\xef\xbb\xbf")

// Parse reads a transcript in any supported format, detected from its
// content. name is used in errors and as the call's source; it never
// decides the format alone. A text file is first read as a document: the
// title, metadata, headings and notes around the conversation are
// skipped (document.go) and counted in Call.Skipped. The result has at
// least one turn with words; whether it is a conversation is checked by
// Analyze.
func Parse(name string, data []byte) (*Call, error) {
	data = bytes.TrimPrefix(data, bom)
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, &ParseError{File: name, Offset: -1, Err: ErrEmpty}
	}
	if !sniffDocx(name, data) {
		if off := binaryAt(data); off >= 0 {
			return nil, &ParseError{File: name, Offset: int64(off), Err: ErrBinary}
		}
		if !utf8.Valid(data) {
			off := invalidUTF8At(data)
			return nil, &ParseError{File: name, Line: LineAt(data, off), Offset: int64(off), Err: ErrEncoding}
		}
	}
	text, skipped, meta := data, Skipped{}, docInfo{}
	if !sniffDocx(name, data) {
		text, skipped, meta = readDocument(data)
		if len(bytes.TrimSpace(text)) == 0 {
			return nil, &ParseError{File: name, Offset: -1, Err: fmt.Errorf("%w: the %d lines are a title, metadata or notes, with no conversation", ErrNoSpeech, skipped.Lines)}
		}
	}
	for _, f := range formats {
		if !f.sniff(name, text) {
			continue
		}
		c, err := f.parse(name, text)
		if err != nil {
			return nil, err
		}
		c.Format = f.id
		if c.Source == "" {
			c.Source = name
		}
		if c.ID == "" {
			c.ID = name
		}
		tidy(c)
		if nameSpeakers(c) {
			tidy(c)
		}
		if len(c.Turns) == 0 {
			return nil, &ParseError{File: name, Format: f.id, Offset: -1, Err: ErrNoSpeech}
		}
		c.Skipped = skipped
		applyDocMeta(c, meta)
		return c, nil
	}
	return nil, &ParseError{File: name, Offset: -1, Err: fmt.Errorf("%w: not WebVTT, SRT, JSON of a known service, .docx or \"Name: text\" lines", ErrUnknownFormat)}
}

// tidy normalises what every parser produces: whitespace in text, no
// empty turns, no meeting bots, consecutive turns of one speaker joined
// (in linear time: each run is joined once).
func tidy(c *Call) {
	out := c.Turns[:0]
	var parts []string
	flush := func() {
		if len(parts) > 1 {
			out[len(out)-1].Text = strings.Join(parts, " ")
		}
		parts = parts[:0]
	}
	bots := map[string]bool{} // IsBot of each speaker, asked once
	for _, t := range c.Turns {
		t.Text = squeezeSpace(t.Text)
		t.Speaker = squeezeSpace(t.Speaker)
		bot, ok := bots[t.Speaker]
		if !ok {
			bot = IsBot(t.Speaker)
			bots[t.Speaker] = bot
		}
		if t.Text == "" || bot {
			continue
		}
		if n := len(out); n > 0 && out[n-1].Speaker == t.Speaker && out[n-1].Role == t.Role {
			parts = append(parts, t.Text)
			if t.End > out[n-1].End {
				out[n-1].End = t.End
			}
			continue
		}
		flush()
		out = append(out, t)
		parts = append(parts, t.Text)
	}
	flush()
	c.Turns = out
}

// squeezeSpace trims s and writes every run of white space in it as one
// space, as strings.Join(strings.Fields(s), " ") does; s comes back as
// it is, without a copy, when it is that already.
func squeezeSpace(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ':
			if i == 0 || i == len(s)-1 || s[i+1] == ' ' {
				return strings.Join(strings.Fields(s), " ")
			}
		case c >= '\t' && c <= '\r':
			return strings.Join(strings.Fields(s), " ")
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) {
				return strings.Join(strings.Fields(s), " ")
			}
			i += size - 1
		}
	}
	return s
}

// firstField returns the first of strings.Fields(s), or "" when s is all
// white space, without making the list of every field.
func firstField(s string) string {
	s = strings.TrimLeftFunc(s, unicode.IsSpace)
	if i := strings.IndexFunc(s, unicode.IsSpace); i >= 0 {
		return s[:i]
	}
	return s
}

// binaryAt returns the offset of the first byte that no text transcript
// holds (NUL, or other C0 controls besides tab, newline, CR, form feed),
// or -1. It reads eight bytes at a time and, over stretches without a
// byte under 0x20 (all of a compact JSON file), 32 at a time.
func binaryAt(data []byte) int {
	i := 0
	for ; i+32 <= len(data); i += 32 {
		d := data[i : i+32]
		if below20(binary.LittleEndian.Uint64(d))|below20(binary.LittleEndian.Uint64(d[8:]))|
			below20(binary.LittleEndian.Uint64(d[16:]))|below20(binary.LittleEndian.Uint64(d[24:])) == 0 {
			continue
		}
		for j := 0; j < 32; j += 8 {
			if m := controls(binary.LittleEndian.Uint64(d[j:])); m != 0 {
				return i + j + bits.TrailingZeros64(m)/8
			}
		}
	}
	for ; i+8 <= len(data); i += 8 {
		if m := controls(binary.LittleEndian.Uint64(data[i:])); m != 0 {
			return i + bits.TrailingZeros64(m)/8
		}
	}
	if j := controlAt(data[i:]); j >= 0 {
		return i + j
	}
	return -1
}

// Masks over eight bytes read in little-endian order: the top bit of each
// byte tells of that byte alone. Adding 0x60 to a byte's low seven bits
// reaches 0x80 exactly when they are 0x20 or more, and never carries into
// the next byte.
const (
	lows7 = 0x7f7f7f7f7f7f7f7f
	tops  = 0x8080808080808080
	ones  = 0x0101010101010101
)

// below20 marks the bytes under 0x20.
func below20(x uint64) uint64 {
	return ^(((x & lows7) + 0x60*ones) | x) & tops
}

// equal marks the bytes equal to c.
func equal(x uint64, c byte) uint64 {
	y := x ^ (ones * uint64(c))
	return ^(((y & lows7) + lows7) | y) & tops
}

// controls marks the bytes binaryAt looks for: under 0x20, but not tab,
// newline, CR or form feed.
func controls(x uint64) uint64 {
	m := below20(x)
	if m == 0 {
		return 0
	}
	return m &^ (equal(x, '\t') | equal(x, '\n') | equal(x, '\r') | equal(x, '\f'))
}

// controlAt is binaryAt one byte at a time.
func controlAt(data []byte) int {
	for i, b := range data {
		if b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' {
			return i
		}
	}
	return -1
}

func invalidUTF8At(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
}

// LineAt returns the 1-based line holding byte offset off.
func LineAt(data []byte, off int) int {
	if off > len(data) {
		off = len(data)
	}
	return bytes.Count(data[:off], []byte("\n")) + 1
}
