// Package lexicons loads, validates and compiles the word lists the
// detectors use. The built-in set is embedded from default/*.yaml; users
// point --lexicons at a folder of their own to replace it. The words live
// here as data so a team can tune a detector without a code change.
//
// It knows nothing about calls or reports: it turns text into canonical
// words and finds lexicon phrases in them.
package lexicons
