package ui

import (
	"context"
	"encoding/json"
	"errors"
	"sort"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"oauthdesk/auth"
)

// introspectCard asks the provider about the access token (RFC 7662
// introspection) and shows the answer: active or not, then each member,
// times in local time; or why the provider would not answer.
type introspectCard struct {
	root     *widget.Card
	btn      *widget.Button
	activity *widget.Activity
	verdict  *widget.Label
	grid     *fyne.Container
	errText  *widget.Label
	advice   *widget.RichText
	shown    map[string]any
}

// newIntrospectCard makes the card; onIntrospect runs the request.
func newIntrospectCard(onIntrospect func()) *introspectCard {
	c := &introspectCard{}
	c.btn = widget.NewButtonWithIcon(T("Introspect"), theme.SearchIcon(), onIntrospect)
	c.activity = widget.NewActivity()
	c.activity.Hide()
	c.verdict = widget.NewLabel("")
	c.verdict.TextStyle.Bold = true
	c.verdict.Hide()
	c.grid = container.New(layout.NewFormLayout())
	c.grid.Hide()
	c.errText = wrapLabel("")
	c.errText.Importance = widget.DangerImportance
	c.errText.Hide()
	c.advice = newSecondaryWrap("", "")
	c.advice.Hide()
	intro := newSecondaryWrap(T("Asks the provider whether the access token is still active and what it grants "+
		"(RFC 7662). Providers usually answer only confidential clients."), "")
	c.root = section(T("Token introspection"), nil, intro,
		container.NewHBox(c.btn, c.activity), c.verdict, c.grid, c.errText, c.advice)
	return c
}

// update shows s's last introspection at now.
func (c *introspectCard) update(s *session, now time.Time) {
	enable(c.btn, !s.introspecting && s.busy == "")
	if s.introspecting {
		c.activity.Show()
		c.activity.Start()
	} else {
		c.activity.Stop()
		c.activity.Hide()
	}
	switch {
	case s.introspectErr != nil:
		c.verdict.Hide()
		c.grid.Hide()
		setOptional(c.errText, sentence(s.introspectErr.Error()))
		if errors.Is(s.introspectErr, auth.ErrNotSupported) {
			setSecondary(c.advice, T("Nothing is wrong with the session: the provider just offers no introspection."))
		} else {
			setSecondary(c.advice, "")
		}
		c.shown = nil
	case s.introspection != nil:
		c.errText.Hide()
		setSecondary(c.advice, "")
		active, _ := s.introspection["active"].(bool)
		when := formatTime(s.introspectedAt, now)
		if active {
			c.verdict.Importance = widget.SuccessImportance
			c.verdict.SetText(T("Active: the provider accepts this access token (asked at {{.At}})", "At", when))
		} else {
			c.verdict.Importance = widget.DangerImportance
			c.verdict.SetText(T("Not active: the provider no longer accepts this access token (asked at {{.At}})", "At", when))
		}
		c.verdict.Show()
		c.fill(s.introspection, now)
		c.grid.Show()
	default:
		c.verdict.Hide()
		c.grid.Hide()
		c.errText.Hide()
		setSecondary(c.advice, "")
		c.shown = nil
	}
}

// fill lays the answer's members out, "active" first, then by name.
func (c *introspectCard) fill(answer map[string]any, now time.Time) {
	if sameAnswer(c.shown, answer) {
		return
	}
	c.shown = answer
	objs := []fyne.CanvasObject{}
	for _, m := range introspectionRows(answer, now) {
		v := wrapLabel(m.Value)
		v.Wrapping = fyne.TextWrapBreak
		v.Selectable = true
		objs = append(objs, keyLabel(m.Name), v)
	}
	c.grid.Objects = objs
	c.grid.Refresh()
}

// sameAnswer reports whether a and b are the same map (the card shows an
// answer until another one comes).
func sameAnswer(a, b map[string]any) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(b)
	return string(ja) == string(jb)
}

// introspectionRows renders an introspection answer as name/value rows:
// "active" first, the others sorted, times (exp, iat, nbf) with their
// local time and distance from now.
func introspectionRows(answer map[string]any, now time.Time) []claim {
	names := make([]string, 0, len(answer))
	for k := range answer {
		if k != "active" {
			names = append(names, k)
		}
	}
	sort.Strings(names)
	if _, ok := answer["active"]; ok {
		names = append([]string{"active"}, names...)
	}
	out := make([]claim, 0, len(names))
	for _, k := range names {
		raw, err := json.Marshal(answer[k])
		if err != nil {
			continue
		}
		out = append(out, claim{Name: k, Value: displayJSON(k, raw, now)})
	}
	return out
}

// introspect asks the provider about the access token of id.
func (mw *MainWindow) introspect(id string) {
	s := mw.sessions[id]
	if s == nil || s.introspecting || !s.signedIn() {
		return
	}
	s.introspecting = true
	mw.changed(id)
	go func() {
		ctx, cancel := context.WithTimeout(mw.ctx, requestTimeout)
		defer cancel()
		answer, err := mw.b.Introspect(ctx, id)
		mw.do(func() {
			s := mw.sessions[id]
			if s == nil {
				return
			}
			s.introspecting = false
			s.introspection, s.introspectErr, s.introspectedAt = answer, err, mw.now()
			mw.changed(id)
		})
	}()
}
