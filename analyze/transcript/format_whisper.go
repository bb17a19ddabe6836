package transcript

import "bytes"

// Whisper and the tools built on it write segments:
//
//	{"text": "...", "language": "en", "segments": [{"id": 0, "seek": 0, "start": 0.0,
//	  "end": 4.2, "text": " Hi, thanks for ...", "speaker": "SPEAKER_00"}]}
//
// Also read: a bare top-level array of segments, WhisperX (speaker on
// segments and on words), and whisper.cpp's {"transcription": [{"offsets":
// {"from": 0, "to": 4200}, "text": "..."}]} with times in milliseconds.
// Without any speaker field every turn has no speaker.

const whisperID = "whisper"

// whisperSegment is one segment, in any of the forms above.
type whisperSegment struct {
	Start   *sttNumber `json:"start"`
	End     *sttNumber `json:"end"`
	Text    string     `json:"text"`
	Speaker sttLabel   `json:"speaker"`
	Words   []struct {
		Speaker sttLabel `json:"speaker"`
	} `json:"words"`
	Offsets *struct {
		From sttNumber `json:"from"`
		To   sttNumber `json:"to"`
	} `json:"offsets"`
}

// whisperFile is a Whisper result object.
type whisperFile struct {
	Text          string           `json:"text"`
	Segments      []whisperSegment `json:"segments"`
	Transcription []whisperSegment `json:"transcription"`
}

// sniffWhisper accepts a JSON object with segments and text (or
// whisper.cpp's transcription with offsets), or a bare array of segments
// with start, end and text.
func sniffWhisper(name string, data []byte) bool {
	switch sttFirstByte(data) {
	case '{':
		if sttKey(data, "transcription") && sttKey(data, "offsets") {
			return true
		}
		return sttKey(data, "segments") && sttKey(data, "text") && (sttKey(data, "start") || sttKey(data, "language")) &&
			!sttKey(data, "turns") && !sttKey(data, "transcripts")
	case '[':
		rest := bytes.TrimLeft(data, " \t\r\n")[1:]
		return sttFirstByte(rest) == '{' && sttKey(data, "start") && sttKey(data, "end") && sttKey(data, "text")
	}
	return false
}

// parseWhisper reads Whisper segments, one turn each. A segment without a
// speaker in a file that has speakers takes the speaker most of its words
// have, else the speaker before it.
func parseWhisper(name string, data []byte) (*Call, error) {
	var f whisperFile
	if sttFirstByte(data) == '[' {
		if err := sttDecode(name, whisperID, data, &f.Segments); err != nil {
			return nil, err
		}
	} else if err := sttDecode(name, whisperID, data, &f); err != nil {
		return nil, err
	}
	segs := f.Segments
	if len(segs) == 0 {
		segs = f.Transcription
	}
	if len(segs) == 0 {
		return &Call{Turns: []Turn{{Text: f.Text}}}, nil
	}
	c := &Call{Timed: true}
	prev := ""
	for _, s := range segs {
		speaker := whisperSpeaker(s)
		if speaker == "" {
			speaker = prev
		}
		prev = speaker
		t := Turn{Speaker: speaker, Text: s.Text}
		switch {
		case s.Start != nil && s.End != nil:
			t.Start, t.End = float64(*s.Start), max(float64(*s.Start), float64(*s.End))
		case s.Offsets != nil:
			t.Start, t.End = float64(s.Offsets.From)/1000, max(float64(s.Offsets.From), float64(s.Offsets.To))/1000
		default:
			c.Timed = false
		}
		c.Turns = append(c.Turns, t)
	}
	if !c.Timed {
		for i := range c.Turns {
			c.Turns[i].Start, c.Turns[i].End = 0, 0
		}
	}
	return c, nil
}

// whisperSpeaker returns a segment's speaker, or the label most of its
// words carry, or "".
func whisperSpeaker(s whisperSegment) string {
	if s.Speaker.Set {
		return s.Speaker.Value
	}
	count := map[string]int{}
	best := ""
	for _, w := range s.Words {
		if !w.Speaker.Set {
			continue
		}
		count[w.Speaker.Value]++
		if n := count[w.Speaker.Value]; n > count[best] || (n == count[best] && w.Speaker.Value < best) {
			best = w.Speaker.Value
		}
	}
	return best
}
