package analyze

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// fired builds a flag quoting the given sentences, turn i at 10*i seconds.
func fired(k Kind, quotes ...string) Flag {
	f := Flag{Kind: k, Severity: Medium}
	for i, q := range quotes {
		start := float64(10 * i)
		f.Evidence = append(f.Evidence, Evidence{Turn: i, Speaker: "Seller", Start: &start, Quote: q, Matched: "m"})
	}
	return f
}

func report(na []Kind, flags ...Flag) *Report {
	return &Report{LexiconsVersion: "sha256:test", Flags: flags, NotApplicable: na}
}

// counts is the part of a FlagScore a case checks.
type counts struct{ calls, pos, fired, tp, fp, missed, missedUnread, leftOut, undecided int }

func countsOf(s FlagScore) counts {
	return counts{s.Calls, s.Positives, s.Fired, s.TruePositives, s.FalsePositives, s.Missed, s.MissedUnread, s.LeftOut, s.Undecided}
}

// disagreementLine is a disagreement in one comparable line.
func disagreementLine(d Disagreement) string {
	s := fmt.Sprintf("%s %s %s", d.Call, d.What, d.Flag)
	if d.Fired != nil {
		s += fmt.Sprintf(" fired=%q@%d", d.Fired.Quote, d.Fired.Turn)
	}
	if d.Evidence != "" {
		s += fmt.Sprintf(" evidence=%q", d.Evidence)
	}
	if d.Trap != "" {
		s += fmt.Sprintf(" trap=%q", d.Trap)
	}
	if d.NotRead {
		s += " not-read"
	}
	return s
}

func TestEvaluate(t *testing.T) {
	const trap = "I promise you the old model is not worth the upgrade."
	tests := []struct {
		name  string
		calls []LabelledCall
		want  map[Kind]counts
		disag []string
		check []string // Check(0, 0)
	}{
		{
			name: "labelled flag fired",
			calls: []LabelledCall{{Label: Label{File: "a", Flags: []Kind{Overpromise}},
				Report: report(nil, fired(Overpromise, "It will never fail."))}},
			want: map[Kind]counts{Overpromise: {calls: 1, pos: 1, fired: 1, tp: 1}},
		},
		{
			name: "undecided flag is not scored",
			calls: []LabelledCall{{Label: Label{File: "a", NotFlags: []Kind{SelfOrientedPitch}},
				Report: report(nil, fired(Overpromise, "It will never fail."))}},
			want: map[Kind]counts{Overpromise: {undecided: 1}, SelfOrientedPitch: {calls: 1}},
		},
		{
			name: "not applicable in the report is left out",
			calls: []LabelledCall{{Label: Label{File: "pitch", NotFlags: []Kind{UnraisedObjection}},
				Report: report([]Kind{UnraisedObjection})}},
			want: map[Kind]counts{UnraisedObjection: {leftOut: 1}},
		},
		{
			name: "fired on a call labelled not to",
			calls: []LabelledCall{{Label: Label{File: "b", NotFlags: []Kind{NoBusinessReason}},
				Report: report(nil, fired(NoBusinessReason, "Just checking in."))}},
			want:  map[Kind]counts{NoBusinessReason: {calls: 1, fired: 1, fp: 1}},
			disag: []string{`b false_positive no_business_reason fired="Just checking in."@0`},
		},
		{
			name: "missed prints the first labelled evidence",
			calls: []LabelledCall{{Label: Label{File: "c", Flags: []Kind{UnraisedObjection},
				Evidence: map[Kind][]string{UnraisedObjection: {" ", "Let me think about it."}}},
				Report: report(nil)}},
			want:  map[Kind]counts{UnraisedObjection: {calls: 1, pos: 1, missed: 1}},
			disag: []string{`c missed unraised_objection evidence="Let me think about it."`},
		},
		{
			name: "a call not read misses its labelled flags only",
			calls: []LabelledCall{{Label: Label{File: "d", Flags: []Kind{Overpromise}, NotFlags: []Kind{SelfOrientedPitch}},
				Err: "parse d: unknown transcript format"}},
			want: map[Kind]counts{
				Overpromise:       {calls: 1, pos: 1, missed: 1, missedUnread: 1},
				SelfOrientedPitch: {},
			},
			disag: []string{"d missed overpromise not-read"},
			check: []string{"1 call not read"},
		},
		{
			name: "trap quoted beside a right quote: listed, the flag still counts",
			calls: []LabelledCall{{Label: Label{File: "e", Flags: []Kind{Overpromise}, Traps: []string{trap}},
				Report: report(nil, fired(Overpromise, trap, "It will never fail."))}},
			want:  map[Kind]counts{Overpromise: {calls: 1, pos: 1, fired: 1, tp: 1}},
			disag: []string{`e trap_quoted overpromise fired="` + trap + `"@0 trap="` + trap + `"`},
			check: []string{"1 trap quoted as overpromise"},
		},
		{
			name:  "traps alone on a positive call: a false positive and a miss",
			calls: []LabelledCall{{Label: Label{File: "f", Flags: []Kind{Overpromise}, Traps: []string{trap}}, Report: report(nil, fired(Overpromise, trap))}},
			want:  map[Kind]counts{Overpromise: {calls: 1, pos: 1, fired: 1, fp: 1, missed: 1}},
			disag: []string{
				`f trap_quoted overpromise fired="` + trap + `"@0 trap="` + trap + `"`,
				`f missed overpromise`,
			},
			check: []string{"1 trap quoted as overpromise"},
		},
		{
			name:  "traps alone on a negative call: one false positive, listed once",
			calls: []LabelledCall{{Label: Label{File: "g", NotFlags: []Kind{Overpromise}, Traps: []string{trap}}, Report: report(nil, fired(Overpromise, trap))}},
			want:  map[Kind]counts{Overpromise: {calls: 1, fired: 1, fp: 1}},
			disag: []string{`g trap_quoted overpromise fired="` + trap + `"@0 trap="` + trap + `"`},
			check: []string{"1 trap quoted as overpromise"},
		},
		{
			name: "false positive quotes the evidence that is not a trap",
			calls: []LabelledCall{{Label: Label{File: "h", NotFlags: []Kind{Overpromise}, Traps: []string{trap}},
				Report: report(nil, fired(Overpromise, trap, "Zero risk, guaranteed."))}},
			want: map[Kind]counts{Overpromise: {calls: 1, fired: 1, fp: 1}},
			disag: []string{
				`h trap_quoted overpromise fired="` + trap + `"@0 trap="` + trap + `"`,
				`h false_positive overpromise fired="Zero risk, guaranteed."@1`,
			},
			check: []string{"1 trap quoted as overpromise"},
		},
		{
			name:  "trap quoted on an undecided flag is listed, not scored",
			calls: []LabelledCall{{Label: Label{File: "i", Traps: []string{trap}}, Report: report(nil, fired(Overpromise, trap))}},
			want:  map[Kind]counts{Overpromise: {undecided: 1}},
			disag: []string{`i trap_quoted overpromise fired="` + trap + `"@0 trap="` + trap + `"`},
			check: []string{"1 trap quoted as overpromise"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ev := Evaluate(tc.calls)
			if len(ev.Flags) != len(Kinds) {
				t.Fatalf("%d flag scores, want %d", len(ev.Flags), len(Kinds))
			}
			for i, s := range ev.Flags {
				if s.Kind != Kinds[i] {
					t.Errorf("score %d is %s, want %s", i, s.Kind, Kinds[i])
				}
				want, ok := tc.want[s.Kind]
				if !ok {
					continue
				}
				if got := countsOf(s); got != want {
					t.Errorf("%s: %+v, want %+v", s.Kind, got, want)
				}
				if s.Positives != s.TruePositives+s.Missed || s.Fired != s.TruePositives+s.FalsePositives {
					t.Errorf("%s: counts do not add up: %+v", s.Kind, countsOf(s))
				}
			}
			var got []string
			for _, d := range ev.Disagreements {
				got = append(got, disagreementLine(d))
			}
			if !reflect.DeepEqual(got, tc.disag) {
				t.Errorf("disagreements:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(tc.disag, "\n  "))
			}
			if got := ev.Check(0, 0); !reflect.DeepEqual(got, tc.check) {
				t.Errorf("Check(0, 0) = %q, want %q", got, tc.check)
			}
		})
	}
}

func TestEvaluateFigures(t *testing.T) {
	// Four calls labelled with overpromise, three found, plus one false
	// positive on a fifth call labelled without it.
	var calls []LabelledCall
	for i := range 4 {
		l := Label{File: fmt.Sprint("pos", i), Flags: []Kind{Overpromise}}
		r := report(nil)
		if i < 3 {
			r = report(nil, fired(Overpromise, "Guaranteed."))
		}
		calls = append(calls, LabelledCall{Label: l, Report: r})
	}
	calls = append(calls, LabelledCall{Label: Label{File: "neg", NotFlags: []Kind{Overpromise}}, Report: report(nil, fired(Overpromise, "Guaranteed."))})
	ev := Evaluate(calls)
	s := ev.Flags[2]
	if s.Kind != Overpromise {
		t.Fatalf("third score is %s", s.Kind)
	}
	if !reflect.DeepEqual(s.Precision, Wilson(3, 4, Z90)) || !reflect.DeepEqual(s.Recall, Wilson(3, 4, Z90)) {
		t.Errorf("precision %v recall %v, want 3 of 4 each", s.Precision, s.Recall)
	}
	if s.Precision.Value != 0.75 {
		t.Errorf("precision %v, want 0.75", s.Precision.Value)
	}
	if ev.Flags[0].Precision != nil || ev.Flags[0].Recall != nil {
		t.Errorf("self_oriented_pitch has no calls scored but figures %v %v", ev.Flags[0].Precision, ev.Flags[0].Recall)
	}
	tests := []struct {
		name       string
		minP, minR float64
		want       []string
	}{
		{"report only", 0, 0, nil},
		{"at the figures", 0.75, 0.75, nil},
		{"precision bar above", 0.8, 0, []string{"overpromise precision 0.75 < 0.80"}},
		{"both bars above", 0.9, 0.85, []string{"overpromise precision 0.75 < 0.90", "overpromise recall 0.75 < 0.85"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := ev.Check(tc.minP, tc.minR); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Check(%.2f, %.2f) = %q, want %q", tc.minP, tc.minR, got, tc.want)
			}
		})
	}
	if ev.Calls != 5 || ev.Read != 5 || !reflect.DeepEqual(ev.LexiconsVersions, []string{"sha256:test"}) {
		t.Errorf("calls %d read %d lexicons %v", ev.Calls, ev.Read, ev.LexiconsVersions)
	}
}
