package analyze

import (
	"errors"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestParseLabels(t *testing.T) {
	tests := []struct {
		name    string
		data    string
		want    []Label
		wantErr []string // substrings of the error
	}{
		{
			name: "the full shape",
			data: `[
  {"file": "a.vtt", "flags": ["overpromise"], "not_flags": ["no_business_reason"],
   "seller_speakers": ["Ana Ruiz", "(an assistant)"], "customer_speakers": ["Bo Lind"],
   "traps": ["We can't promise a date."], "evidence": {"overpromise": ["It never fails."]},
   "notes": "cold call", "format": "WebVTT", "outside_spec": "no"}
]`,
			want: []Label{{File: "a.vtt", Flags: []Kind{Overpromise}, NotFlags: []Kind{NoBusinessReason},
				SellerSpeakers: []string{"Ana Ruiz", "(an assistant)"}, CustomerSpeakers: []string{"Bo Lind"},
				Traps: []string{"We can't promise a date."}, Evidence: map[Kind][]string{Overpromise: {"It never fails."}},
				Notes: "cold call", Format: "WebVTT", OutsideSpec: "no"}},
		},
		{
			name: "an empty set",
			data: `[]`,
			want: nil,
		},
		{
			name:    "an unknown key names the entry and its line",
			data:    "[\n  {\"file\": \"a.vtt\", \"flags\": []},\n  {\"file\": \"b.vtt\", \"not_flag\": [\"overpromise\"]}\n]",
			wantErr: []string{"labels set.json", "entry 2 (line 3)", `unknown field "not_flag"`},
		},
		{
			name:    "an unknown flag",
			data:    `[{"file": "a.vtt", "flags": ["overpromising"]}]`,
			wantErr: []string{"entry 1 (line 1)", `flags: "overpromising" is not a flag`},
		},
		{
			name:    "an unknown flag in evidence",
			data:    `[{"file": "a.vtt", "evidence": {"pitch": ["x"]}}]`,
			wantErr: []string{`evidence: "pitch" is not a flag`},
		},
		{
			name:    "a flag raised and not",
			data:    `[{"file": "a.vtt", "flags": ["overpromise"], "not_flags": ["overpromise"]}]`,
			wantErr: []string{"overpromise is in both flags and not_flags"},
		},
		{
			name:    "no file",
			data:    `[{"flags": []}]`,
			wantErr: []string{`no "file"`},
		},
		{
			name:    "a file labelled twice",
			data:    "[{\"file\": \"a.vtt\"},\n{\"file\": \"a.vtt\"}]",
			wantErr: []string{"entry 2 (line 2)", "a.vtt is labelled twice (entry 1 too)"},
		},
		{
			name:    "not an array",
			data:    `{"file": "a.vtt"}`,
			wantErr: []string{"line 1", "want a JSON array"},
		},
		{
			name:    "broken JSON",
			data:    "[\n{\"file\": \"a.vtt\",,}]",
			wantErr: []string{"labels set.json", "invalid character"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseLabels("set.json", []byte(tc.data))
			if tc.wantErr != nil {
				if err == nil {
					t.Fatalf("no error, got %+v", got)
				}
				if !errors.Is(err, ErrLabels) {
					t.Errorf("error %v is not ErrLabels", err)
				}
				for _, w := range tc.wantErr {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("error %q lacks %q", err, w)
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

func TestLabelSellers(t *testing.T) {
	c := &Call{Source: "c.txt", Turns: []Turn{
		{Speaker: "Ana Ruiz", Text: "Hi"}, {Speaker: "Bo Lind", Text: "Hello"}, {Speaker: "Notes Bot", Text: "Recording"},
	}}
	tests := []struct {
		name    string
		label   Label
		want    []string
		wantErr string
	}{
		{"nothing said", Label{File: "c.txt"}, nil, ""},
		{"sellers named", Label{File: "c.txt", SellerSpeakers: []string{"ana ruiz"}}, []string{"ana ruiz"}, ""},
		{"a described speaker is ignored", Label{File: "c.txt", SellerSpeakers: []string{"Ana Ruiz", "(her manager, unnamed)"}}, []string{"Ana Ruiz"}, ""},
		{"only described sellers: the customers decide", Label{File: "c.txt", SellerSpeakers: []string{"(someone)"}, CustomerSpeakers: []string{"Bo Lind"}}, []string{"Ana Ruiz", "Notes Bot"}, ""},
		{"only customers named", Label{File: "c.txt", CustomerSpeakers: []string{"Bo Lind", "Notes Bot"}}, []string{"Ana Ruiz"}, ""},
		{"a seller the call lacks", Label{File: "c.txt", SellerSpeakers: []string{"Cy Moss"}}, nil, `seller_speakers names "Cy Moss", not a speaker in the call (speakers: Ana Ruiz, Bo Lind, Notes Bot)`},
		{"every speaker a customer", Label{File: "c.txt", CustomerSpeakers: []string{"Ana Ruiz", "Bo Lind", "Notes Bot"}}, nil, "names every speaker"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.label.Sellers(c)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) || !strings.HasPrefix(err.Error(), "c.txt: ") {
					t.Fatalf("error %v, want one naming c.txt and %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("sellers %q, want %q", got, tc.want)
			}
		})
	}
}

func TestQuotedTraps(t *testing.T) {
	const trap = "We can't promise you'll close more deals, but we always return calls the same day."
	tests := []struct {
		name  string
		flag  Flag
		traps []string
		want  []string // the traps matched, in evidence order
	}{
		{"the same sentence", fired(Overpromise, trap), []string{trap}, []string{trap}},
		{"curly quotes, case and spacing aside", fired(Overpromise, "we CAN’T promise you’ll close more deals,  but we always return calls the same day!"), []string{trap}, []string{trap}},
		{"a trap cut short lies inside the quote", fired(Overpromise, "Honestly, the pilot always pays for itself by spring, I think."), []string{"the pilot always pays for itself by"}, []string{"the pilot always pays for itself by"}},
		{"a quote inside a longer trap", fired(Overpromise, "we always return calls the same day"), []string{trap}, []string{trap}},
		{"a short quote inside a trap is another sentence", fired(Overpromise, "Same day."), []string{trap}, nil},
		{"another sentence", fired(Overpromise, "It will never break, I guarantee it."), []string{trap}, nil},
		{"words out of order", fired(Overpromise, "calls the same day we always return"), []string{trap}, nil},
		{"only overpromise evidence is checked", fired(SelfOrientedPitch, trap), []string{trap}, nil},
		{"one disagreement per quote", fired(Overpromise, trap, "No risk.", trap), []string{trap, "we always return calls"}, []string{trap, trap}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l := &Label{File: "t.txt", Traps: tc.traps}
			var got []string
			for _, d := range quotedTraps(l, report(nil, tc.flag)) {
				if d.What != TrapQuoted || d.Call != "t.txt" || d.Flag != Overpromise || d.Fired == nil {
					t.Errorf("disagreement %+v", d)
				}
				got = append(got, d.Trap)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("traps matched %q, want %q", got, tc.want)
			}
		})
	}
}

// FuzzParseLabels checks that any input is either a set of labels whose
// flags are all known, or an ErrLabels error; never a panic.
func FuzzParseLabels(f *testing.F) {
	for _, seed := range []string{
		`[]`,
		`[{"file": "a.vtt", "flags": ["overpromise"], "not_flags": ["no_business_reason"], "traps": ["x"], "evidence": {"overpromise": ["y"]}}]`,
		"[\n{\"file\": \"a.vtt\"},\n{\"file\": \"b.vtt\", \"seller_speakers\": [\"(someone)\"]}\n]",
		`[{"file": ""}]`,
		`{"file": "a.vtt"}`,
		`[{"file": "a.vtt"}`,
	} {
		f.Add([]byte(seed))
	}
	if data, err := os.ReadFile("../testdata/eval/labels.json"); err == nil {
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		ls, err := ParseLabels("fuzz.json", data)
		if err != nil {
			if !errors.Is(err, ErrLabels) {
				t.Fatalf("error %v is not ErrLabels", err)
			}
			return
		}
		for _, l := range ls {
			if strings.TrimSpace(l.File) == "" {
				t.Fatalf("label without a file: %+v", l)
			}
			for _, k := range append(append([]Kind{}, l.Flags...), l.NotFlags...) {
				if !slices.Contains(Kinds, k) {
					t.Fatalf("unknown kind %q accepted", k)
				}
			}
		}
	})
}
