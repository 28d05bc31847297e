package e2e

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
)

// handWritten is a providers file as a person writes it: comments, their
// own layout, a sub-table, a field order of their own.
const handWritten = `# My providers, written by hand. Keep this comment.
store = "keyring"

# the work Keycloak (dev realm)
[[providers]]
id = "work"                 # short name for the CLI
preset = "oidc"
issuer = "https://kc.example/realms/dev"
client_id = "oauthdesk"
scopes = [
  "openid",   # always
  "email",
]
[providers.auth_params]
prompt = "login"            # ask every time
`

// TestProvidersAddRemoveKeepWhatThePersonWrote: providers add appends one
// block and leaves every byte of the hand-written file as it was; remove
// takes that block out again and leaves the file exactly as written.
func TestProvidersAddRemoveKeepWhatThePersonWrote(t *testing.T) {
	e := newEnv(t)
	path := e.writeConfig(handWritten)
	if err := os.Chmod(path, 0o640); err != nil {
		t.Fatal(err)
	}

	r := e.mustRun("providers", "add", "gh", "--preset", "github", "--client-id", "abc123")
	if !strings.Contains(r.stdout, "Added gh to "+path) {
		t.Fatalf("add output: %s", r.stdout)
	}
	after := readFile(t, path)
	if !strings.HasPrefix(after, handWritten) {
		t.Fatalf("the hand-written text changed:\n%s", after)
	}
	if got := strings.TrimPrefix(after, handWritten); got != "\n[[providers]]\nid = \"gh\"\npreset = \"github\"\nclient_id = \"abc123\"\n" {
		t.Fatalf("the added block:\n%s", got)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o640 {
		t.Fatalf("the file's mode changed: %v %v", fi.Mode(), err)
	}

	// The secret goes to the keyring, never into the file.
	const secret = "s3cret-from-stdin-0042"
	r = e.runInput(secret+"\n", "providers", "add", "corp", "--preset", "oidc", "--issuer", "https://corp.example",
		"--client-id", "cid", "--scope", "openid", "--scope", "profile", "--secret-stdin")
	if r.code != 0 {
		t.Fatalf("add --secret-stdin: %d %s", r.code, r.stderr)
	}
	t.Cleanup(func() { e.run("providers", "remove", "corp") })
	if strings.Contains(readFile(t, path), secret) || strings.Contains(r.stdout+r.stderr, secret) {
		t.Fatal("the client secret was written to the file or the terminal")
	}
	if out, err := exec.Command("secret-tool", "lookup", "service", "oauthdesk", "username", "secret:corp").Output(); err != nil || !strings.Contains(string(out), secret) {
		t.Fatalf("the client secret is not in the keyring: %v %q", err, out)
	}
	if !strings.Contains(readFile(t, path), "scopes = [\"openid\", \"profile\"]\n") {
		t.Fatalf("scopes:\n%s", readFile(t, path))
	}

	// Adding an ID that is there already is refused, and changes nothing.
	before := readFile(t, path)
	assertOneLineError(t, e.run("providers", "add", "work", "--preset", "github", "--client-id", "x"), "already in")
	if readFile(t, path) != before {
		t.Fatal("a refused add changed the file")
	}

	r = e.mustRun("providers")
	for _, id := range []string{"work", "gh", "corp"} {
		if !strings.Contains(r.stdout, "\n"+id+" ") {
			t.Errorf("providers does not list %s:\n%s", id, r.stdout)
		}
	}

	e.mustRun("providers", "remove", "corp")
	if out, _ := exec.Command("secret-tool", "lookup", "service", "oauthdesk", "username", "secret:corp").Output(); len(out) != 0 {
		t.Fatal("remove left the client secret in the keyring")
	}
	e.mustRun("providers", "remove", "gh")
	if got := readFile(t, path); got != handWritten {
		t.Fatalf("after add and remove, the file is not as the person wrote it:\n%s", got)
	}
	e.mustRun("providers", "remove", "work")
	got := readFile(t, path)
	if !strings.Contains(got, "# My providers, written by hand. Keep this comment.\nstore = \"keyring\"\n") || strings.Contains(got, "[[providers]]") {
		t.Fatalf("after removing the hand-written block:\n%s", got)
	}
	assertOneLineError(t, e.run("providers", "remove", "work"), "unknown provider")
}

// TestProvidersTwoWritersAtOnce: several processes add a provider each at
// the same moment; every one of them is in the file afterwards.
func TestProvidersTwoWritersAtOnce(t *testing.T) {
	e := newEnv(t)
	path := e.writeConfig(handWritten)
	const rounds, writers = 3, 4
	for round := 0; round < rounds; round++ {
		var wg sync.WaitGroup
		results := make([]result, writers)
		start := make(chan struct{})
		for w := 0; w < writers; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				results[w] = e.run("providers", "add", fmt.Sprintf("p%d-%d", round, w), "--preset", "github", "--client-id", "c")
			}()
		}
		close(start)
		wg.Wait()
		for w, r := range results {
			if r.code != 0 {
				t.Fatalf("writer %d of round %d: exit %d: %s", w, round, r.code, r.stderr)
			}
		}
	}
	got := readFile(t, path)
	if !strings.HasPrefix(got, handWritten) {
		t.Fatalf("the hand-written part changed:\n%s", got)
	}
	for round := 0; round < rounds; round++ {
		for w := 0; w < writers; w++ {
			if id := fmt.Sprintf("id = \"p%d-%d\"", round, w); !strings.Contains(got, id) {
				t.Errorf("lost a concurrent add: %s is not in the file", id)
			}
		}
	}
	// Two adds of the same ID at once: one wins, the other is refused (the
	// check is made under the file's lock), and the file has one block.
	same := make([]result, 2)
	var wgSame sync.WaitGroup
	for i := range same {
		wgSame.Add(1)
		go func() {
			defer wgSame.Done()
			same[i] = e.run("providers", "add", "dup", "--preset", "github", "--client-id", fmt.Sprintf("c%d", i))
		}()
	}
	wgSame.Wait()
	if (same[0].code == 0) == (same[1].code == 0) {
		t.Errorf("two adds of one ID: exits %d and %d, want one success and one refusal", same[0].code, same[1].code)
	}
	if n := strings.Count(readFile(t, path), "id = \"dup\""); n != 1 {
		t.Errorf("%d blocks for dup", n)
	}

	// And two removers at once, of different providers.
	var wg sync.WaitGroup
	for _, id := range []string{"p0-0", "p0-1", "p1-0", "p1-1"} {
		wg.Add(1)
		go func() { defer wg.Done(); e.mustRun("providers", "remove", id) }()
	}
	wg.Wait()
	got = readFile(t, path)
	for _, id := range []string{"p0-0", "p0-1", "p1-0", "p1-1"} {
		if strings.Contains(got, "\""+id+"\"") {
			t.Errorf("a concurrent remove of %s was lost", id)
		}
	}
	if !strings.Contains(got, "\"p2-3\"") {
		t.Error("a concurrent remove took another provider with it")
	}
}

// TestProvidersBrokenFileIsNeverOverwritten: with a mistake in the file,
// add and remove refuse with the file and line, and the file stays as it is.
func TestProvidersBrokenFileIsNeverOverwritten(t *testing.T) {
	e := newEnv(t)
	broken := handWritten + "\n[[providers]]\nid = \"half\nclient_id = \"x\"\n"
	path := e.writeConfig(broken)
	for _, args := range [][]string{
		{"providers", "add", "gh", "--preset", "github", "--client-id", "abc"},
		{"providers", "remove", "work"},
	} {
		r := e.run(args...)
		assertOneLineError(t, r, path+":18")
		if got := readFile(t, path); got != broken {
			t.Fatalf("oauthdesk %s wrote over the broken file:\n%s", strings.Join(args, " "), got)
		}
	}
}

// TestProvidersAddUsage: a missing flag or an invalid provider is a usage
// error, and nothing is written.
func TestProvidersAddUsage(t *testing.T) {
	e := newEnv(t)
	path := e.writeConfig(handWritten)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"providers", "add", "x", "--preset", "github"}, "client-id"},
		{[]string{"providers", "add", "Bad ID", "--preset", "github", "--client-id", "c"}, "id:"},
		{[]string{"providers", "add", "x", "--preset", "nope", "--client-id", "c"}, "unknown preset"},
		{[]string{"providers", "add", "x", "--preset", "oidc", "--client-id", "c", "--issuer", "http://evil.example"}, "https"},
	} {
		r := e.run(c.args...)
		if r.code != 2 || !strings.Contains(r.stderr, c.want) {
			t.Errorf("oauthdesk %s: exit %d, stderr %q; want 2 and %q", strings.Join(c.args, " "), r.code, r.stderr, c.want)
		}
	}
	if got := readFile(t, path); got != handWritten {
		t.Fatalf("a refused add wrote the file:\n%s", got)
	}
	assertOneLineError(t, e.runInput("", "providers", "add", "x", "--preset", "github", "--client-id", "c", "--secret-stdin"), "no secret")
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
