package config

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"
)

// maxFileSize bounds a config or catalog file.
const maxFileSize = 1 << 20

// FieldError is a problem with one field of a config or catalog, named by
// its path in the document: "queue.number_max",
// "counters[2].services[0].code", or "" for the top-level object. It prints
// as "config: [source: ][path: ]message". Every problem Decode, Load and
// Validate find in a document is a FieldError; Validate joins several with
// errors.Join. Use errors.As to get the first.
type FieldError struct {
	// Source is "" for the config itself, "built-in catalog", or
	// `catalog "FILE"` for a catalog file.
	Source string
	Path   string
	Msg    string
}

func (e *FieldError) Error() string {
	s := "config: "
	if e.Source != "" {
		s += e.Source + ": "
	}
	if e.Path != "" {
		s += e.Path + ": "
	}
	return s + e.Msg
}

func fieldErrorf(path, format string, args ...any) *FieldError {
	return &FieldError{Path: path, Msg: fmt.Sprintf(format, args...)}
}

// withSource sets Source on every FieldError in err (which may be joined)
// and prefixes other errors with "config: source: ".
func withSource(err error, source string) error {
	if errs, ok := err.(interface{ Unwrap() []error }); ok {
		out := make([]error, 0, len(errs.Unwrap()))
		for _, e := range errs.Unwrap() {
			out = append(out, withSource(e, source))
		}
		return errors.Join(out...)
	}
	var fe *FieldError
	if errors.As(err, &fe) {
		c := *fe
		c.Source = source
		return &c
	}
	return fmt.Errorf("config: %s: %w", source, err)
}

// readAll reads r up to maxFileSize.
func readAll(r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxFileSize {
		return nil, fmt.Errorf("larger than %d bytes", maxFileSize)
	}
	return data, nil
}

// decodeStrict decodes data, a single JSON object, into v (a pointer to a
// struct) after checking it against v's type with checkShape. Fields of v
// that data does not mention keep their values.
func decodeStrict(data []byte, v any) error {
	if _, err := checkShape(data, reflect.TypeOf(v).Elem()); err != nil {
		return err
	}
	return decodeChecked(data, v)
}

// decodeChecked decodes data, which checkShape has accepted, into v.
func decodeChecked(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		// checkShape has seen every problem Decode can find; this is a
		// safety net.
		return &FieldError{Msg: err.Error()}
	}
	return nil
}

// checkShape walks the JSON in data against the Go type t and reports the
// first difference with its path: a syntax error, a value of the wrong JSON
// kind, an integer that does not fit, an unknown or repeated key (keys must
// match the json tags exactly; encoding/json would match them ignoring case),
// null where no pointer or slice is expected, or data after the value. It
// returns the set of the paths of the object keys present, without array
// indexes ("center.name", "counters", "counters.label").
func checkShape(data []byte, t reflect.Type) (map[string]bool, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	w := walker{dec: dec, present: map[string]bool{}}
	if err := w.value(t, "", ""); err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, &FieldError{Msg: "unexpected data after the top-level object"}
	}
	return w.present, nil
}

type walker struct {
	dec     *json.Decoder
	present map[string]bool
}

var unmarshalerType = reflect.TypeFor[json.Unmarshaler]()

func (w walker) value(t reflect.Type, path, keys string) error {
	tok, err := w.dec.Token()
	if err != nil {
		return syntaxError(path, err)
	}
	if reflect.PointerTo(t).Implements(unmarshalerType) {
		return custom(tok, t, path)
	}
	if tok == nil {
		if t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
			return nil
		}
		return mismatch(path, t, tok)
	}
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return w.token(tok, t, path, keys)
}

func (w walker) token(tok json.Token, t reflect.Type, path, keys string) error {
	switch t.Kind() {
	case reflect.Struct:
		if tok != json.Delim('{') {
			return mismatch(path, t, tok)
		}
		return w.object(t, path, keys)
	case reflect.Slice:
		if tok != json.Delim('[') {
			return mismatch(path, t, tok)
		}
		return w.array(t.Elem(), path, keys)
	case reflect.String:
		if _, ok := tok.(string); !ok {
			return mismatch(path, t, tok)
		}
		return nil
	case reflect.Bool:
		if _, ok := tok.(bool); !ok {
			return mismatch(path, t, tok)
		}
		return nil
	}
	return number(tok, t, path)
}

func (w walker) object(t reflect.Type, path, keys string) error {
	fields := jsonFields(t)
	seen := make(map[string]bool)
	for w.dec.More() {
		tok, err := w.dec.Token()
		if err != nil {
			return syntaxError(path, err)
		}
		key := tok.(string) // the decoder guarantees a string key
		ft, ok := fields[key]
		if !ok {
			return unknownField(path, key, fields)
		}
		sub := joinPath(path, key)
		if seen[key] {
			return fieldErrorf(sub, "given twice")
		}
		seen[key] = true
		subKeys := joinPath(keys, key)
		w.present[subKeys] = true
		if err := w.value(ft, sub, subKeys); err != nil {
			return err
		}
	}
	return w.end(path)
}

func (w walker) array(elem reflect.Type, path, keys string) error {
	for i := 0; w.dec.More(); i++ {
		if err := w.value(elem, fmt.Sprintf("%s[%d]", path, i), keys); err != nil {
			return err
		}
	}
	return w.end(path)
}

// end consumes the closing } or ].
func (w walker) end(path string) error {
	if _, err := w.dec.Token(); err != nil {
		return syntaxError(path, err)
	}
	return nil
}

// custom checks a value of a type with its own UnmarshalJSON (Duration) by
// letting that method judge it.
func custom(tok json.Token, t reflect.Type, path string) error {
	var raw []byte
	switch tok {
	case json.Delim('{'):
		raw = []byte("{}")
	case json.Delim('['):
		raw = []byte("[]")
	default:
		raw, _ = json.Marshal(tok) // string, json.Number, bool or nil
	}
	u := reflect.New(t).Interface().(json.Unmarshaler)
	if err := u.UnmarshalJSON(raw); err != nil {
		return &FieldError{Path: path, Msg: err.Error()}
	}
	return nil
}

func number(tok json.Token, t reflect.Type, path string) error {
	n, ok := tok.(json.Number)
	if !ok {
		return mismatch(path, t, tok)
	}
	var err error
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		_, err = strconv.ParseInt(string(n), 10, t.Bits())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		_, err = strconv.ParseUint(string(n), 10, t.Bits())
	case reflect.Float32, reflect.Float64:
		_, err = strconv.ParseFloat(string(n), t.Bits())
	default:
		return fieldErrorf(path, "cannot decode into Go type %s", t)
	}
	if errors.Is(err, strconv.ErrRange) {
		return fieldErrorf(path, "%s is out of range", clip(string(n)))
	}
	if err != nil {
		return fieldErrorf(path, "want a whole number, got %s", clip(string(n)))
	}
	return nil
}

func mismatch(path string, t reflect.Type, tok json.Token) error {
	return fieldErrorf(path, "want %s, got %s", wantName(t), gotName(tok))
}

func wantName(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Struct:
		return "an object"
	case reflect.Slice:
		return "an array"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	}
	return "a number"
}

func gotName(tok json.Token) string {
	switch v := tok.(type) {
	case json.Delim:
		if v == '{' {
			return "object"
		}
		return "array"
	case string:
		return "string"
	case json.Number:
		return "number"
	case bool:
		return "boolean"
	}
	return "null"
}

func syntaxError(path string, err error) error {
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		return fieldErrorf(path, "unexpected end of JSON")
	}
	return fieldErrorf(path, "invalid JSON: %v", err)
}

// maxEcho is how many bytes of a value an error message repeats.
const maxEcho = 64

// clip shortens s for an error message, at a rune boundary, marking the cut
// with "…".
func clip(s string) string {
	if len(s) <= maxEcho {
		return s
	}
	cut := maxEcho
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// jsonFields maps the JSON names of t's exported fields to their types.
func jsonFields(t reflect.Type) map[string]reflect.Type {
	fields := make(map[string]reflect.Type, t.NumField())
	for f := range t.Fields() {
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		switch name {
		case "-":
			continue
		case "":
			name = f.Name
		}
		fields[name] = f.Type
	}
	return fields
}

func unknownField(path, key string, fields map[string]reflect.Type) error {
	msg := fmt.Sprintf("unknown field %q", clip(key))
	if s := closest(key, fields); s != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", s)
	}
	return &FieldError{Path: path, Msg: msg}
}

// closest returns the known name nearest to key, if it is near enough to be
// a likely typo.
func closest(key string, fields map[string]reflect.Type) string {
	if len(key) > maxEcho {
		return ""
	}
	best, bestD := "", 3
	for name := range fields {
		d := editDistance(strings.ToLower(key), name)
		if d < bestD || d == bestD && best != "" && name < best {
			best, bestD = name, d
		}
	}
	if bestD > len(best)/2 {
		return ""
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, in bytes.
func editDistance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		return 99
	}
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}
