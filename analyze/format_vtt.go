package analyze

// TODO(format): stub until the parser lands.

func sniffVTT(name string, data []byte) bool { return false }

func parseVTT(name string, data []byte) (*Call, error) {
	return nil, &ParseError{File: name, Format: "vtt", Offset: -1, Err: ErrUnknownFormat}
}
