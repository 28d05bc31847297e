package idp

import (
	"net/http"
	"net/url"
)

// deviceBindingCookie names the binding cookie of a device authorization.
func deviceBindingCookie(userCode string) string { return "idp_d_" + normalizeUserCode(userCode) }

// deviceMemoKey keys a device authorization in the provider's memos.
func deviceMemoKey(userCode string) string { return "d:" + normalizeUserCode(userCode) }

// handleDevicePage is the RFC 8628 verification page (GET /device). Without
// a user_code it asks for one; with a valid one it shows the login form
// (with the error after a wrong password: failed=1, post/redirect/get).
func (s *Server) handleDevicePage(w http.ResponseWriter, r *http.Request) {
	code := r.URL.Query().Get("user_code")
	if code == "" {
		render(w, http.StatusOK, deviceCodePage, deviceCodeData{Frame: frame(r, "device.title", "")})
		return
	}
	d, err := s.store.pendingDevice(code)
	if err != nil {
		s.goneDevicePage(w, r, code)
		return
	}
	ld := loginData{Frame: frame(r, "login.title", ""), Action: "/device/login", ID: d.UserCode, ClientName: clientName(d.ClientID)}
	if r.URL.Query().Get("failed") == "1" {
		if name, ok := s.failedLogins.get(deviceMemoKey(code)); ok {
			ld.Username, ld.Error = name, true
		}
	}
	render(w, http.StatusOK, loginPage, ld)
}

// goneDevicePage answers for a user code that is no longer pending: calm
// if it was answered here, the code form with an error if not.
func (s *Server) goneDevicePage(w http.ResponseWriter, r *http.Request, code string) {
	if _, ok := s.answered.get(deviceMemoKey(code)); ok {
		renderMessage(w, r, http.StatusOK, msgFinished)
		return
	}
	render(w, http.StatusOK, deviceCodePage, deviceCodeData{Frame: frame(r, "device.title", ""), UserCode: code, Error: true})
}

// handleDeviceLogin checks credentials for a device authorization
// (POST /device/login), then goes on to its consent page. Cancel denies
// the device at once.
func (s *Server) handleDeviceLogin(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		renderMessage(w, r, http.StatusBadRequest, msgBadForm)
		return
	}
	code := r.PostForm.Get("id")
	if r.PostForm.Get("cancel") != "" {
		if err := s.store.cancelDevice(code); err != nil {
			s.goneDevicePage(w, r, code)
			return
		}
		s.log.Info("idp: device sign-in canceled")
		s.deviceAnswered(w, r, code, false)
		return
	}
	username := r.PostForm.Get("username")
	d, err := s.store.pendingDevice(code)
	if err != nil {
		s.goneDevicePage(w, r, code)
		return
	}
	u := s.store.checkCredentials(username, r.PostForm.Get("password"))
	if u == nil {
		s.log.Info("idp: device sign-in failed", "username", username, "client_id", d.ClientID)
		s.failedLogins.put(deviceMemoKey(code), username)
		http.Redirect(w, r, "/device?user_code="+url.QueryEscape(d.UserCode)+"&failed=1", http.StatusSeeOther)
		return
	}
	s.failedLogins.drop(deviceMemoKey(code))
	binding := setBindingCookie(w, deviceBindingCookie(code))
	if err := s.store.loginDevice(code, u.ID, binding); err != nil {
		s.goneDevicePage(w, r, code)
		return
	}
	http.Redirect(w, r, "/device/consent?id="+url.QueryEscape(d.UserCode), http.StatusSeeOther)
}

// handleDeviceConsentPage shows Allow/Deny for a device (GET /device/consent).
func (s *Server) handleDeviceConsentPage(w http.ResponseWriter, r *http.Request) {
	code := r.URL.Query().Get("id")
	d, err := s.store.pendingDevice(code)
	if err != nil {
		s.goneDevicePage(w, r, code)
		return
	}
	subject, binding := s.store.deviceSignIn(code)
	if subject == "" || binding != bindingCookie(r, deviceBindingCookie(code)) {
		http.Redirect(w, r, "/device?user_code="+url.QueryEscape(d.UserCode), http.StatusSeeOther)
		return
	}
	u := s.store.userByID(subject)
	if u == nil {
		s.goneDevicePage(w, r, code)
		return
	}
	f := frame(r, "consent.title", "")
	render(w, http.StatusOK, consentPage, consentData{
		Frame: f, Action: "/device/consent", ID: d.UserCode, ClientName: clientName(d.ClientID),
		UserName: u.Name, Username: u.Username, Scopes: scopeViews(f.Lang, d.Scopes),
	})
}

// Device outcomes.
var (
	msgDeviceConnected = message{title: "device.connected.title", body: "device.connected.body", next: "device.connected.next", ok: true}
	msgDeviceDeclined  = message{title: "device.declined.title", body: "device.declined.body", next: "device.declined.next"}
)

// handleDeviceConsent records Allow or Deny for a device
// (POST /device/consent) and tells the person to go back to the device.
func (s *Server) handleDeviceConsent(w http.ResponseWriter, r *http.Request) {
	code, allow, ok := readDecision(w, r)
	if !ok {
		return
	}
	if err := s.store.decideDevice(code, bindingCookie(r, deviceBindingCookie(code)), allow); err != nil {
		if _, answered := s.answered.get(deviceMemoKey(code)); answered {
			renderMessage(w, r, http.StatusOK, msgFinished)
			return
		}
		s.errorPageForDecision(w, r, "", err)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: deviceBindingCookie(code), Value: "", Path: "/", MaxAge: -1})
	s.log.Info("idp: device answered", "allowed", allow)
	s.deviceAnswered(w, r, code, allow)
}

// deviceAnswered remembers the answer for code and redirects to its
// result page (post/redirect/get: a reload shows the result again and
// posts nothing).
func (s *Server) deviceAnswered(w http.ResponseWriter, r *http.Request, code string, allow bool) {
	answer := "denied"
	if allow {
		answer = "allowed"
	}
	s.answered.put(deviceMemoKey(code), answer)
	http.Redirect(w, r, "/device/done?user_code="+url.QueryEscape(normalizeUserCode(code)), http.StatusSeeOther)
}

// handleDeviceDone shows the answer given for a device (GET /device/done).
func (s *Server) handleDeviceDone(w http.ResponseWriter, r *http.Request) {
	code := r.URL.Query().Get("user_code")
	switch answer, _ := s.answered.get(deviceMemoKey(code)); answer {
	case "allowed":
		renderMessage(w, r, http.StatusOK, msgDeviceConnected)
	case "denied":
		renderMessage(w, r, http.StatusOK, msgDeviceDeclined)
	default:
		s.goneDevicePage(w, r, code)
	}
}
