package auth

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// goList runs `go list -f format pkgs...` in the module and returns, per
// package, the import paths its template line names after the first.
func goList(t *testing.T, format string, pkgs ...string) map[string][]string {
	t.Helper()
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("the go command is not on $PATH")
	}
	out, err := exec.Command("go", append([]string{"list", "-f", format}, pkgs...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("go list %s: %v\n%s", strings.Join(pkgs, " "), err, out)
	}
	m := map[string][]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		if len(f) > 0 {
			m[f[0]] = f[1:]
		}
	}
	return m
}

// TestLeavesDoNotImportTheEngine keeps the layering of issue 9: every
// package under auth/ is a leaf that never depends on the engine (package
// auth), directly or through another package; ui talks to the engine only,
// never to a leaf; and the desktop binary does not link the command line.
func TestLeavesDoNotImportTheEngine(t *testing.T) {
	const engine = "oauthdesk/auth"
	deps := goList(t, `{{.ImportPath}} {{join .Deps " "}}`, "oauthdesk/auth/...")
	if len(deps) < 5 {
		t.Fatalf("go list found only %d packages under auth/: %v", len(deps), deps)
	}
	for pkg, d := range deps {
		if pkg != engine && slices.Contains(d, engine) {
			t.Errorf("%s depends on the engine %s; a leaf must not import it (move the shared piece down into a leaf or auth/internal)", pkg, engine)
		}
	}
	imports := goList(t, `{{.ImportPath}} {{join .Imports " "}}`, "oauthdesk/ui")
	for _, imp := range imports["oauthdesk/ui"] {
		if strings.HasPrefix(imp, engine+"/") {
			t.Errorf("ui imports the leaf %s; it talks to the engine only (re-export the name from package auth)", imp)
		}
	}
	gui := goList(t, `{{.ImportPath}} {{join .Deps " "}}`, "oauthdesk/cmd/oauthdesk-gui")
	if slices.Contains(gui["oauthdesk/cmd/oauthdesk-gui"], "oauthdesk/cli") {
		t.Error("cmd/oauthdesk-gui depends on oauthdesk/cli; the wiring both binaries share lives in internal/wiring")
	}
}
