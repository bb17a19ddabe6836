package analyze

// TODO(format): stub until the parser lands.

func sniffAssemblyAI(name string, data []byte) bool { return false }

func parseAssemblyAI(name string, data []byte) (*Call, error) {
	return nil, &ParseError{File: name, Format: "assemblyai", Offset: -1, Err: ErrUnknownFormat}
}
