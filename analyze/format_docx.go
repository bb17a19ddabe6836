package analyze

// TODO(format): stub until the parser lands.

func sniffDocx(name string, data []byte) bool { return false }

func parseDocx(name string, data []byte) (*Call, error) {
	return nil, &ParseError{File: name, Format: "docx", Offset: -1, Err: ErrUnknownFormat}
}
