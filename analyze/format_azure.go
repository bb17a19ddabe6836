package analyze

// TODO(format): stub until the parser lands.

func sniffAzure(name string, data []byte) bool { return false }

func parseAzure(name string, data []byte) (*Call, error) {
	return nil, &ParseError{File: name, Format: "azure", Offset: -1, Err: ErrUnknownFormat}
}
