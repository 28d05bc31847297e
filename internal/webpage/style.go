package webpage

// CSS is the one stylesheet of every page. The colours are chosen for
// WCAG 2.x AA in both schemes (measured in the browser tests):
//
//	light, on the white card: text #1f2933 14.8:1, muted #5f6b7a 5.4:1,
//	error #b42318 on its tint 5.8:1, field borders #7b8494 3.8:1,
//	focus ring #2459c4 6.4:1, white on the primary button 6.4:1;
//	dark, on the #1f242c card: text #e5e7eb 12.6:1, muted #9ca3af 6.1:1,
//	error #ff8a80 on its tint 5.9:1, field borders #8b949e 5.1:1,
//	focus ring #5b8def 4.8:1.
//
// Every colour is a custom property set once per scheme, so no later rule
// can undo the dark scheme (the old dark input-border rule was overridden
// by a plainer rule further down).
const CSS = `
:root { color-scheme: light dark;
  --bg: #eef1f6; --card: #ffffff; --card-line: #dde2ea; --text: #1f2933; --muted: #5f6b7a;
  --field: #7b8494; --field-bg: #ffffff; --accent: #2459c4; --on-accent: #ffffff; --focus: #2459c4;
  --err: #b42318; --err-bg: #fbeeed; --ok: #1a7f37; --neutral: #5f6b7a; --shadow: rgba(16,24,40,.08); }
@media (prefers-color-scheme: dark) { :root {
  --bg: #15181d; --card: #1f242c; --card-line: #2d333b; --text: #e5e7eb; --muted: #9ca3af;
  --field: #8b949e; --field-bg: #15181d; --accent: #2459c4; --on-accent: #ffffff; --focus: #5b8def;
  --err: #ff8a80; --err-bg: #3b2a2d; --ok: #1a7f37; --neutral: #5f6b7a; --shadow: rgba(0,0,0,.35); } }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; min-height: 100vh; display: flex; align-items: center; justify-content: center; padding: 16px;
  font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Apple SD Gothic Neo", "Malgun Gothic", "Noto Sans KR", "Noto Sans CJK KR", sans-serif;
  background: var(--bg); color: var(--text); overflow-wrap: break-word; }
:lang(ko) body, body:lang(ko) { font-family: "Apple SD Gothic Neo", "Malgun Gothic", "Noto Sans KR", "Noto Sans CJK KR", system-ui, -apple-system, "Segoe UI", sans-serif;
  word-break: keep-all; overflow-wrap: anywhere; }
.card { width: 100%; max-width: 420px; padding: 28px 28px 24px; background: var(--card); border: 1px solid var(--card-line);
  border-radius: 12px; box-shadow: 0 6px 24px var(--shadow); }
@media (max-width: 480px) { body { align-items: flex-start; padding: 12px; } .card { padding: 22px 18px 18px; } }
.brand { font-size: 12px; letter-spacing: .08em; text-transform: uppercase; color: var(--muted); margin-bottom: 6px; }
h1 { font-size: 20px; line-height: 1.3; margin: 0 0 14px; display: flex; gap: 10px; align-items: center; }
.mark { flex: none; display: inline-grid; place-items: center; width: 28px; height: 28px; border-radius: 50%;
  color: #ffffff; font-size: 16px; font-weight: 700; }
.tone-ok .mark { background: var(--ok); } .tone-bad .mark { background: #b42318; } .tone-neutral .mark { background: var(--neutral); }
p { margin: 8px 0; }
label { display: block; font-size: 13px; font-weight: 600; margin: 14px 0 4px; }
input[type=text], input[type=password] { width: 100%; padding: 9px 11px; font: inherit; color: var(--text);
  background: var(--field-bg); border: 1px solid var(--field); border-radius: 8px; }
input[aria-invalid=true] { border-color: var(--err); }
input:focus-visible, button:focus-visible, summary:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
button { font: inherit; font-weight: 600; padding: 9px 16px; border-radius: 8px; border: 1px solid transparent; cursor: pointer; }
.primary { background: var(--accent); color: var(--on-accent); }
.secondary { background: transparent; border-color: var(--field); color: var(--text); }
.actions { display: flex; flex-wrap: wrap; gap: 10px; justify-content: flex-end; margin-top: 20px; }
.error { color: var(--err); background: var(--err-bg); border-radius: 8px; padding: 8px 11px; margin: 0 0 8px; }
.muted, .hint { color: var(--muted); font-size: 13px; }
.next { margin-top: 12px; }
details { margin-top: 14px; font-size: 13px; color: var(--muted); }
summary { cursor: pointer; }
details p { margin: 6px 0 0; }
code { font: 12px/1.4 ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; color: var(--muted); overflow-wrap: anywhere; }
.error code { color: inherit; }
ul.scopes { padding-left: 0; list-style: none; margin: 8px 0 0; }
ul.scopes li { padding: 7px 0; border-top: 1px solid var(--card-line); }
footer { margin-top: 18px; font-size: 13px; color: var(--muted); }
`
