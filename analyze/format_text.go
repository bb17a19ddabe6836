package analyze

// TODO(format): stub until the parser lands.

func sniffText(name string, data []byte) bool { return false }

func parseText(name string, data []byte) (*Call, error) {
	return nil, &ParseError{File: name, Format: "text", Offset: -1, Err: ErrUnknownFormat}
}
