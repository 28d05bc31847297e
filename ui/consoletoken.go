package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"oauthdesk/auth"
)

// The token placement picker's entries.
const (
	tokenInHeaderOption = "Authorization: Bearer header (RFC 6750 §2.1)"
	tokenInQueryOption  = "access_token query parameter (RFC 6750 §2.3)"
)

// tokenPlacement is the API console's choice of where the access token
// goes: the Authorization header (the default) or the access_token query
// parameter, with the warning the query deserves.
type tokenPlacement struct {
	sel     *widget.Select
	warning fyne.CanvasObject
	root    fyne.CanvasObject
}

// newTokenPlacement makes the picker, on the header; relayout is told
// when the warning appears or goes.
func newTokenPlacement(relayout func()) *tokenPlacement {
	tp := &tokenPlacement{}
	tp.warning = newNotice(theme.ColorNameWarning, theme.WarningIcon(), wrapLabel(T(
		"In the query, the access token becomes part of the URL: it ends up in server and proxy logs, "+
			"browser history and Referer headers, and many servers refuse it. Use it only for an API that accepts nothing else; "+
			"the header is safer.")))
	tp.warning.Hide()
	tp.sel = widget.NewSelect([]string{T(tokenInHeaderOption), T(tokenInQueryOption)}, func(string) {
		if tp.value() == auth.TokenInQuery {
			tp.warning.Show()
		} else {
			tp.warning.Hide()
		}
		if relayout != nil {
			relayout()
		}
	})
	tp.sel.SetSelectedIndex(0)
	tp.root = container.NewVBox(
		container.NewBorder(nil, nil, keyLabel(T("Send the access token in")), nil, tp.sel),
		tp.warning)
	return tp
}

// value is the placement picked, as auth.APIRequest.TokenIn.
func (tp *tokenPlacement) value() string {
	if tp.sel.SelectedIndex() == 1 {
		return auth.TokenInQuery
	}
	return auth.TokenInHeader
}

// set picks placement (as auth.APIRequest.TokenIn).
func (tp *tokenPlacement) set(placement string) {
	if placement == auth.TokenInQuery {
		tp.sel.SetSelectedIndex(1)
	} else {
		tp.sel.SetSelectedIndex(0)
	}
}
