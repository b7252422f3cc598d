package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// maxFileSize bounds a config or catalog file.
const maxFileSize = 1 << 20

// FieldError is a problem with one field of a config or catalog, named by
// its path in the document: "queue.number_max",
// "counters[2].services[0].code", or "" for the top-level object. It prints
// as "config: [file: ][source: ][path: ]message". Every problem Decode, Load and
// Validate find in a document is a FieldError; Validate joins several with
// errors.Join. Use errors.As to get the first.
type FieldError struct {
	// File is the config file the field is in ("" when the config did
	// not come from a file).
	File string
	// Source is "" for the config itself, "built-in catalog", or
	// `catalog "FILE"` for a catalog file.
	Source string
	Path   string
	Msg    string
}

func (e *FieldError) Error() string {
	s := "config: "
	if e.File != "" {
		s += e.File + ": "
	}
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

// inFile sets File on every FieldError in err (which may be joined).
func inFile(err error, file string) error {
	if errs, ok := err.(interface{ Unwrap() []error }); ok {
		out := make([]error, 0, len(errs.Unwrap()))
		for _, e := range errs.Unwrap() {
			out = append(out, inFile(e, file))
		}
		return errors.Join(out...)
	}
	var fe *FieldError
	if errors.As(err, &fe) {
		c := *fe
		c.File = file
		return &c
	}
	return err
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

// options are the decoder's: unknown members are errors (names match
// exactly and may not repeat, which is the library's default), and
// durations are Go duration strings.
var options = json.JoinOptions(
	json.RejectUnknownMembers(true),
	json.WithUnmarshalers(json.UnmarshalFunc(unmarshalDuration)),
	json.WithMarshalers(json.MarshalFunc(func(d time.Duration) ([]byte, error) {
		return json.Marshal(Duration(d).String())
	})),
)

// unmarshalDuration reads a time.Duration (queue.Options) as Duration
// does.
func unmarshalDuration(b []byte, d *time.Duration) error {
	var v Duration
	if err := v.UnmarshalJSON(b); err != nil {
		return err
	}
	*d = v.D()
	return nil
}

// decodeStrict decodes data, one JSON object, into v (a pointer to a
// struct). Fields of v that data does not mention keep their values;
// arrays replace v's whole. It returns the paths of the object members
// present, without array indexes ("center.name", "counters",
// "counters.label"). Errors are FieldErrors naming the field.
func decodeStrict(data []byte, v any) (map[string]bool, error) {
	present, err := members(data)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(data, v, options); err != nil {
		return nil, fieldError("", err)
	}
	return present, nil
}

// members checks that data holds one JSON object and lists the paths of
// its members.
func members(data []byte) (map[string]bool, error) {
	dec := jsontext.NewDecoder(bytes.NewReader(data))
	if k := dec.PeekKind(); k != '{' {
		if k == 0 {
			_, err := dec.ReadToken()
			return nil, fieldError("", err)
		}
		return nil, fieldErrorf("", "want an object, got %s", kindName(k))
	}
	present := map[string]bool{}
	for {
		tok, err := dec.ReadToken()
		if err != nil {
			return nil, fieldError("", err)
		}
		if dec.StackDepth() == 0 { // the object's end
			if _, err := dec.ReadToken(); err != io.EOF {
				return nil, fieldErrorf("", "unexpected data after the top-level object")
			}
			return present, nil
		}
		if tok.Kind() == '"' {
			if k, n := dec.StackIndex(dec.StackDepth()); k == '{' && n%2 == 1 {
				present[keysOf(dec.StackPointer())] = true
			}
		}
	}
}

// keysOf is the path of a member without array indexes: /counters/0/label
// gives counters.label.
func keysOf(p jsontext.Pointer) string {
	var keys []string
	for tok := range p.Tokens() {
		if _, err := strconv.Atoi(tok); err != nil {
			keys = append(keys, tok)
		}
	}
	return strings.Join(keys, ".")
}

// fieldError turns an error of the JSON library into a FieldError that
// names the field under the section prefix ("" for the whole file, or
// "mqtt").
func fieldError(prefix string, err error) error {
	var serr *json.SemanticError
	var xerr *jsontext.SyntacticError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &xerr):
		return syntaxError(prefix, xerr)
	case errors.As(err, &serr):
		return semanticError(prefix, serr)
	case errors.Is(err, io.ErrUnexpectedEOF) || err == io.EOF:
		return fieldErrorf(prefix, "unexpected end of JSON")
	}
	return &FieldError{Path: prefix, Msg: err.Error()}
}

func syntaxError(prefix string, e *jsontext.SyntacticError) error {
	path := pathOf(prefix, e.JSONPointer)
	switch {
	case errors.Is(e.Err, jsontext.ErrDuplicateName):
		return fieldErrorf(path, "given twice")
	case errors.Is(e.Err, io.ErrUnexpectedEOF):
		return fieldErrorf(prefix, "unexpected end of JSON")
	case strings.Contains(e.Err.Error(), "after top-level value"):
		return fieldErrorf(prefix, "unexpected data after the top-level object")
	}
	return fieldErrorf(path, "invalid JSON: %v", e.Err)
}

func semanticError(prefix string, e *json.SemanticError) error {
	if e.Err == json.ErrUnknownName {
		key := e.JSONPointer.LastToken()
		return unknownField(pathOf(prefix, e.JSONPointer.Parent()), key, e.GoType)
	}
	path := pathOf(prefix, e.JSONPointer)
	var fe *FieldError
	switch {
	case errors.As(e.Err, &fe): // from a value's own UnmarshalJSON
		return &FieldError{Path: joinPath(path, fe.Path), Msg: fe.Msg}
	case e.Err != nil && (e.GoType == durationType || e.GoType == timeDurationType):
		return fieldErrorf(path, "%s", clip(e.Err.Error()))
	case e.Err != nil && e.GoType != nil && isNumber(e.GoType) && e.JSONKind == '0':
		if strings.Contains(e.Err.Error(), "out of range") {
			return fieldErrorf(path, "%s is out of range", clip(string(e.JSONValue)))
		}
		return fieldErrorf(path, "want a whole number, got %s", clip(string(e.JSONValue)))
	case e.Err != nil:
		return fieldErrorf(path, "%s", clip(e.Err.Error()))
	case e.GoType != nil:
		return fieldErrorf(path, "want %s, got %s", wantName(e.GoType), kindName(e.JSONKind))
	}
	return fieldErrorf(path, "cannot decode %s", kindName(e.JSONKind))
}

// pathOf writes a JSON pointer as a path: /counters/2/services/0/code is
// counters[2].services[0].code.
func pathOf(prefix string, p jsontext.Pointer) string {
	path := prefix
	for tok := range p.Tokens() {
		switch _, err := strconv.Atoi(tok); {
		case err == nil:
			path += "[" + tok + "]"
		case plainKey.MatchString(tok):
			path = joinPath(path, tok)
		default: // a key no field has, written so that it cannot break the line
			path += "[" + strconv.QuoteToASCII(clip(tok)) + "]"
		}
	}
	return path
}

// plainKey is a member name that a path shows as it is.
var plainKey = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)

var (
	durationType     = reflect.TypeFor[Duration]()
	timeDurationType = reflect.TypeFor[time.Duration]()
)

func isNumber(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
		return true
	}
	return false
}

func wantName(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Struct, reflect.Map:
		return "an object"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	}
	return "a number"
}

func kindName(k jsontext.Kind) string {
	switch k {
	case '{', '}':
		return "object"
	case '[', ']':
		return "array"
	case '"':
		return "string"
	case '0':
		return "number"
	case 't', 'f':
		return "boolean"
	case 'n':
		return "null"
	}
	return "nothing"
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

func unknownField(path, key string, t reflect.Type) error {
	msg := fmt.Sprintf("unknown field %q", clip(key))
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == nil || t.Kind() != reflect.Struct {
		return &FieldError{Path: path, Msg: msg}
	}
	if s := closest(key, jsonFields(t)); s != "" {
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
