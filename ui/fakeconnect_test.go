package ui

import (
	"context"
	"strings"

	"oauthdesk/auth"
)

// The fake's side of "Add from an API URL…".

func (f *fakeBackend) DiscoverResource(ctx context.Context, id, url string) (*auth.ResourceDiscovery, error) {
	f.hook("DiscoverResource")
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record("DiscoverResource %s %s", id, url)
	if f.discoverErr != nil {
		return nil, f.discoverErr
	}
	rd := *f.discovery
	rd.URL = url
	return &rd, nil
}

func (f *fakeBackend) Connect(ctx context.Context, req auth.ConnectRequest) (*auth.ConnectResult, error) {
	f.hook("Connect")
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record("Connect %s %s", req.ID, req.AuthorizationServer)
	f.connects = append(f.connects, req)
	f.providers = append(f.providers, auth.Provider{ID: req.ID, Name: "Test API", Issuer: req.AuthorizationServer, ClientID: "registered", Resources: []string{req.URL}})
	return &auth.ConnectResult{ProviderID: req.ID, Issuer: req.AuthorizationServer, ClientID: "registered", Registered: true}, nil
}

func (f *fakeBackend) SuggestProviderID(url string) (string, error) {
	f.hook("SuggestProviderID")
	return "api-example-com", nil
}

func (f *fakeBackend) CoveringProvider(url string) string {
	f.hook("CoveringProvider")
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, p := range f.providers {
		for _, r := range p.Resources {
			if strings.HasPrefix(url, r) {
				return p.ID
			}
		}
	}
	return ""
}
