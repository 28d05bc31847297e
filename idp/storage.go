package idp

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/zitadel/oidc/v3/pkg/op"
)

// storage is the provider's in-memory state. It implements op.Storage,
// op.ClientCredentialsStorage, op.DeviceAuthorizationStorage,
// op.CanSetUserinfoFromRequest and op.CanGetPrivateClaimsFromRequest.
// Methods are split by concern over the storage_*.go files.
//
// Every method is safe for concurrent use. Values handed to op are copies,
// so op never reads memory that a login or consent handler is changing.
type storage struct {
	mu sync.Mutex

	clients map[string]*client
	users   map[string]*user // by user ID
	byName  map[string]*user // by username

	authRequests map[string]*authRequest // by auth request ID
	codes        map[string]string       // authorization code → auth request ID

	accessTokens  map[string]*accessToken  // by token ID (the JWT's jti)
	refreshTokens map[string]*refreshToken // by refreshTokenID(token)

	devices   map[string]*deviceAuth // by device code
	userCodes map[string]string      // normalized user code → device code

	key       *signingKey
	accessTTL time.Duration
	log       *slog.Logger

	// state is where persisted fields go; nil keeps everything in memory.
	state *stateFile
	// version counts changes to persisted fields, so that a slow writer
	// never overwrites a newer snapshot with an older one.
	version uint64
}

// Compile-time checks of the optional interfaces op looks for.
var (
	_ op.Storage                        = (*storage)(nil)
	_ op.ClientCredentialsStorage       = (*storage)(nil)
	_ op.DeviceAuthorizationStorage     = (*storage)(nil)
	_ op.CanSetUserinfoFromRequest      = (*storage)(nil)
	_ op.CanGetPrivateClaimsFromRequest = (*storage)(nil)
)

// newStorage builds the storage from loaded state (nil for a fresh start),
// creating the signing key and built-in users when the state has none.
func newStorage(opts Options, sf *stateFile, saved *savedState) (*storage, error) {
	s := &storage{
		clients:       builtinClients(opts.IDTokenTTL),
		users:         map[string]*user{},
		byName:        map[string]*user{},
		authRequests:  map[string]*authRequest{},
		codes:         map[string]string{},
		accessTokens:  map[string]*accessToken{},
		refreshTokens: map[string]*refreshToken{},
		devices:       map[string]*deviceAuth{},
		userCodes:     map[string]string{},
		accessTTL:     opts.AccessTokenTTL,
		log:           opts.Logger,
		state:         sf,
	}
	if saved != nil {
		if err := s.restore(saved); err != nil {
			return nil, err
		}
	}
	changed := false
	if s.key == nil {
		k, err := newSigningKey()
		if err != nil {
			return nil, err
		}
		s.key = k
		changed = true
	}
	if len(s.users) == 0 {
		users, err := builtinUsers()
		if err != nil {
			return nil, err
		}
		for _, u := range users {
			s.addUserLocked(u)
		}
		changed = true
	}
	if changed {
		s.version++
	}
	return s, nil
}

// addUserLocked registers u. The caller holds s.mu (or owns s exclusively).
func (s *storage) addUserLocked(u *user) {
	s.users[u.ID] = u
	s.byName[u.Username] = u
}

// Health implements op.Storage.
func (s *storage) Health(context.Context) error { return nil }

// checkCredentials returns a copy of the user if username and password
// match, nil otherwise.
func (s *storage) checkCredentials(username, password string) *user {
	s.mu.Lock()
	u := s.byName[username]
	s.mu.Unlock()
	if u == nil {
		// Spend the same time as for a known user.
		checkPassword(dummyPasswordHash(), password)
		return nil
	}
	if !checkPassword(u.PasswordHash, password) {
		return nil
	}
	c := *u
	return &c
}

// dummyPasswordHash is compared against when the username is unknown, so
// that an unknown user costs as much time as a wrong password. It is made
// on first use: PBKDF2 at package init would slow every oauthdesk command.
var dummyPasswordHash = sync.OnceValue(func() string {
	h, err := hashPassword("not a password")
	if err != nil {
		panic(err)
	}
	return h
})

// userByID returns a copy of the user with that ID, or nil.
func (s *storage) userByID(id string) *user {
	s.mu.Lock()
	defer s.mu.Unlock()
	u := s.users[id]
	if u == nil {
		return nil
	}
	c := *u
	return &c
}

// randomID returns n random bytes, base64url-encoded without padding.
func randomID(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		// crypto/rand.Read never returns an error on supported platforms.
		panic(fmt.Sprintf("idp: read random bytes: %v", err))
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// refreshTokenID is the key a refresh token is stored under: a hash of the
// token, so neither memory dumps nor the state file hold usable tokens.
func refreshTokenID(token string) string {
	sum := sha256.Sum256([]byte(token))
	return "rt:" + hex.EncodeToString(sum[:])
}

// sweepLocked forgets expired auth requests, codes, device authorizations
// and tokens. The caller holds s.mu.
func (s *storage) sweepLocked(now time.Time) {
	for id, ar := range s.authRequests {
		if now.Sub(ar.CreatedAt) > authRequestTTL {
			s.deleteAuthRequestLocked(id)
		}
	}
	for code, d := range s.devices {
		if now.After(d.state.Expires.Add(time.Minute)) {
			delete(s.userCodes, d.userCode)
			delete(s.devices, code)
		}
	}
	for id, at := range s.accessTokens {
		if now.After(at.ExpiresAt) {
			delete(s.accessTokens, id)
		}
	}
	for id, rt := range s.refreshTokens {
		if now.After(rt.ExpiresAt) {
			delete(s.refreshTokens, id)
		}
	}
}
