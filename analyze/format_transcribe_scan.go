package analyze

import (
	"bytes"
	"sync"
)

// The usual Transcribe result lists its words in results.items and, in
// results.speaker_labels, every word's times again with its speaker, in
// the same order; newer results name the speaker in each item instead. A
// one-hour call is about 2 MB of JSON for 60 KB of words, and decoding it
// into values was most of the time calltrust spent on such a call. The
// scan below reads these two shapes in one pass over the bytes, keeping
// only where the values it needs stand. Any other shape, and anything it
// does not expect (escapes in the values it reads, a time
// that is not a plain string, keys in another case or twice, a word whose
// times are not the next in speaker_labels), makes it give up, and
// parseTranscribe decodes the document the general way, which gives the
// same words, or the error.

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

// scratch is the working memory of one scan, kept between calls: a
// one-hour call needs about 2 MB of it, which costs more to get from the
// system again and again than to fill.
type scratch struct {
	items []scanItem
	segs  []scanSegItem
	words []awsWord
	buf   []byte
	ends  []int
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// maxKeptItems is the most items whose scratch goes back to the pool:
// the scratch of a rare giant file is left to the collector.
const maxKeptItems = 1 << 17

// scanTranscribe returns the call of a Transcribe result as
// decodeTranscribe gives it, or ok false when it cannot read the document
// in one pass. data is valid UTF-8, as Parse leaves it.
func scanTranscribe(data []byte) (c *Call, ok bool) {
	sc := scratchPool.Get().(*scratch)
	s := &jsonScan{data: data}
	items, segs := sc.items[:0], sc.segs[:0]
	haveItems, audioIDs := false, false
	top := keys{names: []string{"results"}}
	s.object(func(key []byte) {
		if top.which(s, key) != 0 {
			s.skip()
			return
		}
		results := keys{names: []string{"items", "speaker_labels", "channel_labels", "audio_segments"}}
		s.object(func(key []byte) {
			switch results.which(s, key) {
			case 0:
				haveItems = true
				items = scanItems(s, items)
			case 1:
				segs = scanSpeakerLabels(s, segs)
			case 2:
				s.fail() // the words by channel: left to the general way
			case 3:
				audioIDs = scanAudioSegments(s)
			default:
				s.skip()
			}
		})
	})
	sc.items, sc.segs = items, segs
	if s.end() && haveItems && sc.scannedWords(data, audioIDs) {
		c, ok = wordsCall(sc.words), true
	}
	clear(sc.words) // the texts of this call
	if cap(sc.items) <= maxKeptItems {
		scratchPool.Put(sc)
	}
	return c, ok
}

// scannedWords fills sc.words from sc.items: punctuation joins the word
// before it, and each word's speaker is its own label, else the next
// word of speaker_labels, whose times must be the word's. Every word of
// speaker_labels must be used, one after the other, and their starts
// must rise, so that no two have the same times and a lookup by times
// would find the same.
func (sc *scratch) scannedWords(data []byte, audioIDs bool) bool {
	words, buf, ends, segs := sc.words[:0], sc.buf[:0], sc.ends[:0], sc.segs
	defer func() { sc.words, sc.buf, sc.ends = words, buf, ends }()
	var lastLabel []byte
	var lastName string
	name := func(sp byteSpan) string {
		b := data[sp.from:sp.to]
		if lastName == "" || !bytes.Equal(b, lastLabel) {
			lastLabel, lastName = b, string(b)
		}
		return lastName
	}
	next, prevStart := 0, -1.0
	for i := range sc.items {
		it := &sc.items[i]
		if it.content.to == it.content.from {
			continue
		}
		content := data[it.content.from:it.content.to]
		if it.punct {
			if n := len(words); n > 0 {
				buf = append(buf, content...)
				ends[n-1] = len(buf)
			}
			continue
		}
		var w awsWord
		var okStart, okEnd bool
		if w.start, okStart = rawSeconds(data[it.start.from:it.start.to]); !okStart && it.start.to > it.start.from {
			return false // a bad time: the general way reports it
		}
		if w.end, okEnd = rawSeconds(data[it.end.from:it.end.to]); !okEnd && it.end.to > it.end.from {
			return false
		}
		if it.speaker.to > it.speaker.from {
			w.speaker = name(it.speaker)
		} else {
			if audioIDs || next >= len(segs) || !okStart || w.start <= prevStart {
				return false
			}
			sg := &segs[next]
			if !bytes.Equal(data[sg.start.from:sg.start.to], data[it.start.from:it.start.to]) ||
				!bytes.Equal(data[sg.end.from:sg.end.to], data[it.end.from:it.end.to]) {
				return false
			}
			w.speaker = name(sg.speaker)
			next, prevStart = next+1, w.start
		}
		w.timed = okStart && okEnd
		w.end = max(w.end, w.start)
		words = append(words, w)
		buf = append(buf, content...)
		ends = append(ends, len(buf))
	}
	if next != len(segs) {
		return false
	}
	text, from := string(buf), 0
	for i := range words {
		words[i].text = text[from:ends[i]]
		from = ends[i]
	}
	return true
}

// pow10 holds the powers of ten a float64 holds exactly.
var pow10 = [...]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15}

// rawSeconds is awsTime.seconds of b, without copying b when it is the
// usual "12.345": digits with at most one point and at most 15 of them.
// Their value and the power of ten are then exact in a float64, and one
// division rounds as strconv.ParseFloat does.
func rawSeconds(b []byte) (float64, bool) {
	var m uint64
	digits, frac := 0, -1
	for i, c := range b {
		switch {
		case isDigit(c) && digits < 15:
			m = m*10 + uint64(c-'0')
			digits++
			if frac >= 0 {
				frac++
			}
		case c == '.' && frac < 0 && i > 0:
			frac = 0
		default:
			return awsTime(b).seconds()
		}
	}
	if digits == 0 || frac == 0 {
		return awsTime(b).seconds()
	}
	return float64(m) / pow10[max(frac, 0)], true
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

// scanItems reads results.items onto items.
func scanItems(s *jsonScan, items []scanItem) []scanItem {
	s.array(func(int) {
		var it scanItem
		k := keys{names: []string{"start_time", "end_time", "type", "speaker_label", "alternatives", "id", "channel_label"}}
		s.object(func(key []byte) {
			switch k.which(s, key) {
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
		items = append(items, it)
	})
	return items
}

// scanAlternatives reads an item's alternatives and returns where the
// first one's content stands, without the white space around it.
func scanAlternatives(s *jsonScan) byteSpan {
	var content byteSpan
	s.array(func(i int) {
		k := keys{names: []string{"content"}}
		s.object(func(key []byte) {
			if k.which(s, key) != 0 {
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
	s.object(func(key []byte) {
		if k.which(s, key) != 0 {
			s.skip()
			return
		}
		s.array(func(int) {
			first := len(segs)
			var label byteSpan
			sk := keys{names: []string{"speaker_label", "items"}}
			s.object(func(key []byte) {
				switch sk.which(s, key) {
				case 0:
					label = plainSpan(s)
				case 1:
					s.array(func(int) {
						var it scanSegItem
						ik := keys{names: []string{"start_time", "end_time", "speaker_label"}}
						s.object(func(key []byte) {
							switch ik.which(s, key) {
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
		s.object(func(key []byte) {
			switch k.which(s, key) {
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
