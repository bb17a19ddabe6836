package lexicons

// Wildcard in a phrase matches any one word that is not punctuation.
const Wildcard = "*"

// Match is one phrase found in a word sequence: words[Start:End].
type Match struct {
	Entry      *Entry
	Start, End int
}

// Matcher finds every phrase of a set in one pass over the words, by
// walking a trie of phrase words from each position.
type Matcher struct {
	root *node
}

type node struct {
	next     map[string]*node
	wildcard *node
	entries  []*Entry // phrases that end here
}

func newNode() *node { return &node{next: map[string]*node{}} }

func (m *Matcher) add(words []string, e *Entry) {
	n := m.root
	for _, w := range words {
		if w == Wildcard {
			if n.wildcard == nil {
				n.wildcard = newNode()
			}
			n = n.wildcard
			continue
		}
		c := n.next[w]
		if c == nil {
			c = newNode()
			n.next[w] = c
		}
		n = c
	}
	for _, have := range n.entries {
		if have == e {
			return
		}
	}
	n.entries = append(n.entries, e)
}

// Find appends to dst every match in words, ordered by start then length.
// The first step from the root is taken here: most words start no phrase,
// and then one map lookup is all they cost.
func (m *Matcher) Find(dst []Match, words []string) []Match {
	root := m.root
	if len(root.entries) > 0 || root.wildcard != nil {
		// Not from a validated set (phrases have words and do not start
		// with a wildcard): the general walk.
		for i := range words {
			dst = m.walk(dst, root, words, i, i)
		}
		return dst
	}
	for i, w := range words {
		if c := root.next[w]; c != nil {
			dst = m.walk(dst, c, words, i, i+1)
		}
	}
	return dst
}

func (m *Matcher) walk(dst []Match, n *node, words []string, start, at int) []Match {
	for _, e := range n.entries {
		if at > start {
			dst = append(dst, Match{Entry: e, Start: start, End: at})
		}
	}
	if at >= len(words) {
		return dst
	}
	w := words[at]
	if c := n.next[w]; c != nil {
		dst = m.walk(dst, c, words, start, at+1)
	}
	if n.wildcard != nil && !IsPunct(w) {
		dst = m.walk(dst, n.wildcard, words, start, at+1)
	}
	return dst
}
