// Package analyze judges a sales call: it tokenizes the turns that
// analyze/transcript read, applies the lexicons, raises the four trust
// flags and builds the Report. It is pure: no file or network I/O, no
// queue, no logging, and it never sees a transcript's bytes.
package analyze
