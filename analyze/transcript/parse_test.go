package transcript

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"math/rand"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// ownedFormats are the format folders whose detection this file checks.
var ownedFormats = []string{"webvtt", "srt", "aws-transcribe", "text", "calltrust-json", "time-blocks"}

// TestDetect asserts that Parse reads every fixture as its folder's format.
func TestDetect(t *testing.T) {
	for _, format := range ownedFormats {
		files, err := filepath.Glob(filepath.Join("..", "..", "testdata", "formats", format, "*"))
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, path := range files {
			if strings.HasSuffix(path, ".meta.json") {
				continue
			}
			n++
			t.Run(format+"/"+filepath.Base(path), func(t *testing.T) {
				data, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				c, err := Parse(path, data)
				if err != nil {
					t.Fatalf("Parse: %v", err)
				}
				if c.Format != format {
					t.Errorf("format = %q, want %q", c.Format, format)
				}
			})
		}
		if n < 3 {
			t.Errorf("%s: %d fixtures, want at least 3", format, n)
		}
	}
}

// brokenCase is a broken input and the error Parse must give for it.
type brokenCase struct {
	file   string
	data   []byte // nil: read testdata/broken/file
	err    error
	format string // "" when no format was recognised
	line   int    // 0: not checked
	offset int64  // -1: not checked
	msg    string // a further part of the message, if any
}

func TestParseBroken(t *testing.T) {
	deep := "{\"turns\":" + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + "}"
	cases := []brokenCase{
		{file: "empty.vtt", err: ErrEmpty, offset: -1},
		{file: "whitespace.txt", err: ErrEmpty, offset: -1},
		{file: "binary.bin", err: ErrBinary, offset: 6},
		{file: "invalid-utf8.vtt", err: ErrEncoding, line: 7, offset: 137},
		{file: "truncated.json", err: ErrSyntax, format: "aws-transcribe", line: 50, offset: 1500},
		{file: "invalid.json", err: ErrSyntax, format: "calltrust-json", line: 2, offset: 122},
		{file: "bad-timing.srt", err: ErrSyntax, format: "srt", line: 6, offset: -1},
		{file: "missing-timing.srt", err: ErrSyntax, format: "srt", line: 6, offset: -1},
		{file: "bad-timing.vtt", err: ErrSyntax, format: "webvtt", line: 6, offset: -1},
		{file: "missing-timing.vtt", err: ErrSyntax, format: "webvtt", line: 8, offset: -1},
		{file: "no-speech.vtt", err: ErrNoSpeech, format: "webvtt", offset: -1},
		{file: "no-items.json", err: ErrSyntax, format: "aws-transcribe", line: 4, offset: 72, msg: "results.items is missing"},
		{file: "bad-time.json", err: ErrSyntax, format: "aws-transcribe", line: 4, offset: 239, msg: "results.items[1].start_time"},
		{file: "bad-role.json", err: ErrSyntax, format: "calltrust-json", line: 3, offset: 156, msg: "turns[1].role"},
		{file: "bad-start-type.json", err: ErrSyntax, format: "calltrust-json", line: 2, offset: 73},
		{file: "empty-turns.json", err: ErrNoSpeech, format: "calltrust-json", offset: -1},
		{file: "deep.json", data: []byte(deep), err: ErrSyntax, format: "calltrust-json", line: 1, offset: 10009},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			data := tc.data
			if data == nil {
				var err error
				if data, err = os.ReadFile(filepath.Join("..", "..", "testdata", "broken", tc.file)); err != nil {
					t.Fatal(err)
				}
			}
			c, err := Parse(tc.file, data)
			if err == nil {
				t.Fatalf("Parse gave %d turns, want error %v", len(c.Turns), tc.err)
			}
			checkParseError(t, err, tc)
		})
	}
}

// checkParseError asserts that err is the *ParseError tc describes and
// that its message names the file, the format and the place.
func checkParseError(t *testing.T, err error, tc brokenCase) {
	t.Helper()
	var pe *ParseError
	if !errors.As(err, &pe) {
		t.Fatalf("error %T %v is not a *ParseError", err, err)
	}
	if !errors.Is(err, tc.err) {
		t.Errorf("error %v does not wrap %v", err, tc.err)
	}
	if pe.File != tc.file || pe.Format != tc.format {
		t.Errorf("File, Format = %q, %q; want %q, %q", pe.File, pe.Format, tc.file, tc.format)
	}
	msg := err.Error()
	want := []string{tc.file, tc.msg}
	if tc.format != "" {
		want = append(want, " as "+tc.format)
	}
	if tc.line > 0 {
		if pe.Line != tc.line {
			t.Errorf("Line = %d, want %d", pe.Line, tc.line)
		}
		want = append(want, fmt.Sprintf("line %d", tc.line))
	}
	if tc.offset >= 0 {
		if pe.Offset != tc.offset {
			t.Errorf("Offset = %d, want %d", pe.Offset, tc.offset)
		}
		want = append(want, fmt.Sprintf("byte %d", tc.offset))
	}
	for _, w := range want {
		if !strings.Contains(msg, w) {
			t.Errorf("message %q lacks %q", msg, w)
		}
	}
}

// callWant is what a fixture must parse to. Turns listed in at are
// compared in full; times to the millisecond.
type callWant struct {
	file          string
	speakers      []string
	turns         int
	timed         bool
	rolesFromFile bool
	at            map[int]Turn
}

// checkFixtures parses each fixture of a format folder and compares it.
func checkFixtures(t *testing.T, format string, cases []callWant) {
	t.Helper()
	for _, w := range cases {
		t.Run(w.file, func(t *testing.T) {
			c := parseFixture(t, format, w.file)
			if c.Format != format {
				t.Errorf("Format = %q, want %q", c.Format, format)
			}
			if got := c.Speakers(); !slices.Equal(got, w.speakers) {
				t.Errorf("speakers = %q, want %q", got, w.speakers)
			}
			if len(c.Turns) != w.turns {
				t.Errorf("%d turns, want %d", len(c.Turns), w.turns)
			}
			if c.Timed != w.timed || c.RolesFromFile != w.rolesFromFile {
				t.Errorf("Timed, RolesFromFile = %v, %v; want %v, %v", c.Timed, c.RolesFromFile, w.timed, w.rolesFromFile)
			}
			for i, want := range w.at {
				if i >= len(c.Turns) {
					t.Errorf("no turn %d", i)
					continue
				}
				if got := c.Turns[i]; !sameTurn(got, want) {
					t.Errorf("turn %d = %+v\nwant %+v", i, got, want)
				}
			}
		})
	}
}

func sameTurn(a, b Turn) bool {
	near := func(x, y float64) bool { return math.Abs(x-y) < 0.0005 }
	return a.Speaker == b.Speaker && a.Role == b.Role && a.Text == b.Text && near(a.Start, b.Start) && near(a.End, b.End)
}

// TestParseLarge feeds every format 100,000 one-word turns, one speaker
// throughout and two taking turns, and expects linear work.
func TestParseLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("large inputs")
	}
	const n = 100_000
	gen := map[string]func(i int, speaker string) string{
		"text": func(i int, s string) string { return s + ": word\n" },
		"webvtt": func(i int, s string) string {
			return fmt.Sprintf("%s --> %s\n%s: word\n\n", clock(i, '.'), clock(i+1, '.'), s)
		},
		"srt": func(i int, s string) string {
			return fmt.Sprintf("%d\n%s --> %s\n%s: word\n\n", i+1, clock(i, ','), clock(i+1, ','), s)
		},
		"calltrust-json": func(i int, s string) string {
			return fmt.Sprintf(`{"speaker":%q,"start":%d,"text":"word"},`, s, i)
		},
		"aws-transcribe": func(i int, s string) string {
			return fmt.Sprintf(`{"start_time":"%d","end_time":"%d.5","speaker_label":%q,"alternatives":[{"content":"word"}],"type":"pronunciation"},{"alternatives":[{"content":","}],"type":"punctuation"},`, i, i, s)
		},
	}
	wrap := map[string][2]string{
		"webvtt":         {"WEBVTT\n\n", ""},
		"calltrust-json": {`{"turns":[`, `{"speaker":"Ann Lee","text":"end"}]}`},
		"aws-transcribe": {`{"results":{"transcripts":[],"items":[`, `{"alternatives":[{"content":"."}],"type":"punctuation"}]}}`},
	}
	for format, line := range gen {
		for _, alternate := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/alternate=%v", format, alternate), func(t *testing.T) {
				var b strings.Builder
				b.WriteString(wrap[format][0])
				for i := range n {
					s := "Ann Lee"
					if alternate && i%2 == 1 {
						s = "Bob Ray"
					}
					b.WriteString(line(i, s))
				}
				b.WriteString(wrap[format][1])
				start := time.Now()
				c, err := Parse("large", []byte(b.String()))
				if err != nil {
					t.Fatal(err)
				}
				if c.Format != format {
					t.Errorf("format %q, want %q", c.Format, format)
				}
				want := 1
				if alternate {
					want = n
				}
				if len(c.Turns) < want {
					t.Errorf("%d turns, want at least %d", len(c.Turns), want)
				}
				if d := time.Since(start); d > 20*time.Second {
					t.Errorf("took %v", d)
				}
			})
		}
	}
}

// clock writes second s as a cue time with the given milliseconds mark.
func clock(s int, mark byte) string {
	return fmt.Sprintf("%02d:%02d:%02d%c000", s/3600, s/60%60, s%60, mark)
}

// parseFixture parses testdata/formats/<format>/<file>.
func parseFixture(t *testing.T, format, file string) *Call {
	t.Helper()
	path := filepath.Join("..", "..", "testdata", "formats", format, file)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	c, err := Parse(path, data)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return c
}

// randomTexts calls check with 100,000 texts of one to most pieces each,
// drawn from a fixed seed.
func randomTexts(pieces []string, most int, check func(s string)) {
	rng := rand.New(rand.NewSource(1))
	for range 100000 {
		var b strings.Builder
		for n := rng.Intn(most); n >= 0; n-- {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		check(b.String())
	}
}

func TestSqueezeSpaceIsFieldsJoined(t *testing.T) {
	pieces := []string{"a", "Dana", " ", "  ", "\t", "\n", "\r\n", "\u00a0", "\u2003", "é", ".", "\v", "\f", "\x85"}
	randomTexts(pieces, 8, func(s string) {
		if got, want := squeezeSpace(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Fatalf("squeezeSpace(%q) = %q, want %q", s, got, want)
		}
	})
}

func TestFirstFieldIsFieldsFirst(t *testing.T) {
	pieces := []string{"a", "NOTE", "00:01.000", " ", "  ", "\t", "\n", "\u00a0", "\u2003", "é", "\x85", "\xc2", "-->"}
	randomTexts(pieces, 6, func(s string) {
		want := ""
		if f := strings.Fields(s); len(f) > 0 {
			want = f[0]
		}
		if got := firstField(s); got != want {
			t.Fatalf("firstField(%q) = %q, want %q", s, got, want)
		}
	})
}

func TestSplitLinesAtEveryLineEnd(t *testing.T) {
	// The lines by reading byte by byte.
	reference := func(s string) []string {
		out := []string{}
		for len(s) > 0 {
			i := strings.IndexAny(s, "\r\n")
			if i < 0 {
				out = append(out, s)
				break
			}
			out = append(out, s[:i])
			if s[i] == '\r' && i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
			s = s[i+1:]
		}
		return out
	}
	pieces := []string{"a", "Dana: hi", "\n", "\r", "\r\n", "\n\r", " ", "é"}
	randomTexts(pieces, 10, func(s string) {
		if got, want := splitLines(s), reference(s); !slices.Equal(got, want) {
			t.Fatalf("splitLines(%q) = %q, want %q", s, got, want)
		}
	})
}

func TestStringEndSkipsEscapedQuotes(t *testing.T) {
	// The closing quote by reading byte by byte, an escape skipping the
	// byte after it.
	reference := func(data []byte, from int) int {
		for j := from; j < len(data); j++ {
			switch data[j] {
			case '\\':
				j++
			case '"':
				return j
			}
		}
		return -1
	}
	pieces := []string{`"`, `\`, `\\`, `\"`, "a", "é", " "}
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 100000; i++ {
		var b strings.Builder
		for n := rng.Intn(8); n >= 0; n-- {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		data := []byte(b.String())
		if got, want := stringEnd(data, 0), reference(data, 0); got != want {
			t.Fatalf("stringEnd(%q) = %d, want %d", data, got, want)
		}
	}
}

// TestBinaryAt checks the search for control bytes, eight and 32 bytes at
// a time, against a byte-by-byte one, at every place in texts of every
// length up to two blocks of 32 and a tail, with bytes either side of the
// limits.
func TestBinaryAt(t *testing.T) {
	for n := 0; n < 80; n++ {
		for pos := 0; pos < n; pos++ {
			for _, c := range []byte{0, 1, 0x0b, 0x1f, '\t', '\n', '\r', '\f', ' ', 0x7f, 0x80, 0x9f, 0xa0, 0xff} {
				b := make([]byte, n)
				for i := range b {
					b[i] = "ab\n \xc3\xa9\t"[i%7]
				}
				b[pos] = c
				want := -1
				for i, x := range b {
					if x < 0x20 && x != '\t' && x != '\n' && x != '\r' && x != '\f' {
						want = i
						break
					}
				}
				if got := binaryAt(b); got != want {
					t.Fatalf("length %d, byte %#x at %d: binaryAt = %d, want %d", n, c, pos, got, want)
				}
			}
		}
	}
}

// TestByteMasks checks below20 and equal byte by byte: every value at
// every place of a word, between neighbours of every kind, must mark that
// byte alone and only when it should.
func TestByteMasks(t *testing.T) {
	for c := range 256 {
		for at := range 8 {
			for _, fill := range []byte{0, 0x1f, 0x20, '\n', 0x7f, 0x80, 0xff} {
				var w [8]byte
				for i := range w {
					w[i] = fill
				}
				w[at] = byte(c)
				x := binary.LittleEndian.Uint64(w[:])
				for name, got := range map[string]uint64{"below20": below20(x), "equal": equal(x, '\n')} {
					var want uint64
					for i, b := range w {
						if name == "below20" && b < 0x20 || name == "equal" && b == '\n' {
							want |= 0x80 << (8 * i)
						}
					}
					if got != want {
						t.Fatalf("% x: %s = %#x, want %#x", w, name, got, want)
					}
				}
			}
		}
	}
}
