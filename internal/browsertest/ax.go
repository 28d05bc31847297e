package browsertest

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/chromedp"
)

// AXNode is one node of the page's accessibility tree, as a screen reader
// gets it.
type AXNode struct {
	// Role is the computed role ("heading", "textbox", "button", …).
	Role string
	// Name and Description are the accessible name and description.
	Name, Description string
}

// Accessibility returns the page's accessibility tree (nodes not ignored),
// in document order.
func Accessibility(ctx context.Context) ([]AXNode, error) {
	if _, err := chromedp.Call(ctx, accessibility.Enable, cdp.Empty{}); err != nil {
		return nil, fmt.Errorf("browsertest: enable accessibility: %w", err)
	}
	res, err := chromedp.Call(ctx, accessibility.GetFullAXTree, accessibility.GetFullAXTreeParams{})
	if err != nil {
		return nil, fmt.Errorf("browsertest: read the accessibility tree: %w", err)
	}
	var out []AXNode
	for _, n := range res.Nodes {
		if n.Ignored {
			continue
		}
		out = append(out, AXNode{Role: axString(n.Role), Name: axString(n.Name), Description: axString(n.Description)})
	}
	return out, nil
}

// axString is a value's string, "" if it has none.
func axString(v *accessibility.Value) string {
	if v == nil || len(v.Value) == 0 {
		return ""
	}
	var s string
	if err := json.Unmarshal(v.Value, &s); err != nil {
		return string(v.Value)
	}
	return s
}

// ByRole returns the nodes with role.
func ByRole(nodes []AXNode, role string) []AXNode {
	var out []AXNode
	for _, n := range nodes {
		if n.Role == role {
			out = append(out, n)
		}
	}
	return out
}
