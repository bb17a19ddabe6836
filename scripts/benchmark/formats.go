package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// render writes a call in a format and returns the file's bytes, its
// extension and its sidecar (nil when it has none).
func render(g *generator, s *spec, format string) (data []byte, ext string, sidecar []byte) {
	withSidecar := g.rng.Float64() < 0.6
	switch format {
	case "vtt":
		data, ext = renderVTT(s), ".vtt"
	case "srt":
		data, ext = renderSRT(s), ".srt"
	case "txt":
		data, ext = renderText(s, g.rng.Intn(3)), ".txt"
	case "calltrust-json":
		return renderOwnJSON(s), ".json", nil
	case "transcribe-json":
		data, ext = renderTranscribe(s), ".json"
		if withSidecar {
			return data, ext, metaJSON(s, []string{"spk_0"})
		}
		return data, ext, nil
	default:
		panic("unknown format " + format)
	}
	if withSidecar {
		sidecar = metaJSON(s, []string{s.Rep})
	}
	return data, ext, sidecar
}

// metaJSON is a sidecar naming the seller side.
func metaJSON(s *spec, sellers []string) []byte {
	b, _ := json.MarshalIndent(map[string]any{
		"rep": s.Rep, "account": s.Account, "date": s.Date, "call_type": s.CallType, "seller_speakers": sellers,
	}, "", "  ")
	return append(b, '\n')
}

// cue is a stretch of a turn shown as one caption.
type cue struct {
	start, end float64
	text       string
}

// cues splits a turn into captions of at most about 30 words at sentence
// ends, as meeting recorders do, with times shared out by words.
func cues(t specTurn) []cue {
	var out []cue
	total := 0
	for _, s := range t.Sentences {
		total += len(strings.Fields(s))
	}
	at, done := t.Start, 0
	var cur []string
	n := 0
	flush := func() {
		if len(cur) == 0 {
			return
		}
		done += n
		end := t.Start + (t.End-t.Start)*float64(done)/float64(max(total, 1))
		out = append(out, cue{start: at, end: end, text: strings.Join(cur, " ")})
		at, cur, n = end, nil, 0
	}
	for _, s := range t.Sentences {
		w := len(strings.Fields(s))
		if n > 0 && n+w > 30 {
			flush()
		}
		cur = append(cur, s)
		n += w
	}
	flush()
	return out
}

// clock formats seconds as HH:MM:SS followed by sep and milliseconds.
func clock(sec float64, sep byte) string {
	ms := int64(sec*1000 + 0.5)
	return fmt.Sprintf("%02d:%02d:%02d%c%03d", ms/3600000, ms/60000%60, ms/1000%60, sep, ms%1000)
}

// renderVTT writes a Zoom-style WebVTT file: numbered cues, "Name: text".
func renderVTT(s *spec) []byte {
	var b bytes.Buffer
	b.WriteString("WEBVTT\n\n")
	i := 0
	for _, t := range s.Turns {
		for _, c := range cues(t) {
			i++
			fmt.Fprintf(&b, "%d\n%s --> %s\n%s: %s\n\n", i, clock(c.start, '.'), clock(c.end, '.'), t.Speaker, c.text)
		}
	}
	return b.Bytes()
}

// renderSRT writes SubRip captions with "Name: text".
func renderSRT(s *spec) []byte {
	var b bytes.Buffer
	i := 0
	for _, t := range s.Turns {
		for _, c := range cues(t) {
			i++
			fmt.Fprintf(&b, "%d\n%s --> %s\n%s: %s\n\n", i, clock(c.start, ','), clock(c.end, ','), t.Speaker, c.text)
		}
	}
	return b.Bytes()
}

// renderText writes "Name: text" lines: style 0 without times, 1 with
// "00:01:02 Name:", 2 with "[00:01:02] Name:".
func renderText(s *spec, style int) []byte {
	var b bytes.Buffer
	if style == 0 {
		fmt.Fprintf(&b, "Transcript\n\n")
	}
	for _, t := range s.Turns {
		ts := clock(t.Start, '.')[:8]
		switch style {
		case 1:
			fmt.Fprintf(&b, "%s %s: %s\n", ts, t.Speaker, t.Text())
		case 2:
			fmt.Fprintf(&b, "[%s] %s: %s\n", ts, t.Speaker, t.Text())
		default:
			fmt.Fprintf(&b, "%s: %s\n", t.Speaker, t.Text())
		}
	}
	return b.Bytes()
}

// renderOwnJSON writes calltrust's own JSON, one turn a line.
func renderOwnJSON(s *spec) []byte {
	var b bytes.Buffer
	meta, _ := json.Marshal(map[string]any{
		"rep": s.Rep, "account": s.Account, "date": s.Date, "call_type": s.CallType,
		"seller_speakers": []string{s.Rep}, "customer_speakers": s.Customers,
	})
	fmt.Fprintf(&b, "{\n  \"id\": %s,\n  \"meta\": %s,\n  \"turns\": [\n", quote(s.ID), meta)
	for i, t := range s.Turns {
		role := "customer"
		if t.Seller {
			role = "seller"
		}
		sep := ","
		if i == len(s.Turns)-1 {
			sep = ""
		}
		fmt.Fprintf(&b, "    {\"speaker\": %s, \"role\": %q, \"start\": %s, \"end\": %s, \"text\": %s}%s\n",
			quote(t.Speaker), role, num(t.Start), num(t.End), quote(t.Text()), sep)
	}
	b.WriteString("  ]\n}\n")
	return b.Bytes()
}

// renderTranscribe writes an AWS Transcribe batch result as the service
// does: compact JSON, one item per word or punctuation mark, speakers in
// speaker_labels segments.
func renderTranscribe(s *spec) []byte {
	labels := map[string]string{s.Rep: "spk_0"}
	for i, c := range s.Customers {
		labels[c] = "spk_" + strconv.Itoa(i+1)
	}
	var full, items, segs bytes.Buffer
	for ti, t := range s.Turns {
		words := strings.Fields(t.Text())
		step := (t.End - t.Start) / float64(max(len(words), 1))
		lbl := labels[t.Speaker]
		if ti > 0 {
			segs.WriteByte(',')
		}
		fmt.Fprintf(&segs, `{"start_time":"%s","speaker_label":"%s","end_time":"%s","items":[`, num(t.Start), lbl, num(t.End))
		for wi, w := range words {
			word, punct := w, ""
			if n := len(w); n > 1 && strings.ContainsRune(".,?!", rune(w[n-1])) {
				word, punct = w[:n-1], w[n-1:]
			}
			st := t.Start + step*float64(wi)
			en := st + step*0.85
			if items.Len() > 0 {
				items.WriteByte(',')
			}
			fmt.Fprintf(&items, `{"start_time":"%s","end_time":"%s","alternatives":[{"confidence":"0.99%d","content":%s}],"type":"pronunciation"}`, num(st), num(en), wi%10, quote(word))
			if wi > 0 {
				segs.WriteByte(',')
			}
			fmt.Fprintf(&segs, `{"start_time":"%s","speaker_label":"%s","end_time":"%s"}`, num(st), lbl, num(en))
			if punct != "" {
				fmt.Fprintf(&items, `,{"alternatives":[{"confidence":"0.0","content":%s}],"type":"punctuation"}`, quote(punct))
			}
			if full.Len() > 0 {
				full.WriteByte(' ')
			}
			full.WriteString(w)
		}
		segs.WriteString("]}")
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, `{"jobName":%s,"accountId":"000000000000","results":{"transcripts":[{"transcript":%s}],"speaker_labels":{"speakers":%d,"segments":[`,
		quote(s.ID), quote(full.String()), len(labels))
	b.Write(segs.Bytes())
	b.WriteString(`]},"items":[`)
	b.Write(items.Bytes())
	b.WriteString(`]},"status":"COMPLETED"}`)
	return b.Bytes()
}

// num writes a time in seconds as transcription services do, to the
// millisecond: "12.345", never the float noise of sums ("1.4240000000000002").
func num(v float64) string { return strconv.FormatFloat(v, 'f', 3, 64) }

func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
