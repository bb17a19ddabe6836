package transcript

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
)

// transcribeFormat is the ID of AWS Transcribe batch JSON.
const transcribeFormat = "aws-transcribe"

// awsResult is the part of an AWS Transcribe batch result calltrust reads.
type awsResult struct {
	Results *awsResults `json:"results"`
}

// awsResults is the "results" object: the words, and who said them.
type awsResults struct {
	Items         *[]awsItem        `json:"items"`
	SpeakerLabels *awsSpeakerLabels `json:"speaker_labels"`
	ChannelLabels *awsChannelLabels `json:"channel_labels"`
	AudioSegments []awsAudioSegment `json:"audio_segments"`
}

// awsSpeakerLabels is results.speaker_labels.
type awsSpeakerLabels struct {
	Segments []awsSegment `json:"segments"`
}

// awsChannelLabels is results.channel_labels.
type awsChannelLabels struct {
	Channels []awsChannel `json:"channels"`
}

// awsChannel is the words of one channel in channel_labels.
type awsChannel struct {
	Label string    `json:"channel_label"`
	Items []awsItem `json:"items"`
}

// awsAudioSegment lists, by id, the items one speaker or channel said.
type awsAudioSegment struct {
	Speaker string `json:"speaker_label"`
	Channel string `json:"channel_label"`
	Items   []int  `json:"items"`
}

// awsItem is one recognised word or punctuation mark.
type awsItem struct {
	ID           *int             `json:"id"`
	Start        awsTime          `json:"start_time"`
	End          awsTime          `json:"end_time"`
	Type         string           `json:"type"`
	Speaker      string           `json:"speaker_label"`
	Channel      string           `json:"channel_label"`
	Alternatives []awsAlternative `json:"alternatives"`
}

// awsAlternative is one reading of an item; calltrust takes the first.
type awsAlternative struct {
	Content string `json:"content"`
}

// awsSegment is a stretch of one speaker in speaker_labels.
type awsSegment struct {
	Speaker string           `json:"speaker_label"`
	Start   awsTime          `json:"start_time"`
	End     awsTime          `json:"end_time"`
	Items   []awsSegmentItem `json:"items"`
}

// awsSegmentItem is the times of one word in a speaker segment.
type awsSegmentItem struct {
	Start   awsTime `json:"start_time"`
	End     awsTime `json:"end_time"`
	Speaker string  `json:"speaker_label"`
}

// awsTime is a time as Transcribe writes it ("1.25"), or a JSON number.
// It is checked when used, so that a bad one is reported with its place.
type awsTime string

// UnmarshalJSON keeps the raw text of a string or number.
func (t *awsTime) UnmarshalJSON(b []byte) error {
	s := string(b) // a number, or something that fails when read
	if n := len(b); n >= 2 && b[0] == '"' && b[n-1] == '"' {
		s = s[1 : n-1]
		if strings.IndexByte(s, '\\') >= 0 && json.Unmarshal(b, &s) != nil {
			s = string(b)
		}
	}
	if s == "null" {
		s = ""
	}
	*t = awsTime(s)
	return nil
}

// seconds reads t; ok is false when it is absent or not a time.
func (t awsTime) seconds() (float64, bool) {
	v, err := strconv.ParseFloat(strings.TrimSpace(string(t)), 64)
	return v, err == nil && v >= 0 && !math.IsInf(v, 0)
}

// sniffTranscribe accepts a JSON object with a "results" object and a key
// only Transcribe writes.
func sniffTranscribe(name string, data []byte) bool {
	if jsonTopKey(data, "results") != '{' {
		return false
	}
	for _, k := range []string{"transcripts", "speaker_labels", "channel_labels", "audio_segments"} {
		if hasJSONKey(data, k) {
			return true
		}
	}
	return false
}

// awsWord is a word with the punctuation after it, and who said it.
type awsWord struct {
	start, end float64
	timed      bool
	speaker    string
	text       string
}

// parseTranscribe reads the words of a Transcribe result into turns: a
// new turn where the speaker changes. The speaker of a word is its own
// label, else the audio segment, speaker segment or channel holding it.
func parseTranscribe(name string, data []byte) (*Call, error) {
	if c, ok := scanTranscribe(data); ok {
		return c, nil
	}
	return decodeTranscribe(name, data)
}

// decodeTranscribe is parseTranscribe by decoding the document into
// values: every shape, and the errors.
func decodeTranscribe(name string, data []byte) (*Call, error) {
	var doc awsResult
	if err := decodeJSON(data, &doc); err != nil {
		return nil, jsonError(name, transcribeFormat, data, err)
	}
	r := doc.Results
	if r == nil || r.Items == nil {
		return nil, fieldError(name, transcribeFormat, data, []any{"results"},
			"results.items is missing: an AWS Transcribe result lists its words there")
	}
	var words []awsWord
	var err error
	if r.SpeakerLabels == nil && r.AudioSegments == nil && r.ChannelLabels != nil && !itemLabels(*r.Items) {
		words, err = channelWords(name, data, r.ChannelLabels.Channels)
	} else {
		var segments []awsSegment
		if r.SpeakerLabels != nil {
			segments = r.SpeakerLabels.Segments
		}
		words, err = itemWords(name, data, *r.Items, []any{"results", "items"}, speakerLookup(segments, r.AudioSegments))
	}
	if err != nil {
		return nil, err
	}
	return wordsCall(words), nil
}

// wordsCall is the call of a Transcribe result's words: a new turn where
// the speaker changes.
func wordsCall(words []awsWord) *Call {
	c := &Call{Timed: len(words) > 0}
	for _, w := range words {
		c.Timed = c.Timed && w.timed
	}
	var tl turnList
	for _, w := range words {
		t := Turn{Speaker: w.speaker, Text: w.text}
		if c.Timed {
			t.Start, t.End = w.start, w.end
		}
		tl.add(t)
	}
	c.Turns = tl.done()
	return c
}

// itemLabels reports whether any item names its own speaker or channel.
func itemLabels(items []awsItem) bool {
	for _, it := range items {
		if it.Speaker != "" || it.Channel != "" {
			return true
		}
	}
	return false
}

// itemWords turns items into words; punctuation joins the word before it
// without a space. who names the speaker of the i-th item.
func itemWords(name string, data []byte, items []awsItem, at []any, who func(i int, it *awsItem) string) ([]awsWord, error) {
	words := make([]awsWord, 0, len(items))
	var buf []byte // the words' texts one after another; ends[i] closes word i
	var ends []int
	for i := range items {
		it := &items[i]
		if len(it.Alternatives) == 0 || strings.TrimSpace(it.Alternatives[0].Content) == "" {
			continue
		}
		content := strings.TrimSpace(it.Alternatives[0].Content)
		if it.Type == "punctuation" {
			if n := len(words); n > 0 {
				buf = append(buf, content...)
				ends[n-1] = len(buf)
			}
			continue
		}
		badTime := func(key string) error {
			path := append(append([]any{}, at...), i, key)
			return fieldError(name, transcribeFormat, data, path, "%s: not a time in seconds", awsPath(path))
		}
		w := awsWord{speaker: who(i, it)}
		var okStart, okEnd bool
		if w.start, okStart = it.Start.seconds(); !okStart && it.Start != "" {
			return nil, badTime("start_time")
		}
		if w.end, okEnd = it.End.seconds(); !okEnd && it.End != "" {
			return nil, badTime("end_time")
		}
		w.timed = okStart && okEnd
		w.end = max(w.end, w.start)
		words = append(words, w)
		buf = append(buf, content...)
		ends = append(ends, len(buf))
	}
	from := 0
	for i := range words {
		words[i].text = string(buf[from:ends[i]])
		from = ends[i]
	}
	return words, nil
}

// speakerLookup builds the function that names an item's speaker: its
// own label, the audio segment listing its id, the speaker segment
// listing its times, or the speaker segment its start falls in. Segments
// without usable times are left out of the last.
func speakerLookup(segments []awsSegment, audio []awsAudioSegment) func(int, *awsItem) string {
	byID := map[int]string{}
	for _, a := range audio {
		label := a.Speaker
		if label == "" {
			label = a.Channel
		}
		for _, id := range a.Items {
			byID[id] = label
		}
	}
	type times struct{ start, end awsTime }
	n := 0
	for _, s := range segments {
		n += len(s.Items)
	}
	byTimes := make(map[times]string, n)
	type span struct {
		start, end float64
		speaker    string
	}
	var spans []span
	for _, s := range segments {
		for _, it := range s.Items {
			label := it.Speaker
			if label == "" {
				label = s.Speaker
			}
			byTimes[times{it.Start, it.End}] = label
		}
		start, ok := s.Start.seconds()
		if end, okEnd := s.End.seconds(); ok && okEnd && end >= start {
			spans = append(spans, span{start, end, s.Speaker})
		}
	}
	sort.SliceStable(spans, func(a, b int) bool { return spans[a].start < spans[b].start })
	return func(i int, it *awsItem) string {
		switch {
		case it.Speaker != "":
			return it.Speaker
		case it.Channel != "":
			return it.Channel
		}
		id := i
		if it.ID != nil {
			id = *it.ID
		}
		if s, ok := byID[id]; ok {
			return s
		}
		if s, ok := byTimes[times{it.Start, it.End}]; ok {
			return s
		}
		t, ok := it.Start.seconds()
		if !ok || len(spans) == 0 {
			return ""
		}
		k := sort.Search(len(spans), func(k int) bool { return spans[k].start > t })
		return spans[max(k-1, 0)].speaker
	}
}

// channelWords reads the words of each channel and orders them by time:
// the speaker of a word is its channel.
func channelWords(name string, data []byte, channels []awsChannel) ([]awsWord, error) {
	var words []awsWord
	for ci, ch := range channels {
		label := ch.Label
		if label == "" {
			label = fmt.Sprintf("ch_%d", ci)
		}
		w, err := itemWords(name, data, ch.Items, []any{"results", "channel_labels", "channels", ci, "items"},
			func(int, *awsItem) string { return label })
		if err != nil {
			return nil, err
		}
		words = append(words, w...)
	}
	sort.SliceStable(words, func(a, b int) bool { return words[a].start < words[b].start })
	return words, nil
}

// awsPath writes a JSON path as "results.items[3].start_time".
func awsPath(path []any) string {
	var b strings.Builder
	for _, p := range path {
		switch p := p.(type) {
		case int:
			fmt.Fprintf(&b, "[%d]", p)
		default:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			fmt.Fprint(&b, p)
		}
	}
	return b.String()
}
