// Package dynreg registers oauthdesk as a client at an authorization
// server that allows it, with OAuth 2.0 Dynamic Client Registration (RFC
// 7591), and deletes such a registration again (RFC 7592 §2.3). Register
// sends the client metadata and returns what the server issued, the
// registration_access_token and registration_client_uri included, for the
// caller to keep in the keyring; a refusal is a *Error carrying the
// server's error and description. It stores nothing itself.
package dynreg

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"

	"oauthdesk/auth/internal/sanitize"
)

// maxAnswerBytes bounds a registration answer.
const maxAnswerBytes = 64 << 10

// Request is the client metadata sent (RFC 7591 §2).
type Request struct {
	ClientName              string   `json:"client_name,omitempty"`
	ApplicationType         string   `json:"application_type,omitempty"`
	RedirectURIs            []string `json:"redirect_uris"`
	GrantTypes              []string `json:"grant_types,omitempty"`
	ResponseTypes           []string `json:"response_types,omitempty"`
	TokenEndpointAuthMethod string   `json:"token_endpoint_auth_method,omitempty"`
	Scope                   string   `json:"scope,omitempty"`
}

// Native is the metadata of a native public client that signs in through
// a loopback redirect (RFC 8252 §7.3) with the code and refresh grants.
// method is "none" unless the server allows only another one.
func Native(redirectURIs []string, method string) Request {
	if method == "" {
		method = "none"
	}
	return Request{
		ClientName:              "oauthdesk",
		ApplicationType:         "native",
		RedirectURIs:            redirectURIs,
		GrantTypes:              []string{"authorization_code", "refresh_token"},
		ResponseTypes:           []string{"code"},
		TokenEndpointAuthMethod: method,
	}
}

// Registration is what the server issued (RFC 7591 §3.2.1, RFC 7592 §3).
type Registration struct {
	ClientID                string `json:"client_id"`
	ClientSecret            string `json:"client_secret,omitempty"`
	TokenEndpointAuthMethod string `json:"token_endpoint_auth_method,omitempty"`
	RegistrationAccessToken string `json:"registration_access_token,omitempty"`
	RegistrationClientURI   string `json:"registration_client_uri,omitempty"`
	ClientIDIssuedAt        int64  `json:"client_id_issued_at,omitempty"`
	ClientSecretExpiresAt   int64  `json:"client_secret_expires_at,omitempty"`
}

// Manageable reports whether the registration can be read, changed or
// deleted later (RFC 7592): the server gave a URI and a token for it.
func (r *Registration) Manageable() bool {
	return r.RegistrationClientURI != "" && r.RegistrationAccessToken != ""
}

// Error is a registration the server refused (RFC 7591 §3.2.2) or a
// deletion it did not do.
type Error struct {
	// Status is the HTTP status.
	Status int
	// Code and Description are the server's error and error_description.
	Code, Description string
}

func (e *Error) Error() string {
	s := fmt.Sprintf("HTTP %d", e.Status)
	if e.Code != "" {
		s = e.Code
		if e.Description != "" {
			s += ": " + e.Description
		}
		s += fmt.Sprintf(" (HTTP %d)", e.Status)
	}
	return s
}

// ErrNotSupported means the server offers no way to delete the
// registration (no registration_client_uri, or it refuses DELETE).
var ErrNotSupported = errors.New("the server does not support deleting client registrations (RFC 7592)")

// Register posts req to endpoint, with initialToken as a bearer token
// when the server gave one out of band (RFC 7591 §3).
func Register(ctx context.Context, client *http.Client, endpoint string, req Request, initialToken string) (*Registration, error) {
	body, err := json.Marshal(req)
	if err != nil {
		return nil, fmt.Errorf("registering at %s: %w", sanitize.URL(endpoint), err)
	}
	hreq, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("registering at %s: %w", sanitize.URL(endpoint), err)
	}
	hreq.Header.Set("Content-Type", "application/json")
	hreq.Header.Set("Accept", "application/json")
	if initialToken != "" {
		hreq.Header.Set("Authorization", "Bearer "+initialToken)
	}
	resp, err := client.Do(hreq)
	if err != nil {
		return nil, fmt.Errorf("registering at %s: %w", sanitize.URL(endpoint), unwrap(err))
	}
	defer resp.Body.Close()
	answer, err := io.ReadAll(io.LimitReader(resp.Body, maxAnswerBytes+1))
	if err != nil {
		return nil, fmt.Errorf("registering at %s: reading the answer: %w", sanitize.URL(endpoint), unwrap(err))
	}
	if len(answer) > maxAnswerBytes {
		return nil, fmt.Errorf("registering at %s: the answer is over %d bytes", sanitize.URL(endpoint), maxAnswerBytes)
	}
	if resp.StatusCode != http.StatusCreated && resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("registering at %s: the server refused: %w", sanitize.URL(endpoint), serverError(resp.StatusCode, answer))
	}
	var reg Registration
	if err := json.Unmarshal(answer, &reg); err != nil || reg.ClientID == "" {
		return nil, fmt.Errorf("registering at %s: the answer has no client_id (RFC 7591 §3.2.1)", sanitize.URL(endpoint))
	}
	if reg.RegistrationClientURI != "" {
		if u, err := url.Parse(reg.RegistrationClientURI); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			reg.RegistrationClientURI = "" // unusable: never sent the token there
		}
	}
	return &reg, nil
}

// Delete deletes the registration at uri with its registration access
// token (RFC 7592 §2.3). A registration already gone (404, 410) counts
// as deleted; 405 or 501 is ErrNotSupported.
func Delete(ctx context.Context, client *http.Client, uri, token string) error {
	if uri == "" || token == "" {
		return ErrNotSupported
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodDelete, uri, nil)
	if err != nil {
		return fmt.Errorf("deleting the registration at %s: %w", sanitize.URL(uri), err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("deleting the registration at %s: %w", sanitize.URL(uri), unwrap(err))
	}
	defer resp.Body.Close()
	answer, _ := io.ReadAll(io.LimitReader(resp.Body, maxAnswerBytes))
	switch resp.StatusCode {
	case http.StatusNoContent, http.StatusOK, http.StatusNotFound, http.StatusGone:
		return nil
	case http.StatusMethodNotAllowed, http.StatusNotImplemented:
		return fmt.Errorf("deleting the registration at %s: %w (HTTP %d)", sanitize.URL(uri), ErrNotSupported, resp.StatusCode)
	}
	return fmt.Errorf("deleting the registration at %s: %w", sanitize.URL(uri), serverError(resp.StatusCode, answer))
}

// serverError reads an RFC 7591 §3.2.2 error body.
func serverError(status int, body []byte) *Error {
	var e struct {
		Error       string `json:"error"`
		Description string `json:"error_description"`
	}
	_ = json.Unmarshal(body, &e)
	return &Error{Status: status, Code: sanitize.Text(e.Error, 80), Description: sanitize.Text(e.Description, 300)}
}

func unwrap(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}
