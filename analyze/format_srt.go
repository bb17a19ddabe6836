package analyze

// TODO(format): stub until the parser lands.

func sniffSRT(name string, data []byte) bool { return false }

func parseSRT(name string, data []byte) (*Call, error) {
	return nil, &ParseError{File: name, Format: "srt", Offset: -1, Err: ErrUnknownFormat}
}
