package lexicons

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"slices"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

//go:embed default/*.yaml
var builtin embed.FS

// Set is a loaded, validated and compiled lexicon set: one file per
// concern, and one matcher over every phrase of every file.
type Set struct {
	// Version is a content hash of the files, stamped in every report.
	Version string
	// Files are the set's files, sorted by name.
	Files    []*File
	concerns map[string]*File
	matcher  *Matcher
}

// File is one lexicon file: the entries of one concern.
type File struct {
	Name        string   // file name, e.g. "overpromise.yaml"
	Concern     string   `yaml:"concern"`
	Description string   `yaml:"description"`
	Entries     []*Entry `yaml:"entries"`
	raw         []byte
}

// Entry is one group of phrases that mean the same thing, with the
// examples that must and must not make it fire.
type Entry struct {
	ID      string   `yaml:"id"`
	Why     string   `yaml:"why"`
	Weight  float64  `yaml:"weight"`
	Phrases []string `yaml:"phrases"`
	Match   []string `yaml:"match"`
	NoMatch []string `yaml:"no_match"`
	// IgnoreNegation marks phrases that carry their own negation ("no
	// chance this fails"): a negation before them does not excuse them.
	IgnoreNegation bool `yaml:"ignore_negation"`
	// Concern is the concern of the file the entry is in.
	Concern string `yaml:"-"`
	// File and Line locate the entry for error messages.
	File string `yaml:"-"`
	Line int    `yaml:"-"`
}

// Default returns the built-in set. It panics only if the embedded files
// are broken, which the package's tests rule out.
func Default() *Set {
	s, err := Load(builtin, "default")
	if err != nil {
		panic(err)
	}
	return s
}

// LoadDir loads the set in a folder of YAML files.
func LoadDir(dir string) (*Set, error) {
	return Load(os.DirFS(dir), ".")
}

// Export writes the built-in set's files into dir, which is created.
func Export(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	ents, err := fs.ReadDir(builtin, "default")
	if err != nil {
		return err
	}
	for _, e := range ents {
		b, err := fs.ReadFile(builtin, "default/"+e.Name())
		if err != nil {
			return err
		}
		if err := os.WriteFile(path.Join(dir, e.Name()), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// Problem is one thing wrong in a lexicon file.
type Problem struct {
	File string
	Line int
	Msg  string
}

func (p Problem) String() string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Msg)
	}
	return fmt.Sprintf("%s: %s", p.File, p.Msg)
}

// Problems is every problem found in a set; it is the error Load returns.
type Problems []Problem

func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// ErrInvalid is wrapped by every validation failure.
var ErrInvalid = errors.New("invalid lexicon set")

// Load reads every *.yaml file in dir of fsys, validates the set and
// compiles its matcher. A set that fails validation returns Problems.
func Load(fsys fs.FS, dir string) (*Set, error) {
	ents, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("lexicons: %w", err)
	}
	s := &Set{concerns: map[string]*File{}, matcher: &Matcher{root: newNode()}}
	var probs Problems
	for _, e := range ents {
		if e.IsDir() || !(strings.HasSuffix(e.Name(), ".yaml") || strings.HasSuffix(e.Name(), ".yml")) {
			continue
		}
		b, err := fs.ReadFile(fsys, path.Join(dir, e.Name()))
		if err != nil {
			return nil, fmt.Errorf("lexicons: %w", err)
		}
		f, ps := parseFile(e.Name(), b)
		probs = append(probs, ps...)
		if f == nil {
			continue
		}
		if other, dup := s.concerns[f.Concern]; dup && f.Concern != "" {
			probs = append(probs, Problem{f.Name, 1, fmt.Sprintf("concern %q is already in %s: one file per concern", f.Concern, other.Name)})
			continue
		}
		s.concerns[f.Concern] = f
		s.Files = append(s.Files, f)
	}
	if len(s.Files) == 0 && len(probs) == 0 {
		probs = append(probs, Problem{File: dir, Msg: "no .yaml lexicon files"})
	}
	for _, c := range Concerns {
		if _, ok := s.concerns[c.Name]; !ok && len(probs) == 0 && len(s.Files) > 0 {
			probs = append(probs, Problem{File: dir, Msg: fmt.Sprintf("missing concern %q (%s); `calltrust lexicons export DIR` writes the built-in set to start from", c.Name, c.Help)})
		}
	}
	if len(probs) > 0 {
		return nil, fmt.Errorf("%w:\n%w", ErrInvalid, probs)
	}
	sort.Slice(s.Files, func(i, j int) bool { return s.Files[i].Name < s.Files[j].Name })
	h := sha256.New()
	for _, f := range s.Files {
		fmt.Fprintf(h, "%s\x00%d\x00", f.Name, len(f.raw))
		h.Write(f.raw)
		for _, e := range f.Entries {
			for _, p := range e.Phrases {
				s.matcher.add(Words(p), e)
			}
		}
	}
	s.matcher.seal()
	s.Version = "sha256:" + hex.EncodeToString(h.Sum(nil))[:16]
	return s, nil
}

func parseFile(name string, b []byte) (*File, []Problem) {
	f := &File{Name: name, raw: b}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(f); err != nil {
		line, msg := yamlErr(err)
		return nil, []Problem{{File: name, Line: line, Msg: msg}}
	}
	var root yaml.Node
	_ = yaml.Unmarshal(b, &root)
	lines := entryLines(&root)
	var probs []Problem
	if f.Concern == "" {
		probs = append(probs, Problem{name, 1, "no concern: the file must say which concern it holds"})
	} else if !knownConcern(f.Concern) {
		probs = append(probs, Problem{name, 1, fmt.Sprintf("unknown concern %q; known: %s", f.Concern, concernNames())})
	}
	if len(f.Entries) == 0 {
		probs = append(probs, Problem{name, 1, "no entries"})
	}
	ids := map[string]bool{}
	phrases := map[string]string{}
	for i, e := range f.Entries {
		e.Concern, e.File = f.Concern, name
		if i < len(lines) {
			e.Line = lines[i]
		}
		bad := func(msg string, args ...any) {
			probs = append(probs, Problem{name, e.Line, fmt.Sprintf(msg, args...)})
		}
		switch {
		case e.ID == "":
			bad("entry without an id")
		case ids[e.ID]:
			bad("duplicate id %q", e.ID)
		}
		ids[e.ID] = true
		if f.Concern == CallStage && e.ID != "" && !slices.Contains(Stages, e.ID) {
			bad("entry %q: a call_stage entry's id names the stage it signals, one of %s", e.ID, strings.Join(Stages, ", "))
		}
		if e.Weight == 0 {
			e.Weight = 1
		} else if e.Weight < 0 || e.Weight > 10 {
			bad("entry %q: weight %v outside 0..10", e.ID, e.Weight)
		}
		if len(e.Phrases) == 0 {
			bad("entry %q has no phrases", e.ID)
		}
		for _, p := range e.Phrases {
			ws := Words(p)
			key := strings.Join(ws, " ")
			switch {
			case len(ws) == 0:
				bad("entry %q: phrase %q has no words", e.ID, p)
			case ws[0] == Wildcard || ws[len(ws)-1] == Wildcard:
				bad("entry %q: phrase %q may not start or end with %s", e.ID, p, Wildcard)
			case phrases[key] != "":
				bad("entry %q: phrase %q is already in entry %q", e.ID, p, phrases[key])
			}
			phrases[key] = e.ID
		}
		if len(e.Match) == 0 || len(e.NoMatch) == 0 {
			bad("entry %q needs examples that must match (match:) and must not match (no_match:)", e.ID)
		}
	}
	return f, probs
}

// entryLines returns the line of each item of the top-level "entries".
func entryLines(root *yaml.Node) []int {
	if root.Kind != yaml.DocumentNode || len(root.Content) == 0 {
		return nil
	}
	m := root.Content[0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == "entries" {
			var out []int
			for _, it := range m.Content[i+1].Content {
				out = append(out, it.Line)
			}
			return out
		}
	}
	return nil
}

// yamlErr splits a YAML error into its line and the message after it.
func yamlErr(err error) (int, string) {
	var te *yaml.TypeError
	msg := err.Error()
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	msg = strings.TrimPrefix(msg, "yaml: ")
	var line int
	if i := strings.Index(msg, "line "); i >= 0 {
		fmt.Sscanf(msg[i+5:], "%d", &line)
		if j := strings.Index(msg[i:], ": "); j >= 0 {
			msg = msg[i+j+2:]
		}
	}
	return line, msg
}

// File returns the file of a concern, or nil.
func (s *Set) File(concern string) *File { return s.concerns[concern] }

// Find appends every lexicon match in words to dst.
func (s *Set) Find(dst []Match, words []string) []Match { return s.matcher.Find(dst, words) }
