package analyze

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
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
	{"webvtt", sniffVTT, parseVTT},
	{"srt", sniffSRT, parseSRT},
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
// decides the format alone. The result has at least one turn with words;
// whether it is a conversation is checked by Analyze.
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
			return nil, &ParseError{File: name, Line: lineAt(data, off), Offset: int64(off), Err: ErrEncoding}
		}
	}
	for _, f := range formats {
		if !f.sniff(name, data) {
			continue
		}
		c, err := f.parse(name, data)
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
		if len(c.Turns) == 0 {
			return nil, &ParseError{File: name, Format: f.id, Offset: -1, Err: ErrNoSpeech}
		}
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

// binaryAt returns the offset of the first byte that no text transcript
// holds (NUL, or other C0 controls besides tab, newline, CR, form feed),
// or -1.
func binaryAt(data []byte) int {
	i := 0
	// Eight bytes at a time: x - 0x20 in each byte borrows into the top
	// bit of a byte under 0x20, and &^x drops bytes of 0x80 and over; the
	// bytes of a word with one are looked at one by one. Text has a
	// newline in about every fifth word.
	for ; i+8 <= len(data); i += 8 {
		x := binary.LittleEndian.Uint64(data[i:])
		if (x-0x2020202020202020)&^x&0x8080808080808080 == 0 {
			continue
		}
		if j := controlAt(data[i : i+8]); j >= 0 {
			return i + j
		}
	}
	if j := controlAt(data[i:]); j >= 0 {
		return i + j
	}
	return -1
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

// lineAt returns the 1-based line holding byte offset off.
func lineAt(data []byte, off int) int {
	if off > len(data) {
		off = len(data)
	}
	return bytes.Count(data[:off], []byte("\n")) + 1
}
