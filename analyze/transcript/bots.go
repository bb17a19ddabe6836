package transcript

// Meeting bots and tool markers: the speakers and lines that recording
// and note-taking tools put into a transcript, which no person said.

import (
	"regexp"
	"strings"
)

// botTools are the names recording and note-taking tools join a call
// under. A label is a bot when it is one of them, alone or followed by
// one of botWords ("Fathom Notetaker"); never when the name is part of a
// person's name ("Jason Gong", "Ana Grain").
var botTools = lowerSet("gong", "fathom", "otter", "otter.ai", "fireflies", "fireflies.ai", "read.ai",
	"chorus", "chorus.ai", "grain", "avoma", "tl;dv", "tldv", "sembly", "sembly ai", "tactiq",
	"notta", "bluedot", "supernormal", "meetgeek", "airgram", "circleback", "krisp", "zoom ai")

// botWords are what a bot calls itself: alone they name a bot
// ("Notetaker"), after a tool's name or an owner's they do too ("Otter.ai
// Assistant", "Dana's Notetaker").
var botWords = lowerSet("notetaker", "note taker", "note-taker", "notes", "meeting notes", "recorder",
	"meeting recorder", "call recorder", "recording", "bot", "meeting bot", "recording bot",
	"notes bot", "assistant", "ai assistant", "meeting assistant", "ai notetaker", "ai note taker",
	"companion", "ai companion", "transcriber", "ai", "copilot")

// aloneBotWords are botWords that name a bot with nothing before them;
// the others ("notes", "ai", "assistant") need a tool's or an owner's
// name first.
var aloneBotWords = lowerSet("notetaker", "note taker", "note-taker", "recorder", "meeting recorder",
	"call recorder", "bot", "meeting bot", "recording bot", "notes bot", "ai notetaker",
	"ai note taker", "meeting assistant", "ai assistant", "ai companion", "transcriber")

// lowerSet makes a set of lower-case names.
func lowerSet(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// IsBot reports whether a speaker label is a meeting bot rather than a
// person. The whole label decides: a tool's name alone or with a bot
// word ("Gong", "Fireflies.ai Notetaker", "Read.ai meeting notes"), a bot
// word alone ("Notetaker"), a bot of someone's ("Dana's Notetaker",
// "Dana's Otter.ai"), or a bot word with its tool in brackets
// ("Notetaker (Otter.ai)"). A person whose name holds a tool's name
// ("Jason Gong") is a person.
func IsBot(label string) bool {
	s := strings.ToLower(squeezeSpace(label))
	base, note := cutNote(s)
	if note != "" && (aloneBotWords[base] || botWords[base] && botTools[note]) {
		return true
	}
	if note != "" {
		s = base
	}
	if aloneBotWords[s] || botTools[s] || toolWithWord(s) {
		return true
	}
	for _, apos := range []string{"'s ", "’s "} {
		if _, rest, ok := strings.Cut(s, apos); ok {
			return botWords[rest] || botTools[rest] || toolWithWord(rest)
		}
	}
	return false
}

// toolWithWord reports whether s is a tool's name followed by a bot word.
func toolWithWord(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == ' ' && botTools[s[:i]] && botWords[s[i+1:]] {
			return true
		}
	}
	return false
}

// toolMarker matches a label that is a meeting tool's marker of an event
// ("Screen sharing", "Recording started", "Transcription stopped"), not a
// speaker.
var toolMarker = regexp.MustCompile(`(?i)^(?:(?:started|stopped|paused|resumed|ended) )?` +
	`(?:screen ?shar(?:e|ing)|recording|transcription|transcribing|live transcript(?:ion)?|meeting|call)` +
	`(?: (?:has |was |is )?(?:started|stopped|ended|paused|resumed|on|off|in progress))?$`)

// IsToolMarker reports whether a speaker label is a meeting tool's
// marker line ("Screen sharing", "Recording started") rather than a
// speaker's name.
func IsToolMarker(label string) bool {
	return toolMarker.MatchString(squeezeSpace(label))
}

// botAnnouncement matches what a recorder says when it joins or starts:
// "This meeting is being recorded", "Recording in progress", "Otter.ai
// has joined to take notes".
var botAnnouncement = regexp.MustCompile(`(?i)^\W*(?:` +
	`(?:this|the) (?:meeting|call|conversation|session) (?:is|will be|is now|may be|has started) (?:being )?(?:recorded|transcribed|recording)` +
	`|recording (?:in progress|has started|started|is on)` +
	`|transcription (?:in progress|has started|started|is on)` +
	`|(?:i'm|i am) an? (?:ai|automated|virtual) (?:assistant|notetaker|note taker|note-taker|bot|recorder)` +
	`|.{0,40}\b(?:has|have) joined(?: the (?:meeting|call))? to (?:take notes|record|transcribe)` +
	`|.{0,40}\bis (?:recording|transcribing|taking notes (?:for|in)) (?:this|the) (?:meeting|call)` +
	`)`)

// botAnnouncementWords is the longest turn taken for a recorder's
// announcement: a person who says it goes on to say more.
const botAnnouncementWords = 40

// isAnnouncement reports whether a turn's whole text is a recorder's
// announcement.
func isAnnouncement(text string) bool {
	return botAnnouncement.MatchString(text) && len(strings.Fields(text)) <= botAnnouncementWords
}

// cutNote splits "base (note)" or "base [note]" at the last bracket; note
// is "" when s does not end in one.
func cutNote(s string) (base, note string) {
	n := len(s)
	if n < 2 || (s[n-1] != ')' && s[n-1] != ']') {
		return s, ""
	}
	open := byte('(')
	if s[n-1] == ']' {
		open = '['
	}
	i := strings.LastIndexByte(s, open)
	if i <= 0 {
		return s, ""
	}
	return strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+1 : n-1])
}
