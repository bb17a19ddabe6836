package analyze

// TODO(format): stub until the parser lands.

func sniffTranscribe(name string, data []byte) bool { return false }

func parseTranscribe(name string, data []byte) (*Call, error) {
	return nil, &ParseError{File: name, Format: "transcribe", Offset: -1, Err: ErrUnknownFormat}
}
