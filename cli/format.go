package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"time"

	"oauthdesk/auth"
)

// describeState is a short human phrase for a session's state.
func describeState(st auth.Status, err error) string {
	switch {
	case err != nil:
		return "error: " + oneLine(err.Error())
	case !st.SignedIn:
		return "signed out"
	case st.Expired && st.HasRefreshToken:
		return "signed in (access token expired; refreshes on use)"
	case st.Expired:
		return "expired"
	}
	s := "signed in"
	if st.Account != "" {
		s += " as " + st.Account
	}
	return s
}

// formatTime prints a time in local time with its distance from now.
func formatTime(t time.Time, now time.Time) string {
	if t.IsZero() {
		return "unknown"
	}
	d := t.Sub(now).Round(time.Second)
	rel := "in " + d.String()
	if d < 0 {
		rel = (-d).String() + " ago"
	}
	return t.Local().Format("2006-01-02 15:04:05 MST") + " (" + rel + ")"
}

// writeJSON prints v as indented JSON.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("writing JSON: %w", err)
	}
	return nil
}
