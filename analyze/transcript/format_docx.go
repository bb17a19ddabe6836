package transcript

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
)

// Word documents (.docx), as Teams, Zoom and note-takers write them, are
// zip archives whose main part (word/document.xml) holds the paragraphs.
// The paragraphs are read as text, one line each, and parsed as the text
// formats are: "Name: text" lines, note-taker blocks, or plain prose.

const docxID = "docx"

// docxMaxPart caps the decompressed size of any part read from the
// archive, so a small file cannot expand without bound.
const docxMaxPart = 64 << 20

// docxTextFormats are the formats tried on a document's text, in order.
var docxTextFormats = []struct {
	sniff func(string, []byte) bool
	parse func(string, []byte) (*Call, error)
}{
	{sniffText, parseText},
	{sniffNotetaker, parseNotetaker},
	{sniffPlain, parsePlain},
}

// sniffDocx accepts a zip archive. Which part is the document is found by
// parseDocx, so a zip that is not a Word file gets a clear error rather
// than being read as text.
func sniffDocx(name string, data []byte) bool {
	return bytes.HasPrefix(data, []byte("PK\x03\x04")) || bytes.HasPrefix(data, []byte("PK\x05\x06"))
}

// parseDocx reads the document's paragraphs and parses them as text.
func parseDocx(name string, data []byte) (*Call, error) {
	text, err := docxText(data)
	if err != nil {
		return nil, &ParseError{File: name, Format: docxID, Offset: -1, Err: err}
	}
	for _, f := range docxTextFormats {
		if !f.sniff(name, text) {
			continue
		}
		c, err := f.parse(name, text)
		if err != nil {
			var pe *ParseError
			if errors.As(err, &pe) {
				return nil, &ParseError{File: name, Format: docxID, Line: pe.Line, Offset: -1, Err: pe.Err}
			}
			return nil, &ParseError{File: name, Format: docxID, Offset: -1, Err: err}
		}
		return c, nil
	}
	return nil, &ParseError{File: name, Format: docxID, Offset: -1,
		Err: fmt.Errorf("%w: the Word document holds no transcript (no speaker names, no spoken text)", ErrNoSpeech)}
}

// docxText opens the archive, finds the main document part and returns
// its paragraphs, one a line.
func docxText(data []byte) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("%w: not a readable Word document (zip): %v", ErrSyntax, err)
	}
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[strings.TrimPrefix(f.Name, "/")] = f
	}
	main := "word/document.xml"
	if rels, ok := files["_rels/.rels"]; ok {
		if b, err := docxRead(rels); err == nil {
			if target := docxMainTarget(b); target != "" {
				main = target
			}
		}
	}
	f, ok := files[main]
	if ok && !strings.HasPrefix(main, "word/") && !strings.HasSuffix(main, "document.xml") {
		// A workbook or a presentation: Office, but not Word.
		ok = false
	}
	if !ok {
		return nil, fmt.Errorf("%w: a zip archive without %s: not a Word document", ErrUnknownFormat, main)
	}
	b, err := docxRead(f)
	if err != nil {
		return nil, err
	}
	text, err := docxParagraphs(b)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrSyntax, main, err)
	}
	return text, nil
}

// docxRead decompresses one part, refusing parts larger than docxMaxPart
// whatever their header claims.
func docxRead(f *zip.File) ([]byte, error) {
	if f.UncompressedSize64 > docxMaxPart {
		return nil, fmt.Errorf("%w: %s expands to %d bytes, more than the %d allowed", ErrSyntax, f.Name, f.UncompressedSize64, docxMaxPart)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%w: open %s: %v", ErrSyntax, f.Name, err)
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, docxMaxPart+1))
	if err != nil {
		return nil, fmt.Errorf("%w: read %s: %v", ErrSyntax, f.Name, err)
	}
	if len(b) > docxMaxPart {
		return nil, fmt.Errorf("%w: %s expands to more than the %d bytes allowed", ErrSyntax, f.Name, docxMaxPart)
	}
	return b, nil
}

// docxMainTarget returns the part the package relationships name as the
// office document, or "".
func docxMainTarget(rels []byte) string {
	var r struct {
		Rels []struct {
			Type   string `xml:"Type,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if xml.Unmarshal(rels, &r) != nil {
		return ""
	}
	for _, rel := range r.Rels {
		if strings.HasSuffix(rel.Type, "/officeDocument") && rel.Target != "" {
			return path.Clean(strings.TrimPrefix(rel.Target, "/"))
		}
	}
	return ""
}

// docxParagraphs returns the text of a WordprocessingML body: text from
// w:t runs, a space for w:tab, a line break for w:br, w:cr and the end of
// each w:p, and "- " before list items, as a reader sees them. Deleted
// text and field codes are left out.
func docxParagraphs(doc []byte) ([]byte, error) {
	d := xml.NewDecoder(bytes.NewReader(doc))
	var out, para bytes.Buffer
	inText, listItem := false, false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "p":
				// A paragraph inside another (a text box) ends the
				// outer one's text so far.
				if para.Len() > 0 {
					out.Write(para.Bytes())
					out.WriteByte('\n')
					para.Reset()
				}
				listItem = false
			case "numPr":
				listItem = true
			case "t":
				inText = true
			case "tab":
				para.WriteByte(' ')
			case "br", "cr":
				para.WriteByte('\n')
			case "noBreakHyphen":
				para.WriteByte('-')
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "t":
				inText = false
			case "p":
				if listItem && len(bytes.TrimSpace(para.Bytes())) > 0 {
					out.WriteString("- ")
				}
				out.Write(para.Bytes())
				out.WriteByte('\n')
				para.Reset()
			}
		case xml.CharData:
			if inText {
				para.Write(t)
			}
		}
	}
	out.Write(para.Bytes())
	return out.Bytes(), nil
}
