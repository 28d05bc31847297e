package idp

import (
	"net/http"
	"net/url"
)

// deviceBindingCookie names the binding cookie of a device authorization.
func deviceBindingCookie(userCode string) string { return "idp_d_" + normalizeUserCode(userCode) }

// handleDevicePage is the RFC 8628 verification page (GET /device). Without
// a user_code it asks for one; with a valid one it shows the login form.
func (s *Server) handleDevicePage(w http.ResponseWriter, r *http.Request) {
	code := r.URL.Query().Get("user_code")
	if code == "" {
		render(w, http.StatusOK, deviceCodePage, deviceCodeData{})
		return
	}
	d, err := s.store.pendingDevice(code)
	if err != nil {
		render(w, http.StatusOK, deviceCodePage, deviceCodeData{UserCode: code, Error: "That code is unknown, expired or already used."})
		return
	}
	render(w, http.StatusOK, loginPage, loginData{Action: "/device/login", ID: d.UserCode, ClientName: clientName(d.ClientID)})
}

// handleDeviceLogin checks credentials for a device authorization
// (POST /device/login), then goes on to its consent page.
func (s *Server) handleDeviceLogin(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		renderMessage(w, http.StatusBadRequest, "Bad request", "The form could not be read.")
		return
	}
	code := r.PostForm.Get("id")
	username := r.PostForm.Get("username")
	d, err := s.store.pendingDevice(code)
	if err != nil {
		render(w, http.StatusOK, deviceCodePage, deviceCodeData{UserCode: code, Error: "That code is unknown, expired or already used."})
		return
	}
	u := s.store.checkCredentials(username, r.PostForm.Get("password"))
	if u == nil {
		s.log.Info("idp: device sign-in failed", "username", username, "client_id", d.ClientID)
		render(w, http.StatusOK, loginPage, loginData{
			Action: "/device/login", ID: d.UserCode, ClientName: clientName(d.ClientID), Username: username,
			Error: "Wrong username or password.",
		})
		return
	}
	binding := setBindingCookie(w, deviceBindingCookie(code))
	if err := s.store.loginDevice(code, u.ID, binding); err != nil {
		render(w, http.StatusOK, deviceCodePage, deviceCodeData{UserCode: code, Error: "That code is unknown, expired or already used."})
		return
	}
	http.Redirect(w, r, "/device/consent?id="+url.QueryEscape(d.UserCode), http.StatusSeeOther)
}

// handleDeviceConsentPage shows Allow/Deny for a device (GET /device/consent).
func (s *Server) handleDeviceConsentPage(w http.ResponseWriter, r *http.Request) {
	code := r.URL.Query().Get("id")
	d, err := s.store.pendingDevice(code)
	if err != nil {
		render(w, http.StatusOK, deviceCodePage, deviceCodeData{UserCode: code, Error: "That code is unknown, expired or already used."})
		return
	}
	subject, binding := s.store.deviceSignIn(code)
	if subject == "" || binding != bindingCookie(r, deviceBindingCookie(code)) {
		http.Redirect(w, r, "/device?user_code="+url.QueryEscape(d.UserCode), http.StatusSeeOther)
		return
	}
	u := s.store.userByID(subject)
	if u == nil {
		errorPageForDecision(w, errNotFound)
		return
	}
	render(w, http.StatusOK, consentPage, consentData{
		Action: "/device/consent", ID: d.UserCode, ClientName: clientName(d.ClientID),
		UserName: u.Name, Username: u.Username, Scopes: scopeViews(d.Scopes),
	})
}

// handleDeviceConsent records Allow or Deny for a device
// (POST /device/consent) and tells the person to go back to the device.
func (s *Server) handleDeviceConsent(w http.ResponseWriter, r *http.Request) {
	code, allow, ok := readDecision(w, r)
	if !ok {
		return
	}
	if err := s.store.decideDevice(code, bindingCookie(r, deviceBindingCookie(code)), allow); err != nil {
		errorPageForDecision(w, err)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: deviceBindingCookie(code), Value: "", Path: "/", MaxAge: -1})
	if allow {
		s.log.Info("idp: device approved")
		renderMessage(w, http.StatusOK, "Device connected", "You can close this window and go back to your device.")
		return
	}
	s.log.Info("idp: device denied")
	renderMessage(w, http.StatusOK, "Access denied", "The device was not given access. You can close this window.")
}
