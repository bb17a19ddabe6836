package transcript

// A conversation in a code block of a larger document: the block that
// holds the turns is the conversation, and everything around it is not.

// fenced returns the lines a conversation in code blocks spans, and marks
// everything around those blocks; with no such code block it returns the
// whole document.
func (d *document) fenced() (lo, hi int) {
	n := len(d.lines)
	if !d.markup(0, n, "`~") {
		return 0, n
	}
	type block struct{ open, close, starts int }
	var blocks []block
	outside := 0
	open := -1
	for i := 0; i < n; i++ {
		s := d.text(i)
		if classifyDoc(s) == docFence {
			if open < 0 {
				open = i
			} else {
				blocks = append(blocks, block{open: open, close: i})
				open = -1
			}
			continue
		}
		if d.looksLikeStart(s) {
			if open >= 0 {
				continue // counted per block below
			}
			outside++
		}
	}
	if open >= 0 {
		blocks = append(blocks, block{open: open, close: n})
	}
	best := 0
	for b := range blocks {
		for i := blocks[b].open + 1; i < blocks[b].close; i++ {
			if d.looksLikeStart(d.text(i)) {
				blocks[b].starts++
			}
		}
		best = max(best, blocks[b].starts)
	}
	if best < 2 || best < outside {
		return 0, n
	}
	keep := make([]bool, n)
	lo, hi = -1, 0
	for _, b := range blocks {
		if b.starts < 2 {
			continue
		}
		if lo < 0 {
			lo = b.open + 1
		}
		hi = b.close
		for i := b.open + 1; i < b.close; i++ {
			keep[i] = true
		}
	}
	for i := range keep {
		d.skip[i] = !keep[i]
	}
	return lo, hi
}

// looksLikeStart reports whether a line starts a turn in any layout, not
// asking whether a labelled speaker comes back: it counts turns inside and
// outside code blocks.
func (d *document) looksLikeStart(s string) bool {
	if structuralStart(s) {
		return true
	}
	tl := textLabel(s)
	return tl.label && !notSpeaker(tl.name) && !isMetaOrSection(tl.name)
}
