package idp

import (
	"errors"
	"net/http"
	"net/url"
	"time"
)

// bindingCookieTTL is how long the browser binding cookie lives; it matches
// the lifetime of an auth request.
const bindingCookieTTL = authRequestTTL

// setBindingCookie stores a fresh random binding in the browser under name
// and returns it.
func setBindingCookie(w http.ResponseWriter, name string) string {
	v := randomID(18)
	http.SetCookie(w, &http.Cookie{
		Name:     name,
		Value:    v,
		Path:     "/",
		MaxAge:   int(bindingCookieTTL / time.Second),
		HttpOnly: true,
		SameSite: http.SameSiteLaxMode,
	})
	return v
}

// bindingCookie reads the binding cookie name, "" if absent.
func bindingCookie(r *http.Request, name string) string {
	c, err := r.Cookie(name)
	if err != nil {
		return ""
	}
	return c.Value
}

// authBindingCookie names the binding cookie of an auth request.
func authBindingCookie(id string) string { return "idp_b_" + id }

// handleLoginPage shows the login form for an auth request
// (GET /login?id=). After a wrong password the form posts back here with
// failed=1 (post/redirect/get): the error is shown, tied to both fields,
// and the password field has the focus.
func (s *Server) handleLoginPage(w http.ResponseWriter, r *http.Request) {
	id := r.URL.Query().Get("id")
	ar, err := s.store.authRequest(id)
	if err != nil || ar.done {
		s.goneRequestPage(w, r, id)
		return
	}
	d := loginData{Frame: frame(r, "login.title", ""), Action: "/login", ID: id, ClientName: clientName(ar.ClientID), Username: ar.LoginHint}
	if r.URL.Query().Get("failed") == "1" {
		if name, ok := s.failedLogins.get(id); ok {
			d.Username, d.Error = name, true
		}
	}
	render(w, http.StatusOK, loginPage, d)
}

// handleLogin checks the submitted credentials (POST /login). A wrong
// password redirects back to the form (GET, so a reload never re-posts);
// Cancel answers the app with access_denied at once; success binds the
// request to this browser and goes on to the consent page.
func (s *Server) handleLogin(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		renderMessage(w, r, http.StatusBadRequest, msgBadForm)
		return
	}
	id := r.PostForm.Get("id")
	if r.PostForm.Get("cancel") != "" {
		s.cancelLogin(w, r, id)
		return
	}
	username := r.PostForm.Get("username")
	ar, err := s.store.authRequest(id)
	if err != nil || ar.done {
		s.goneRequestPage(w, r, id)
		return
	}
	u := s.store.checkCredentials(username, r.PostForm.Get("password"))
	if u == nil {
		s.log.Info("idp: sign-in failed", "username", username, "client_id", ar.ClientID)
		s.failedLogins.put(id, username)
		http.Redirect(w, r, "/login?id="+url.QueryEscape(id)+"&failed=1", http.StatusSeeOther)
		return
	}
	s.failedLogins.drop(id)
	binding := setBindingCookie(w, authBindingCookie(id))
	if err := s.store.loginAuthRequest(id, u.ID, binding); err != nil {
		s.goneRequestPage(w, r, id)
		return
	}
	s.log.Info("idp: signed in", "username", u.Username, "client_id", ar.ClientID)
	http.Redirect(w, r, "/consent?id="+url.QueryEscape(id), http.StatusSeeOther)
}

// cancelLogin ends the auth request id and sends the browser back to the
// app with error=access_denied.
func (s *Server) cancelLogin(w http.ResponseWriter, r *http.Request, id string) {
	ar, err := s.store.cancelAuthRequest(id)
	if err != nil {
		s.goneRequestPage(w, r, id)
		return
	}
	s.failedLogins.drop(id)
	s.answered.put(id, "")
	s.log.Info("idp: sign-in canceled", "client_id", ar.ClientID)
	s.denyToClient(w, r, ar, "The user canceled the sign-in.")
}

// goneRequestPage answers for an auth request that is no longer pending:
// calm if it was answered in this provider's lifetime, "expired" if not.
func (s *Server) goneRequestPage(w http.ResponseWriter, r *http.Request, id string) {
	if _, ok := s.answered.get(id); ok {
		renderMessage(w, r, http.StatusOK, msgFinished)
		return
	}
	if ar, err := s.store.authRequest(id); err == nil && ar.done {
		renderMessage(w, r, http.StatusOK, msgFinished)
		return
	}
	renderMessage(w, r, http.StatusBadRequest, msgExpired)
}

// errorPageForDecision shows why a consent step for id could not go on.
func (s *Server) errorPageForDecision(w http.ResponseWriter, r *http.Request, id string, err error) {
	if errors.Is(err, errNotSignedIn) {
		renderMessage(w, r, http.StatusForbidden, msgNotSignedIn)
		return
	}
	s.goneRequestPage(w, r, id)
}
