package transcripttest

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/calltrust/calltrust/analyze/transcript"
)

func clock(sec float64) string {
	ms := int64(sec * 1000)
	return fmt.Sprintf("%02d:%02d:%02d.%03d", ms/3600000, ms/60000%60, ms/1000%60, ms%1000)
}

// VTT writes the call as WebVTT with Zoom "Name: text" cues.
func VTT(c *transcript.Call) []byte {
	var b strings.Builder
	b.WriteString("WEBVTT\n\n")
	for i, t := range c.Turns {
		fmt.Fprintf(&b, "%d\n%s --> %s\n%s: %s\n\n", i+1, clock(t.Start), clock(t.End), t.Speaker, t.Text)
	}
	return []byte(b.String())
}

// Text writes the call as "[HH:MM:SS] Name: text" lines.
func Text(c *transcript.Call) []byte {
	var b strings.Builder
	for _, t := range c.Turns {
		fmt.Fprintf(&b, "[%s] %s: %s\n", clock(t.Start)[:8], t.Speaker, t.Text)
	}
	return []byte(b.String())
}

// OwnJSON writes the call as calltrust JSON.
func OwnJSON(c *transcript.Call) []byte {
	data, err := json.Marshal(c)
	if err != nil {
		panic(err)
	}
	return data
}

// Transcribe writes the call as AWS Transcribe does: one item
// per word and per punctuation mark, speakers in speaker_labels.
func Transcribe(c *transcript.Call) []byte {
	type item struct {
		Start        string              `json:"start_time,omitempty"`
		End          string              `json:"end_time,omitempty"`
		Alternatives []map[string]string `json:"alternatives"`
		Type         string              `json:"type"`
	}
	type segItem struct {
		Start   string `json:"start_time"`
		Speaker string `json:"speaker_label"`
		End     string `json:"end_time"`
	}
	type segment struct {
		Start   string    `json:"start_time"`
		Speaker string    `json:"speaker_label"`
		End     string    `json:"end_time"`
		Items   []segItem `json:"items"`
	}
	var items []item
	var segs []segment
	for _, t := range c.Turns {
		label := map[string]string{"Dana": "spk_0", "Mark": "spk_1"}[t.Speaker]
		words := strings.Fields(t.Text)
		step := (t.End - t.Start) / float64(len(words))
		seg := segment{Start: fmt.Sprint(t.Start), Speaker: label, End: fmt.Sprint(t.End)}
		for i, w := range words {
			punct := ""
			if n := len(w); n > 1 && strings.ContainsAny(w[n-1:], ".,?!") {
				w, punct = w[:n-1], w[n-1:]
			}
			st, en := fmt.Sprintf("%.2f", t.Start+step*float64(i)), fmt.Sprintf("%.2f", t.Start+step*(float64(i)+0.9))
			items = append(items, item{Start: st, End: en, Type: "pronunciation",
				Alternatives: []map[string]string{{"confidence": "0.99", "content": w}}})
			seg.Items = append(seg.Items, segItem{Start: st, Speaker: label, End: en})
			if punct != "" {
				items = append(items, item{Type: "punctuation", Alternatives: []map[string]string{{"confidence": "0.0", "content": punct}}})
			}
		}
		segs = append(segs, seg)
	}
	doc := map[string]any{"jobName": "hour", "status": "COMPLETED", "results": map[string]any{
		"transcripts":    []map[string]string{{"transcript": ""}},
		"speaker_labels": map[string]any{"speakers": 2, "segments": segs},
		"items":          items,
	}}
	data, err := json.Marshal(doc)
	if err != nil {
		panic(err)
	}
	return data
}
