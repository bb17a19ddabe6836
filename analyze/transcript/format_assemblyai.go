package transcript

import (
	"fmt"
	"strings"
)

// AssemblyAI returns a transcript object:
//
//	{"id": "...", "status": "completed", "text": "...", "audio_duration": 212,
//	  "utterances": [{"speaker": "A", "start": 1200, "end": 3400, "text": "..."}],
//	  "words": [{"text": "Hi,", "start": 1200, "end": 1380, "speaker": "A"}]}
//
// Times are in milliseconds. Speakers are "Speaker A", "Speaker B".

const assemblyAIID = "assemblyai"

// assemblyAIFile is the part of an AssemblyAI transcript calltrust reads.
type assemblyAIFile struct {
	Status     string `json:"status"`
	Text       string `json:"text"`
	Utterances []struct {
		Speaker sttLabel  `json:"speaker"`
		Start   sttNumber `json:"start"`
		End     sttNumber `json:"end"`
		Text    string    `json:"text"`
	} `json:"utterances"`
	Words []struct {
		Speaker sttLabel  `json:"speaker"`
		Start   sttNumber `json:"start"`
		End     sttNumber `json:"end"`
		Text    string    `json:"text"`
	} `json:"words"`
}

// sniffAssemblyAI accepts a JSON object with AssemblyAI's utterances or
// audio_duration key, and none of the keys that mark Deepgram, Whisper or
// calltrust's own JSON.
func sniffAssemblyAI(name string, data []byte) bool {
	if sttFirstByte(data) != '{' {
		return false
	}
	for _, k := range []string{"channels", "segments", "turns", "recognizedPhrases", "Transcript"} {
		if sttKey(data, k) {
			return false
		}
	}
	return sttKey(data, "utterances") || (sttKey(data, "audio_duration") && (sttKey(data, "words") || sttKey(data, "text")))
}

// parseAssemblyAI reads an AssemblyAI transcript: utterances when speaker
// labels were on, else diarized words, else the text as one unlabelled
// turn. A transcript whose job failed or is not finished holds no speech.
func parseAssemblyAI(name string, data []byte) (*Call, error) {
	var f assemblyAIFile
	if err := sttDecode(name, assemblyAIID, data, &f); err != nil {
		return nil, err
	}
	switch st := strings.ToLower(strings.TrimSpace(f.Status)); st {
	case "", "completed":
	case "queued", "processing", "error":
		return nil, &ParseError{File: name, Format: assemblyAIID, Offset: -1,
			Err: fmt.Errorf("%w: the transcription status is %s, not completed", ErrNoSpeech, st)}
	default:
		return nil, &ParseError{File: name, Format: assemblyAIID, Offset: -1,
			Err: fmt.Errorf("%w: the transcription status is not completed", ErrNoSpeech)}
	}
	if len(f.Utterances) > 0 {
		c := &Call{Timed: true}
		for _, u := range f.Utterances {
			start := float64(u.Start) / 1000
			c.Turns = append(c.Turns, Turn{Speaker: sttSpeaker(u.Speaker), Start: start, End: max(start, float64(u.End)/1000), Text: u.Text})
		}
		return c, nil
	}
	var words []sttWord
	diarized := false
	for _, w := range f.Words {
		diarized = diarized || w.Speaker.Set
		words = append(words, sttWord{speaker: sttSpeaker(w.Speaker), start: float64(w.Start) / 1000, end: float64(w.End) / 1000, text: w.Text})
	}
	if diarized {
		return &Call{Timed: true, Turns: sttTurns(words)}, nil
	}
	return &Call{Turns: []Turn{{Text: f.Text}}}, nil
}
