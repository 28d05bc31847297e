package webpage

import "testing"

func TestNegotiate(t *testing.T) {
	for in, want := range map[string]Lang{
		"":                           English,
		"ko":                         Korean,
		"ko-KR,ko;q=0.9,en-US;q=0.8": Korean,
		"en-US,en;q=0.9,ko;q=0.8":    English,
		"fr-FR,ko;q=0.5,en;q=0.3":    Korean,
		"fr,de":                      English,
		"en;q=0.2, KO-kr;q=0.7":      Korean,
		"ko;q=0,en":                  English,
		"ko;q=abc,en;q=0.1":          English,
		"*;q=0.5,ko;q=0.4":           English,
		"ja,ko;q=0.9,*;q=0.1":        Korean,
		";;;,,,=":                    English,
		"ko-Kore-KR;q=1.0":           Korean,
	} {
		if got := Negotiate(in); got != want {
			t.Errorf("Negotiate(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestCatalogCheck(t *testing.T) {
	good := Catalog{"a": {En: "to %s", Ko: "%s에"}}
	if err := good.Check(); err != nil {
		t.Errorf("good catalog: %v", err)
	}
	for name, c := range map[string]Catalog{
		"no Korean":        {"a": {En: "x"}},
		"lost placeholder": {"a": {En: "to %s", Ko: "에"}},
		"other verb":       {"a": {En: "%d left", Ko: "%s 남음"}},
	} {
		if err := c.Check(); err == nil {
			t.Errorf("%s: Check passed", name)
		}
	}
}

func TestHTMLEscapesArguments(t *testing.T) {
	c := Catalog{"a": {En: "<strong>%s</strong>", Ko: "<strong>%s</strong>"}}
	got, err := c.HTML(English, "a", `<script>alert(1)</script>`)
	if err != nil || string(got) != "<strong>&lt;script&gt;alert(1)&lt;/script&gt;</strong>" {
		t.Errorf("HTML = %q, %v", got, err)
	}
	if _, err := c.Text(Korean, "missing"); err == nil {
		t.Error("unknown key gave no error")
	}
}
