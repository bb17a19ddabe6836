package transcript

import (
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// folders8 maps each fixture folder of the formats that note-takers,
// Word and speech-to-text services write to the format ID its files must
// be read as.
var folders8 = map[string]string{
	"docx":         "docx",
	"notetaker":    "notetaker",
	"contact-lens": "contact-lens",
	"google-stt":   "google-stt",
	"azure-batch":  "azure-batch",
	"deepgram":     "deepgram",
	"assemblyai":   "assemblyai",
	"whisper":      "whisper",
	"plain":        "plain",
	"fathom":       "fathom",
	"gong":         "gong",
}

// fixture8 reads a file under testdata.
func fixture8(t testing.TB, rel string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// parseFixture8 parses a file under testdata and fails the test on error.
func parseFixture8(t testing.TB, rel string) *Call {
	t.Helper()
	return parseFile(t, filepath.Join("..", "..", "testdata", filepath.FromSlash(rel)))
}

// parseFile parses the file at path, named by its base name, and fails
// the test when it cannot be read or parsed.
func parseFile(t testing.TB, path string) *Call {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	c, err := Parse(filepath.Base(path), data)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return c
}

// fixtureFiles8 lists the transcripts in one testdata/formats folder,
// sidecars left out.
func fixtureFiles8(t testing.TB, folder string) []string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("..", "..", "testdata", "formats", folder, "*"))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, p := range paths {
		if !strings.HasSuffix(p, ".meta.json") {
			out = append(out, p)
		}
	}
	return out
}

// turn8 is an expected turn. text is compared whole, or as a prefix when
// it ends in "...". Times are checked only for timed calls; end 0 means
// "not checked".
type turn8 struct {
	speaker    string
	role       Role
	start, end float64
	text       string
}

// case8 is the expected reading of one fixture.
type case8 struct {
	file          string
	timed         bool
	rolesFromFile bool
	turns         []turn8
}

// check8 compares a parsed call with what a case expects.
func check8(t *testing.T, c *Call, want case8) {
	t.Helper()
	if c.Timed != want.timed {
		t.Errorf("Timed = %v, want %v", c.Timed, want.timed)
	}
	if c.RolesFromFile != want.rolesFromFile {
		t.Errorf("RolesFromFile = %v, want %v", c.RolesFromFile, want.rolesFromFile)
	}
	if len(c.Turns) != len(want.turns) {
		for i, tt := range c.Turns {
			t.Logf("turn %d: %q %.2f-%.2f %.60q", i, tt.Speaker, tt.Start, tt.End, tt.Text)
		}
		t.Fatalf("%d turns, want %d", len(c.Turns), len(want.turns))
	}
	near := func(a, b float64) bool { return math.Abs(a-b) < 0.05 }
	for i, w := range want.turns {
		got := c.Turns[i]
		if got.Speaker != w.speaker || got.Role != w.role {
			t.Errorf("turn %d: speaker %q role %q, want %q %q", i, got.Speaker, got.Role, w.speaker, w.role)
		}
		if prefix, ok := strings.CutSuffix(w.text, "..."); ok {
			if !strings.HasPrefix(got.Text, prefix) {
				t.Errorf("turn %d: text %q, want it to start %q", i, got.Text, prefix)
			}
		} else if got.Text != w.text {
			t.Errorf("turn %d: text %q, want %q", i, got.Text, w.text)
		}
		if !want.timed {
			if got.Start != 0 || got.End != 0 {
				t.Errorf("turn %d: untimed call has times %v-%v", i, got.Start, got.End)
			}
			continue
		}
		if !near(got.Start, w.start) || (w.end != 0 && !near(got.End, w.end)) {
			t.Errorf("turn %d: %.2f-%.2f, want %.2f-%.2f", i, got.Start, got.End, w.start, w.end)
		}
		if got.End < got.Start {
			t.Errorf("turn %d: ends at %.2f before it starts at %.2f", i, got.End, got.Start)
		}
	}
}

// TestDetect8 runs every fixture of these formats through detection: each
// parses, as its folder's format, with at least one turn of words.
func TestDetect8(t *testing.T) {
	for folder, id := range folders8 {
		files := fixtureFiles8(t, folder)
		if len(files) < 2 {
			t.Errorf("%s: %d fixtures, want at least 2", folder, len(files))
		}
		for _, path := range files {
			t.Run(folder+"/"+filepath.Base(path), func(t *testing.T) {
				data, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				c, err := Parse(filepath.Base(path), data)
				if err != nil {
					t.Fatalf("Parse: %v", err)
				}
				if c.Format != id {
					t.Errorf("read as %q, want %q", c.Format, id)
				}
				if len(c.Turns) == 0 || strings.TrimSpace(c.Turns[0].Text) == "" {
					t.Error("no turn with words")
				}
			})
		}
	}
}

// TestSniff8Exclusive checks that no fixture of one format is taken for
// another: the JSON and .docx formats are recognised by their own sniffer
// alone, whatever the order; a text fixture is not taken by any format
// tried before its own; and none of these sniffers takes a fixture of the
// formats tried after it (WebVTT, SRT, "Name: text" ...).
func TestSniff8Exclusive(t *testing.T) {
	order := FormatIDs()
	byID := map[string]format{}
	for _, f := range formats {
		byID[f.id] = f
	}
	ordered := map[string]bool{"notetaker": true, "plain": true, "text": true, "webvtt": true, "srt": true}
	mine := map[string]bool{}
	for _, id := range folders8 {
		mine[id] = true
	}
	folders, err := os.ReadDir(filepath.Join("..", "..", "testdata", "formats"))
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range folders {
		id := dir.Name()
		if id8, ok := folders8[id]; ok {
			id = id8
		}
		own := slices.Index(order, id)
		if !dir.IsDir() || own < 0 {
			continue
		}
		for _, path := range fixtureFiles8(t, dir.Name()) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			name := filepath.Base(path)
			for i, other := range order {
				if other == id {
					continue
				}
				// Formats of other folders are only held to not taking
				// these fixtures; these formats' sniffers are held to not
				// taking anyone's.
				if !mine[id] && !mine[other] {
					continue
				}
				if ordered[id] && ordered[other] && i > own {
					continue
				}
				if byID[other].sniff(name, data) {
					t.Errorf("%s/%s (%s) is also taken by the %s sniffer", dir.Name(), name, id, other)
				}
			}
		}
	}
}

// partiesCase is the expected reading of a fixture whose speakers belong
// to parties the file names.
type partiesCase struct {
	case8
	parties map[string]string
}

// checkWithParties parses each case's fixture: it must be read as format,
// with the turns and parties the case expects.
func checkWithParties(t *testing.T, format string, cases []partiesCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(filepath.Base(tc.file), func(t *testing.T) {
			c := parseFixture8(t, tc.file)
			if c.Format != format {
				t.Errorf("format %q, want %s", c.Format, format)
			}
			check8(t, c, tc.case8)
			if !maps.Equal(c.Parties, tc.parties) {
				t.Errorf("Parties = %v, want %v", c.Parties, tc.parties)
			}
		})
	}
}
