// Go part of the conformance suite: gojsonschema (Debian's
// golang-github-xeipuuv-gojsonschema-dev), built offline by run.sh with
// GO111MODULE=off and GOPATH=/usr/share/gocode.
//
// Usage: runner SCHEMA_DIR OUT.json GOJSONSCHEMA_VERSION
//
// gojsonschema implements drafts 4, 6 and 7, not 2020-12. It is given the
// schemas exactly as emitted, with the loader set to draft 7 (AutoDetect off,
// so the 2020-12 `$schema` URL is not consulted) and the schema checked
// against the draft-7 metaschema (Validate on). That passes only because the
// emitted schemas use keywords that mean the same in draft 7: `$defs` is
// reached as a plain JSON pointer, `$comment` and the annotations are
// ignored, and no `$ref` has a sibling other than `description`.
//
// Writes one record per (vectors file, configuration) to OUT.json in the
// shape report.py merges; a configuration that fails to compile or errors on
// a payload is recorded, never aborts the others.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/xeipuuv/gojsonschema"
)

const maxKept = 20

type testCase struct {
	Description string          `json:"description"`
	Payload     json.RawMessage `json:"payload"`
	Valid       *bool           `json:"valid"`
}

type vectors struct {
	Schema string     `json:"schema"`
	Cases  []testCase `json:"cases"`
}

type example struct {
	Description string          `json:"description"`
	Payload     json.RawMessage `json:"payload"`
	Expected    bool            `json:"expected"`
	Got         interface{}     `json:"got"`
}

type record struct {
	File           string    `json:"file"`
	Implementation string    `json:"implementation"`
	Cases          int       `json:"cases"`
	Accepted       int       `json:"accepted"`
	Rejected       int       `json:"rejected"`
	Disagreements  int       `json:"disagreements"`
	Examples       []example `json:"examples"`
	Error          *string   `json:"error"`
}

type loaded struct {
	name   string
	schema []byte
	cases  []testCase
	err    error
}

// The formats checker chain is global: a configuration sets it up before it
// compiles or validates anything.
type config struct {
	name    string
	formats bool
}

func setFormats(on bool) {
	// Every format the emitted schemas carry.
	checkers := map[string]gojsonschema.FormatChecker{
		"date-time": gojsonschema.DateTimeFormatChecker{},
		"date":      gojsonschema.DateFormatChecker{},
		"time":      gojsonschema.TimeFormatChecker{},
		"ipv4":      gojsonschema.IPV4FormatChecker{},
		"uuid":      gojsonschema.UUIDFormatChecker{},
		"ipv6":      gojsonschema.IPV6FormatChecker{},
		"email":     gojsonschema.EmailFormatChecker{},
		"hostname":  gojsonschema.HostnameFormatChecker{},
		"uri":       gojsonschema.URIFormatChecker{},
	}
	for name, checker := range checkers {
		if on {
			gojsonschema.FormatCheckers.Add(name, checker)
		} else {
			gojsonschema.FormatCheckers.Remove(name)
		}
	}
}

func compile(schema []byte) (*gojsonschema.Schema, error) {
	loader := gojsonschema.NewSchemaLoader()
	loader.AutoDetect = false
	loader.Draft = gojsonschema.Draft7
	loader.Validate = true
	return loader.Compile(gojsonschema.NewBytesLoader(schema))
}

// isValid returns true/false, or an error string when the validator fails.
func isValid(s *gojsonschema.Schema, payload []byte) interface{} {
	result, err := s.Validate(gojsonschema.NewBytesLoader(payload))
	if err != nil {
		return "crash: " + err.Error()
	}
	return result.Valid()
}

// Each configuration is what its name says: a "+formats" one rejects a
// string that only `format: date-time` rules out, the other accepts it.
func checkConfig(c config) *string {
	probe := []byte(`{"type": "string", "format": "date-time"}`)
	s, err := compile(probe)
	if err != nil {
		msg := "configuration check failed: " + err.Error()
		return &msg
	}
	asserts := isValid(s, []byte(`"not a date-time"`)) == false
	if asserts != c.formats {
		msg := fmt.Sprintf("configuration check: format asserted=%v, against the configuration's name", asserts)
		return &msg
	}
	return nil
}

func load(dir, name string) loaded {
	l := loaded{name: name}
	raw, err := os.ReadFile(filepath.Join(dir, name))
	if err == nil && !utf8.Valid(raw) {
		err = fmt.Errorf("not UTF-8")
	}
	var v vectors
	if err == nil {
		err = json.Unmarshal(raw, &v)
	}
	if err == nil {
		l.schema, err = os.ReadFile(filepath.Join(dir, v.Schema))
	}
	if err == nil {
		for _, c := range v.Cases {
			if c.Valid == nil || len(c.Payload) == 0 {
				err = fmt.Errorf("malformed case: %.200s", c.Description)
				break
			}
		}
	}
	l.cases = v.Cases
	l.err = err
	return l
}

func run(c config, f loaded, configErr *string) record {
	rec := record{File: f.name, Implementation: c.name, Cases: len(f.cases), Examples: []example{}}
	if f.err != nil {
		msg := "cannot load vectors: " + f.err.Error()
		rec.Error = &msg
		return rec
	}
	if configErr != nil {
		rec.Error = configErr
		return rec
	}
	s, err := compile(f.schema)
	if err != nil {
		msg := "schema did not compile: " + err.Error()
		rec.Error = &msg
		return rec
	}
	for _, tc := range f.cases {
		got := isValid(s, tc.Payload)
		switch got {
		case true:
			rec.Accepted++
		case false:
			rec.Rejected++
		}
		if got != *tc.Valid {
			rec.Disagreements++
			if len(rec.Examples) < maxKept {
				var compact bytes.Buffer
				payload := tc.Payload
				if json.Compact(&compact, payload) == nil {
					payload = compact.Bytes()
				}
				rec.Examples = append(rec.Examples, example{tc.Description, payload, *tc.Valid, got})
			}
		}
	}
	return rec
}

func main() {
	if len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: runner SCHEMA_DIR OUT.json GOJSONSCHEMA_VERSION")
		os.Exit(2)
	}
	dir, out, version := os.Args[1], os.Args[2], os.Args[3]
	entries, err := os.ReadDir(dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	var names []string
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".vectors.json") {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	files := make([]loaded, 0, len(names))
	for _, n := range names {
		files = append(files, load(dir, n))
	}

	results := []record{}
	for _, c := range []config{{"gojsonschema", false}, {"gojsonschema+formats", true}} {
		setFormats(c.formats)
		configErr := checkConfig(c)
		for _, f := range files {
			results = append(results, run(c, f, configErr))
		}
	}
	doc := map[string]interface{}{
		"runner":   "go",
		"versions": map[string]string{"gojsonschema": version},
		"notes":    []string{},
		"results":  results,
	}
	text, err := json.Marshal(doc)
	if err == nil {
		err = os.WriteFile(out, text, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
}
