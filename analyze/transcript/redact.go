package transcript

import "regexp"

var (
	emailRE = regexp.MustCompile(`[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}`)
	// cardRE matches 13-19 digits in groups, as card numbers are read out.
	cardRE = regexp.MustCompile(`\b(?:\d[ \-]?){12,18}\d\b`)
	// phoneRE matches phone numbers with 7 or more digits, with an
	// optional country code, brackets, dots, dashes or spaces.
	phoneRE = regexp.MustCompile(`(?:\+\d{1,3}[ .\-]?)?(?:\(\d{1,4}\)[ .\-]?)?\d{2,4}[ .\-]\d{3,4}(?:[ .\-]\d{2,4})?\b`)
)

// RedactText masks e-mail addresses, card-like numbers and phone numbers.
func RedactText(s string) string {
	s = emailRE.ReplaceAllString(s, "[email]")
	s = cardRE.ReplaceAllString(s, "[card]")
	s = phoneRE.ReplaceAllString(s, "[phone]")
	return s
}

// Redact masks private numbers and addresses in every turn of the call.
func (c *Call) Redact() {
	for i := range c.Turns {
		c.Turns[i].Text = RedactText(c.Turns[i].Text)
	}
}
