package ui

import (
	"strings"
	"testing"

	"golang.org/x/text/language"

	"oauthdesk/auth"
)

// TestStepStories: each step is told by its refined kind, names the roles
// it involves, and a kind the window does not know keeps the engine's
// words.
func TestStepStories(t *testing.T) {
	for _, c := range []struct {
		step       auth.Step
		story      string
		en, ko     []string
		engineText bool
	}{
		{auth.Step{Kind: "authorize"}, "authorize",
			[]string{"client", "authorization server", "resource owner", "Front channel"},
			[]string{"클라이언트", "인가 서버", "리소스 소유자", "프런트 채널"}, false},
		{auth.Step{Kind: "token", RequestBody: []byte("grant_type=authorization_code&code=x&code_verifier=y")}, "token.code",
			[]string{"Back channel", "server to server", "authorization code", "never pass through the browser"},
			[]string{"백 채널", "서버 대 서버", "인가 코드", "브라우저를 거치지 않습니다"}, false},
		{auth.Step{Kind: "token", RequestBody: []byte("grant_type=client_credentials")}, "token.client",
			[]string{"no resource owner"}, []string{"리소스 소유자가 없습니다"}, false},
		{auth.Step{Kind: "token", RequestBody: []byte("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Adevice_code")}, "token.device",
			[]string{"authorization_pending"}, []string{"authorization_pending"}, false},
		{auth.Step{Kind: "refresh", RequestBody: []byte("grant_type=refresh_token")}, "refresh",
			[]string{"refresh token"}, []string{"리프레시 토큰"}, false},
		{auth.Step{Kind: "revoke", RequestBody: []byte("token=x&token_type_hint=refresh_token")}, "revoke.refresh",
			[]string{"revoke the refresh token"}, []string{"리프레시 토큰을 폐기"}, false},
		{auth.Step{Kind: "revoke", RequestBody: []byte("token=x&token_type_hint=access_token")}, "revoke.access",
			[]string{"revoke the access token"}, []string{"액세스 토큰을 폐기"}, false},
		{auth.Step{Kind: "userinfo"}, "userinfo", []string{"resource server"}, []string{"리소스 서버"}, false},
		{auth.Step{Kind: "api", URL: "https://api.example.com/me"}, "api",
			[]string{"Authorization: Bearer header"}, []string{"Authorization: Bearer 헤더"}, false},
		{auth.Step{Kind: "api", URL: "https://api.example.com/me?access_token=%E2%80%A2%E2%80%A2"}, "api.query",
			[]string{"access_token query parameter", "logs", "Referer", "the header is safer"},
			[]string{"access_token 쿼리 파라미터", "로그", "Referer", "헤더가 더 안전합니다"}, false},
		{auth.Step{Kind: "something-new", Explain: "What the engine says"}, "something-new",
			[]string{"What the engine says"}, []string{"What the engine says"}, true},
	} {
		if got := stepStory(c.step); got != c.story {
			t.Errorf("stepStory(%s %s) = %q, want %q", c.step.Kind, c.step.RequestBody, got, c.story)
		}
		for _, l := range []struct {
			tag   language.Tag
			words []string
		}{{language.English, c.en}, {language.Korean, c.ko}} {
			setLanguage(l.tag)
			text := explainStep(c.step)
			for _, w := range l.words {
				if !strings.Contains(text, w) {
					t.Errorf("%s in %s: %q does not say %q", c.story, l.tag, text, w)
				}
			}
		}
		setLanguage(language.English)
	}
}
