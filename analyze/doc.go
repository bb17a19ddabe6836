// Package analyze turns a sales-call transcript into a trust report.
//
// It holds the transcript model (Call, Turn), the format parsers, the
// detectors for the four trust problems and the Report type. It is pure:
// no file or network I/O, no queue, no logging. Callers hand it bytes and
// get back a Call or a Report.
package analyze
