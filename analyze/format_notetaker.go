package analyze

// TODO(format): stub until the parser lands.

func sniffNotetaker(name string, data []byte) bool { return false }

func parseNotetaker(name string, data []byte) (*Call, error) {
	return nil, &ParseError{File: name, Format: "notetaker", Offset: -1, Err: ErrUnknownFormat}
}
