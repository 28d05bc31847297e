package tomledit

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
)

// ErrNotFound means no entry has the key field's value.
var ErrNotFound = errors.New("no such entry")

// doc is a scanned document with its entries located.
type doc struct {
	src     []byte
	stmts   []stmt
	nl      string
	entries []entry
}

// entry is one [[array]] block: statements [first, end) of doc.stmts.
type entry struct {
	first, end int
	values     map[string]any
}

// parse scans src and finds the entries of array.
func parse(src []byte, array string) (*doc, error) {
	var all map[string]any
	if _, err := toml.Decode(string(src), &all); err != nil {
		return nil, fmt.Errorf("the document is not valid TOML: %w", err)
	}
	stmts, err := scan(src)
	if err != nil {
		return nil, err
	}
	d := &doc{src: src, stmts: stmts, nl: "\n"}
	if bytes.Contains(src, []byte("\r\n")) {
		d.nl = "\r\n"
	}
	cur := -1
	for i, st := range stmts {
		if st.kind != table && st.kind != arrayTable {
			continue
		}
		if cur >= 0 {
			if len(st.key) > 1 && st.key[0] == array {
				continue // a sub-table of the current entry
			}
			d.entries[cur].end = i
			cur = -1
		}
		if st.kind == arrayTable && len(st.key) == 1 && st.key[0] == array {
			d.entries = append(d.entries, entry{first: i, end: len(stmts)})
			cur = len(d.entries) - 1
		}
	}
	var decoded []map[string]any
	switch v := all[array].(type) {
	case nil:
	case []map[string]any:
		decoded = v
	default:
		return nil, fmt.Errorf("%s is not written as [[%s]] blocks", array, array)
	}
	if len(decoded) != len(d.entries) {
		return nil, fmt.Errorf("%s is not written as [[%s]] blocks only", array, array)
	}
	for i := range d.entries {
		d.entries[i].values = decoded[i]
	}
	return d, nil
}

// find returns the index of the entry whose idKey is id, or -1.
func (d *doc) find(idKey, id string) int {
	for i, e := range d.entries {
		if v, ok := e.values[idKey].(string); ok && v == id {
			return i
		}
	}
	return -1
}

// edit replaces src[start:end] with text.
type edit struct {
	start, end int
	text       string
}

// apply returns src with the edits made.
func apply(src []byte, edits []edit) []byte {
	// Inserts (start == end) come before a removal that starts there.
	sort.SliceStable(edits, func(i, j int) bool {
		if edits[i].start != edits[j].start {
			return edits[i].start < edits[j].start
		}
		return edits[i].end < edits[j].end
	})
	var out bytes.Buffer
	at := 0
	for _, e := range edits {
		out.Write(src[at:e.start])
		out.WriteString(e.text)
		at = e.end
	}
	out.Write(src[at:])
	return out.Bytes()
}

// Set makes the [[array]] entry whose idKey field equals id hold exactly
// fields, editing only that entry's text, or appends a new entry when there
// is none.
func Set(src []byte, array, idKey, id string, fields []Field) ([]byte, error) {
	d, err := parse(src, array)
	if err != nil {
		return nil, err
	}
	i := d.find(idKey, id)
	if i < 0 {
		return d.appendEntry(array, fields)
	}
	return d.setEntry(d.entries[i], fields)
}

// appendEntry adds a new entry at the end of the document.
func (d *doc) appendEntry(array string, fields []Field) ([]byte, error) {
	var b strings.Builder
	b.Write(d.src)
	if len(d.src) > 0 && !bytes.HasSuffix(d.src, []byte("\n")) {
		b.WriteString(d.nl)
	}
	if n := len(d.stmts); n > 0 && d.stmts[n-1].kind != blank {
		b.WriteString(d.nl)
	}
	at, err := keyText(array)
	if err != nil {
		return nil, err
	}
	b.WriteString("[[" + at + "]]" + d.nl)
	for _, f := range fields {
		line, err := fieldLine(f)
		if err != nil {
			return nil, err
		}
		b.WriteString(line + d.nl)
	}
	return []byte(b.String()), nil
}

// fieldLine is "key = value".
func fieldLine(f Field) (string, error) {
	k, err := keyText(f.Key)
	if err != nil {
		return "", err
	}
	return k + " = " + f.Value, nil
}

// group is the statements that define one key of an entry: a key/value
// line, dotted key/values (k.x = …), or a sub-table [array.k] with its body.
type group struct {
	stmts  []int
	simple bool // one plain "k = v" statement in the entry's own section
}

// groups collects the entry's statements by the key they define.
func (d *doc) groups(e entry) (map[string]*group, []string, int) {
	gs := map[string]*group{}
	var order []string
	lastKV := e.first
	add := func(k string, i int, simple bool) {
		g, ok := gs[k]
		if !ok {
			g = &group{simple: simple}
			gs[k] = g
			order = append(order, k)
		} else {
			g.simple = false
		}
		g.stmts = append(g.stmts, i)
	}
	sub := ""
	var pending []int // blank and comment lines inside a sub-table
	for i := e.first + 1; i < e.end; i++ {
		st := d.stmts[i]
		switch st.kind {
		case table, arrayTable:
			sub, pending = st.key[1], nil
			add(sub, i, false)
		case keyval:
			if sub != "" {
				for _, j := range pending {
					add(sub, j, false) // a sub-table's inner comments go with it
				}
				pending = nil
				add(sub, i, false)
				continue
			}
			add(st.key[0], i, len(st.key) == 1)
			lastKV = i
		case blank, comment:
			if sub != "" {
				pending = append(pending, i) // kept unless more of the sub-table follows
			}
		}
	}
	return gs, order, lastKV
}

// setEntry edits entry e to hold fields.
func (d *doc) setEntry(e entry, fields []Field) ([]byte, error) {
	gs, order, lastKV := d.groups(e)
	want := map[string]Field{}
	for _, f := range fields {
		want[f.Key] = f
	}
	var edits []edit
	var added []Field
	drop := func(g *group) {
		for _, i := range g.stmts {
			edits = append(edits, edit{start: d.stmts[i].start, end: d.stmts[i].end})
		}
	}
	for _, k := range order {
		g := gs[k]
		f, ok := want[k]
		if !ok {
			drop(g)
			continue
		}
		nv, err := decodeValue(f.Value)
		if err != nil {
			return nil, fmt.Errorf("the new value of %s: %w", k, err)
		}
		if reflect.DeepEqual(normalize(e.values[k]), normalize(nv)) {
			continue
		}
		if g.simple {
			st := d.stmts[g.stmts[0]]
			edits = append(edits, edit{start: st.valStart, end: st.valEnd, text: f.Value})
			continue
		}
		drop(g)
		added = append(added, f)
	}
	for _, f := range fields {
		if _, ok := gs[f.Key]; !ok {
			added = append(added, f)
		}
	}
	if len(added) > 0 {
		after := d.stmts[lastKV]
		indent := ""
		if lastKV != e.first {
			line := d.src[after.start:after.end]
			indent = string(line[:len(line)-len(bytes.TrimLeft(line, " \t"))])
		}
		var b strings.Builder
		if !bytes.HasSuffix(d.src[:after.end], []byte("\n")) {
			b.WriteString(d.nl)
		}
		for _, f := range added {
			line, err := fieldLine(f)
			if err != nil {
				return nil, err
			}
			b.WriteString(indent + line + d.nl)
		}
		edits = append(edits, edit{start: after.end, end: after.end, text: b.String()})
	}
	return apply(d.src, edits), nil
}

// normalize makes decoded values comparable: inline tables decode as
// map[string]any either way, arrays as []any.
func normalize(v any) any {
	switch t := v.(type) {
	case []map[string]any:
		out := make([]any, len(t))
		for i, m := range t {
			out[i] = normalize(m)
		}
		return out
	case []any:
		out := make([]any, len(t))
		for i, x := range t {
			out[i] = normalize(x)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(t))
		for k, x := range t {
			out[k] = normalize(x)
		}
		return out
	}
	return v
}

// Remove deletes the [[array]] entry whose idKey field equals id. The error
// is ErrNotFound when there is none.
func Remove(src []byte, array, idKey, id string) ([]byte, error) {
	d, err := parse(src, array)
	if err != nil {
		return nil, err
	}
	i := d.find(idKey, id)
	if i < 0 {
		return nil, ErrNotFound
	}
	e := d.entries[i]
	last := e.first
	for j := e.first; j < e.end; j++ {
		if k := d.stmts[j].kind; k != blank && k != comment {
			last = j
		}
	}
	first := e.first
	end := last + 1
	isBlank := func(j int) bool { return j >= 0 && j < len(d.stmts) && d.stmts[j].kind == blank }
	switch {
	case isBlank(first-1) && isBlank(end):
		end++ // leave one blank line between the neighbours, not two
	case end == len(d.stmts):
		for isBlank(first - 1) {
			first-- // nothing follows: drop the blank lines before it too
		}
	}
	stop := len(d.src)
	if end < len(d.stmts) {
		stop = d.stmts[end].start
	}
	out := apply(d.src, []edit{{start: d.stmts[first].start, end: stop}})
	return slices.Clip(out), nil
}
