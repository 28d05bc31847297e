package tomledit

import (
	"bytes"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// Field is one key of an entry and its value as TOML text, such as
// {Key: "scopes", Value: `["openid", "email"]`}.
type Field struct {
	Key   string
	Value string
}

// Fields lists a struct's fields as an entry's keys, in the struct's
// order, following its toml tags: a field tagged "-" is left out, and so
// is an empty one tagged omitempty.
func Fields(v any) ([]Field, error) {
	rv := reflect.Indirect(reflect.ValueOf(v))
	if rv.Kind() != reflect.Struct {
		return nil, fmt.Errorf("tomledit.Fields needs a struct, not %s", rv.Kind())
	}
	var out []Field
	for i := 0; i < rv.NumField(); i++ {
		f := rv.Type().Field(i)
		if !f.IsExported() {
			continue
		}
		tag := f.Tag.Get("toml")
		name, opts, _ := strings.Cut(tag, ",")
		if name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		fv := rv.Field(i)
		if strings.Contains(","+opts+",", ",omitempty,") && isEmpty(fv) {
			continue
		}
		text, err := Value(fv.Interface())
		if err != nil {
			return nil, fmt.Errorf("encoding %s: %w", name, err)
		}
		out = append(out, Field{Key: name, Value: text})
	}
	return out, nil
}

func isEmpty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Slice, reflect.Map, reflect.Array, reflect.String:
		return v.Len() == 0
	}
	return v.IsZero()
}

// Value encodes v as TOML value text. A map of strings becomes an inline
// table with its keys sorted, so that an entry stays one block.
func Value(v any) (string, error) {
	if m, ok := v.(map[string]string); ok {
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := make([]string, 0, len(keys))
		for _, k := range keys {
			val, err := Value(m[k])
			if err != nil {
				return "", err
			}
			kt, err := keyText(k)
			if err != nil {
				return "", err
			}
			parts = append(parts, kt+" = "+val)
		}
		if len(parts) == 0 {
			return "{}", nil
		}
		return "{ " + strings.Join(parts, ", ") + " }", nil
	}
	if s, ok := v.(string); ok && !utf8.ValidString(s) {
		return "", fmt.Errorf("%q is not UTF-8 text", s)
	}
	var buf bytes.Buffer
	if err := toml.NewEncoder(&buf).Encode(map[string]any{"v": v}); err != nil {
		return "", err
	}
	text, ok := strings.CutPrefix(strings.TrimRight(buf.String(), "\n"), "v = ")
	if !ok || strings.Contains(text, "\n") {
		return "", fmt.Errorf("a %T does not encode as one TOML value", v)
	}
	return text, nil
}

// keyText is k as a TOML key: bare when it can be, else quoted.
func keyText(k string) (string, error) {
	bare := k != ""
	for i := 0; i < len(k); i++ {
		bare = bare && isBare(k[i])
	}
	if bare {
		return k, nil
	}
	return Value(k)
}

// unquote decodes a quoted key.
func unquote(quoted string) (string, error) {
	var m map[string]any
	if _, err := toml.Decode("k = "+quoted, &m); err != nil {
		return "", fmt.Errorf("a malformed quoted key")
	}
	s, ok := m["k"].(string)
	if !ok {
		return "", fmt.Errorf("a malformed quoted key")
	}
	return s, nil
}

// decodeValue decodes TOML value text.
func decodeValue(text string) (any, error) {
	var m map[string]any
	if _, err := toml.Decode("v = "+text, &m); err != nil {
		return nil, err
	}
	return m["v"], nil
}
