package transcript

import (
	"slices"
	"testing"
)

func TestFormatOwnJSON(t *testing.T) {
	checkFixtures(t, "calltrust-json", []callWant{
		{file: "full.json", speakers: []string{"Grace Whitman", "Leo Fernandes"}, turns: 4, timed: true, rolesFromFile: true,
			at: map[int]Turn{
				1: {Speaker: "Leo Fernandes", Role: Customer, Start: 6.6, End: 12, Text: "Right. It takes us about three weeks per driver, mostly paperwork."},
			}},
		{file: "untimed.json", speakers: []string{"Hugo Lambert", "Anna Sorensen"}, turns: 4,
			at: map[int]Turn{
				3: {Speaker: "Anna Sorensen", Text: "Billing questions, by far."},
			}},
		{file: "partial-times.json", speakers: []string{"Mateo Silva", "Fatima Zahra"}, turns: 3,
			at: map[int]Turn{
				0: {Speaker: "Mateo Silva", Text: "Hi Fatima, following up on the pilot we agreed to scope."},
			}},
		{file: "minimal.json", speakers: []string{"Ines Duarte", "Tariq Aziz"}, turns: 3, timed: true, rolesFromFile: true,
			at: map[int]Turn{
				// A missing end is the next turn's start.
				0: {Speaker: "Ines Duarte", Role: Seller, Start: 1, End: 4.5, Text: "Hi Tariq, Ines from Cobaltpay. Is now a good time?"},
				2: {Speaker: "Ines Duarte", Role: Seller, Start: 7, End: 7, Text: "You mentioned chargebacks are eating into margins. How many do you see a month?"},
			}},
	})
}

func TestFormatOwnJSONMeta(t *testing.T) {
	c := parseFixture(t, "calltrust-json", "full.json")
	want := Meta{Rep: "Grace Whitman", Account: "Acme Freight", Date: "2026-03-04", CallType: CallDiscovery,
		SellerSpeakers: []string{"Grace Whitman"}, CustomerSpeakers: []string{"Leo Fernandes"},
		Agenda: "Review how new drivers are onboarded today"}
	got := c.Meta
	if got.Rep != want.Rep || got.Account != want.Account || got.Date != want.Date || got.CallType != want.CallType ||
		got.Agenda != want.Agenda || !slices.Equal(got.SellerSpeakers, want.SellerSpeakers) ||
		!slices.Equal(got.CustomerSpeakers, want.CustomerSpeakers) {
		t.Errorf("Meta = %+v\nwant %+v", got, want)
	}
	if c.ID != "2026-03-04/acme-onboarding" {
		t.Errorf("ID = %q", c.ID)
	}
}

func TestFormatOwnJSONSniff(t *testing.T) {
	cases := []struct {
		name, data string
		want       bool
	}{
		{"turns array", `{"id":"x","turns":[]}`, true},
		{"spaced", " \n{ \"turns\" :\n [ ] }", true},
		{"turns after nested", `{"meta":{"turns":1},"turns":[{"text":"hi"}]}`, true},
		{"nested only", `{"meta":{"turns":[]}}`, false},
		{"turns not an array", `{"turns":{}}`, false},
		{"turns as a value", `{"x":"turns","y":["turns"]}`, false},
		{"escaped quote", `{"x":"a\"turns\":[","y":1}`, false},
		{"array", `[{"turns":[]}]`, false},
		{"truncated", `{"id":"x","turns":[{"speaker":"Dana"`, true},
		{"text", "Dana: hi\nSam: hello\n", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := sniffOwnJSON("t.json", []byte(tc.data)); got != tc.want {
				t.Errorf("sniffOwnJSON = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestFormatJSONOffset(t *testing.T) {
	data := []byte(`{"a": [1, {"b": "x", "c": [true, null]}], "d": {}}`)
	cases := []struct {
		name string
		path []any
		want int64
	}{
		{"root", nil, 0},
		{"key", []any{"a"}, 6},
		{"index", []any{"a", 1}, 10},
		{"nested key", []any{"a", 1, "c"}, 26},
		{"nested index", []any{"a", 1, "c", 1}, 33},
		{"last key", []any{"d"}, 47},
		{"missing key", []any{"e"}, -1},
		{"missing index", []any{"a", 5}, -1},
		{"index into object", []any{"d", 0}, -1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := jsonOffset(data, tc.path...); got != tc.want {
				t.Errorf("jsonOffset = %d, want %d", got, tc.want)
			}
		})
	}
}
