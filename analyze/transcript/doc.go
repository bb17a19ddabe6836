// Package transcript reads a transcript's bytes into a Call: it detects
// the format from the content, finds the conversation inside whatever
// document holds it, and names the speakers. It is pure (no I/O, no
// logging) and imports neither analyze nor lexicons: a new format never
// touches a detector.
package transcript
