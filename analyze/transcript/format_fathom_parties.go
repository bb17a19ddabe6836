package transcript

import "strings"

// fathomParties tells the two companies on a Fathom call apart by the
// domains of the speakers' calendar addresses. It returns speaker ->
// organisation key (see orgKey) when the speakers with a company address
// fall into exactly two organisations, and nil otherwise: one organisation
// says nothing about sides, and three or more (a partner, an agency) do
// not say which two sides they make. Speakers without an address, with a
// personal one (gmail.com ...), or with addresses of two organisations
// are left out; so are items with no words and meeting bots.
func fathomParties(items []fathomItem, names []string) map[string]string {
	org := map[string]string{}
	mixed := map[string]bool{}
	for i, it := range items {
		speaker := names[i]
		if speaker == "" || strings.TrimSpace(it.Text) == "" || IsBot(speaker) {
			continue
		}
		key := orgKey(it.Speaker.Email)
		if key == "" {
			continue
		}
		if prev, ok := org[speaker]; ok && prev != key {
			mixed[speaker] = true
		}
		org[speaker] = key
	}
	groups := map[string]bool{}
	for speaker, key := range org {
		if mixed[speaker] {
			delete(org, speaker)
			continue
		}
		groups[key] = true
	}
	if len(groups) != 2 {
		return nil
	}
	return org
}

// orgKey returns the organisation an e-mail address belongs to: the label
// of its domain just before the public suffix, lower case ("acme" for
// dana@eu.acme.com, acme.co.uk and acme.io alike, since companies often
// hold their name under several suffixes). It returns "" for anything that
// is not an address and for personal mail providers, whose users share a
// domain but not a company.
func orgKey(email string) string {
	_, domain, ok := strings.Cut(strings.TrimSpace(email), "@")
	if !ok || strings.Contains(domain, "@") {
		return ""
	}
	labels := strings.Split(strings.TrimSuffix(strings.ToLower(domain), "."), ".")
	if len(labels) < 2 {
		return ""
	}
	for _, l := range labels {
		if l == "" {
			return ""
		}
	}
	n := len(labels)
	key := labels[n-2]
	if n >= 3 && len(labels[n-1]) == 2 && secondLevel[labels[n-2]] {
		key = labels[n-3]
	}
	if personalMail[key] {
		return ""
	}
	return key
}

// secondLevel are the labels that countries put under their code for
// companies and institutions to register beneath (co.uk, com.au, ne.jp):
// before a two-letter code they are part of the public suffix.
var secondLevel = map[string]bool{
	"co": true, "com": true, "net": true, "org": true, "ac": true, "edu": true, "gov": true,
	"gob": true, "go": true, "ne": true, "or": true, "ltd": true, "plc": true, "nic": true, "mil": true,
}

// personalMail are the organisation keys of mail providers that anyone
// signs up to: an address there says nothing about the company.
var personalMail = map[string]bool{
	"gmail": true, "googlemail": true, "outlook": true, "hotmail": true, "live": true, "msn": true,
	"yahoo": true, "ymail": true, "icloud": true, "me": true, "mac": true, "aol": true,
	"proton": true, "protonmail": true, "pm": true, "gmx": true, "web": true, "yandex": true,
	"mail": true, "fastmail": true, "zohomail": true, "qq": true, "163": true,
}
