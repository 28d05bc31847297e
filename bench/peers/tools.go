package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// tool is one command-line sign-in program under test: how to run a whole
// login (after an untimed reset that makes the next run sign in afresh) and,
// if it caches, how to ask it for the cached token.
type tool struct {
	name string
	// reset, run untimed before each timed login, forgets what the
	// previous login stored.
	reset func() error
	login []string // nil: the tool has only the cached-token path
	token []string // nil: the tool keeps no token to hand back
	env   []string // added to the bench's environment
}

// world is what every tool's command line is built from.
type world struct {
	dir     string // scratch directory of this run
	issuer  string // the provider's issuer URL
	authURL string
	tokURL  string
	browser string // the scripted browser
	client  string
}

// oauthdesk is the tool the others are compared with. It signs in to a
// provider entry of its own that names the bench's provider by issuer,
// with the scope the peers ask for (openid): the same work as kubelogin's
// (discovery, PKCE, state, nonce, ID-token check, keyring). The built-in
// demo provider would add its own start-up check and the consent that
// offline_access needs. A new login replaces the same account's session,
// as a person's would.
func oauthdesk(w world, bin string) tool {
	return tool{
		name:  "oauthdesk",
		reset: func() error { return nil },
		login: []string{bin, "login", "bench"},
		token: []string{bin, "token", "bench"},
	}
}

// oauthdeskConfig writes the providers.toml that oauthdesk's runs use.
func oauthdeskConfig(w world, path string) error {
	body := fmt.Sprintf("[[providers]]\nid = \"bench\"\npreset = \"oidc\"\nissuer = %q\nclient_id = %q\nscopes = [\"openid\"]\n", w.issuer, w.client)
	return os.WriteFile(path, []byte(body), 0o600)
}

// kubelogin runs `kubelogin get-token` (discovery, PKCE, state, nonce,
// ID-token check) with its token cache in the Secret Service (keyring) or
// in a file (disk). Its redirect URI is its default, http://localhost:PORT.
func kubelogin(w world, bin, storage string) tool {
	cacheDir := filepath.Join(w.dir, "kubelogin-"+storage)
	args := []string{bin, "get-token",
		"--oidc-issuer-url=" + w.issuer,
		"--oidc-client-id=" + w.client,
		"--listen-address=127.0.0.1:0",
		"--browser-command=" + w.browser,
		"--token-cache-storage=" + storage,
		"--token-cache-dir=" + cacheDir,
	}
	reset := func() error { return os.RemoveAll(cacheDir) }
	if storage == "keyring" {
		reset = func() error {
			return runQuiet(nil, bin, "clean", "--token-cache-dir="+cacheDir)
		}
	}
	return tool{name: "kubelogin (" + storage + ")", reset: reset, login: args, token: args}
}

// oauth2l runs `oauth2l fetch` with an "installed" client file: a loopback
// redirect, a fixed state, and a plain JSON cache file. It opens the
// browser with xdg-open, which the bench's PATH resolves to the scripted
// browser.
func oauth2l(w world, bin string) (tool, error) {
	creds := filepath.Join(w.dir, "oauth2l-client.json")
	body := fmt.Sprintf(`{"installed":{"client_id":%q,"auth_uri":%q,"token_uri":%q,"redirect_uris":["http://localhost"]}}`,
		w.client, w.authURL, w.tokURL)
	if err := os.WriteFile(creds, []byte(body), 0o600); err != nil {
		return tool{}, err
	}
	cache := filepath.Join(w.dir, "oauth2l-cache")
	args := []string{bin, "fetch", "--credentials", creds, "--scope", "openid", "--cache", cache, "--output_format", "bare"}
	return tool{name: "oauth2l", reset: func() error { return os.RemoveAll(cache) }, login: args, token: args}, nil
}

// oauth2cli runs int128/oauth2cli's example: PKCE and a loopback redirect,
// no discovery, no ID-token check, nothing stored.
func oauth2cli(w world, bin string) tool {
	return tool{
		name:  "oauth2cli example",
		reset: func() error { return nil },
		login: []string{bin, "-auth-url", w.authURL, "-token-url", w.tokURL, "-client-id", w.client, "-scopes", "openid"},
	}
}

// tools lists oauthdesk and every peer whose binary env names; a peer not
// given is skipped, and said so.
func tools(w world, bin string) ([]tool, error) {
	ts := []tool{oauthdesk(w, bin)}
	// Where the cached token's time goes: oauthdesk with its tokens in a
	// file (no D-Bus), and the process start alone (--help: no config, no
	// store).
	file := oauthdesk(w, bin)
	file.name, file.env = "oauthdesk (file)", []string{"OAUTHDESK_STORE=file"}
	ts = append(ts, file, tool{name: "oauthdesk --help", token: []string{bin, "--help"}})
	if p := os.Getenv("OAUTHDESK_BASELINE"); p != "" {
		// An earlier build, for before-and-after figures in one run.
		t := oauthdesk(w, p)
		t.name = "oauthdesk baseline"
		ts = append(ts, t)
	}
	if p := os.Getenv("KUBELOGIN"); p != "" {
		ts = append(ts, kubelogin(w, p, "keyring"), kubelogin(w, p, "disk"))
	} else {
		fmt.Println("kubelogin: skipped (set KUBELOGIN=path)")
	}
	if p := os.Getenv("OAUTH2L"); p != "" {
		t, err := oauth2l(w, p)
		if err != nil {
			return nil, fmt.Errorf("oauth2l client file: %w", err)
		}
		ts = append(ts, t)
	} else {
		fmt.Println("oauth2l: skipped (set OAUTH2L=path)")
	}
	if p := os.Getenv("OAUTH2CLI"); p != "" {
		ts = append(ts, oauth2cli(w, p))
	} else {
		fmt.Println("oauth2cli: skipped (set OAUTH2CLI=path to its example binary)")
	}
	return ts, nil
}

// browserShim writes an xdg-open into dir that hands the URL to the
// scripted browser, for the tools that open the browser that way.
func browserShim(dir, browser string) error {
	script := "#!/bin/sh\nexec " + shellQuote(browser) + " \"$@\"\n"
	return os.WriteFile(filepath.Join(dir, "xdg-open"), []byte(script), 0o755)
}

// shellQuote quotes s for /bin/sh.
func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }
