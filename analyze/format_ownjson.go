package analyze

// TODO(format): stub until the parser lands.

func sniffOwnJSON(name string, data []byte) bool { return false }

func parseOwnJSON(name string, data []byte) (*Call, error) {
	return nil, &ParseError{File: name, Format: "ownjson", Offset: -1, Err: ErrUnknownFormat}
}
