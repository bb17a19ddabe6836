package transcript

import (
	"bytes"
	"sync"
)

// The usual Transcribe result lists its words in results.items and, in
// results.speaker_labels before them, every word's times again with its
// speaker, in the same order; newer results name the speaker in each item
// instead. A one-hour call is about 2 MB of JSON for 60 KB of words, and
// decoding it into values was most of the time calltrust spent on such a
// call. The scan below reads these shapes in one pass over the bytes,
// keeping only where the values it needs stand, and builds the turns as
// the words come. Any other shape, and anything it does not expect
// (escapes in the values it reads, a time that is not a plain string,
// keys in another case or twice, a word whose times are not the next in
// speaker_labels), makes it give up, and parseTranscribe decodes the
// document the general way, which gives the same call, or the error.

// byteSpan is data[from:to].
type byteSpan struct{ from, to int }

// scanItem is one element of results.items as the scan keeps it.
type scanItem struct {
	start, end, speaker, content byteSpan
	punct                        bool
}

// scanSegItem is the times and speaker of one word in speaker_labels.
type scanSegItem struct {
	start, end, speaker byteSpan
}

// transcribeScan is the state of one scan: the words of speaker_labels,
// the items read before them (in the usual order there are none), and
// the turns so far.
type transcribeScan struct {
	data    []byte
	segs    []scanSegItem
	pending []scanItem
	// segsRead is set once speaker_labels has been read; usedSegs when a
	// word took its speaker from it; next is the next word of it, and
	// prevStart the start of the word before.
	segsRead, usedSegs bool
	next               int
	prevStart          float64
	// The call so far: turns before the current one, the current one's
	// text, whether every word had times, and the last label read.
	turns     []Turn
	cur       Turn
	text      []byte
	words     int
	untimed   bool
	lastLabel []byte
}

// scanPool keeps the words of speaker_labels and the pending items of
// one scan for the next: a one-hour call has about 10,000 of them.
var scanPool = sync.Pool{New: func() any { return new(transcribeScan) }}

// maxKept is the most words of speaker_labels or items whose memory goes
// back to the pool: that of a rare giant file is left to the collector.
const maxKept = 1 << 17

// scanTranscribe returns the call of a Transcribe result as
// decodeTranscribe gives it, or ok false when it cannot read the document
// in one pass. data is valid UTF-8, as Parse leaves it.
func scanTranscribe(data []byte) (c *Call, ok bool) {
	t := scanPool.Get().(*transcribeScan)
	*t = transcribeScan{data: data, segs: t.segs[:0], pending: t.pending[:0], text: t.text[:0], prevStart: -1}
	defer func() {
		t.data, t.turns, t.cur, t.lastLabel = nil, nil, Turn{}, nil
		if cap(t.segs) <= maxKept && cap(t.pending) <= maxKept {
			scanPool.Put(t)
		}
	}()
	s := &jsonScan{data: data}
	haveItems, audioIDs := false, false
	top := keys{names: []string{"results"}}
	s.fields(&top, func(i int) {
		if i != 0 {
			s.skip()
			return
		}
		results := keys{names: []string{"items", "speaker_labels", "channel_labels", "audio_segments"}}
		s.fields(&results, func(i int) {
			switch i {
			case 0:
				haveItems = true
				t.scanItems(s)
			case 1:
				t.segs = scanSpeakerLabels(s, t.segs)
				t.segsRead = true
				for i := range t.pending {
					if !t.word(&t.pending[i]) {
						s.fail()
					}
				}
				t.pending = t.pending[:0]
			case 2:
				s.fail() // the words by channel: left to the general way
			case 3:
				audioIDs = scanAudioSegments(s)
			default:
				s.skip()
			}
		})
	})
	if !s.end() || !haveItems || t.usedSegs && audioIDs {
		return nil, false
	}
	for i := range t.pending { // no speaker_labels after the items
		if !t.word(&t.pending[i]) {
			return nil, false
		}
	}
	if t.next != len(t.segs) {
		return nil, false
	}
	return t.call(), true
}

// word adds an item to the call, as itemWords, speakerLookup and
// wordsCall do: punctuation joins the word before it, and a word's
// speaker is its own label, else the next word of speaker_labels, whose
// times must be the word's. Every word of speaker_labels must be used,
// one after the other, and their starts must rise, so that no two have
// the same times and a lookup by times would find the same. It reports
// false where the scan must give up.
func (t *transcribeScan) word(it *scanItem) bool {
	data := t.data
	if it.content.to == it.content.from {
		return true
	}
	content := data[it.content.from:it.content.to]
	if it.punct {
		if t.words > 0 {
			t.text = append(t.text, content...)
		}
		return true
	}
	start, okStart := rawSeconds(data[it.start.from:it.start.to])
	if !okStart && it.start.to > it.start.from {
		return false // a bad time: the general way reports it
	}
	end, okEnd := rawSeconds(data[it.end.from:it.end.to])
	if !okEnd && it.end.to > it.end.from {
		return false
	}
	label := it.speaker
	if label.to == label.from {
		if !t.segsRead || t.next >= len(t.segs) || !okStart || start <= t.prevStart {
			return false
		}
		sg := &t.segs[t.next]
		if !bytes.Equal(data[sg.start.from:sg.start.to], data[it.start.from:it.start.to]) ||
			!bytes.Equal(data[sg.end.from:sg.end.to], data[it.end.from:it.end.to]) {
			return false
		}
		label = sg.speaker
		t.next, t.prevStart, t.usedSegs = t.next+1, start, true
	}
	t.untimed = t.untimed || !okStart || !okEnd
	end = max(end, start)
	if b := data[label.from:label.to]; t.words == 0 || !bytes.Equal(b, t.lastLabel) {
		t.flush()
		t.lastLabel = b
		t.cur = Turn{Speaker: string(b), Start: start, End: end}
	} else {
		t.text = append(t.text, ' ')
		t.cur.End = max(t.cur.End, end)
	}
	t.text = append(t.text, content...)
	t.words++
	return true
}

// flush ends the current turn.
func (t *transcribeScan) flush() {
	if t.words > 0 {
		t.cur.Text = string(t.text)
		t.turns = append(t.turns, t.cur)
	}
	t.text = t.text[:0]
}

// call returns the call of the words added.
func (t *transcribeScan) call() *Call {
	t.flush()
	c := &Call{Timed: t.words > 0 && !t.untimed, Turns: t.turns}
	if !c.Timed {
		for i := range c.Turns {
			c.Turns[i].Start, c.Turns[i].End = 0, 0
		}
	}
	return c
}

// rawSeconds is awsTime.seconds of b, without copying b when it is the
// usual "12.345" that exactDecimal reads exactly.
func rawSeconds(b []byte) (float64, bool) {
	if v, ok, _ := exactDecimal(b, "."); ok {
		return v, true
	}
	return awsTime(b).seconds()
}

// plainSpan reads a string with no escapes, whose bytes are its value:
// Parse has made sure they are valid UTF-8, which a decoder would
// otherwise repair.
func plainSpan(s *jsonScan) byteSpan {
	from, to, escaped := s.strAt()
	if escaped {
		s.fail()
	}
	return byteSpan{from, to}
}

// scanItems reads results.items: each item becomes a word at once when
// speaker_labels has been read, else it waits for it.
func (t *transcribeScan) scanItems(s *jsonScan) {
	s.array(func(int) {
		var it scanItem
		k := keys{names: []string{"start_time", "end_time", "type", "speaker_label", "alternatives", "id", "channel_label"}}
		s.fields(&k, func(i int) {
			switch i {
			case 0:
				it.start = plainSpan(s)
			case 1:
				it.end = plainSpan(s)
			case 2:
				sp := plainSpan(s)
				it.punct = string(s.data[sp.from:sp.to]) == "punctuation"
			case 3:
				it.speaker = plainSpan(s)
			case 4:
				it.content = scanAlternatives(s)
			case 5:
				scanInt(s)
			case 6:
				s.fail()
			default:
				s.skip()
			}
		})
		switch {
		case s.failed:
		case !t.segsRead:
			t.pending = append(t.pending, it)
		case !t.word(&it):
			s.fail()
		}
	})
}

// scanAlternatives reads an item's alternatives and returns where the
// first one's content stands, without the white space around it.
func scanAlternatives(s *jsonScan) byteSpan {
	var content byteSpan
	s.array(func(i int) {
		// "confidence" is known only to be skipped without being read
		// as a key: every word has one.
		k := keys{names: []string{"content", "confidence"}}
		s.fields(&k, func(j int) {
			if j != 0 {
				s.skip()
				return
			}
			if i > 0 {
				s.str()
				return
			}
			sp := plainSpan(s)
			raw := s.data[sp.from:sp.to]
			if trimmed := bytes.TrimSpace(raw); len(trimmed) > 0 {
				// trimmed is raw without its head: its capacity is
				// shorter by the bytes cut off at the front.
				from := sp.from + cap(raw) - cap(trimmed)
				content = byteSpan{from, from + len(trimmed)}
			}
		})
	})
	return content
}

// scanSpeakerLabels reads results.speaker_labels onto segs: each word's
// times and speaker, its own label or else its segment's.
func scanSpeakerLabels(s *jsonScan, segs []scanSegItem) []scanSegItem {
	k := keys{names: []string{"segments"}}
	s.fields(&k, func(i int) {
		if i != 0 {
			s.skip()
			return
		}
		s.array(func(int) {
			first := len(segs)
			var label byteSpan
			sk := keys{names: []string{"speaker_label", "items"}}
			s.fields(&sk, func(i int) {
				switch i {
				case 0:
					label = plainSpan(s)
				case 1:
					s.array(func(int) {
						var it scanSegItem
						ik := keys{names: []string{"start_time", "end_time", "speaker_label"}}
						s.fields(&ik, func(i int) {
							switch i {
							case 0:
								it.start = plainSpan(s)
							case 1:
								it.end = plainSpan(s)
							case 2:
								it.speaker = plainSpan(s)
							default:
								s.skip()
							}
						})
						segs = append(segs, it)
					})
				default:
					s.skip() // the segment's own times are not needed
				}
			})
			for j := first; j < len(segs); j++ {
				if segs[j].speaker.to == segs[j].speaker.from {
					segs[j].speaker = label
				}
			}
		})
	})
	return segs
}

// scanAudioSegments reads results.audio_segments for their syntax and
// reports whether any lists an item's id.
func scanAudioSegments(s *jsonScan) (ids bool) {
	s.array(func(int) {
		k := keys{names: []string{"speaker_label", "channel_label", "items"}}
		s.fields(&k, func(i int) {
			switch i {
			case 0, 1:
				plainSpan(s)
			case 2:
				s.array(func(int) {
					scanInt(s)
					ids = true
				})
			default:
				s.skip()
			}
		})
	})
	return ids
}

// scanInt reads a number that both JSON decoders read into an int alike:
// an integer of at most 18 digits.
func scanInt(s *jsonScan) {
	n := s.number()
	digits := bytes.TrimPrefix(n, []byte("-"))
	if len(digits) == 0 || len(digits) > 18 || bytes.IndexAny(digits, ".eE") >= 0 {
		s.fail()
	}
}
