package auth

import (
	"net/http"

	"oauthdesk/auth/flowlog"
)

// Step is one exchange in a provider's flow log; see flowlog.Step. Call
// Step.Redacted before showing it.
type Step = flowlog.Step

// FlowLog returns a copy of the provider's recorded steps, oldest first.
func (e *Engine) FlowLog(provider string) []Step {
	return e.flow.Steps(providerOf(provider))
}

// ClearFlowLog forgets the provider's steps.
func (e *Engine) ClearFlowLog(provider string) {
	e.flow.Clear(providerOf(provider))
}

// recordBrowserStep logs a step that happened in the browser.
func (e *Engine) recordBrowserStep(provider, kind, explain, rawURL string) {
	e.flow.Add(Step{Provider: provider, Kind: kind, Explain: explain, Time: e.now(), Method: http.MethodGet, URL: rawURL})
}

// HAR encodes steps as an HTTP Archive (HAR 1.2); see flowlog.HAR. Pass
// steps through Step.Redacted first unless the person asked to see
// secrets.
func HAR(steps []Step) ([]byte, error) { return flowlog.HAR(steps) }

// DisplayBody turns a response body into text a person can read: UTF-8
// text as it is, anything else as base64, labelled.
func DisplayBody(b []byte) string { return flowlog.DisplayBody(b) }
