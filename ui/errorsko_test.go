package ui

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"golang.org/x/text/language"

	"oauthdesk/auth"
)

// TestErrorsInKorean: a known engine error is said in Korean, with the
// engine's English kept as a detail; in English, and for an unknown error,
// the engine's words stay the message.
func TestErrorsInKorean(t *testing.T) {
	t.Cleanup(func() { setLanguage(language.English) })
	err := fmt.Errorf("signing in to Kakao: %w", auth.ErrTimeout)
	unknown := errors.New("something only the engine knows")

	setLanguage(language.English)
	if info := describeError(T("Sign-in failed"), err); info.Message != "Signing in to Kakao: timed out waiting for the browser to return." {
		t.Errorf("English message %q", info.Message)
	}

	setLanguage(language.Korean)
	info := describeError(T("Sign-in failed"), err)
	if info.Title != "로그인에 실패했습니다" || info.Message != "브라우저가 제시간에 돌아오지 않았습니다." {
		t.Errorf("Korean: title %q message %q", info.Title, info.Message)
	}
	if len(info.Details) == 0 || !strings.Contains(info.Details[0], "Signing in to Kakao: timed out") {
		t.Errorf("the engine's English is lost: %q", info.Details)
	}
	if !strings.Contains(info.Advice, "브라우저") || info.Action != actionSignIn {
		t.Errorf("Korean advice %q, action %v", info.Advice, info.Action)
	}
	if info := describeError("", unknown); info.Message != "Something only the engine knows." || len(info.Details) != 0 {
		t.Errorf("unknown error in Korean: %+v", info)
	}
}
