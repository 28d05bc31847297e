package idp

import "oauthdesk/internal/webpage"

// messages are the provider pages' texts in English and Korean. Korean
// terms follow Kakao's and Naver's developer documentation (로그인, 동의,
// 클라이언트, 인가 코드, 범위(scope)); the glossary is in
// /work/coord/notes/pages.md and in the project's notes.
var messages = webpage.Catalog{
	"brand": {En: "oauthdesk demo provider", Ko: "oauthdesk 데모 제공자"},

	// Login.
	"login.title":    {En: "Sign in", Ko: "로그인"},
	"login.sub":      {En: "to continue to <strong>%s</strong>", Ko: "<strong>%s</strong> 앱을 계속 사용하려면 로그인하세요."},
	"login.username": {En: "Username", Ko: "아이디"},
	"login.password": {En: "Password", Ko: "비밀번호"},
	"login.submit":   {En: "Sign in", Ko: "로그인"},
	"login.cancel":   {En: "Cancel", Ko: "취소"},
	"login.wrong":    {En: "The username or password is wrong. Check both and try again.", Ko: "아이디 또는 비밀번호가 맞지 않습니다. 둘 다 확인한 뒤 다시 시도하세요."},
	"login.hint":     {En: "Demo accounts: demo / demo and alice / alice.", Ko: "데모 계정: demo / demo, alice / alice"},

	// Consent.
	"consent.title": {En: "Allow access?", Ko: "접근을 허용할까요?"},
	"consent.asks": {
		En: "<strong>%s</strong> wants to access your account <strong>%s</strong> (%s). It asks to:",
		Ko: "<strong>%s</strong> 앱이 <strong>%s</strong>(%s) 계정에 접근하려고 합니다. 요청한 범위(scope):",
	},
	"consent.allow":        {En: "Allow", Ko: "허용"},
	"consent.deny":         {En: "Deny", Ko: "거부"},
	"scope.openid":         {En: "Confirm who you are", Ko: "본인 확인"},
	"scope.profile":        {En: "See your name and username", Ko: "이름과 아이디 보기"},
	"scope.email":          {En: "See your email address", Ko: "이메일 주소 보기"},
	"scope.offline_access": {En: "Stay signed in while you are away", Ko: "자리를 비운 동안에도 로그인 유지 (리프레시 토큰)"},
	"scope.other":          {En: "Use %s", Ko: "%s 사용"},

	// Device verification.
	"device.title":    {En: "Connect a device", Ko: "기기 연결"},
	"device.sub":      {En: "Enter the code shown on your device.", Ko: "기기에 표시된 코드를 입력하세요."},
	"device.code":     {En: "Code", Ko: "코드"},
	"device.continue": {En: "Continue", Ko: "계속"},
	"device.unknown": {
		En: "That code is unknown, has expired or was already used. Check the code on your device, or start again there.",
		Ko: "알 수 없거나 만료되었거나 이미 사용한 코드입니다. 기기에 표시된 코드를 확인하거나 기기에서 다시 시작하세요.",
	},
	"device.connected.title": {En: "Device connected", Ko: "기기 연결됨"},
	"device.connected.body":  {En: "Your device now has access to your account.", Ko: "이제 기기가 계정에 접근할 수 있습니다."},
	"device.connected.next":  {En: "You can close this window and go back to your device.", Ko: "이 창을 닫고 기기로 돌아가세요."},
	"device.declined.title":  {En: "You declined", Ko: "거부했습니다"},
	"device.declined.body":   {En: "The device was not given access. Nothing was stored.", Ko: "기기에 접근 권한을 주지 않았습니다. 아무것도 저장되지 않았습니다."},
	"device.declined.next":   {En: "You can close this window. Start again on the device when you want.", Ko: "이 창을 닫아도 됩니다. 원할 때 기기에서 다시 시작하세요."},

	// Message pages.
	"next.restart":      {En: "Go back to oauthdesk and start the sign-in again.", Ko: "oauthdesk로 돌아가 로그인을 다시 시작하세요."},
	"next.close":        {En: "You can close this tab.", Ko: "이 탭을 닫아도 됩니다."},
	"next.retry":        {En: "Go back to the previous page and try again.", Ko: "이전 페이지로 돌아가 다시 시도하세요."},
	"detail.said":       {En: "The provider said: “%s”", Ko: "제공자의 응답: “%s”"},
	"detail.label":      {En: "Technical details", Ko: "기술 정보"},
	"expired.title":     {En: "Sign-in expired", Ko: "로그인 요청 만료"},
	"expired.body":      {En: "This sign-in request is unknown or has expired.", Ko: "알 수 없거나 만료된 로그인 요청입니다."},
	"finished.title":    {En: "Sign-in finished", Ko: "로그인 완료"},
	"finished.body":     {En: "This sign-in request was already answered, so there is nothing more to do here.", Ko: "이미 응답한 로그인 요청이라 이 페이지에서 더 할 일이 없습니다."},
	"notsignedin.title": {En: "Not signed in", Ko: "로그인하지 않음"},
	"notsignedin.body": {
		En: "You have not signed in for this request in this browser. The sign-in may have started in another browser.",
		Ko: "이 브라우저에서 이 요청으로 로그인하지 않았습니다. 다른 브라우저에서 시작한 로그인일 수 있습니다.",
	},
	"badform.title":   {En: "The form could not be read", Ko: "양식을 읽을 수 없음"},
	"badform.body":    {En: "The page sent a form this provider could not read.", Ko: "페이지가 보낸 양식을 제공자가 읽을 수 없습니다."},
	"badchoice.body":  {En: "The form did not say whether to allow or deny access.", Ko: "양식에 허용인지 거부인지가 없습니다."},
	"internal.title":  {En: "Something went wrong", Ko: "문제가 발생했습니다"},
	"internal.body":   {En: "The provider could not build its answer to the app.", Ko: "제공자가 앱에 보낼 응답을 만들지 못했습니다."},
	"signedout.title": {En: "Signed out", Ko: "로그아웃됨"},
	"signedout.body":  {En: "You are signed out.", Ko: "로그아웃되었습니다."},
	"running.title":   {En: "Running", Ko: "실행 중"},
	"running.body": {
		En: "This is the local OpenID provider of oauthdesk, at %s.",
		Ko: "oauthdesk의 로컬 OpenID 제공자입니다(%s).",
	},
	"running.next":   {En: "Sign in from the oauthdesk app.", Ko: "oauthdesk 앱에서 로그인하세요."},
	"notfound.title": {En: "Page not found", Ko: "페이지를 찾을 수 없음"},
	"notfound.body":  {En: "There is no page at this address on the demo provider.", Ko: "데모 제공자에 이 주소의 페이지가 없습니다."},

	// Errors of the authorization endpoint that cannot go back to the app.
	"client.title": {En: "Unknown app", Ko: "등록되지 않은 앱"},
	"client.body": {
		En: "The app that sent you here is not registered with this provider: there is no client with the ID <code>%s</code>.",
		Ko: "이 페이지로 보낸 앱이 제공자에 등록되어 있지 않습니다. 클라이언트 ID <code>%s</code>인 클라이언트가 없습니다.",
	},
	"client.next": {
		En: "Check the client ID in oauthdesk's provider settings (the demo's is oauthdesk-demo), then start the sign-in again.",
		Ko: "oauthdesk의 제공자 설정에서 클라이언트 ID를 확인한 뒤(데모는 oauthdesk-demo) 로그인을 다시 시작하세요.",
	},
	"redirect.title": {En: "Redirect address not allowed", Ko: "허용되지 않은 리다이렉트 주소"},
	"redirect.body": {
		En: "The app asked to be sent back to an address this provider does not allow. It allows only http://127.0.0.1, http://[::1] or http://localhost with a port.",
		Ko: "앱이 제공자가 허용하지 않는 주소로 돌아가겠다고 요청했습니다. 허용되는 주소는 포트가 있는 http://127.0.0.1, http://[::1], http://localhost뿐입니다.",
	},
	"redirect.next": {En: "Check the redirect URI in oauthdesk's provider settings, then start the sign-in again.", Ko: "oauthdesk의 제공자 설정에서 리다이렉트 URI를 확인한 뒤 로그인을 다시 시작하세요."},
	"request.title": {En: "The request could not be processed", Ko: "요청을 처리할 수 없음"},
	"request.body":  {En: "The provider could not process the request the app sent.", Ko: "앱이 보낸 요청을 제공자가 처리할 수 없습니다."},
}
