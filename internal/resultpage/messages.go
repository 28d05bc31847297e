package resultpage

import "oauthdesk/internal/webpage"

// messages are the listener pages' texts. Korean terms follow Kakao's and
// Naver's developer documentation (see the glossary in the project notes).
var messages = webpage.Catalog{
	"brand":        {En: "oauthdesk", Ko: "oauthdesk"},
	"detail.label": {En: "Technical details", Ko: "기술 정보"},
	"detail.provider": {
		En: "The provider answered with the error “%s”.",
		Ko: "제공자가 “%s” 오류로 응답했습니다.",
	},
	"detail.description": {En: "It said: “%s”", Ko: "제공자의 설명: “%s”"},
	"detail.reason":      {En: "oauthdesk says: %s", Ko: "oauthdesk의 설명(영어): %s"},
	"close":              {En: "You can close this tab and go back to oauthdesk.", Ko: "이 탭을 닫고 oauthdesk로 돌아가세요."},

	"success.title":   {En: "Signed in", Ko: "로그인 완료"},
	"success.body":    {En: "You are signed in to <strong>%s</strong>.", Ko: "<strong>%s</strong>에 로그인했습니다."},
	"success.account": {En: "You are signed in to <strong>%s</strong> as <strong>%s</strong>.", Ko: "<strong>%s</strong>에 <strong>%s</strong> 계정으로 로그인했습니다."},

	"declined.title": {En: "Sign-in declined", Ko: "로그인 거부됨"},
	"declined.body": {
		En: "You declined. Nothing was stored. Start again from oauthdesk when you want.",
		Ko: "로그인을 거부했습니다. 아무것도 저장되지 않았습니다. 원할 때 oauthdesk에서 다시 시작하세요.",
	},

	"failed.title": {En: "Sign-in failed", Ko: "로그인 실패"},
	"failed.body": {
		En: "oauthdesk could not sign you in to <strong>%s</strong>. Nothing was stored, and an earlier session stays as it was.",
		Ko: "oauthdesk가 <strong>%s</strong>에 로그인하지 못했습니다. 아무것도 저장되지 않았고, 이전 세션은 그대로 남아 있습니다.",
	},
	"failed.next": {
		En: "Go back to oauthdesk and start the sign-in again. The technical details below say what went wrong.",
		Ko: "oauthdesk로 돌아가 로그인을 다시 시작하세요. 무엇이 잘못되었는지는 아래 기술 정보에 있습니다.",
	},

	"state.title": {En: "Not the sign-in oauthdesk started", Ko: "oauthdesk가 시작한 로그인이 아닙니다"},
	"state.body": {
		En: "This redirect does not carry the state value of the sign-in oauthdesk is waiting for, so oauthdesk ignored it. Nothing was stored.",
		Ko: "이 리다이렉트에는 oauthdesk가 기다리는 로그인의 state 값이 없어서 oauthdesk가 무시했습니다. 아무것도 저장되지 않았습니다.",
	},
	"state.waiting": {
		En: "oauthdesk is still waiting. Finish the sign-in in the tab oauthdesk opened, or start again from oauthdesk.",
		Ko: "oauthdesk는 계속 기다리고 있습니다. oauthdesk가 연 탭에서 로그인을 마치거나 oauthdesk에서 다시 시작하세요.",
	},
	"state.ended": {
		En: "Start the sign-in again from oauthdesk. If you did not start one, close this tab: a page may have tried to sign you in to someone else's account.",
		Ko: "oauthdesk에서 로그인을 다시 시작하세요. 로그인을 시작한 적이 없다면 이 탭을 닫으세요. 어떤 페이지가 다른 사람의 계정으로 로그인시키려 했을 수 있습니다.",
	},

	"finishing.title": {En: "Back to oauthdesk", Ko: "oauthdesk로 돌아가세요"},
	"finishing.body":  {En: "oauthdesk received the redirect and is finishing the sign-in.", Ko: "oauthdesk가 응답을 받아 로그인을 마무리하고 있습니다."},
	"finishing.next":  {En: "Go back to oauthdesk to see the result.", Ko: "결과는 oauthdesk에서 확인하세요."},

	"handled.title": {En: "Sign-in already handled", Ko: "이미 처리된 로그인"},
	"handled.body": {
		En: "oauthdesk already received the redirect for this sign-in, so there is nothing more to do here.",
		Ko: "oauthdesk가 이 로그인의 응답을 이미 받았으므로 이 페이지에서 더 할 일이 없습니다.",
	},
	"handled.next": {En: "Go back to oauthdesk to see the result, or start a new sign-in there.", Ko: "결과는 oauthdesk에서 확인하고, 필요하면 새로 로그인하세요."},

	"start.title": {En: "Link already used", Ko: "이미 사용한 링크"},
	"start.body":  {En: "This sign-in link works only once, and it was already opened.", Ko: "이 로그인 링크는 한 번만 쓸 수 있는데 이미 열렸습니다."},
	"start.next":  {En: "Start a new sign-in from oauthdesk.", Ko: "oauthdesk에서 새로 로그인을 시작하세요."},

	"notfound.title": {En: "Page not found", Ko: "페이지를 찾을 수 없음"},
	"notfound.body":  {En: "oauthdesk's sign-in listener has no page at this address.", Ko: "oauthdesk의 로그인 수신기에는 이 주소의 페이지가 없습니다."},

	"host.title": {En: "Wrong address", Ko: "잘못된 주소"},
	"host.body": {
		En: "This page was asked for under a host name oauthdesk does not answer to, so it was refused.",
		Ko: "oauthdesk가 응답하지 않는 호스트 이름으로 요청되어 거절했습니다.",
	},
	"host.next": {En: "Open the address oauthdesk gave you.", Ko: "oauthdesk가 알려 준 주소를 여세요."},

	"foreign.title": {En: "Not your sign-in", Ko: "내 로그인이 아닙니다"},
	"foreign.body": {
		En: "This sign-in belongs to another user of this computer, so oauthdesk refused the request.",
		Ko: "이 로그인은 이 컴퓨터의 다른 사용자의 것이라 oauthdesk가 요청을 거절했습니다.",
	},
	"foreign.next": {En: "Sign in from your own oauthdesk.", Ko: "내 oauthdesk에서 로그인하세요."},
}
