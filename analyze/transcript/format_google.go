package transcript

import (
	"encoding/json"
	"errors"
	"strconv"
	"strings"
)

// Google Cloud Speech-to-Text writes recognition results:
//
//	{"results": [{"alternatives": [{"transcript": "...", "words": [{"startTime": "1.300s",
//	  "endTime": "1.600s", "word": "Hello", "speakerTag": 1}, ...]}], "resultEndTime": "4.100s"}]}
//
// With diarization (v1) the last result repeats every word of the call with
// its speakerTag; v2 writes startOffset/endOffset and speakerLabel. Both are
// read, as is the long-running operation that wraps the results in
// "response", and durations written as {"seconds", "nanos"} objects.

const googleID = "google-stt"

// googleFile is a recognize response, bare or inside an operation.
type googleFile struct {
	Results  []googleResult `json:"results"`
	Response *struct {
		Results []googleResult `json:"results"`
	} `json:"response"`
}

// googleResult is one recognised stretch of audio.
type googleResult struct {
	Alternatives []struct {
		Transcript string `json:"transcript"`
		Words      []struct {
			StartTime    *googleDuration `json:"startTime"`
			EndTime      *googleDuration `json:"endTime"`
			StartOffset  *googleDuration `json:"startOffset"`
			EndOffset    *googleDuration `json:"endOffset"`
			Word         string          `json:"word"`
			SpeakerTag   sttLabel        `json:"speakerTag"`
			SpeakerLabel sttLabel        `json:"speakerLabel"`
		} `json:"words"`
	} `json:"alternatives"`
	ResultEndTime   *googleDuration `json:"resultEndTime"`
	ResultEndOffset *googleDuration `json:"resultEndOffset"`
	ChannelTag      sttLabel        `json:"channelTag"`
}

// googleDuration is a protobuf Duration as JSON: "1.300s", a number of
// seconds, or {"seconds": "1", "nanos": 300000000}.
type googleDuration float64

// UnmarshalJSON reads any of the three forms.
func (d *googleDuration) UnmarshalJSON(b []byte) error {
	s := strings.TrimSpace(string(b))
	if s == "null" {
		return nil
	}
	if strings.HasPrefix(s, "{") {
		var o struct {
			Seconds sttNumber `json:"seconds"`
			Nanos   sttNumber `json:"nanos"`
		}
		if err := json.Unmarshal(b, &o); err != nil {
			return err
		}
		*d = googleDuration(float64(o.Seconds) + float64(o.Nanos)/1e9)
		return nil
	}
	if uq, err := strconv.Unquote(s); err == nil {
		s = strings.TrimSuffix(strings.TrimSpace(uq), "s")
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return errors.New("a value that should be a duration is not one")
	}
	*d = googleDuration(v)
	return nil
}

// sniffGoogle accepts a JSON object with results[].alternatives[] and a key
// only Google writes (startTime, startOffset, resultEndTime, speakerTag ...),
// and not Deepgram's channels or AWS Transcribe's transcripts.
func sniffGoogle(name string, data []byte) bool {
	if sttFirstByte(data) != '{' || !sttKey(data, "results") || !sttKey(data, "alternatives") {
		return false
	}
	if sttKey(data, "channels") || sttKey(data, "transcripts") {
		return false
	}
	for _, k := range []string{"resultEndTime", "resultEndOffset", "startTime", "startOffset", "speakerTag", "speakerLabel", "languageCode"} {
		if sttKey(data, k) {
			return true
		}
	}
	return false
}

// parseGoogle reads a Google Speech-to-Text response. Words that carry a
// speaker make the turns; without diarization each result is one turn with
// no speaker (or its channel, when the audio had several).
func parseGoogle(name string, data []byte) (*Call, error) {
	var f googleFile
	if err := sttDecode(name, googleID, data, &f); err != nil {
		return nil, err
	}
	results := f.Results
	if len(results) == 0 && f.Response != nil {
		results = f.Response.Results
	}
	if words := googleSpeakerWords(results); len(words) > 0 {
		return &Call{Timed: true, Turns: sttTurns(words)}, nil
	}
	return googleResultTurns(results), nil
}

// googleSpeakerWords returns the words that carry a speaker. When the last
// diarized result starts where the first one does, it holds the whole call
// again (v1 diarization) and only it is used.
func googleSpeakerWords(results []googleResult) []sttWord {
	var perResult [][]sttWord
	for _, r := range results {
		if len(r.Alternatives) == 0 {
			continue
		}
		var words []sttWord
		tagged := false
		for _, w := range r.Alternatives[0].Words {
			speaker := sttSpeaker(w.SpeakerLabel)
			if speaker == "" && w.SpeakerTag.Set && w.SpeakerTag.Value != "0" {
				speaker = sttSpeaker(w.SpeakerTag)
			}
			tagged = tagged || speaker != ""
			start, end := googleWordTimes(w.StartTime, w.EndTime, w.StartOffset, w.EndOffset)
			words = append(words, sttWord{speaker: speaker, start: start, end: end, text: w.Word})
		}
		if tagged {
			perResult = append(perResult, words)
		}
	}
	if len(perResult) == 0 {
		return nil
	}
	if last := perResult[len(perResult)-1]; len(perResult) > 1 && last[0].start <= perResult[0][0].start {
		perResult = perResult[len(perResult)-1:]
	}
	var all []sttWord
	for _, words := range perResult {
		all = append(all, words...)
	}
	// A word the service left without a speaker belongs to the speaker
	// around it.
	prev := ""
	for i := range all {
		if all[i].speaker == "" {
			all[i].speaker = prev
		}
		prev = all[i].speaker
	}
	first := ""
	for _, w := range all {
		if w.speaker != "" {
			first = w.speaker
			break
		}
	}
	for i := 0; i < len(all) && all[i].speaker == ""; i++ {
		all[i].speaker = first
	}
	return all
}

// googleWordTimes picks the v1 or v2 times of a word, in seconds.
func googleWordTimes(startTime, endTime, startOffset, endOffset *googleDuration) (start, end float64) {
	if startTime == nil {
		startTime = startOffset
	}
	if endTime == nil {
		endTime = endOffset
	}
	if startTime != nil {
		start = float64(*startTime)
	}
	end = start
	if endTime != nil {
		end = max(start, float64(*endTime))
	}
	return start, end
}

// googleResultTurns makes one turn per result for audio without speakers.
// The call is timed when every result says where it ends.
func googleResultTurns(results []googleResult) *Call {
	channels := map[string]bool{}
	for _, r := range results {
		channels[r.ChannelTag.Value] = true
	}
	c := &Call{Timed: len(results) > 0}
	prevEnd := map[string]float64{}
	for _, r := range results {
		if len(r.Alternatives) == 0 {
			continue
		}
		t := Turn{Text: r.Alternatives[0].Transcript}
		if len(channels) > 1 {
			t.Speaker = "Channel " + r.ChannelTag.Value
		}
		end := r.ResultEndTime
		if end == nil {
			end = r.ResultEndOffset
		}
		if end == nil {
			c.Timed = false
		} else {
			t.Start = prevEnd[t.Speaker]
			t.End = max(t.Start, float64(*end))
			prevEnd[t.Speaker] = t.End
		}
		c.Turns = append(c.Turns, t)
	}
	if !c.Timed {
		for i := range c.Turns {
			c.Turns[i].Start, c.Turns[i].End = 0, 0
		}
	}
	return c
}
