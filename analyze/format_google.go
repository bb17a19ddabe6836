package analyze

// TODO(format): stub until the parser lands.

func sniffGoogle(name string, data []byte) bool { return false }

func parseGoogle(name string, data []byte) (*Call, error) {
	return nil, &ParseError{File: name, Format: "google", Offset: -1, Err: ErrUnknownFormat}
}
