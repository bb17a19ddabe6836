package transcript

import (
	"strconv"
	"strings"
)

// Azure AI Speech batch transcription writes one JSON document per file:
//
//	{"source": "...", "recognizedPhrases": [{"recognitionStatus": "Success", "channel": 0,
//	  "speaker": 1, "offset": "PT1.5S", "offsetInTicks": 15000000, "duration": "PT2S",
//	  "nBest": [{"display": "Hello."}]}, ...]}
//
// Ticks are 100 ns. The speaker number names the speaker; without
// diarization the channel does, when the audio had more than one.

const azureID = "azure-batch"

// azurePhrase is one recognised phrase.
type azurePhrase struct {
	RecognitionStatus string     `json:"recognitionStatus"`
	Channel           sttLabel   `json:"channel"`
	Speaker           sttLabel   `json:"speaker"`
	Offset            string     `json:"offset"`
	Duration          string     `json:"duration"`
	OffsetInTicks     *sttNumber `json:"offsetInTicks"`
	DurationInTicks   *sttNumber `json:"durationInTicks"`
	NBest             []struct {
		Display   string `json:"display"`
		ITN       string `json:"itn"`
		Lexical   string `json:"lexical"`
		MaskedITN string `json:"maskedITN"`
	} `json:"nBest"`
}

// sniffAzure accepts a JSON object with Azure's recognizedPhrases key.
func sniffAzure(name string, data []byte) bool {
	return sttFirstByte(data) == '{' && sttKey(data, "recognizedPhrases")
}

// parseAzure reads an Azure batch transcription result. Phrases that were
// not recognised (NoMatch, silence timeouts) are skipped; phrases are put
// in time order, since stereo results list each channel in turn.
func parseAzure(name string, data []byte) (*Call, error) {
	var f struct {
		RecognizedPhrases []azurePhrase `json:"recognizedPhrases"`
	}
	if err := sttDecode(name, azureID, data, &f); err != nil {
		return nil, err
	}
	diarized := false
	channels := map[string]bool{}
	for _, p := range f.RecognizedPhrases {
		diarized = diarized || p.Speaker.Set
		channels[p.Channel.Value] = true
	}
	c := &Call{Timed: true}
	for _, p := range f.RecognizedPhrases {
		if st := strings.ToLower(p.RecognitionStatus); st != "" && st != "success" {
			continue
		}
		if len(p.NBest) == 0 {
			continue
		}
		best := p.NBest[0]
		t := Turn{Text: azureText(best.Display, best.ITN, best.MaskedITN, best.Lexical)}
		switch {
		case diarized:
			t.Speaker = sttSpeaker(p.Speaker)
		case len(channels) > 1:
			t.Speaker = "Channel " + p.Channel.Value
		}
		start, ok := azureTime(p.OffsetInTicks, p.Offset)
		if !ok {
			c.Timed = false
		}
		dur, _ := azureTime(p.DurationInTicks, p.Duration)
		t.Start, t.End = start, start+max(dur, 0)
		c.Turns = append(c.Turns, t)
	}
	orderByTime(c)
	return c, nil
}

// azureText returns the first of ss, the forms of a phrase, that holds more
// than whitespace.
func azureText(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}

// azureTime reads a time in seconds from ticks (100 ns) or, failing that,
// an ISO 8601 duration.
func azureTime(ticks *sttNumber, iso string) (float64, bool) {
	if ticks != nil {
		return float64(*ticks) / 1e7, true
	}
	return azureISODuration(iso)
}

// azureISODuration reads an ISO 8601 duration such as "PT1M2.5S" or "P0DT1H"
// into seconds.
func azureISODuration(s string) (float64, bool) {
	s = strings.ToUpper(strings.TrimSpace(s))
	if !strings.HasPrefix(s, "P") || len(s) < 3 {
		return 0, false
	}
	var sec float64
	inTime := false
	num := ""
	for _, r := range s[1:] {
		switch {
		case r == 'T':
			if num != "" || inTime {
				return 0, false
			}
			inTime = true
		case r >= '0' && r <= '9' || r == '.' || r == ',':
			if r == ',' {
				r = '.'
			}
			num += string(r)
		default:
			v, err := strconv.ParseFloat(num, 64)
			if err != nil {
				return 0, false
			}
			unit := map[rune]float64{'D': 86400, 'W': 7 * 86400}
			if inTime {
				unit = map[rune]float64{'H': 3600, 'M': 60, 'S': 1}
			}
			f, ok := unit[r]
			if !ok {
				return 0, false
			}
			sec += v * f
			num = ""
		}
	}
	if num != "" {
		return 0, false
	}
	return sec, true
}
