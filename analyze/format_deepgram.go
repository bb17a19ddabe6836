package analyze

// TODO(format): stub until the parser lands.

func sniffDeepgram(name string, data []byte) bool { return false }

func parseDeepgram(name string, data []byte) (*Call, error) {
	return nil, &ParseError{File: name, Format: "deepgram", Offset: -1, Err: ErrUnknownFormat}
}
