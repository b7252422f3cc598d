package assets

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"regexp"
	"testing"

	"tabour/lang"
	"tabour/queue"
)

type catalog struct {
	Version    int `json:"version"`
	Categories []struct {
		Code string    `json:"code"`
		Name lang.Text `json:"name"`
	} `json:"categories"`
	Services []queue.Service `json:"services"`
}

func decode(t *testing.T) catalog {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(CatalogJSON))
	dec.DisallowUnknownFields()
	var c catalog
	if err := dec.Decode(&c); err != nil {
		t.Fatalf("catalog.json: %v", err)
	}
	if dec.More() {
		t.Fatal("catalog.json: trailing data")
	}
	return c
}

func TestFSHasCatalog(t *testing.T) {
	b, err := fs.ReadFile(FS, "catalog.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b, CatalogJSON) {
		t.Fatal("FS and CatalogJSON differ")
	}
}

func TestCatalogHeader(t *testing.T) {
	c := decode(t)
	if c.Version != 1 {
		t.Errorf("version = %d, want 1", c.Version)
	}
	if n := len(c.Services); n < 16 || n > 20 {
		t.Errorf("%d services, want 16-20", n)
	}
	seen := map[string]bool{}
	for _, cat := range c.Categories {
		if seen[cat.Code] {
			t.Errorf("category %q twice", cat.Code)
		}
		seen[cat.Code] = true
		if cat.Name.AR == "" || cat.Name.EN == "" {
			t.Errorf("category %q: name needs ar and en", cat.Code)
		}
	}
}

var (
	codeRE   = regexp.MustCompile(`^[A-Z][A-Z0-9-]{1,31}$`)
	prefixRE = regexp.MustCompile(`^[A-HJ-NP-Z]$`) // one letter, not I or O
	arabicRE = regexp.MustCompile(`\p{Arabic}`)
)

func TestCatalogServices(t *testing.T) {
	c := decode(t)
	cats := map[string]int{}
	for _, cat := range c.Categories {
		cats[cat.Code] = 0
	}
	codes, prefixes := map[string]bool{}, map[string]bool{}
	for _, s := range c.Services {
		checkService(t, s, cats, codes, prefixes)
	}
	for code, n := range cats {
		if n == 0 {
			t.Errorf("category %q has no service", code)
		}
	}
}

func checkService(t *testing.T, s queue.Service, cats map[string]int, codes, prefixes map[string]bool) {
	t.Helper()
	if !codeRE.MatchString(s.Code) || codes[s.Code] {
		t.Errorf("service %q: bad or repeated code", s.Code)
	}
	codes[s.Code] = true
	if !prefixRE.MatchString(s.Prefix) || prefixes[s.Prefix] {
		t.Errorf("%s: bad or repeated prefix %q", s.Code, s.Prefix)
	}
	prefixes[s.Prefix] = true
	if !arabicRE.MatchString(s.Name.AR) || s.Name.EN == "" {
		t.Errorf("%s: name needs Arabic ar and an en", s.Code)
	}
	if _, ok := cats[s.Category]; !ok {
		t.Errorf("%s: unknown category %q", s.Code, s.Category)
	}
	cats[s.Category]++
	if s.TargetWaitMin < 15 || s.TargetWaitMin > 45 {
		t.Errorf("%s: target_wait_min %d not in 15-45", s.Code, s.TargetWaitMin)
	}
	if s.AvgServiceMin < 4 || s.AvgServiceMin > 20 {
		t.Errorf("%s: avg_service_min %d not in 4-20", s.Code, s.AvgServiceMin)
	}
	if len(s.Documents) == 0 {
		t.Errorf("%s: no documents", s.Code)
	}
	for i, d := range s.Documents {
		if !arabicRE.MatchString(d.AR) || d.EN == "" {
			t.Errorf("%s: documents[%d] needs ar and en", s.Code, i)
		}
	}
	if s.Fee != nil {
		t.Errorf("%s: the built-in catalog must not state a fee", s.Code)
	}
	checkKinds(t, s)
}

func checkKinds(t *testing.T, s queue.Service) {
	t.Helper()
	if len(s.Kinds) == 0 {
		t.Errorf("%s: kinds should be explicit", s.Code)
	}
	for _, k := range s.Kinds {
		if k2, err := queue.ParseKind(string(k)); err != nil || k2 != k {
			t.Errorf("%s: bad kind %q", s.Code, k)
		}
	}
}

// TestCatalogCoversKinds checks that collecting outputs and asking about an
// application each have a service of their own.
func TestCatalogCoversKinds(t *testing.T) {
	want := map[string]queue.Kind{"COLLECT": queue.KindCollect, "INQUIRY": queue.KindInquiry}
	for _, s := range decode(t).Services {
		if k, ok := want[s.Code]; ok {
			if len(s.Kinds) != 1 || s.Kinds[0] != k {
				t.Errorf("%s: kinds %v, want [%s]", s.Code, s.Kinds, k)
			}
			delete(want, s.Code)
		}
	}
	if len(want) != 0 {
		t.Errorf("missing services %v", want)
	}
}
