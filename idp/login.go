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

// handleLoginPage shows the login form for an auth request (GET /login?id=).
func (s *Server) handleLoginPage(w http.ResponseWriter, r *http.Request) {
	id := r.URL.Query().Get("id")
	ar, err := s.store.authRequest(id)
	if err != nil {
		renderMessage(w, http.StatusBadRequest, "Sign-in expired", "This sign-in request is unknown or has expired. Go back to the app and start again.")
		return
	}
	render(w, http.StatusOK, loginPage, loginData{
		Action: "/login", ID: id, ClientName: clientName(ar.ClientID), Username: ar.LoginHint,
	})
}

// handleLogin checks the submitted credentials (POST /login). A wrong
// password shows the form again with an error; success binds the request to
// this browser and goes on to the consent page.
func (s *Server) handleLogin(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		renderMessage(w, http.StatusBadRequest, "Bad request", "The form could not be read.")
		return
	}
	id := r.PostForm.Get("id")
	username := r.PostForm.Get("username")
	ar, err := s.store.authRequest(id)
	if err != nil {
		renderMessage(w, http.StatusBadRequest, "Sign-in expired", "This sign-in request is unknown or has expired. Go back to the app and start again.")
		return
	}
	u := s.store.checkCredentials(username, r.PostForm.Get("password"))
	if u == nil {
		s.log.Info("idp: sign-in failed", "username", username, "client_id", ar.ClientID)
		render(w, http.StatusOK, loginPage, loginData{
			Action: "/login", ID: id, ClientName: clientName(ar.ClientID), Username: username,
			Error: "Wrong username or password.",
		})
		return
	}
	binding := setBindingCookie(w, authBindingCookie(id))
	if err := s.store.loginAuthRequest(id, u.ID, binding); err != nil {
		renderMessage(w, http.StatusBadRequest, "Sign-in expired", "This sign-in request is unknown or has expired. Go back to the app and start again.")
		return
	}
	s.log.Info("idp: signed in", "username", u.Username, "client_id", ar.ClientID)
	http.Redirect(w, r, "/consent?id="+url.QueryEscape(id), http.StatusSeeOther)
}

// errorPageForDecision shows why a consent step could not go on.
func errorPageForDecision(w http.ResponseWriter, err error) {
	if errors.Is(err, errNotSignedIn) {
		renderMessage(w, http.StatusForbidden, "Not signed in", "Sign in first, in this browser.")
		return
	}
	renderMessage(w, http.StatusBadRequest, "Sign-in expired", "This sign-in request is unknown, expired or already answered. Go back to the app and start again.")
}
