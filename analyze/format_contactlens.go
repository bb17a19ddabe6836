package analyze

// TODO(format): stub until the parser lands.

func sniffContactLens(name string, data []byte) bool { return false }

func parseContactLens(name string, data []byte) (*Call, error) {
	return nil, &ParseError{File: name, Format: "contactlens", Offset: -1, Err: ErrUnknownFormat}
}
