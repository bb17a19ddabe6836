package transcript

import "strings"

// Google Cloud Speech-to-Text writes recognition results:
//
//	{"results": [{"alternatives": [{"transcript": "...", "words": [{"startTime": "1.300s",
//	  "endTime": "1.600s", "word": "Hello", "speakerTag": 1}, ...]}], "resultEndTime": "4.100s"}]}
//
// With diarization (v1) the last result repeats every word of the call with
// its speakerTag; v2 writes startOffset/endOffset and speakerLabel. Both are
// read, as is the long-running operation that wraps the results in
// "response". The client libraries serialise the same messages with the
// proto field names (start_time, end_time, speaker_tag, speaker_label,
// result_end_time, channel_tag ...) and often durations as {"seconds": N,
// "nanos": N} objects (Go's encoding/json, protobuf.js): both spellings are
// read, and a duration in any of its forms (see googleDuration).

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
		Transcript string       `json:"transcript"`
		Words      []googleWord `json:"words"`
	} `json:"alternatives"`
	ResultEndTime        *googleDuration `json:"resultEndTime"`
	ResultEndOffset      *googleDuration `json:"resultEndOffset"`
	ResultEndTimeSnake   *googleDuration `json:"result_end_time"`
	ResultEndOffsetSnake *googleDuration `json:"result_end_offset"`
	ChannelTag           sttLabel        `json:"channelTag"`
	ChannelTagSnake      sttLabel        `json:"channel_tag"`
}

// googleWord is one recognised word with its times and speaker, in the
// JSON spelling (camelCase) or the proto one (snake_case), v1 or v2.
type googleWord struct {
	StartTime         *googleDuration `json:"startTime"`
	EndTime           *googleDuration `json:"endTime"`
	StartOffset       *googleDuration `json:"startOffset"`
	EndOffset         *googleDuration `json:"endOffset"`
	StartTimeSnake    *googleDuration `json:"start_time"`
	EndTimeSnake      *googleDuration `json:"end_time"`
	StartOffsetSnake  *googleDuration `json:"start_offset"`
	EndOffsetSnake    *googleDuration `json:"end_offset"`
	Word              string          `json:"word"`
	SpeakerTag        sttLabel        `json:"speakerTag"`
	SpeakerTagSnake   sttLabel        `json:"speaker_tag"`
	SpeakerLabel      sttLabel        `json:"speakerLabel"`
	SpeakerLabelSnake sttLabel        `json:"speaker_label"`
}

// times returns the word's start and end in seconds, from whichever
// spelling the file used; a missing start is 0, a missing end the start.
func (w *googleWord) times() (start, end float64) {
	if d := firstDuration(w.StartTime, w.StartOffset, w.StartTimeSnake, w.StartOffsetSnake); d != nil {
		start = d.sec
	}
	end = start
	if d := firstDuration(w.EndTime, w.EndOffset, w.EndTimeSnake, w.EndOffsetSnake); d != nil {
		end = max(start, d.sec)
	}
	return start, end
}

// speaker names the word's diarized speaker: by its label, else by its
// tag unless the tag is 0 (no speaker), else "".
func (w *googleWord) speaker() string {
	for _, l := range [...]sttLabel{w.SpeakerLabel, w.SpeakerLabelSnake} {
		if l.Set {
			return sttSpeaker(l)
		}
	}
	for _, l := range [...]sttLabel{w.SpeakerTag, w.SpeakerTagSnake} {
		if l.Set && l.Value != "0" {
			return sttSpeaker(l)
		}
	}
	return ""
}

// endTime is where the result ends, or nil when it does not say.
func (r *googleResult) endTime() *googleDuration {
	return firstDuration(r.ResultEndTime, r.ResultEndOffset, r.ResultEndTimeSnake, r.ResultEndOffsetSnake)
}

// channel is the result's audio channel tag, in either spelling.
func (r *googleResult) channel() string {
	if r.ChannelTag.Set {
		return r.ChannelTag.Value
	}
	return r.ChannelTagSnake.Value
}

// googleCamelKeys are keys only Google writes in its JSON spelling.
var googleCamelKeys = []string{"resultEndTime", "resultEndOffset", "startTime", "startOffset", "speakerTag", "speakerLabel", "languageCode"}

// googleSnakeKeys are the same keys in the proto spelling. AWS Transcribe
// writes some of them too (start_time, speaker_label), so they count only
// where results is a top-level array or the results are an operation's
// response, as Google writes them.
var googleSnakeKeys = []string{"result_end_time", "result_end_offset", "start_time", "start_offset", "speaker_tag", "speaker_label", "language_code", "channel_tag"}

// sniffGoogle accepts a JSON object with results[].alternatives[] and a key
// only Google writes (startTime, startOffset, resultEndTime, speakerTag ...,
// or their snake_case forms), and not Deepgram's channels or AWS
// Transcribe's transcripts.
func sniffGoogle(name string, data []byte) bool {
	if sttFirstByte(data) != '{' || !sttKey(data, "results") || !sttKey(data, "alternatives") {
		return false
	}
	if sttKey(data, "channels") || sttKey(data, "transcripts") {
		return false
	}
	for _, k := range googleCamelKeys {
		if sttKey(data, k) {
			return true
		}
	}
	if jsonTopKey(data, "results") != '[' && jsonTopKey(data, "response") != '{' {
		return false
	}
	for _, k := range googleSnakeKeys {
		if sttKey(data, k) {
			return true
		}
	}
	return false
}

// parseGoogle reads a Google Speech-to-Text response. Words that carry a
// speaker make the turns; without diarization each result is one turn with
// no speaker (or its channel, when the audio had several), a one-speaker
// call. A duration that is not one is an error naming where it stands.
func parseGoogle(name string, data []byte) (*Call, error) {
	var f googleFile
	if err := sttDecode(name, googleID, data, &f); err != nil {
		return nil, err
	}
	results, at := f.Results, []any{"results"}
	if len(results) == 0 && f.Response != nil {
		results, at = f.Response.Results, []any{"response", "results"}
	}
	if path, ok := badGoogleDuration(results); ok {
		return nil, fieldError(name, googleID, data, append(at, path...),
			"%s: not a duration (\"1.5s\", a number of seconds or {\"seconds\", \"nanos\"})", awsPath(append(at, path...)))
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
			speaker := w.speaker()
			tagged = tagged || speaker != ""
			start, end := w.times()
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

// googleResultTurns makes one turn per result for audio without speakers;
// a result without a transcript is its words joined. The call is timed
// when every result says where it ends.
func googleResultTurns(results []googleResult) *Call {
	channels := map[string]bool{}
	for _, r := range results {
		channels[r.channel()] = true
	}
	c := &Call{Timed: len(results) > 0}
	prevEnd := map[string]float64{}
	for _, r := range results {
		if len(r.Alternatives) == 0 {
			continue
		}
		alt := r.Alternatives[0]
		t := Turn{Text: alt.Transcript}
		if strings.TrimSpace(t.Text) == "" {
			words := make([]string, len(alt.Words))
			for i, w := range alt.Words {
				words[i] = w.Word
			}
			t.Text = strings.Join(words, " ")
		}
		if len(channels) > 1 {
			t.Speaker = "Channel " + r.channel()
		}
		if end := r.endTime(); end == nil {
			c.Timed = false
		} else {
			t.Start = prevEnd[t.Speaker]
			t.End = max(t.Start, end.sec)
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
