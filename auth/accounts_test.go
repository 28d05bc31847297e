package auth

import (
	"context"
	"errors"
	"testing"
	"time"
)

func signInAs(t *testing.T, e *Engine, op *testOP, sub string) *TokenSet {
	t.Helper()
	op.mu.Lock()
	op.subject = sub
	op.mu.Unlock()
	ts, err := e.Login(context.Background(), "op", LoginOptions{Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return ts
}

func TestSeveralAccountsPerProvider(t *testing.T) {
	op := newTestOP(t)
	e := testEngine(t, op, nil)
	ctx := context.Background()
	alice := signInAs(t, e, op, "alice")
	bob := signInAs(t, e, op, "bob")

	// The newest sign-in is active; the earlier one is kept.
	if got, _ := e.Stored("op"); got.AccessToken != bob.AccessToken {
		t.Fatal("the second sign-in is not the active account")
	}
	if got, err := e.Stored("op/alice@example.com"); err != nil || got.AccessToken != alice.AccessToken {
		t.Fatalf("alice's session is not reachable by label: %v", err)
	}
	accts, err := e.Accounts(ctx, "op")
	if err != nil || len(accts) != 2 || accts[0].Label != "bob@example.com" || !accts[0].Active || accts[1].Label != "alice@example.com" {
		t.Fatalf("accounts: %+v %v", accts, err)
	}

	// Signing in as alice again replaces her session, not bob's.
	alice2 := signInAs(t, e, op, "alice")
	if got, _ := e.Stored("op/bob@example.com"); got == nil || got.AccessToken != bob.AccessToken {
		t.Fatal("bob's session was lost when alice signed in again")
	}
	if got, _ := e.Stored("op"); got.AccessToken != alice2.AccessToken {
		t.Fatal("alice's new session is not active")
	}

	// Switch, refresh one account, sign one out: the other is untouched.
	if err := e.SwitchAccount(ctx, "op", "bob@example.com"); err != nil {
		t.Fatal(err)
	}
	if got, _ := e.Stored("op"); got.AccessToken != bob.AccessToken {
		t.Fatal("switch did not make bob active")
	}
	if _, err := e.Refresh(ctx, "op/alice@example.com"); err != nil {
		t.Fatal(err)
	}
	if got, _ := e.Stored("op"); got.AccessToken != bob.AccessToken {
		t.Fatal("refreshing alice changed bob's session")
	}
	if err := e.Logout(ctx, "op/alice@example.com"); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Stored("op/alice@example.com"); !errors.Is(err, ErrUnknownAccount) {
		t.Fatalf("alice is still stored: %v", err)
	}
	if got, _ := e.Stored("op"); got == nil || got.AccessToken != bob.AccessToken {
		t.Fatal("signing alice out touched bob")
	}
	// Signing out the active account promotes the next one, if any.
	signInAs(t, e, op, "carol")
	if err := e.Logout(ctx, "op"); err != nil {
		t.Fatal(err)
	}
	if got, _ := e.Stored("op"); got == nil || got.AccessToken != bob.AccessToken {
		t.Fatalf("bob was not promoted after carol signed out: %+v", got)
	}
	if err := e.SwitchAccount(ctx, "op", "nobody"); !errors.Is(err, ErrUnknownAccount) {
		t.Fatalf("switch to an unknown account: %v", err)
	}
}
