package lexicons

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/jdkato/prose/v2"
)

// Words splits text into canonical words: prose's tokens, lowercased,
// with contractions expanded ("can't" is "can" "not", "we'll" is "we"
// "will"), hyphenated words split, "percent" written "%", and sentence
// punctuation kept as words of its own ("." "?" "!" "," ";" ":").
// Lexicon phrases and transcript turns go through the same function, so
// a phrase matches whatever spelling prose splits the same way.
func Words(text string) []string {
	return AppendWords(nil, text)
}

// AppendWords appends the canonical words of text to dst.
func AppendWords(dst []string, text string) []string {
	toks := Tokens(text)
	for i, t := range toks {
		next := ""
		if i+1 < len(toks) {
			next = toks[i+1]
		}
		dst = appendCanonical(dst, t, next)
	}
	return dst
}

// Tokens returns prose's tokens of text, after two repairs prose needs:
// opening single quotes become double quotes (prose drops the word after
// 'sure or 'really), and punctuation right after a contraction is set
// apart (prose drops "n't," and "'ll." whole).
func Tokens(text string) []string {
	doc, err := prose.NewDocument(fixContractions(fixQuotes(text)),
		prose.WithTagging(false), prose.WithSegmentation(false), prose.WithExtraction(false))
	if err != nil {
		return nil
	}
	toks := doc.Tokens()
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.Text
	}
	return out
}

// fixQuotes replaces a single quote that opens a quotation (at the start
// or after a space or bracket, before a letter) with a double quote.
func fixQuotes(s string) string {
	if !strings.ContainsAny(s, "'\u2018\u2019") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	prev := ' '
	for i, r := range s {
		if r == '\'' || r == '\u2018' || r == '\u2019' {
			next, _ := utf8.DecodeRuneInString(s[i+utf8.RuneLen(r):])
			if (unicode.IsSpace(prev) || prev == '(' || prev == '[' || prev == '"' || prev == '\u201c') && unicode.IsLetter(next) {
				b.WriteByte('"')
				prev = '"'
				continue
			}
		}
		b.WriteRune(r)
		prev = r
	}
	return b.String()
}

// contractionPunct matches a contraction followed by punctuation.
var contractionPunct = regexp.MustCompile(`(?i)('(?:t|s|m|re|ll|ve|d))([,.;:!?)"]+)`)

func fixContractions(s string) string {
	if strings.IndexByte(s, '\'') < 0 {
		return s
	}
	return contractionPunct.ReplaceAllString(s, "$1 $2")
}

var contractions = map[string]string{
	"n't": "not", "'m": "am", "'re": "are", "'ll": "will", "'ve": "have", "'d": "would",
}

// beforeNot maps the stems prose leaves before "n't" to their words.
var beforeNot = map[string]string{"ca": "can", "wo": "will", "sha": "shall", "ai": "is"}

// abbreviations keep their period without ending a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "st": true, "vs": true, "etc": true,
	"inc": true, "ltd": true, "jr": true, "sr": true, "co": true, "corp": true, "approx": true,
}

var wordSuffixes = []struct{ suffix, word string }{
	{"'ve", "have"}, {"'d", "would"}, {"'re", "are"}, {"'ll", "will"}, {"'m", "am"},
}

func appendCanonical(dst []string, tok, next string) []string {
	t := lower(tok)
	if w, ok := contractions[t]; ok {
		return append(dst, w)
	}
	if next == "n't" || next == "N'T" {
		if w, ok := beforeNot[t]; ok {
			return append(dst, w)
		}
	}
	switch t {
	case "cannot":
		return append(dst, "can", "not")
	case "percent", "per-cent":
		return append(dst, "%")
	case "...", "…":
		return append(dst, ".")
	case "-", "--", "—", "–":
		return append(dst, ",")
	case `"`, "'", "(", ")", "[", "]", "$", "`":
		return dst
	}
	if len(t) > 1 && t[len(t)-1] == '.' && isWord(t[:len(t)-1]) {
		w := t[:len(t)-1]
		if abbreviations[w] {
			return append(dst, w)
		}
		return append(dst, w, ".")
	}
	for _, s := range wordSuffixes {
		if len(t) > len(s.suffix) && strings.HasSuffix(t, s.suffix) {
			return append(dst, t[:len(t)-len(s.suffix)], s.word)
		}
	}
	if strings.HasSuffix(t, "%") && len(t) > 1 {
		return append(dst, t[:len(t)-1], "%")
	}
	if strings.IndexByte(t, '-') > 0 && isHyphenated(t) {
		for _, p := range strings.Split(t, "-") {
			if p != "" {
				dst = append(dst, p)
			}
		}
		return dst
	}
	return append(dst, t)
}

func isWord(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

func isHyphenated(s string) bool {
	for _, r := range s {
		if r != '-' && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// lower lowercases s, without allocating when it is already lower case
// ASCII.
func lower(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'A' && c <= 'Z' || c >= utf8.RuneSelf {
			return strings.ToLower(s)
		}
	}
	return s
}

// IsPunct reports whether a canonical word is punctuation.
func IsPunct(w string) bool {
	switch w {
	case ".", "?", "!", ",", ";", ":":
		return true
	}
	return false
}

// EndsSentence reports whether a canonical word ends a sentence.
func EndsSentence(w string) bool {
	return w == "." || w == "?" || w == "!"
}
