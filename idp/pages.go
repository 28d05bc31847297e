package idp

import (
	"html/template"
	"net/http"

	"github.com/zitadel/oidc/v3/pkg/oidc"

	"oauthdesk/internal/webpage"
)

// The provider's HTML pages, each a "content" template inside webpage's
// layout. html/template escapes every value. The forms are kept simple and
// stable: scripted browsers (internal/testbrowser) fill them by field name.
var (
	loginPage = webpage.Layout("login", `{{define "content"}}<h1>{{.T "login.title"}}</h1>
<p class="muted">{{.H "login.sub" .ClientName}}</p>
{{if .Error}}<p class="error" id="login-error" role="alert">{{.T "login.wrong"}}</p>{{end}}
<form method="post" action="{{.Action}}">
<input type="hidden" name="id" value="{{.ID}}">
<label for="username">{{.T "login.username"}}</label>
<input type="text" id="username" name="username" value="{{.Username}}" autocomplete="username" autocapitalize="none" spellcheck="false" required{{if .Error}} aria-invalid="true" aria-describedby="login-error"{{else}} autofocus{{end}}>
<label for="password">{{.T "login.password"}}</label>
<input type="password" id="password" name="password" autocomplete="current-password" required{{if .Error}} aria-invalid="true" aria-describedby="login-error" autofocus{{end}}>
<div class="actions">
<button type="submit" name="cancel" value="1" class="secondary" formnovalidate>{{.T "login.cancel"}}</button>
<button type="submit" class="primary">{{.T "login.submit"}}</button>
</div>
</form>
<p class="hint">{{.T "login.hint"}}</p>{{end}}`)

	consentPage = webpage.Layout("consent", `{{define "content"}}<h1>{{.T "consent.title"}}</h1>
<p>{{.H "consent.asks" .ClientName .UserName .Username}}</p>
<ul class="scopes">{{range .Scopes}}<li>{{.Description}} <code>{{.Name}}</code></li>{{end}}</ul>
<form method="post" action="{{.Action}}">
<input type="hidden" name="id" value="{{.ID}}">
<div class="actions">
<button type="submit" name="action" value="deny" class="secondary">{{.T "consent.deny"}}</button>
<button type="submit" name="action" value="allow" class="primary">{{.T "consent.allow"}}</button>
</div>
</form>{{end}}`)

	deviceCodePage = webpage.Layout("device", `{{define "content"}}<h1>{{.T "device.title"}}</h1>
<p class="muted" id="device-sub">{{.T "device.sub"}}</p>
{{if .Error}}<p class="error" id="device-error" role="alert">{{.T "device.unknown"}}</p>{{end}}
<form method="get" action="/device">
<label for="user_code">{{.T "device.code"}}</label>
<input type="text" id="user_code" name="user_code" value="{{.UserCode}}" autocomplete="off" autocapitalize="characters" spellcheck="false" autofocus required{{if .Error}} aria-invalid="true" aria-describedby="device-error"{{else}} aria-describedby="device-sub"{{end}}>
<div class="actions"><button type="submit" class="primary">{{.T "device.continue"}}</button></div>
</form>{{end}}`)

	messagePage = webpage.Layout("message", `{{define "content"}}<h1>{{if .Mark}}<span class="mark" aria-hidden="true">{{.Mark}}</span>{{end}}<span>{{.Title}}</span></h1>
{{if eq .Tone "bad"}}<p class="error" role="alert">{{.Body}}</p>{{else}}<p>{{.Body}}</p>{{end}}
{{if .Next}}<p class="next">{{.Next}}</p>{{end}}
{{if .Detail}}<details><summary>{{.T "detail.label"}}</summary><p>{{.Detail}}</p></details>{{end}}{{end}}`)
)

// loginData fills loginPage.
type loginData struct {
	webpage.Frame
	Action, ID, ClientName, Username string
	Error                            bool
}

// consentData fills consentPage.
type consentData struct {
	webpage.Frame
	Action, ID, ClientName, UserName, Username string
	Scopes                                     []scopeView
}

// scopeView is one line of the consent list.
type scopeView struct{ Name, Description string }

// deviceCodeData fills deviceCodePage.
type deviceCodeData struct {
	webpage.Frame
	UserCode string
	Error    bool
}

// messageData fills messagePage. Body, Next and Detail are markup built
// from the catalog, with every outside value escaped.
type messageData struct {
	webpage.Frame
	Mark               string
	Body, Next, Detail template.HTML
}

// scopeKeys name the catalog entry describing each scope.
var scopeKeys = map[string]string{
	oidc.ScopeOpenID:        "scope.openid",
	oidc.ScopeProfile:       "scope.profile",
	oidc.ScopeEmail:         "scope.email",
	oidc.ScopeOfflineAccess: "scope.offline_access",
}

// scopeViews describes scopes for the consent page in l.
func scopeViews(l webpage.Lang, scopes []string) []scopeView {
	out := make([]scopeView, 0, len(scopes))
	for _, sc := range scopes {
		var d string
		if k := scopeKeys[sc]; k != "" {
			d, _ = messages.Text(l, k)
		} else {
			d, _ = messages.Text(l, "scope.other", sc)
		}
		out = append(out, scopeView{Name: sc, Description: d})
	}
	return out
}

// clientNames are what the pages call each client.
var clientNames = map[string]string{
	DemoClientID:         "oauthdesk",
	ConfidentialClientID: "oauthdesk (confidential client)",
}

// clientName returns a display name for a client ID.
func clientName(id string) string {
	if n := clientNames[id]; n != "" {
		return n
	}
	return id
}

// frame is the layout data of a page for r, titled by the catalog entry
// titleKey, in the language r's Accept-Language asks for.
func frame(r *http.Request, titleKey, tone string) webpage.Frame {
	l := webpage.Negotiate(r.Header.Get("Accept-Language"))
	title, _ := messages.Text(l, titleKey)
	brand, _ := messages.Text(l, "brand")
	return webpage.Frame{Lang: l, Title: title, Brand: brand, Tone: tone, Catalog: messages, FreshOnBack: true}
}

// render writes a page with the provider's security headers. Rendering
// goes to a buffer first so a template error never leaves half a page.
func render(w http.ResponseWriter, status int, t *template.Template, data any) {
	_ = webpage.Render(w, status, webpage.CSPForms, t, data)
}
