package idp

import (
	"net/http"
	"net/url"

	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"
)

// handleConsentPage lists the requested scopes with Allow and Deny
// (GET /consent?id=). Only the browser that signed in sees it; after the
// request was answered (Back from the app's page) it shows a calm page.
func (s *Server) handleConsentPage(w http.ResponseWriter, r *http.Request) {
	id := r.URL.Query().Get("id")
	ar, err := s.store.authRequest(id)
	if err != nil || ar.done {
		s.goneRequestPage(w, r, id)
		return
	}
	if ar.Subject == "" || ar.binding != bindingCookie(r, authBindingCookie(id)) {
		http.Redirect(w, r, "/login?id="+url.QueryEscape(id), http.StatusSeeOther)
		return
	}
	u := s.store.userByID(ar.Subject)
	if u == nil {
		s.goneRequestPage(w, r, id)
		return
	}
	f := frame(r, "consent.title", "")
	render(w, http.StatusOK, consentPage, consentData{
		Frame: f, Action: "/consent", ID: id, ClientName: clientName(ar.ClientID),
		UserName: u.Name, Username: u.Username, Scopes: scopeViews(f.Lang, ar.Scopes),
	})
}

// handleConsent takes the decision (POST /consent). Allow hands the request
// back to op's callback, which issues the code; Deny redirects to the
// client with error=access_denied and the request's state.
func (s *Server) handleConsent(w http.ResponseWriter, r *http.Request) {
	id, allow, ok := readDecision(w, r)
	if !ok {
		return
	}
	ar, err := s.store.decideAuthRequest(id, bindingCookie(r, authBindingCookie(id)), allow)
	if err != nil {
		s.errorPageForDecision(w, r, id, err)
		return
	}
	s.answered.put(id, "")
	http.SetCookie(w, &http.Cookie{Name: authBindingCookie(id), Value: "", Path: "/", MaxAge: -1})
	if allow {
		s.log.Info("idp: consent given", "client_id", ar.ClientID)
		http.Redirect(w, r, op.AuthCallbackURL(s.provider)(r.Context(), id), http.StatusSeeOther)
		return
	}
	s.log.Info("idp: consent denied", "client_id", ar.ClientID)
	s.denyToClient(w, r, ar, "The user denied the request.")
}

// denyToClient redirects the browser to ar's redirect URI with
// error=access_denied, description and ar's state (RFC 6749 §4.1.2.1).
func (s *Server) denyToClient(w http.ResponseWriter, r *http.Request, ar *authRequest, description string) {
	e := oidc.ErrAccessDenied().WithDescription("%s", description)
	e.State = ar.State
	to, err := op.AuthResponseURL(ar.RedirectURI, ar.ResponseType, ar.ResponseMode, e, s.provider.Encoder())
	if err != nil {
		renderMessage(w, r, http.StatusInternalServerError, message{title: "internal.title", body: "internal.body", next: "next.restart"})
		return
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}

// readDecision reads a consent form (hidden id, action allow or deny). On
// a bad form it answers 400 itself and returns ok false.
func readDecision(w http.ResponseWriter, r *http.Request) (id string, allow, ok bool) {
	if err := r.ParseForm(); err != nil {
		renderMessage(w, r, http.StatusBadRequest, msgBadForm)
		return "", false, false
	}
	action := r.PostForm.Get("action")
	if action != "allow" && action != "deny" {
		renderMessage(w, r, http.StatusBadRequest, message{title: "badform.title", body: "badchoice.body", next: "next.retry"})
		return "", false, false
	}
	return r.PostForm.Get("id"), action == "allow", true
}
