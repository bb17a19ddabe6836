package worker

import (
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/calltrust/calltrust/analyze/transcript"
	"github.com/hibiken/asynq"
	"github.com/mattn/go-isatty"
	"github.com/rs/zerolog"
)

// NewLogger returns the process logger: zerolog JSON lines on w, or the
// human console format when console is true, at level ("debug", "info",
// "warn", "error"; "" is "info").
func NewLogger(w io.Writer, level string, console bool) (zerolog.Logger, error) {
	lvl := zerolog.InfoLevel
	if level != "" {
		l, err := zerolog.ParseLevel(level)
		if err != nil || l == zerolog.NoLevel {
			return zerolog.Nop(), fmt.Errorf("log level %q: want debug, info, warn or error", level)
		}
		lvl = l
	}
	if console {
		w = zerolog.ConsoleWriter{Out: w, TimeFormat: time.TimeOnly}
	}
	return zerolog.New(w).Level(lvl).With().Timestamp().Logger(), nil
}

// IsTerminal reports whether w is a terminal, which asks for the console
// log format and a progress bar.
func IsTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	return isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd())
}

// AsynqLogger adapts a zerolog logger to asynq's Logger, so that asynq's
// own messages share the process's log format.
func AsynqLogger(l zerolog.Logger) asynq.Logger {
	return asynqLogger{l.With().Str("component", "asynq").Logger()}
}

type asynqLogger struct{ l zerolog.Logger }

func (a asynqLogger) Debug(args ...any) { a.l.Debug().Msg(fmt.Sprint(args...)) }
func (a asynqLogger) Info(args ...any)  { a.l.Info().Msg(fmt.Sprint(args...)) }
func (a asynqLogger) Warn(args ...any)  { a.l.Warn().Msg(fmt.Sprint(args...)) }
func (a asynqLogger) Error(args ...any) { a.l.Error().Msg(fmt.Sprint(args...)) }
func (a asynqLogger) Fatal(args ...any) { a.l.Fatal().Msg(fmt.Sprint(args...)) }

// AsynqLevel maps a zerolog level to asynq's.
func AsynqLevel(l zerolog.Level) asynq.LogLevel {
	switch {
	case l <= zerolog.DebugLevel:
		return asynq.DebugLevel
	case l == zerolog.InfoLevel:
		return asynq.InfoLevel
	case l == zerolog.WarnLevel:
		return asynq.WarnLevel
	case l == zerolog.ErrorLevel:
		return asynq.ErrorLevel
	}
	return asynq.FatalLevel
}

// contentProblems are the kinds of problem a transcript or its sidecar
// can have, most specific first. LogReason names them in place of
// messages that may hold values taken from the file.
var contentProblems = []error{
	transcript.ErrEmpty, transcript.ErrBinary, transcript.ErrEncoding, transcript.ErrUnknownFormat,
	transcript.ErrNoSpeech, transcript.ErrMeta, transcript.ErrSeveralCalls, transcript.ErrSyntax, transcript.ErrSpeakers,
}

// LogReason is how a task's error appears in the log. Errors of the
// store, the queue and time limits are logged whole; an error about a
// transcript's or a sidecar's content is logged as the file, the format,
// the line and byte and the kind of problem only, because its full
// message may name speakers or other values taken from the file. The full
// reason is kept in the batch summary.
func LogReason(err error) string {
	var problem error
	for _, p := range contentProblems {
		if errors.Is(err, p) {
			problem = p
			break
		}
	}
	if problem == nil {
		return err.Error()
	}
	var pe *transcript.ParseError
	if errors.As(err, &pe) {
		short := *pe
		short.Err = problem
		return short.Error()
	}
	return problem.Error()
}
