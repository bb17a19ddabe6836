package lexicons

import (
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
	toks := proseTokens(text)
	for i := range toks {
		next := ""
		if i+1 < len(toks) {
			next = toks[i+1].Text
		}
		dst = appendCanonical(dst, toks[i].Text, next)
	}
	return dst
}

// Tokens returns prose's tokens of text, after the repairs prose needs:
// opening single quotes become double quotes (prose drops the word after
// 'sure or 'really), punctuation right after a contraction is set apart
// (prose drops "n't," and "'ll." whole), and letters whose lower case is
// longer or shorter in bytes are lowered first (prose cuts a word at
// offsets found in its lower case, which panics or garbles "İ'll").
func Tokens(text string) []string {
	toks := proseTokens(text)
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.Text
	}
	return out
}

// docOpts make prose tokenize only: no segmentation, tagging or
// extraction.
var docOpts = []prose.DocOpt{prose.WithTagging(false), prose.WithSegmentation(false), prose.WithExtraction(false)}

// proseTokens is Tokens as prose returns them, which AppendWords reads
// without a copy of their text.
func proseTokens(text string) []prose.Token {
	doc, err := prose.NewDocument(fixContractions(fixQuotes(fixCase(text))), docOpts...)
	if err != nil {
		return nil
	}
	return doc.Tokens()
}

// fixCase lowers the letters whose lower case differs in length in
// UTF-8 ("İ" is two bytes, "i" one) and writes invalid UTF-8 as U+FFFD,
// as strings.ToLower does: prose looks for contractions in the lower
// case of a word and cuts the word itself at the offset it found. Text
// of ASCII only, most of it, is returned as it is.
func fixCase(s string) string {
	i := 0
	for i < len(s) && s[i] < utf8.RuneSelf {
		i++
	}
	if i == len(s) {
		return s
	}
	changes := func(r rune, size int) bool {
		return r >= utf8.RuneSelf && (r == utf8.RuneError && size == 1 || utf8.RuneLen(unicode.ToLower(r)) != size)
	}
	for j := i; j < len(s); {
		r, size := utf8.DecodeRuneInString(s[j:])
		if changes(r, size) {
			var b strings.Builder
			b.Grow(len(s) + 8)
			b.WriteString(s[:j])
			for _, r := range s[j:] {
				if utf8.RuneLen(unicode.ToLower(r)) != utf8.RuneLen(r) {
					r = unicode.ToLower(r)
				}
				b.WriteRune(r)
			}
			return b.String()
		}
		j += size
	}
	return s
}

// fixQuotes replaces a single quote that opens a quotation (at the start
// or after a space or bracket, before a letter) with a double quote.
// Text is copied only from the first change on: most turns have
// apostrophes, few have a quotation. Invalid UTF-8 comes out as U+FFFD
// whenever the text is rebuilt, so an invalid byte starts the copy too.
func fixQuotes(s string) string {
	if strings.IndexByte(s, '\'') < 0 && !strings.Contains(s, "\u2018") && !strings.Contains(s, "\u2019") {
		return s // ContainsAny would read the text rune by rune
	}
	var b strings.Builder
	copying := false
	start := func(i int) {
		if !copying {
			b.Grow(len(s) + 8)
			b.WriteString(s[:i])
			copying = true
		}
	}
	prev := ' '
	for i, r := range s {
		if r == utf8.RuneError && !copying {
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				start(i)
			}
		}
		if r == '\'' || r == '\u2018' || r == '\u2019' {
			next, _ := utf8.DecodeRuneInString(s[i+utf8.RuneLen(r):])
			if (unicode.IsSpace(prev) || prev == '(' || prev == '[' || prev == '"' || prev == '\u201c') && unicode.IsLetter(next) {
				start(i)
				b.WriteByte('"')
				prev = '"'
				continue
			}
		}
		if copying {
			b.WriteRune(r)
		}
		prev = r
	}
	if !copying {
		return s
	}
	return b.String()
}

// fixContractions sets a space between a contraction ('t 's 'm 're 'll
// 've 'd, in any case) and the punctuation right after it: what the
// regular expression (?i)('(?:t|s|m|re|ll|ve|d))([,.;:!?)"]+) replaced
// with "$1 $2" does, in one pass without the expression engine. Case
// folding includes U+017F (long s), which folds to s.
func fixContractions(s string) string {
	if strings.IndexByte(s, '\'') < 0 {
		return s
	}
	var out []byte
	copied := 0
	for i := 0; i < len(s); {
		j := strings.IndexByte(s[i:], '\'')
		if j < 0 {
			break
		}
		q := i + j
		i = q + 1
		n := contractionAt(s[q+1:])
		if n == 0 {
			continue
		}
		end := q + 1 + n
		k := end
		for k < len(s) && strings.IndexByte(`,.;:!?)"`, s[k]) >= 0 {
			k++
		}
		if k == end {
			continue
		}
		if out == nil {
			out = make([]byte, 0, len(s)+8)
		}
		out = append(out, s[copied:end]...)
		out = append(out, ' ')
		copied, i = end, k
	}
	if out == nil {
		return s
	}
	return string(append(out, s[copied:]...))
}

// contractionAt returns the length in bytes of the contraction letters
// (t s m re ll ve d, in any case) that s starts with, or 0.
func contractionAt(s string) int {
	if len(s) == 0 {
		return 0
	}
	if strings.HasPrefix(s, "\u017f") {
		return len("\u017f")
	}
	is := func(i int, c byte) bool { return i < len(s) && s[i]|0x20 == c }
	switch s[0] | 0x20 {
	case 't', 's', 'm', 'd':
		return 1
	case 'r':
		if is(1, 'e') {
			return 2
		}
	case 'l':
		if is(1, 'l') {
			return 2
		}
	case 'v':
		if is(1, 'e') {
			return 2
		}
	}
	return 0
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
	if isLowerLetters(t) {
		// Most words: of the rules below, only these can change a word
		// of plain letters a to z.
		if next == "n't" || next == "N'T" {
			if w, ok := beforeNot[t]; ok {
				return append(dst, w)
			}
		}
		switch t {
		case "cannot":
			return append(dst, "can", "not")
		case "percent":
			return append(dst, "%")
		}
		return append(dst, t)
	}
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

// isLowerLetters reports whether s is one or more of the letters a to z.
func isLowerLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 'a' || c > 'z' {
			return false
		}
	}
	return s != ""
}

const asciiLower = "abcdefghijklmnopqrstuvwxyz"

// lower lowercases s, without allocating when it is already lower case
// ASCII or one capital letter ("I").
func lower(s string) string {
	if len(s) == 1 && s[0] >= 'A' && s[0] <= 'Z' {
		i := s[0] - 'A'
		return asciiLower[i : i+1]
	}
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
