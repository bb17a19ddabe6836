package pages

import (
	"fmt"
	"html/template"
	"strconv"
	"strings"
)

// The parts of a page that grow with the call, the transcript and the
// SVG charts, are written here directly instead of through html/template:
// on a one-hour call the template engine's reflection cost as much as
// the analysis. The escaping is html/template's own, byte for byte, which
// write_test.go checks against the templates these replace.

// writeEscaped writes s escaped as html/template escapes text and quoted
// attribute values.
func writeEscaped(b *strings.Builder, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var rep string
		switch s[i] {
		case 0:
			rep = "\uFFFD"
		case '"':
			rep = "&#34;"
		case '&':
			rep = "&amp;"
		case '\'':
			rep = "&#39;"
		case '+':
			rep = "&#43;"
		case '<':
			rep = "&lt;"
		case '>':
			rep = "&gt;"
		default:
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(rep)
		last = i + 1
	}
	b.WriteString(s[last:])
}

// writeURL writes a URL as html/template writes one into an href: a
// scheme other than http, https or mailto is refused, bytes outside a
// URL's own characters are percent-encoded, and the result is escaped
// for the attribute.
func writeURL(b *strings.Builder, s string) {
	if scheme, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(scheme, "/") {
		switch strings.ToLower(scheme) {
		case "http", "https", "mailto":
		default:
			b.WriteString("#ZgotmplZ")
			return
		}
	}
	writeEscaped(b, percentEncode(s, true))
}

// writeFragment writes "#" and s as a URL fragment, the way html/template
// writes href="#{{.}}": every reserved character of s encoded too.
func writeFragment(b *strings.Builder, s string) {
	b.WriteByte('#')
	writeEscaped(b, percentEncode(s, false))
}

// percentEncode is html/template's URL normalizer (norm) or escaper: it
// encodes the bytes a URL may not hold, and reserved characters too when
// not norm. A valid escape stays when norm, except at the very end, as
// html/template has it.
func percentEncode(s string, norm bool) string {
	var u strings.Builder
	written := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', strings.IndexByte("-._~", c) >= 0:
			continue
		case norm && strings.IndexByte("!#$&*+,/:;=?@[]", c) >= 0:
			continue
		case norm && c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			continue
		}
		u.WriteString(s[written:i])
		fmt.Fprintf(&u, "%%%02x", c)
		written = i + 1
	}
	if written == 0 {
		return s
	}
	u.WriteString(s[written:])
	return u.String()
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// num writes a coordinate with one decimal, as the templates' n does.
func num(b *strings.Builder, v float64) {
	b.WriteString(strconv.FormatFloat(v, 'f', 1, 64))
}

// numAttrs writes ` name="v"` for each name and coordinate.
func numAttrs(b *strings.Builder, names []string, vs ...float64) {
	for i, name := range names {
		b.WriteByte(' ')
		b.WriteString(name)
		b.WriteString(`="`)
		num(b, vs[i])
		b.WriteByte('"')
	}
}

// chartHTML draws a chart as inline SVG.
func chartHTML(c chart) template.HTML {
	var b strings.Builder
	b.Grow(256 + 160*(len(c.Lines)+len(c.Rects)+len(c.Texts)+len(c.Marks)))
	b.WriteString(`<svg class="chart `)
	writeEscaped(&b, c.Class)
	b.WriteString(`" viewBox="0 0 `)
	num(&b, c.Width)
	b.WriteByte(' ')
	num(&b, c.Height)
	b.WriteString(`" preserveAspectRatio="xMinYMin meet" `)
	if c.Interactive {
		b.WriteString(`role="group"`)
	} else {
		b.WriteString(`role="img"`)
	}
	b.WriteString(` aria-label="`)
	writeEscaped(&b, c.Title)
	b.WriteString("\">\n<title>")
	writeEscaped(&b, c.Title)
	b.WriteString("</title>")
	if c.Desc != "" {
		b.WriteString("<desc>")
		writeEscaped(&b, c.Desc)
		b.WriteString("</desc>")
	}
	b.WriteByte('\n')
	for _, l := range c.Lines {
		b.WriteString(`<line`)
		numAttrs(&b, []string{"x1", "y1", "x2", "y2"}, l.X1, l.Y1, l.X2, l.Y2)
		b.WriteString(` class="`)
		writeEscaped(&b, l.Class)
		b.WriteString("\"/>\n")
	}
	for _, r := range c.Rects {
		if r.Href != "" {
			b.WriteString(`<a href="`)
			writeURL(&b, r.Href)
			b.WriteString(`" aria-label="`)
			writeEscaped(&b, r.Label)
			b.WriteString(`">`)
		}
		b.WriteString(`<rect`)
		numAttrs(&b, []string{"x", "y", "width", "height"}, r.X, r.Y, r.W, r.H)
		b.WriteString(` class="`)
		writeEscaped(&b, r.Class)
		b.WriteString(`">`)
		if r.Title != "" {
			b.WriteString("<title>")
			writeEscaped(&b, r.Title)
			b.WriteString("</title>")
		}
		b.WriteString("</rect>")
		if r.Href != "" {
			b.WriteString("</a>")
		}
		b.WriteByte('\n')
	}
	for _, t := range c.Texts {
		anchor := t.Anchor
		if anchor == "" {
			anchor = "start"
		}
		b.WriteString(`<text`)
		numAttrs(&b, []string{"x", "y"}, t.X, t.Y)
		b.WriteString(` text-anchor="`)
		writeEscaped(&b, anchor)
		b.WriteString(`" class="`)
		writeEscaped(&b, t.Class)
		b.WriteString(`">`)
		if t.Title != "" {
			b.WriteString("<title>")
			writeEscaped(&b, t.Title)
			b.WriteString("</title>")
		}
		writeEscaped(&b, t.Text)
		b.WriteString("</text>\n")
	}
	for _, m := range c.Marks {
		b.WriteString(`<a class="mark `)
		writeEscaped(&b, m.Class)
		b.WriteString(`" href="`)
		writeURL(&b, m.Href)
		b.WriteString(`" aria-label="`)
		writeEscaped(&b, m.Label)
		b.WriteString(`"><title>`)
		writeEscaped(&b, m.Label)
		b.WriteString(`</title><circle`)
		numAttrs(&b, []string{"cx", "cy"}, m.X, m.Y)
		b.WriteString(" r=\"7\"/></a>\n")
	}
	b.WriteString("</svg>")
	return template.HTML(b.String())
}

// transcriptHTML writes the transcript's turns as the items of the call
// page's list: anchors, speaker and role, flag badges, and the text with
// flagged quotes marked.
func transcriptHTML(turns []turnView) template.HTML {
	var b strings.Builder
	size := 0
	for _, t := range turns {
		size += 300
		for _, p := range t.Parts {
			size += len(p.Text) + len(p.Text)/16
		}
	}
	b.Grow(size)
	for _, t := range turns {
		b.WriteString(`<li id="`)
		writeEscaped(&b, t.Anchor)
		b.WriteString(`" class="turn role-`)
		writeEscaped(&b, t.RoleClass)
		if t.Flagged {
			b.WriteString(" flagged ")
			writeEscaped(&b, t.Flags[0].Class)
		}
		if t.Monologue {
			b.WriteString(" longest")
		}
		b.WriteString("\">\n<div class=\"turn-meta\"><a class=\"when\" href=\"")
		writeFragment(&b, t.Anchor)
		b.WriteString(`">`)
		writeEscaped(&b, t.When)
		b.WriteString(`</a> <span class="speaker">`)
		writeEscaped(&b, t.Speaker)
		b.WriteString(`</span> <span class="role">`)
		writeEscaped(&b, t.Role)
		b.WriteString("</span>\n")
		for _, f := range t.Flags {
			b.WriteString(`<a class="badge `)
			writeEscaped(&b, f.Class)
			b.WriteString(`" href="`)
			writeURL(&b, f.Href)
			b.WriteString(`">`)
			writeEscaped(&b, f.Label)
			b.WriteString("</a> ")
		}
		if t.Monologue {
			b.WriteString(`<span class="tag">Longest monologue</span> `)
		}
		if t.Excused {
			b.WriteString(`<span class="tag">Excused candidate</span>`)
		}
		b.WriteString("</div>\n<p class=\"text\">")
		for _, p := range t.Parts {
			if p.Mark {
				b.WriteString("<mark>")
				writeEscaped(&b, p.Text)
				b.WriteString("</mark>")
			} else {
				writeEscaped(&b, p.Text)
			}
		}
		b.WriteString("</p>\n</li>\n")
	}
	return template.HTML(b.String())
}

// evidenceHTML writes quoted evidence as list items: the quote, when and
// who, what matched, and why it counts or, for excused candidates, why it
// was let go.
func evidenceHTML(items []evidenceView, excused bool) template.HTML {
	var b strings.Builder
	for _, e := range items {
		if excused {
			b.WriteString("<li><figure class=\"quote excused\">\n<blockquote>")
		} else {
			b.WriteString("<li><figure class=\"quote\">\n<blockquote>")
		}
		writeEscaped(&b, e.Quote)
		b.WriteString("</blockquote>\n<figcaption><a class=\"when\" href=\"")
		writeURL(&b, e.Href)
		b.WriteString(`">`)
		writeEscaped(&b, e.When)
		b.WriteString(`</a> <span class="speaker">`)
		writeEscaped(&b, e.Speaker)
		b.WriteString("</span></figcaption>\n")
		if e.Matched != "" {
			b.WriteString(`<p class="why"><span class="lbl">Matched</span> <mark class="matched">`)
			writeEscaped(&b, e.Matched)
			b.WriteString("</mark></p>")
		}
		b.WriteByte('\n')
		switch {
		case excused:
			b.WriteString(`<p class="why"><span class="lbl">Excused</span> `)
			writeEscaped(&b, e.Why)
			b.WriteString("</p>")
		case e.Why != "":
			b.WriteString(`<p class="why"><span class="lbl">Why</span> `)
			writeEscaped(&b, e.Why)
			b.WriteString("</p>")
		}
		b.WriteString("\n</figure></li>")
	}
	return template.HTML(b.String())
}
