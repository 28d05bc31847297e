package browsertest

import (
	"context"
	"fmt"
)

// Pair is one measured colour pair.
type Pair struct {
	// Kind is "text" (a text's colour on its background), "border" (a
	// form field's or secondary button's border on what surrounds it) or
	// "focus" (the focused element's outline on what surrounds it).
	Kind string `json:"kind"`
	// What names the element and the start of its text.
	What string `json:"what"`
	// FG and BG are the colours compared, as CSS rgb() after compositing.
	FG string `json:"fg"`
	BG string `json:"bg"`
	// Ratio is the WCAG 2.x contrast ratio; Min is what AA requires here
	// (4.5 for text, 3 for large text, borders and focus rings).
	Ratio float64 `json:"ratio"`
	Min   float64 `json:"min"`
}

// OK reports whether the pair meets its minimum.
func (p Pair) OK() bool { return p.Ratio >= p.Min }

func (p Pair) String() string {
	return fmt.Sprintf("%s %q: %s on %s = %.2f:1 (AA needs %.1f:1)", p.Kind, p.What, p.FG, p.BG, p.Ratio, p.Min)
}

// contrastJS measures every visible text and every field border of the
// page from computed styles. Backgrounds are composited from the element
// up to the first opaque ancestor; <details> are opened first so their
// text counts; aria-hidden marks are decorative and skipped.
const contrastJS = `(() => {
  document.querySelectorAll('details').forEach(d => d.open = true);
  const parse = c => {
    const m = /rgba?\(([^)]*)\)/.exec(c);
    if (!m) return null;
    const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number);
    return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
  };
  const over = (t, b) => ({r: t.r*t.a + b.r*(1-t.a), g: t.g*t.a + b.g*(1-t.a), b: t.b*t.a + b.b*(1-t.a), a: 1});
  const bgOf = el => {
    const stack = [];
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c.a > 0) { stack.push(c); if (c.a >= 1) break; }
    }
    let base = {r: 255, g: 255, b: 255, a: 1};
    for (let i = stack.length - 1; i >= 0; i--) base = over(stack[i], base);
    return base;
  };
  const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v/12.92 : Math.pow((v+0.055)/1.055, 2.4); };
    return 0.2126*f(c.r) + 0.7152*f(c.g) + 0.0722*f(c.b); };
  const ratio = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y)+0.05)/(Math.min(x, y)+0.05); };
  const css = c => 'rgb(' + [c.r, c.g, c.b].map(Math.round).join(', ') + ')';
  const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '');
  const out = [];
  const seen = new Set();
  const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (w.nextNode()) {
    const n = w.currentNode, el = n.parentElement;
    if (!n.textContent.trim() || seen.has(el)) continue;
    seen.add(el);
    if (el.closest('[aria-hidden=true]')) continue;
    const cs = getComputedStyle(el), r = el.getBoundingClientRect();
    if (cs.visibility === 'hidden' || !r.width || !r.height) continue;
    const bg = bgOf(el), fg = over(parse(cs.color), bg);
    const size = parseFloat(cs.fontSize), bold = parseInt(cs.fontWeight, 10) >= 700;
    const large = size >= 24 || (size >= 18.66 && bold);
    out.push({kind: 'text', what: name(el) + ': ' + n.textContent.trim().slice(0, 40), fg: css(fg), bg: css(bg), ratio: ratio(fg, bg), min: large ? 3 : 4.5});
  }
  for (const el of document.querySelectorAll('input:not([type=hidden]), select, textarea, button.secondary')) {
    const cs = getComputedStyle(el), outside = bgOf(el.parentElement);
    const b = over(parse(cs.borderTopColor), outside);
    out.push({kind: 'border', what: name(el), fg: css(b), bg: css(outside), ratio: ratio(b, outside), min: 3});
  }
  const f = document.activeElement;
  if (f && f !== document.body) {
    const cs = getComputedStyle(f);
    if (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0) {
      const outside = bgOf(f.parentElement), o = over(parse(cs.outlineColor), outside);
      out.push({kind: 'focus', what: name(f), fg: css(o), bg: css(outside), ratio: ratio(o, outside), min: 3});
    }
  }
  return out;
})()`

// Contrast measures the page's text and field colours as the browser
// computed them.
func Contrast(ctx context.Context) ([]Pair, error) {
	pairs, err := Eval[[]Pair](ctx, contrastJS)
	if err != nil {
		return nil, fmt.Errorf("browsertest: measure contrast: %w", err)
	}
	return pairs, nil
}
