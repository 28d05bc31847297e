package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"golang.org/x/text/language"

	"oauthdesk/auth"
)

// The golden images of the Korean window. Like the English ones, they are
// written to testdata/failed/ on a mismatch.

// inKorean makes the window speak Korean for the test; English after.
func inKorean(t *testing.T) {
	t.Helper()
	setLanguage(language.Korean)
	t.Cleanup(func() { setLanguage(language.English) })
}

// withKakao adds a Korean-named provider whose signed-in person has a
// Korean name.
func withKakao(fb *fakeBackend, now time.Time) {
	fb.providers = append(fb.providers, auth.Provider{ID: "kakao", Name: "카카오", Preset: "kakao",
		AuthURL: "https://kauth.kakao.com/oauth/authorize", TokenURL: "https://kauth.kakao.com/oauth/token",
		ProfileURL: "https://kapi.kakao.com/v2/user/me", ClientID: "9f2c1e7a0b"})
	fb.tokens["kakao"] = &auth.TokenSet{AccessToken: "kakao-access-4f1c", TokenType: "bearer",
		RefreshToken: "kakao-refresh-9d2e", Expiry: now.Add(3 * time.Minute), Scopes: []string{"profile_nickname"},
		Subject: "3141592653", Account: "홍길동", ObtainedAt: now.Add(-5 * time.Hour)}
	fb.profiles["kakao"] = &auth.Profile{Subject: "3141592653", Name: "홍길동", Source: "https://kapi.kakao.com/v2/user/me",
		Raw: []byte(`{"id":3141592653,"properties":{"nickname":"홍길동"}}`)}
}

func TestGoldenKoreanSignedOut(t *testing.T) {
	inKorean(t)
	h := newHarness(t, nil)
	useTheme(h, theme.VariantLight)
	h.waitText("로그인하지 않았습니다.", "데모 제공자에 로그인해 보세요")
	test.AssertImageMatches(t, "ko_signed_out_light.png", h.mw.win.Canvas().Capture())
}

func TestGoldenKoreanSignedIn(t *testing.T) {
	for name, v := range map[string]fyne.ThemeVariant{"light": theme.VariantLight, "dark": theme.VariantDark} {
		t.Run(name, func(t *testing.T) {
			inKorean(t)
			h := newHarness(t, func(fb *fakeBackend, now time.Time) {
				withKakao(fb, now)
				fb.tokens["demo"] = demoTokens("demo", now)
			})
			h.mw.selectProvider("kakao")
			useTheme(h, v)
			h.waitText("세션", "홍길동", "3분 0초 후 만료", "원본 JSON")
			test.AssertImageMatches(t, "ko_signed_in_"+name+".png", h.mw.win.Canvas().Capture())
		})
	}
}

func TestGoldenKoreanFlowLog(t *testing.T) {
	inKorean(t)
	h := newHarness(t, withFlow)
	useTheme(h, theme.VariantLight)
	v := showFlowLog(h, 2)
	expandStep(h, v, 2)
	h.waitText("백 채널", "서버 대 서버", "리소스 소유자", "•••• (가려짐)")
	test.AssertImageMatches(t, "ko_flow_log_light.png", h.mw.win.Canvas().Capture())
}

func TestGoldenKoreanAPIConsole(t *testing.T) {
	inKorean(t)
	h := newHarness(t, signedInDemo)
	useTheme(h, theme.VariantLight)
	c := showConsole(h)
	h.fb.responses = []*auth.APIResponse{jsonAnswer(`{"sub":"248289761001","name":"홍길동"}`)}
	h.tap("보내기")
	h.waitText("200 OK", `"name": "홍길동"`)
	h.waitFor("the history lists the request", func() bool { return len(c.history.Options) == 1 })
	test.AssertImageMatches(t, "ko_api_console_light.png", h.mw.win.Canvas().Capture())
}

func TestGoldenKoreanDeviceSignIn(t *testing.T) {
	inKorean(t)
	h := newHarness(t, nil)
	useTheme(h, theme.VariantLight)
	h.tap("다른 기기에서 로그인")
	<-h.fb.deviceStarted
	h.waitText("WDJB-MJHT", "다른 기기에서 승인하기를 기다리는 중…")
	test.AssertImageMatches(t, "ko_device_sign_in_light.png", h.mw.win.Canvas().Capture())
	h.tap("취소")
}

func TestGoldenKoreanProviderForm(t *testing.T) {
	inKorean(t)
	h := newHarness(t, nil)
	useTheme(h, theme.VariantLight)
	h.tap("제공자 추가")
	// The presets load off the UI goroutine: wait for the picker's
	// "Pick a provider", or the image catches "Loading presets…" (greyed
	// out) whenever that goroutine runs late.
	h.waitText("제공자 추가", "클라이언트 시크릿", "프리셋", "제공자를 고르세요")
	test.AssertImageMatches(t, "ko_provider_form_light.png", h.mw.win.Canvas().Capture())
}
