package lexicons

import (
	"strings"

	"github.com/jdkato/prose/v2"
)

// prose's tokenizer keeps a cache of the words it has split, but only for
// one text: tokenized one by one, the turns of a call split "the" and
// "customers," again in every turn. The functions here hand prose the
// texts of a call as one text, set apart by a mark no text holds, so
// that each distinct word is split once per call. The tokens are the
// same as one text at a time: prose splits at white space and treats
// every stretch between on its own.

// textMark sets the texts apart: a private-use character, alone between
// spaces, which prose keeps as a token of its own.
const textMark = "\uE000"

// AppendWordsEach appends the canonical words of every text to dst, as
// AppendWords does for each in turn, and ends[i] to ends: the length of
// dst after the words of texts[i].
func AppendWordsEach(dst []string, ends []int, texts []string) ([]string, []int) {
	proseTokensEach(texts, func(toks []prose.Token) {
		for i := range toks {
			next := ""
			if i+1 < len(toks) {
				next = toks[i+1].Text
			}
			dst = appendCanonical(dst, toks[i].Text, next)
		}
		ends = append(ends, len(dst))
	})
	return dst, ends
}

// TokensEach returns Tokens of every text, tokenized together.
func TokensEach(texts []string) [][]string {
	out := make([][]string, 0, len(texts))
	proseTokensEach(texts, func(toks []prose.Token) {
		words := make([]string, len(toks))
		for i, t := range toks {
			words[i] = t.Text
		}
		out = append(out, words)
	})
	return out
}

// passBytes caps the text of one pass of prose. prose holds about twenty
// times its text in tokens while it works, so a call of several
// megabytes goes through in passes of this size; an hour of talk is
// about 70 KB, one pass.
const passBytes = 256 << 10

// proseTokensEach calls each with the tokens of every text, in order,
// after the repairs Tokens makes, from as few passes of prose as
// passBytes allows. A text's own U+E000, a private-use character, is
// read as a space.
func proseTokensEach(texts []string, each func([]prose.Token)) {
	for len(texts) > 0 {
		n, size := 1, len(texts[0])
		for n < len(texts) && size+len(texts[n]) <= passBytes {
			size += len(texts[n])
			n++
		}
		proseTokensPass(texts[:n], each)
		texts = texts[n:]
	}
}

// proseTokensPass is one pass of prose over texts.
func proseTokensPass(texts []string, each func([]prose.Token)) {
	var b strings.Builder
	size := 0
	for _, t := range texts {
		size += len(t) + len(textMark) + 2
	}
	b.Grow(size)
	for _, t := range texts {
		// The mark is read as a space before the repairs, as Tokens
		// would read the text with a space there: a quote after it opens
		// a quotation.
		if strings.Contains(t, textMark) {
			t = strings.ReplaceAll(t, textMark, " ")
		}
		t = fixContractions(fixQuotes(fixCase(t)))
		b.WriteString(t)
		b.WriteString(" " + textMark + " ")
	}
	doc, err := prose.NewDocument(b.String(), docOpts...)
	var toks []prose.Token
	if err == nil {
		toks = doc.Tokens()
	}
	marks := make([]int, 0, len(texts))
	for i := range toks {
		if toks[i].Text == textMark {
			marks = append(marks, i)
		}
	}
	if len(marks) != len(texts) {
		// Not one mark per text, which prose v2.0.0 never does: tokenize
		// the texts one by one instead, slower and never wrong.
		for _, t := range texts {
			each(proseTokens(strings.ReplaceAll(t, textMark, " ")))
		}
		return
	}
	from := 0
	for _, m := range marks {
		each(toks[from:m:m])
		from = m + 1
	}
}
