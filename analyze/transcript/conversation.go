package transcript

import (
	"fmt"
	"strings"
)

// CheckSpeakers refuses a call that is not a conversation unless it is a
// practice pitch, which it names as the rep's. A call is a conversation
// when it holds two speakers or more; turns the file marks as said by
// UnknownSpeaker count neither as a speaker nor as unlabelled, and the
// turns of a conversation that carry no label at all become
// UnknownSpeaker's: they are kept, on neither side.
func (c *Call) CheckSpeakers(practice bool) error {
	var named []string
	unlabelled := false
	for _, s := range c.Speakers() {
		switch s {
		case "":
			unlabelled = true
		case UnknownSpeaker:
		default:
			named = append(named, s)
		}
	}
	if practice {
		if len(named) > 1 {
			return fmt.Errorf("%s: %w: a practice pitch has one speaker, this has %d (%s)", c.Source, ErrSpeakers, len(named), strings.Join(named, ", "))
		}
		rep := "Rep"
		if len(named) == 1 {
			rep = named[0]
		} else if c.Meta.Rep != "" {
			rep = c.Meta.Rep
		}
		for i := range c.Turns {
			c.Turns[i].Speaker = rep
		}
		tidy(c)
		return nil
	}
	hint := fmt.Sprintf("to analyze it as a practice pitch, pass --practice or put {\"call_type\": \"practice\"} in %s%s", c.Source, MetaSuffix)
	switch {
	case len(named) == 0:
		return fmt.Errorf("%s: %w: no speaker labels; %s", c.Source, ErrSpeakers, hint)
	case len(named) == 1:
		return fmt.Errorf("%s: %w: one speaker only (%s); %s", c.Source, ErrSpeakers, named[0], hint)
	}
	if unlabelled {
		for i := range c.Turns {
			if c.Turns[i].Speaker == "" {
				c.Turns[i].Speaker, c.Turns[i].Role = UnknownSpeaker, Unknown
			}
		}
		tidy(c)
	}
	return nil
}
