package auth

import (
	"bytes"
	"net/http"
)

// CallHistory returns the requests Call sent for a provider in this
// engine's life, oldest first, at most the last 50, without their
// Authorization headers.
func (e *Engine) CallHistory(id string) []APIRequest {
	e.api.mu.Lock()
	defer e.api.mu.Unlock()
	list := e.api.history[providerOf(id)]
	out := make([]APIRequest, len(list))
	for i, r := range list {
		out[i] = cloneAPIRequest(r)
	}
	return out
}

// rememberCall adds a request to the provider's history, without its
// credentials.
func (e *Engine) rememberCall(provider string, r APIRequest) {
	r = cloneAPIRequest(r)
	r.Header.Del("Authorization")
	r.Header.Del("Proxy-Authorization")
	e.api.mu.Lock()
	defer e.api.mu.Unlock()
	if e.api.history == nil {
		e.api.history = map[string][]APIRequest{}
	}
	list := append(e.api.history[provider], r)
	if len(list) > maxAPIHistory {
		list = append([]APIRequest(nil), list[len(list)-maxAPIHistory:]...)
	}
	e.api.history[provider] = list
}

// cloneAPIRequest copies r deeply, so that callers cannot change the
// history.
func cloneAPIRequest(r APIRequest) APIRequest {
	r.Header = r.Header.Clone()
	if r.Header == nil {
		r.Header = http.Header{}
	}
	r.Body = bytes.Clone(r.Body)
	return r
}
