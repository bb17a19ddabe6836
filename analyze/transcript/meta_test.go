package transcript

import (
	"errors"
	"testing"
)

func TestApplyMetaNamesSpeakers(t *testing.T) {
	call := func() *Call {
		return &Call{Source: "c.txt", Turns: []Turn{{Speaker: "Julia Santos", Text: "Hi."}, {Speaker: "Omar Reyes", Text: "Hello."}}}
	}
	for _, tc := range []struct {
		name    string
		sellers []string
		wantErr bool
	}{
		{"the name as Parse gives it", []string{"Julia Santos"}, false},
		{"case aside", []string{"julia santos"}, false},
		{"the label as the file wrote it, company and all", []string{"Julia Santos (Tidewater Software)"}, false},
		{"someone not in the call", []string{"Priya Nair"}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := call().ApplyMeta(Meta{SellerSpeakers: tc.sellers})
			if (err != nil) != tc.wantErr {
				t.Fatalf("ApplyMeta(%q) = %v, want error %v", tc.sellers, err, tc.wantErr)
			}
			if err != nil && !errors.Is(err, ErrMeta) {
				t.Errorf("error %v is not ErrMeta", err)
			}
		})
	}
}
