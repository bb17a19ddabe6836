package analyze

// TODO(format): stub until the parser lands.

func sniffPlain(name string, data []byte) bool { return false }

func parsePlain(name string, data []byte) (*Call, error) {
	return nil, &ParseError{File: name, Format: "plain", Offset: -1, Err: ErrUnknownFormat}
}
