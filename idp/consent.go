package idp

import (
	"net/http"
	"net/url"

	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"
)

// handleConsentPage lists the requested scopes with Allow and Deny
// (GET /consent?id=). Only the browser that signed in sees it.
func (s *Server) handleConsentPage(w http.ResponseWriter, r *http.Request) {
	id := r.URL.Query().Get("id")
	ar, err := s.store.authRequest(id)
	if err != nil || ar.done {
		errorPageForDecision(w, errNotFound)
		return
	}
	if ar.Subject == "" || ar.binding != bindingCookie(r, authBindingCookie(id)) {
		http.Redirect(w, r, "/login?id="+url.QueryEscape(id), http.StatusSeeOther)
		return
	}
	u := s.store.userByID(ar.Subject)
	if u == nil {
		errorPageForDecision(w, errNotFound)
		return
	}
	render(w, http.StatusOK, consentPage, consentData{
		Action: "/consent", ID: id, ClientName: clientName(ar.ClientID),
		UserName: u.Name, Username: u.Username, Scopes: scopeViews(ar.Scopes),
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
		errorPageForDecision(w, err)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: authBindingCookie(id), Value: "", Path: "/", MaxAge: -1})
	if allow {
		s.log.Info("idp: consent given", "client_id", ar.ClientID)
		http.Redirect(w, r, op.AuthCallbackURL(s.provider)(r.Context(), id), http.StatusSeeOther)
		return
	}
	s.log.Info("idp: consent denied", "client_id", ar.ClientID)
	e := oidc.ErrAccessDenied().WithDescription("The user denied the request.")
	e.State = ar.State
	to, err := op.AuthResponseURL(ar.RedirectURI, ar.ResponseType, ar.ResponseMode, e, s.provider.Encoder())
	if err != nil {
		renderMessage(w, http.StatusInternalServerError, "Error", "Could not build the answer to the app.")
		return
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}

// readDecision reads a consent form (hidden id, action allow or deny). On
// a bad form it answers 400 itself and returns ok false.
func readDecision(w http.ResponseWriter, r *http.Request) (id string, allow, ok bool) {
	if err := r.ParseForm(); err != nil {
		renderMessage(w, http.StatusBadRequest, "Bad request", "The form could not be read.")
		return "", false, false
	}
	action := r.PostForm.Get("action")
	if action != "allow" && action != "deny" {
		renderMessage(w, http.StatusBadRequest, "Bad request", "Choose Allow or Deny.")
		return "", false, false
	}
	return r.PostForm.Get("id"), action == "allow", true
}
