package tomledit

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

const handWritten = `# My providers. Written by hand.
store = "keyring"

# the work Keycloak
[[providers]]
id = "work"            # short name
preset = "oidc"
issuer = "https://kc.example/realms/dev"
client_id = "oauthdesk"
scopes = [
  "openid",   # always
  "email",
]

# GitHub, for the CLI
[[providers]]
  id = 'gh'
  preset = "github"
  client_id = "abc"
  [providers.auth_params]
  # ask every time
  prompt = "login"

# trailing note about the last block
`

func decode(t *testing.T, src []byte) map[string]any {
	t.Helper()
	var m map[string]any
	if _, err := toml.Decode(string(src), &m); err != nil {
		t.Fatalf("result is not valid TOML: %v\n%s", err, src)
	}
	return m
}

func providers(t *testing.T, src []byte) []map[string]any {
	t.Helper()
	ps, _ := decode(t, src)["providers"].([]map[string]any)
	return ps
}

func TestAppendKeepsEverything(t *testing.T) {
	out, err := Set([]byte(handWritten), "providers", "id", "new", []Field{{"id", `"new"`}, {"client_id", `"c"`}, {"auth_params", `{ prompt = "x" }`}})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(out), handWritten) {
		t.Fatalf("the original text changed:\n%s", out)
	}
	if !strings.HasSuffix(string(out), "\n\n[[providers]]\nid = \"new\"\nclient_id = \"c\"\nauth_params = { prompt = \"x\" }\n") {
		t.Fatalf("appended text:\n%s", out)
	}
	if ps := providers(t, out); len(ps) != 3 || ps[2]["id"] != "new" {
		t.Fatalf("decoded: %v", ps)
	}
}

func TestAppendToEmptyAndUnterminated(t *testing.T) {
	for _, src := range []string{"", "store = \"file\"", "# only a comment"} {
		out, err := Set([]byte(src), "providers", "id", "a", []Field{{"id", `"a"`}})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(string(out), src) || len(providers(t, out)) != 1 {
			t.Fatalf("%q → %q", src, out)
		}
	}
}

func TestSetChangesOnlyWhatChanged(t *testing.T) {
	fields := []Field{
		{"id", `"work"`}, {"preset", `"oidc"`}, {"issuer", `"https://kc.example/realms/prod"`},
		{"client_id", `"oauthdesk"`}, {"scopes", `["openid", "email"]`}, {"redirect_port", `8400`},
	}
	out, err := Set([]byte(handWritten), "providers", "id", "work", fields)
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Replace(handWritten, "realms/dev", "realms/prod", 1)
	want = strings.Replace(want, "  \"email\",\n]\n", "  \"email\",\n]\nredirect_port = 8400\n", 1)
	if string(out) != want {
		t.Fatalf("got:\n%s\nwant:\n%s", out, want)
	}
}

func TestSetReplacesSubTableAndKeepsNextComment(t *testing.T) {
	fields := []Field{{"id", `"gh"`}, {"preset", `"github"`}, {"client_id", `"abc"`}, {"auth_params", `{ prompt = "consent" }`}}
	out, err := Set([]byte(handWritten), "providers", "id", "gh", fields)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(out), "[providers.auth_params]") || strings.Contains(string(out), "ask every time") {
		t.Fatalf("the old sub-table is still there:\n%s", out)
	}
	if !strings.Contains(string(out), "  client_id = \"abc\"\n  auth_params = { prompt = \"consent\" }\n") {
		t.Fatalf("the new value is not after the last key, indented:\n%s", out)
	}
	if !strings.Contains(string(out), "# trailing note about the last block") || !strings.Contains(string(out), "# the work Keycloak") {
		t.Fatalf("a comment outside the entry was lost:\n%s", out)
	}
	ps := providers(t, out)
	if !reflect.DeepEqual(ps[1]["auth_params"], map[string]any{"prompt": "consent"}) {
		t.Fatalf("decoded: %v", ps[1])
	}
}

func TestSetUnchangedIsIdentity(t *testing.T) {
	fields := []Field{{"id", `"gh"`}, {"preset", `"github"`}, {"client_id", `"abc"`}, {"auth_params", `{ prompt = "login" }`}}
	out, err := Set([]byte(handWritten), "providers", "id", "gh", fields)
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != handWritten {
		t.Fatalf("an unchanged entry was rewritten:\n%s", out)
	}
}

func TestSetDropsRemovedKeys(t *testing.T) {
	fields := []Field{{"id", `"work"`}, {"preset", `"oidc"`}, {"issuer", `"https://kc.example/realms/dev"`}, {"client_id", `"oauthdesk"`}}
	out, err := Set([]byte(handWritten), "providers", "id", "work", fields)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(out), "scopes") || strings.Contains(string(out), "always") {
		t.Fatalf("scopes still there:\n%s", out)
	}
	if !strings.Contains(string(out), "id = \"work\"            # short name\n") {
		t.Fatalf("a line's comment was lost:\n%s", out)
	}
}

func TestRemove(t *testing.T) {
	out, err := Remove([]byte(handWritten), "providers", "id", "work")
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Replace(handWritten, `[[providers]]
id = "work"            # short name
preset = "oidc"
issuer = "https://kc.example/realms/dev"
client_id = "oauthdesk"
scopes = [
  "openid",   # always
  "email",
]
`, "", 1)
	if string(out) != want {
		t.Fatalf("got:\n%s\nwant:\n%s", out, want)
	}
	out, err = Remove(out, "providers", "id", "gh")
	if err != nil {
		t.Fatal(err)
	}
	if len(providers(t, out)) != 0 || !strings.Contains(string(out), "# trailing note") || !strings.Contains(string(out), "store = \"keyring\"") {
		t.Fatalf("after removing both:\n%s", out)
	}
	if _, err := Remove(out, "providers", "id", "gh"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("removing a missing entry: %v", err)
	}
}

func TestAddThenRemoveRestoresTheFile(t *testing.T) {
	for _, src := range []string{handWritten, "", "store = \"file\"\n", strings.TrimSuffix(handWritten, "\n# trailing note about the last block\n")} {
		added, err := Set([]byte(src), "providers", "id", "tmp", []Field{{"id", `"tmp"`}, {"client_id", `"x"`}})
		if err != nil {
			t.Fatal(err)
		}
		back, err := Remove(added, "providers", "id", "tmp")
		if err != nil {
			t.Fatal(err)
		}
		if string(back) != src {
			t.Errorf("add then remove:\n%q\nwant\n%q", back, src)
		}
	}
}

func TestRefusesInlineArrays(t *testing.T) {
	_, err := Set([]byte(`providers = [{ id = "a" }]`), "providers", "id", "b", []Field{{"id", `"b"`}})
	if err == nil || !strings.Contains(err.Error(), "[[providers]]") {
		t.Fatalf("got %v", err)
	}
	if _, err := Set([]byte("[[providers]]\nid = \n"), "providers", "id", "b", nil); err == nil {
		t.Fatal("invalid TOML was edited")
	}
}

func TestCRLF(t *testing.T) {
	src := "[[providers]]\r\nid = \"a\"\r\nclient_id = \"x\"\r\n"
	out, err := Set([]byte(src), "providers", "id", "a", []Field{{"id", `"a"`}, {"client_id", `"y"`}, {"name", `"A"`}})
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != "[[providers]]\r\nid = \"a\"\r\nclient_id = \"y\"\r\nname = \"A\"\r\n" {
		t.Fatalf("%q", out)
	}
}

func TestValueAndFields(t *testing.T) {
	type P struct {
		ID     string            `toml:"id"`
		Name   string            `toml:"name,omitempty"`
		Port   int               `toml:"port,omitempty"`
		Scopes []string          `toml:"scopes,omitempty"`
		Params map[string]string `toml:"params,omitempty"`
		Skip   string            `toml:"-"`
	}
	fs, err := Fields(P{ID: "a\"b", Port: 80, Scopes: []string{"x y"}, Params: map[string]string{"z": "1", "a b": "2"}, Skip: "s"})
	if err != nil {
		t.Fatal(err)
	}
	want := []Field{{"id", `"a\"b"`}, {"port", "80"}, {"scopes", `["x y"]`}, {"params", `{ "a b" = "2", z = "1" }`}}
	if !reflect.DeepEqual(fs, want) {
		t.Fatalf("%q", fs)
	}
}

// FuzzSetRemove: whatever valid document comes in, an edit gives valid
// TOML in which the other entries decode as before.
func FuzzSetRemove(f *testing.F) {
	f.Add(handWritten, "work")
	f.Add("[[providers]]\nid = \"a\"\n[providers.x]\ny = 1\n[other]\nz = 2\n", "a")
	f.Add("a = \"\"\"\n[[providers]]\n\"\"\"\n[[providers]]\nid = \"q\"\n", "q")
	f.Fuzz(func(t *testing.T, src, id string) {
		var before map[string]any
		if _, err := toml.Decode(src, &before); err != nil {
			return
		}
		idText, err := Value(id)
		if err != nil {
			return
		}
		fields := []Field{{"id", idText}, {"client_id", `"c"`}}
		for _, op := range []string{"set", "remove"} {
			var out []byte
			var err error
			if op == "set" {
				out, err = Set([]byte(src), "providers", "id", id, fields)
			} else {
				out, err = Remove([]byte(src), "providers", "id", id)
			}
			if err != nil {
				continue
			}
			var after map[string]any
			if _, err := toml.Decode(string(out), &after); err != nil {
				t.Fatalf("%s gave invalid TOML: %v\n%q", op, err, out)
			}
			var kept []any
			for _, p := range asEntries(before["providers"]) {
				if p["id"] != id {
					kept = append(kept, normalize(p))
				}
			}
			var got []any
			for _, p := range asEntries(after["providers"]) {
				if p["id"] != id {
					got = append(got, normalize(p))
				}
			}
			if !reflect.DeepEqual(kept, got) {
				t.Fatalf("%s changed other entries:\n%v\n%v\n%q", op, kept, got, out)
			}
		}
	})
}

func asEntries(v any) []map[string]any {
	ps, _ := v.([]map[string]any)
	return ps
}
