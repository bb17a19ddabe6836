package transcript

import (
	"sort"
	"strconv"
)

// Deepgram's pre-recorded API answers with:
//
//	{"metadata": {...}, "results": {"channels": [{"alternatives": [{"transcript": "...",
//	  "words": [{"word": "hello", "punctuated_word": "Hello,", "start": 0.08, "end": 0.32,
//	  "speaker": 0}]}]}], "utterances": [{"start": 0.08, "end": 3.2, "channel": 0,
//	  "speaker": 0, "transcript": "Hello, ..."}]}}
//
// Utterances make the turns; without them, diarized words do.

const deepgramID = "deepgram"

// deepgramWord is one word of a channel's best alternative.
type deepgramWord struct {
	Word           string    `json:"word"`
	PunctuatedWord string    `json:"punctuated_word"`
	Start          sttNumber `json:"start"`
	End            sttNumber `json:"end"`
	Speaker        sttLabel  `json:"speaker"`
}

// deepgramFile is the part of a Deepgram response calltrust reads.
type deepgramFile struct {
	Results struct {
		Channels []struct {
			Alternatives []struct {
				Transcript string         `json:"transcript"`
				Words      []deepgramWord `json:"words"`
			} `json:"alternatives"`
		} `json:"channels"`
		Utterances []struct {
			Start      sttNumber `json:"start"`
			End        sttNumber `json:"end"`
			Channel    sttLabel  `json:"channel"`
			Speaker    sttLabel  `json:"speaker"`
			Transcript string    `json:"transcript"`
		} `json:"utterances"`
	} `json:"results"`
}

// sniffDeepgram accepts a JSON object with Deepgram's results.channels and
// alternatives or utterances, and not AWS Transcribe's transcripts or
// channel_labels.
func sniffDeepgram(name string, data []byte) bool {
	return sttFirstByte(data) == '{' && sttKey(data, "results") && sttKey(data, "channels") &&
		(sttKey(data, "alternatives") || sttKey(data, "utterances")) &&
		!sttKey(data, "transcripts") && !sttKey(data, "channel_labels")
}

// parseDeepgram reads a Deepgram response. Speakers are "Speaker N"; audio
// without diarization but with several channels names them "Channel N".
func parseDeepgram(name string, data []byte) (*Call, error) {
	var f deepgramFile
	if err := sttDecode(name, deepgramID, data, &f); err != nil {
		return nil, err
	}
	r := f.Results
	multi := len(r.Channels) > 1
	if len(r.Utterances) > 0 {
		channels := map[string]bool{}
		for _, u := range r.Utterances {
			channels[u.Channel.Value] = true
		}
		c := &Call{Timed: true}
		for _, u := range r.Utterances {
			t := Turn{Speaker: sttSpeaker(u.Speaker), Start: float64(u.Start), End: max(float64(u.Start), float64(u.End)), Text: u.Transcript}
			if t.Speaker == "" && (multi || len(channels) > 1) {
				t.Speaker = "Channel " + u.Channel.Value
			}
			c.Turns = append(c.Turns, t)
		}
		sort.SliceStable(c.Turns, func(i, j int) bool { return c.Turns[i].Start < c.Turns[j].Start })
		return c, nil
	}
	var words []sttWord
	var transcripts []Turn
	for ci, ch := range r.Channels {
		if len(ch.Alternatives) == 0 {
			continue
		}
		alt := ch.Alternatives[0]
		channel := ""
		if multi {
			channel = "Channel " + strconv.Itoa(ci)
		}
		transcripts = append(transcripts, Turn{Speaker: channel, Text: alt.Transcript})
		for _, w := range alt.Words {
			text := w.PunctuatedWord
			if text == "" {
				text = w.Word
			}
			speaker := sttSpeaker(w.Speaker)
			if speaker == "" {
				speaker = channel
			}
			words = append(words, sttWord{speaker: speaker, start: float64(w.Start), end: float64(w.End), text: text})
		}
	}
	if len(words) == 0 {
		return &Call{Turns: transcripts}, nil
	}
	sort.SliceStable(words, func(i, j int) bool { return words[i].start < words[j].start })
	return &Call{Timed: true, Turns: sttTurns(words)}, nil
}
