package analyze

// TODO(format): stub until the parser lands.

func sniffWhisper(name string, data []byte) bool { return false }

func parseWhisper(name string, data []byte) (*Call, error) {
	return nil, &ParseError{File: name, Format: "whisper", Offset: -1, Err: ErrUnknownFormat}
}
