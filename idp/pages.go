package idp

import (
	"bytes"
	"html/template"
	"net/http"

	"github.com/zitadel/oidc/v3/pkg/oidc"
)

// pageTitle is the title of every page the provider shows.
const pageTitle = "oauthdesk demo provider"

// pageTemplates holds the provider's HTML pages. html/template escapes every
// value. The forms are kept simple and stable: scripted browsers fill them.
var pageTemplates = template.Must(template.New("layout").Parse(`{{define "layout"}}<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>` + pageTitle + `</title>
<style>
:root { color-scheme: light dark; --accent: #2f6fde; --muted: #6b7280; --err: #c0392b; }
* { box-sizing: border-box; }
body { margin: 0; min-height: 100vh; display: flex; align-items: center; justify-content: center;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; background: #eef1f6; color: #1f2933; }
@media (prefers-color-scheme: dark) { body { background: #15181d; color: #e5e7eb; } .card { background: #1f242c !important; border-color: #2d333b !important; } input[type=text], input[type=password] { background: #15181d; color: inherit; border-color: #3a414b; } }
.card { width: 100%; max-width: 380px; margin: 24px; padding: 28px 28px 24px; background: #fff; border: 1px solid #dde2ea; border-radius: 12px; box-shadow: 0 6px 24px rgba(0,0,0,.06); }
.brand { font-size: 12px; letter-spacing: .08em; text-transform: uppercase; color: var(--muted); margin-bottom: 4px; }
h1 { font-size: 20px; margin: 0 0 16px; }
label { display: block; font-size: 13px; font-weight: 600; margin: 12px 0 4px; }
input[type=text], input[type=password] { width: 100%; padding: 9px 11px; font: inherit; border: 1px solid #c9d0da; border-radius: 8px; }
input:focus { outline: 2px solid var(--accent); outline-offset: 0; border-color: transparent; }
button { font: inherit; font-weight: 600; padding: 9px 16px; border-radius: 8px; border: 1px solid transparent; cursor: pointer; }
.primary { background: var(--accent); color: #fff; }
.secondary { background: transparent; border-color: #c9d0da; color: inherit; }
.actions { display: flex; gap: 10px; justify-content: flex-end; margin-top: 20px; }
.error { color: var(--err); background: rgba(192,57,43,.08); border-radius: 8px; padding: 8px 11px; margin: 0 0 8px; }
.muted { color: var(--muted); font-size: 13px; }
ul.scopes { padding-left: 0; list-style: none; margin: 8px 0 0; }
ul.scopes li { padding: 7px 0; border-top: 1px solid rgba(127,127,127,.2); }
ul.scopes code { font-size: 12px; color: var(--muted); }
</style>
</head>
<body>
<main class="card">
<div class="brand">` + pageTitle + `</div>
{{template "content" .}}
</main>
</body>
</html>{{end}}`))

// template bodies, each defining "content" for the layout.
var (
	loginPage = mustPage(`{{define "content"}}<h1>Sign in</h1>
<p class="muted">to continue to <strong>{{.ClientName}}</strong></p>
{{if .Error}}<p class="error" role="alert">{{.Error}}</p>{{end}}
<form method="post" action="{{.Action}}">
<input type="hidden" name="id" value="{{.ID}}">
<label for="username">Username</label>
<input type="text" id="username" name="username" value="{{.Username}}" autocomplete="username" autofocus required>
<label for="password">Password</label>
<input type="password" id="password" name="password" autocomplete="current-password" required>
<div class="actions"><button type="submit" class="primary">Sign in</button></div>
</form>
<p class="muted">Demo accounts: demo / demo and alice / alice.</p>{{end}}`)

	consentPage = mustPage(`{{define "content"}}<h1>Allow access?</h1>
<p><strong>{{.ClientName}}</strong> wants to access your account <strong>{{.UserName}}</strong> ({{.Username}}). It asks to:</p>
<ul class="scopes">{{range .Scopes}}<li>{{.Description}} <code>{{.Name}}</code></li>{{end}}</ul>
<form method="post" action="{{.Action}}">
<input type="hidden" name="id" value="{{.ID}}">
<div class="actions">
<button type="submit" name="action" value="deny" class="secondary">Deny</button>
<button type="submit" name="action" value="allow" class="primary">Allow</button>
</div>
</form>{{end}}`)

	deviceCodePage = mustPage(`{{define "content"}}<h1>Connect a device</h1>
<p class="muted">Enter the code shown on your device.</p>
{{if .Error}}<p class="error" role="alert">{{.Error}}</p>{{end}}
<form method="get" action="/device">
<label for="user_code">Code</label>
<input type="text" id="user_code" name="user_code" value="{{.UserCode}}" autocomplete="off" autofocus required>
<div class="actions"><button type="submit" class="primary">Continue</button></div>
</form>{{end}}`)

	messagePage = mustPage(`{{define "content"}}<h1>{{.Heading}}</h1>
{{if .IsError}}<p class="error" role="alert">{{.Message}}</p>{{else}}<p>{{.Message}}</p>{{end}}{{end}}`)
)

// mustPage clones the layout and adds a "content" definition.
func mustPage(content string) *template.Template {
	return template.Must(template.Must(pageTemplates.Clone()).Parse(content))
}

// loginData fills loginPage.
type loginData struct {
	Action, ID, ClientName, Username, Error string
}

// consentData fills consentPage.
type consentData struct {
	Action, ID, ClientName, UserName, Username string
	Scopes                                     []scopeView
}

// scopeView is one line of the consent list.
type scopeView struct{ Name, Description string }

// deviceCodeData fills deviceCodePage.
type deviceCodeData struct{ UserCode, Error string }

// messageData fills messagePage.
type messageData struct {
	Heading, Message string
	IsError          bool
}

// scopeDescriptions say in plain words what each scope grants.
var scopeDescriptions = map[string]string{
	oidc.ScopeOpenID:        "Confirm who you are",
	oidc.ScopeProfile:       "See your name and username",
	oidc.ScopeEmail:         "See your email address",
	oidc.ScopeOfflineAccess: "Stay signed in while you are away",
}

// scopeViews describes scopes for the consent page.
func scopeViews(scopes []string) []scopeView {
	out := make([]scopeView, 0, len(scopes))
	for _, sc := range scopes {
		d := scopeDescriptions[sc]
		if d == "" {
			d = "Use " + sc
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

// render writes a page with security headers. Rendering goes to a buffer
// first so a template error never leaves half a page.
func render(w http.ResponseWriter, status int, t *template.Template, data any) {
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", data); err != nil {
		http.Error(w, "internal error rendering page", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'")
	h.Set("Referrer-Policy", "no-referrer")
	w.WriteHeader(status)
	_, _ = buf.WriteTo(w)
}

// renderMessage shows a short message page.
func renderMessage(w http.ResponseWriter, status int, heading, message string) {
	render(w, status, messagePage, messageData{Heading: heading, Message: message, IsError: status >= 400})
}
