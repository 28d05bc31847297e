package idp

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"

	jose "github.com/go-jose/go-jose/v4"
)

// ProofPath answers a challenge with a JWS signed by the provider's
// signing key: {"iss": issuer, "challenge": the challenge}. Only a process
// holding the key in the data directory (mode 0600 in a 0700 directory)
// can answer it, so EnsureDemo can tell its own provider from one that
// copies the public marker, discovery and JWKS.
const ProofPath = MarkerPath + "/proof"

// proofType is the proof's JWS "typ": a proof can never pass for an ID or
// access token (it also lacks their aud, sub and exp claims).
const proofType = "oauthdesk-idp-proof"

// challengeLen is the length of a challenge: 32 random bytes, base64url.
const challengeLen = 43

// proofClaims is the signed payload.
type proofClaims struct {
	Issuer    string `json:"iss"`
	Challenge string `json:"challenge"`
}

// handleProof signs the challenge (GET ProofPath?challenge=…).
func (s *Server) handleProof(w http.ResponseWriter, r *http.Request) {
	c := r.URL.Query().Get("challenge")
	if len(c) != challengeLen {
		http.Error(w, "challenge must be 32 random bytes, base64url without padding", http.StatusBadRequest)
		return
	}
	payload, err := json.Marshal(proofClaims{Issuer: s.issuer, Challenge: c})
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	s.store.mu.Lock()
	key := s.store.key
	s.store.mu.Unlock()
	signer, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.RS256, Key: key.private}, (&jose.SignerOptions{}).WithType(proofType))
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	jws, err := signer.Sign(payload)
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	compact, err := jws.CompactSerialize()
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/jose")
	w.Header().Set("Cache-Control", "no-store")
	_, _ = io.WriteString(w, compact)
}

// errNoKey means the data directory holds no signing key to check a
// provider against.
var errNoKey = errors.New("no signing key to check it against")

// savedPublicKey reads the public half of the signing key kept in dataDir.
func savedPublicKey(dataDir string) (*rsa.PublicKey, error) {
	if dataDir == "" {
		return nil, fmt.Errorf("%w: the demo provider has no data directory", errNoKey)
	}
	path := filepath.Join(dataDir, stateFileName)
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("%w: %s does not exist", errNoKey, path)
	}
	if err != nil {
		return nil, fmt.Errorf("reading the demo provider's key from %s: %w", path, err)
	}
	var st savedState
	if err := json.Unmarshal(data, &st); err != nil || st.SigningKey == "" {
		return nil, fmt.Errorf("%w: %s holds none", errNoKey, path)
	}
	k, err := parseSigningKeyPEM(st.SigningKey)
	if err != nil {
		return nil, fmt.Errorf("reading the demo provider's key from %s: %w", path, err)
	}
	return &k.private.PublicKey, nil
}

// verifyProof sends a fresh challenge to issuer's ProofPath and checks
// that the answer is signed with pub and names issuer and the challenge.
// Nothing else is sent: the challenge is random and worthless to anyone.
func verifyProof(ctx context.Context, client *http.Client, issuer string, pub *rsa.PublicKey) error {
	var raw [32]byte
	if _, err := rand.Read(raw[:]); err != nil {
		return fmt.Errorf("making a challenge: %w", err)
	}
	challenge := base64.RawURLEncoding.EncodeToString(raw[:])
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, issuer+ProofPath+"?challenge="+url.QueryEscape(challenge), nil)
	if err != nil {
		return fmt.Errorf("building the proof request: %w", err)
	}
	resp, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("asking it to prove it holds the demo provider's key: %w", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 16<<10))
	if err != nil || resp.StatusCode != http.StatusOK {
		return fmt.Errorf("it did not prove that it holds the demo provider's key (HTTP %d)", resp.StatusCode)
	}
	jws, err := jose.ParseSigned(string(body), []jose.SignatureAlgorithm{jose.RS256})
	if err != nil {
		return fmt.Errorf("its proof is not a JWS: %w", err)
	}
	if len(jws.Signatures) != 1 || jws.Signatures[0].Header.ExtraHeaders[jose.HeaderType] != proofType {
		return fmt.Errorf("its proof is not an oauthdesk proof")
	}
	payload, err := jws.Verify(pub)
	if err != nil {
		return fmt.Errorf("its proof is not signed with the demo provider's key from the data directory")
	}
	var got proofClaims
	if err := json.Unmarshal(payload, &got); err != nil || got.Issuer != issuer || got.Challenge != challenge {
		return fmt.Errorf("its proof answers another challenge or issuer (%q)", got.Issuer)
	}
	return nil
}
