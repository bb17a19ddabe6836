package transcript

// Which lines of a note-taker export are a speaker's name, perhaps with
// a time, and which only look like one.

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// noteStopLines are one-line replies that look like names but are speech.
var noteStopLines = noteSet("yes", "no", "yeah", "yep", "yup", "nope", "nah", "ok", "okay", "sure", "right",
	"great", "thanks", "thank you", "thank you so much", "hello", "hi", "hey", "bye", "goodbye", "bye bye",
	"absolutely", "exactly", "perfect", "cool", "alright", "all right", "wow", "hmm", "mhm", "mm", "uh", "um",
	"oh", "ah", "got it", "sounds good", "of course", "agreed", "correct", "definitely", "totally",
	"interesting", "nice", "good", "fine", "awesome", "excellent", "indeed", "true", "understood",
	"makes sense", "me too", "you too", "likewise", "welcome", "sorry", "pardon", "really", "so", "well",
	"anyway", "cheers", "see you", "amazing", "lovely", "brilliant", "fantastic", "wonderful", "yes please",
	"no problem", "no worries", "sure thing", "go ahead", "hold on", "one sec", "one second", "good morning",
	"good afternoon", "good evening", "transcript", "meeting transcript", "attendees", "participants")

// noteFunctionWords never start a person's name.
var noteFunctionWords = noteSet("i", "i'm", "i've", "i'll", "i'd", "the", "a", "an", "we", "you", "it", "this",
	"that", "so", "and", "but", "or", "if", "what", "how", "why", "when", "where", "who", "let's", "let", "my",
	"our", "your", "there", "here", "please", "just", "can", "could", "would", "should", "do", "does", "is",
	"are", "was", "not", "to", "for", "of", "in", "on", "at", "with", "as", "be", "all", "any", "some", "also",
	"then", "now", "they", "he", "she", "them", "us", "me", "more", "most", "very", "maybe")

// noteParticles are lower-case parts of names ("Ana de Souza").
var noteParticles = noteSet("de", "da", "do", "dos", "das", "del", "della", "di", "du", "la", "le", "van",
	"von", "der", "den", "ter", "ten", "bin", "bint", "al", "el", "ibn", "y", "e", "st.")

// noteSet makes a set of words.
func noteSet(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// noteTimedHeader reads "Name 0:03", "Name - 00:01:02", "Name (Company)
// 12:40", "00:01:02 Name", "@0:01 - Name" and the same after a number
// ("1. Name 0:03").
func noteTimedHeader(s string) (name string, start float64, ok bool) {
	s = strings.TrimPrefix(s, "@") // "@0:01 - Dana Reyes"
	for _, line := range []string{s, noteNumbered.ReplaceAllString(s, "")} {
		if m := noteNameTime.FindStringSubmatch(line); m != nil && noteName(m[1]) {
			if sec, ok := parseTimecode(m[2]); ok {
				return m[1], sec, true
			}
		}
		if m := noteTimeName.FindStringSubmatch(line); m != nil && noteName(m[2]) {
			if sec, ok := parseTimecode(m[1]); ok {
				return m[2], sec, true
			}
		}
	}
	return "", 0, false
}

// noteNameLine reads a line that is a name alone, perhaps numbered.
func noteNameLine(s string) (string, bool) {
	if noteName(s) {
		return s, true
	}
	if m := noteNumbered.FindString(s); m != "" && strings.ContainsAny(m, ".)") && noteName(s[len(m):]) {
		return s[len(m):], true
	}
	return "", false
}

// noteName reports whether s reads as a person's name: one to five words
// that start upper-case (or are name particles), perhaps "Doe, Jane", and
// perhaps followed by "(Company)".
func noteName(s string) bool {
	if s == "" || utf8.RuneCountInString(s) > 60 {
		return false
	}
	core := s
	if strings.HasSuffix(core, ")") {
		i := strings.LastIndexByte(core, '(')
		if i <= 0 || strings.TrimSpace(core[i+1:len(core)-1]) == "" || strings.ContainsAny(core[i+1:len(core)-1], "()") {
			return false
		}
		core = strings.TrimSpace(core[:i])
	}
	if strings.Count(core, ",") > 1 || strings.HasSuffix(core, ",") {
		return false
	}
	lower := strings.ToLower(strings.TrimRight(core, ".!?"))
	words := strings.Fields(strings.Replace(core, ",", " ", 1))
	if len(words) == 0 || len(words) > 5 || noteStopLines[lower] || noteFunctionWords[strings.ToLower(words[0])] {
		return false
	}
	particles := 0
	for i, w := range words {
		if noteParticles[w] {
			particles++
			continue
		}
		if !noteNameWord(w, i == 0) {
			return false
		}
	}
	return particles < len(words)
}

// noteNameWord reports whether w can be one word of a name.
func noteNameWord(w string, first bool) bool {
	r, _ := utf8.DecodeRuneInString(w)
	for _, c := range w {
		if !unicode.IsLetter(c) && !unicode.IsDigit(c) && !strings.ContainsRune("'’-.&", c) {
			return false
		}
	}
	if strings.HasSuffix(w, ".") && utf8.RuneCountInString(w) > 4 {
		return false
	}
	if unicode.IsDigit(r) {
		return !first && strings.Trim(w, "0123456789") == ""
	}
	if !unicode.IsLetter(r) {
		return false
	}
	if !unicode.IsLower(r) {
		return true
	}
	for _, c := range w {
		if unicode.IsUpper(c) {
			return true
		}
	}
	return false
}

// noteTitleLike reports whether s reads as a heading: short, starting
// upper-case, with no end punctuation, and not a one-line reply.
func noteTitleLike(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	if !unicode.IsUpper(r) || len(strings.Fields(s)) > 8 || strings.ContainsAny(noteLastRune(s), ".?!,;:…\"”'") {
		return false
	}
	return !noteStopLines[strings.ToLower(s)]
}

// noteLastRune returns the last rune of s as a string.
func noteLastRune(s string) string {
	r, size := utf8.DecodeLastRuneInString(s)
	if size == 0 {
		return ""
	}
	return string(r)
}

// noteLowerStart reports whether s starts with a lower-case letter.
func noteLowerStart(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}
