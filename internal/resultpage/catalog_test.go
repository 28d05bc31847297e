package resultpage

import "testing"

func TestCatalogComplete(t *testing.T) {
	if err := messages.Check(); err != nil {
		t.Fatal(err)
	}
}
