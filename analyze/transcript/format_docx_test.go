package transcript

import (
	"archive/zip"
	"bytes"
	"errors"
	"flag"
	"html"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

var genDocx = flag.Bool("gen-docx", false, "rewrite the .docx fixtures under testdata from docxFixtures")

// docxPara is one paragraph of a generated document: runs of text, where
// "\t" becomes w:tab and "\n" becomes w:br; list marks a bulleted item.
type docxPara struct {
	runs []string
	list bool
}

// docxP is a paragraph of the given runs.
func docxP(runs ...string) docxPara { return docxPara{runs: runs} }

// docxLi is a bulleted list item.
func docxLi(text string) docxPara { return docxPara{runs: []string{text}, list: true} }

// docxFixtures are the Word documents under testdata, by path.
var docxFixtures = map[string][]docxPara{
	// Teams: title, date and length, a notice, then a name and time line
	// before each speaker's paragraph.
	"formats/docx/teams-renewal.docx": {
		docxP("Ledgerline - Pinecrest Foods renewal"),
		docxP("March 3, 2026, 2:00PM"),
		docxP("5m 12s"),
		docxP(),
		docxP("Marcus Webb started transcription"),
		docxP("Marcus Webb", "\t", "0:03"),
		docxP("Hi Priya, thanks for making the time. Your invoice volume is up about forty percent since the Harrisburg plant opened, and I wanted to see whether approvals are keeping up."),
		docxP("Priya Nair", "\t", "0:15"),
		docxP("Honestly, they are not. Invoices sit for two weeks because plant managers approve from email."),
		docxP("Marcus Webb", "\t", "0:24"),
		docxP("What does that cost you? Are you losing early payment discounts?"),
		docxP("Priya Nair", "\t", "0:30"),
		docxP("Some. Our controller thinks it is around eighteen thousand a quarter."),
		docxP("Marcus Webb", "\t", "0:37"),
		docxP("Mobile approvals would let plant managers approve from their phones.", "\n", "I can't promise the full amount, but most teams clear the backlog within a month."),
		docxP("Priya Nair", "\t", "0:52"),
		docxP("Send me something I can show the controller."),
		docxP("Marcus Webb", "\t", "0:57"),
		docxP("I will. Who else would weigh in on a change like this?"),
		docxP("Marcus Webb stopped transcription"),
	},
	// Zoom and most note-takers: "Name: text" paragraphs, the name in a
	// run of its own.
	"formats/docx/zoom-cold-call.docx": {
		docxP("Boostly intro call"),
		docxP("Jordan Miles", ": Hey, this is Jordan with Boostly. Just touching base to see if you've got a minute."),
		docxP("Erin Walsh", ": A minute, sure. What is it?"),
		docxP("Jordan Miles", ": Our marketing platform doubles your leads in thirty days, no risk at all."),
		docxP("Erin Walsh", ": We're not really looking right now. We signed with another agency in January."),
		docxP("Jordan Miles", ": No problem at all, I'll call you next quarter."),
	},
	// A memo: a Word file with no transcript in it.
	"broken8/docx-memo.docx": {
		docxP("Q2 territory changes"),
		docxP("Dana Whitfield, VP Sales - March 3, 2026"),
		docxP("Starting April 1, territories in the Northeast will be split between the mid-market and enterprise teams. Please review your account list before Friday."),
		docxLi("Accounts above 500 seats move to the enterprise team."),
		docxLi("Open opportunities stay with their current owner until they close."),
		docxLi("Renewals in April are handled by the current owner."),
		docxLi("Questions go to your regional manager."),
		docxP("Thank you for your patience while we make this change."),
	},
}

// docxFixedTime keeps generated archives byte-for-byte reproducible.
var docxFixedTime = time.Date(2026, 3, 3, 12, 0, 0, 0, time.UTC)

// buildDocx writes a minimal Word document holding paras.
func buildDocx(t testing.TB, paras []docxPara) []byte {
	t.Helper()
	var body strings.Builder
	for _, para := range paras {
		body.WriteString("<w:p>")
		if para.list {
			body.WriteString(`<w:pPr><w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>`)
		}
		for _, run := range para.runs {
			body.WriteString("<w:r>")
			switch run {
			case "\t":
				body.WriteString("<w:tab/>")
			case "\n":
				body.WriteString("<w:br/>")
			default:
				body.WriteString(`<w:t xml:space="preserve">` + html.EscapeString(run) + "</w:t>")
			}
			body.WriteString("</w:r>")
		}
		body.WriteString("</w:p>")
	}
	return zipParts(t, map[string]string{
		"[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
			`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
			`<Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
			`</Types>`,
		"_rels/.rels": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
			`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
			`</Relationships>`,
		"word/document.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
			`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` +
			body.String() + `<w:sectPr/></w:body></w:document>`,
	})
}

// zipParts writes a zip archive of the named parts, in name order.
func zipParts(t testing.TB, parts map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range slices.Sorted(maps.Keys(parts)) {
		body := parts[name]
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: docxFixedTime})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// docxBroken are the broken archives under testdata/broken8.
func docxBroken(t testing.TB) map[string][]byte {
	teams := buildDocx(t, docxFixtures["formats/docx/teams-renewal.docx"])
	return map[string][]byte{
		"broken8/docx-truncated.docx": teams[:len(teams)/2],
		"broken8/docx-not-word.docx":  zipParts(t, map[string]string{"readme.txt": "Quarterly call recordings are in the shared drive."}),
	}
}

// TestDocxFixtures checks that the committed .docx files are what the
// generator writes; run with -gen-docx to rewrite them.
func TestDocxFixtures(t *testing.T) {
	want := docxBroken(t)
	for rel, paras := range docxFixtures {
		want[rel] = buildDocx(t, paras)
	}
	for rel, data := range want {
		path := filepath.Join("..", "..", "testdata", filepath.FromSlash(rel))
		if *genDocx {
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test ./analyze -run TestDocxFixtures -gen-docx)", err)
		}
		if !bytes.Equal(got, data) {
			t.Errorf("%s differs from its generator (run go test ./analyze -run TestDocxFixtures -gen-docx)", rel)
		}
	}
}

func TestParseDocx(t *testing.T) {
	tests := []case8{
		{file: "formats/docx/teams-renewal.docx", timed: true, turns: []turn8{
			{speaker: "Marcus Webb", start: 3, end: 15, text: "Hi Priya, thanks for making the time. Your invoice volume..."},
			{speaker: "Priya Nair", start: 15, end: 24, text: "Honestly, they are not. Invoices sit for two weeks because plant managers approve from email."},
			{speaker: "Marcus Webb", start: 24, end: 30, text: "What does that cost you? Are you losing early payment discounts?"},
			{speaker: "Priya Nair", start: 30, end: 37, text: "Some. Our controller thinks it is around eighteen thousand a quarter."},
			{speaker: "Marcus Webb", start: 37, end: 52, text: "Mobile approvals would let plant managers approve from their phones. I can't promise the full amount, but most teams clear the backlog within a month."},
			{speaker: "Priya Nair", start: 52, end: 57, text: "Send me something I can show the controller."},
			{speaker: "Marcus Webb", start: 57, text: "I will. Who else would weigh in on a change like this?"},
		}},
		{file: "formats/docx/zoom-cold-call.docx", turns: []turn8{
			{speaker: "Jordan Miles", text: "Hey, this is Jordan with Boostly. Just touching base to see if you've got a minute."},
			{speaker: "Erin Walsh", text: "A minute, sure. What is it?"},
			{speaker: "Jordan Miles", text: "Our marketing platform doubles your leads in thirty days, no risk at all."},
			{speaker: "Erin Walsh", text: "We're not really looking right now. We signed with another agency in January."},
			{speaker: "Jordan Miles", text: "No problem at all, I'll call you next quarter."},
		}},
	}
	for _, tc := range tests {
		t.Run(filepath.Base(tc.file), func(t *testing.T) {
			c := parseFixture8(t, tc.file)
			if c.Format != "docx" {
				t.Errorf("format %q, want docx", c.Format)
			}
			check8(t, c, tc)
		})
	}
}

func TestParseDocxErrors(t *testing.T) {
	big := zipRawPart(t, "word/document.xml", docxMaxPart+1)
	tests := []struct {
		name string
		data []byte
		want error
		msg  string
	}{
		{"memo", fixture8(t, "broken8/docx-memo.docx"), ErrNoSpeech, "holds no transcript"},
		{"truncated", fixture8(t, "broken8/docx-truncated.docx"), ErrSyntax, "not a readable Word document"},
		{"not word", fixture8(t, "broken8/docx-not-word.docx"), ErrUnknownFormat, "not a Word document"},
		{"zip bomb", big, ErrSyntax, "more than the"},
		{"bad xml", zipParts(t, map[string]string{"word/document.xml": "<w:document><w:body><w:p><w:t>Hi"}), ErrSyntax, "word/document.xml"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("call.docx", tc.data)
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Format != "docx" || pe.File != "call.docx" {
				t.Fatalf("err = %v, want a ParseError as docx", err)
			}
			if !errors.Is(err, tc.want) || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("err = %v, want %v mentioning %q", err, tc.want, tc.msg)
			}
		})
	}
}

// zipRawPart writes an archive whose one part claims size bytes, so the
// size cap can be tested without inflating them.
func zipRawPart(t testing.TB, name string, size uint64) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Store, CompressedSize64: 4, UncompressedSize64: size})
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte("<w:d"))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestDocxParagraphs(t *testing.T) {
	tests := []struct{ name, xml, want string }{
		{"runs join", `<w:p><w:r><w:t>Jane</w:t></w:r><w:r><w:t xml:space="preserve">: hello</w:t></w:r></w:p>`, "Jane: hello\n"},
		{"tab and break", `<w:p><w:r><w:t>Jane</w:t><w:tab/><w:t>0:03</w:t><w:br/><w:t>next</w:t></w:r></w:p>`, "Jane 0:03\nnext\n"},
		{"deleted text and fields left out", `<w:p><w:r><w:delText>old</w:delText><w:instrText>PAGE</w:instrText><w:t>new</w:t></w:r></w:p>`, "new\n"},
		{"list item", `<w:p><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>item</w:t></w:r></w:p>`, "- item\n"},
		{"entities", `<w:p><w:r><w:t>Q&amp;A &lt;today&gt;</w:t></w:r></w:p>`, "Q&A <today>\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc := `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` + tc.xml + `</w:body></w:document>`
			got, err := docxParagraphs([]byte(doc))
			if err != nil || string(got) != tc.want {
				t.Errorf("got %q, %v; want %q", got, err, tc.want)
			}
		})
	}
}

func TestParseDocxOtherOffice(t *testing.T) {
	data := zipParts(t, map[string]string{
		"_rels/.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml": `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>`,
	})
	_, err := Parse("sheet.docx", data)
	if !errors.Is(err, ErrUnknownFormat) || !strings.Contains(err.Error(), "xl/workbook.xml") {
		t.Errorf("err = %v, want a docx error saying it is not a Word document", err)
	}
}
