package idp

import (
	"crypto/pbkdf2"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
)

// user is a person who can sign in. Passwords are kept only as PBKDF2 hashes.
type user struct {
	ID            string `json:"id"`
	Username      string `json:"username"`
	PasswordHash  string `json:"password_hash"`
	Name          string `json:"name"`
	GivenName     string `json:"given_name"`
	FamilyName    string `json:"family_name"`
	Email         string `json:"email"`
	EmailVerified bool   `json:"email_verified"`
	Picture       string `json:"picture,omitempty"`
}

// builtinUsers returns the users a fresh provider starts with: demo/demo
// and alice/alice.
func builtinUsers() ([]*user, error) {
	seed := []struct {
		user
		password string
	}{
		{user{ID: "demo-user-0001", Username: DemoUsername, Name: "Demo User", GivenName: "Demo", FamilyName: "User",
			Email: "demo@example.com", EmailVerified: true}, DemoPassword},
		{user{ID: "alice-user-0002", Username: "alice", Name: "Alice Example", GivenName: "Alice", FamilyName: "Example",
			Email: "alice@example.com", EmailVerified: true}, "alice"},
	}
	users := make([]*user, 0, len(seed))
	for _, s := range seed {
		u := s.user
		hash, err := hashPassword(s.password)
		if err != nil {
			return nil, fmt.Errorf("idp: hash password of built-in user %s: %w", u.Username, err)
		}
		u.PasswordHash = hash
		users = append(users, &u)
	}
	return users, nil
}

// pbkdf2Iterations is deliberately modest: these are demo accounts, and
// tests sign in many times.
const pbkdf2Iterations = 20000

// hashPassword returns "pbkdf2-sha256$ITER$SALT$HASH" (base64url, unpadded).
func hashPassword(password string) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("read random salt: %w", err)
	}
	key, err := pbkdf2.Key(sha256.New, password, salt, pbkdf2Iterations, 32)
	if err != nil {
		return "", fmt.Errorf("derive key: %w", err)
	}
	enc := base64.RawURLEncoding
	return "pbkdf2-sha256$" + strconv.Itoa(pbkdf2Iterations) + "$" + enc.EncodeToString(salt) + "$" + enc.EncodeToString(key), nil
}

// checkPassword reports whether password matches hash, in constant time
// with respect to the password.
func checkPassword(hash, password string) bool {
	parts := strings.Split(hash, "$")
	if len(parts) != 4 || parts[0] != "pbkdf2-sha256" {
		return false
	}
	iter, err := strconv.Atoi(parts[1])
	if err != nil || iter < 1 || iter > 10_000_000 {
		return false
	}
	enc := base64.RawURLEncoding
	salt, err1 := enc.DecodeString(parts[2])
	want, err2 := enc.DecodeString(parts[3])
	if err1 != nil || err2 != nil || len(want) == 0 {
		return false
	}
	got, err := pbkdf2.Key(sha256.New, password, salt, iter, len(want))
	if err != nil {
		return false
	}
	return subtle.ConstantTimeCompare(got, want) == 1
}

// validateUser checks a user loaded from the state file.
func validateUser(u *user) error {
	if u == nil || u.ID == "" || u.Username == "" {
		return fmt.Errorf("user without id or username")
	}
	if !strings.HasPrefix(u.PasswordHash, "pbkdf2-sha256$") {
		return fmt.Errorf("user %s: password_hash is not a pbkdf2-sha256 hash", u.Username)
	}
	return nil
}
