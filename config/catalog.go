package config

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"regexp"
	"slices"
	"sync"

	"tabour/assets"
	"tabour/lang"
	"tabour/queue"
)

// CatalogVersion is the catalog format this package reads.
const CatalogVersion = 1

// Catalog is a set of services grouped in categories: the built-in one
// (package assets) or a center's own file (Config.Catalog).
type Catalog struct {
	Version    int             `json:"version"`
	Categories []Category      `json:"categories"`
	Services   []queue.Service `json:"services"`
}

// Category groups services on the kiosk's first screen.
type Category struct {
	Code string    `json:"code"` // e.g. "building"
	Name lang.Text `json:"name"`
}

// Service returns the service with the given code.
func (c Catalog) Service(code string) (queue.Service, bool) {
	for _, s := range c.Services {
		if s.Code == code {
			return s, true
		}
	}
	return queue.Service{}, false
}

// Category returns the category with the given code.
func (c Catalog) Category(code string) (Category, bool) {
	for _, k := range c.Categories {
		if k.Code == code {
			return k, true
		}
	}
	return Category{}, false
}

// DecodeCatalog reads a catalog strictly (as Decode reads a config) and
// validates it. Errors are FieldErrors naming the field
// ("services[3].prefix").
func DecodeCatalog(data []byte) (Catalog, error) {
	var c Catalog
	if _, err := decodeStrict(bytes.TrimPrefix(data, utf8BOM), &c); err != nil {
		return Catalog{}, err
	}
	if err := c.Validate(); err != nil {
		return Catalog{}, err
	}
	return c, nil
}

// builtin decodes the embedded catalog once.
var builtin = sync.OnceValues(func() (Catalog, error) {
	c, err := DecodeCatalog(assets.CatalogJSON)
	if err != nil {
		return Catalog{}, withSource(err, "built-in catalog")
	}
	return c, nil
})

// BuiltinCatalog returns the catalog embedded in the binary. Each call
// returns a fresh copy that the caller may change.
func BuiltinCatalog() (Catalog, error) {
	c, err := builtin()
	if err != nil {
		return Catalog{}, err
	}
	return c.Clone(), nil
}

// Clone returns a deep copy of c.
func (c Catalog) Clone() Catalog {
	out := Catalog{Version: c.Version, Categories: slices.Clone(c.Categories)}
	if c.Services != nil {
		out.Services = make([]queue.Service, len(c.Services))
	}
	for i, s := range c.Services {
		s.Documents = slices.Clone(s.Documents)
		s.Kinds = slices.Clone(s.Kinds)
		if s.Fee != nil {
			fee := *s.Fee
			s.Fee = &fee
		}
		out.Services[i] = s
	}
	return out
}

// LoadCatalog returns the built-in catalog for path "" and reads the
// catalog file at path otherwise. The file must be a regular file.
func LoadCatalog(path string) (Catalog, error) {
	if path == "" {
		return BuiltinCatalog()
	}
	data, err := readRegular(path)
	if err != nil {
		return Catalog{}, fmt.Errorf("config: catalog: %w", err)
	}
	c, err := DecodeCatalog(data)
	if err != nil {
		return Catalog{}, withSource(err, fmt.Sprintf("catalog %q", clip(path)))
	}
	return c, nil
}

// readRegular reads a regular file of at most maxFileSize bytes (so that a
// mistaken path such as /dev/stdin cannot block the appliance). Errors quote
// the path.
func readRegular(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, quotePath(err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, quotePath(err)
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%q: not a regular file", clip(path))
	}
	data, err := readAll(f)
	if err != nil {
		return nil, fmt.Errorf("%q: %w", clip(path), err)
	}
	return data, nil
}

// quotePath rewrites a *fs.PathError so that the path is quoted: a path
// read from a file may hold any character, a newline included.
func quotePath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s %q: %w", pe.Op, clip(pe.Path), pe.Err)
	}
	return err
}

var (
	categoryCodeRE = regexp.MustCompile(`^[a-z][a-z0-9-]{1,31}$`)
	serviceCodeRE  = regexp.MustCompile(`^[A-Z][A-Z0-9-]{1,31}$`)
	prefixRE       = regexp.MustCompile(`^[A-Z]{1,2}$`)
)

// Limits on a catalog's numbers.
const (
	maxTargetWaitMin = 480
	maxAvgServiceMin = 240
	maxFeeEGP        = 1e9
)

// Validate checks a catalog: version 1; unique category codes
// (^[a-z][a-z0-9-]{1,31}$) with both names; at least one service; unique
// service codes (^[A-Z][A-Z0-9-]{1,31}$) and unique prefixes (one or two
// capital letters, so ticket labels never collide); both names; a known
// category; target_wait_min 1–480 and avg_service_min 1–240; at least one
// document, each in both languages; a fee, if any, above zero; known,
// non-repeated kinds. All problems are reported, joined.
func (c Catalog) Validate() error {
	var p problems
	if c.Version != CatalogVersion {
		p.add("version", "want %d, got %d", CatalogVersion, c.Version)
	}
	cats := c.checkCategories(&p)
	if len(c.Services) == 0 {
		p.add("services", "at least one service is needed")
	}
	codes, prefixes := map[string]bool{}, map[string]bool{}
	for i, s := range c.Services {
		path := fmt.Sprintf("services[%d]", i)
		checkService(&p, path, s, cats)
		p.unique(path+".code", s.Code, codes)
		p.unique(path+".prefix", s.Prefix, prefixes)
	}
	return p.err()
}

func (c Catalog) checkCategories(p *problems) map[string]bool {
	cats := map[string]bool{}
	for i, k := range c.Categories {
		path := fmt.Sprintf("categories[%d]", i)
		if !categoryCodeRE.MatchString(k.Code) {
			p.add(path+".code", "%q is not a category code (lower-case letters, digits and -, 2 to 32)", clip(k.Code))
		}
		p.unique(path+".code", k.Code, cats)
		p.text(path+".name", k.Name)
	}
	return cats
}

func checkService(p *problems, path string, s queue.Service, cats map[string]bool) {
	if !serviceCodeRE.MatchString(s.Code) {
		p.add(path+".code", "%q is not a service code (capital letters, digits and -, 2 to 32)", clip(s.Code))
	}
	if !prefixRE.MatchString(s.Prefix) {
		p.add(path+".prefix", "%q is not a ticket prefix (one or two capital letters)", clip(s.Prefix))
	}
	p.text(path+".name", s.Name)
	if !cats[s.Category] {
		p.add(path+".category", "unknown category %q", clip(s.Category))
	}
	p.between(path+".target_wait_min", s.TargetWaitMin, 1, maxTargetWaitMin)
	p.between(path+".avg_service_min", s.AvgServiceMin, 1, maxAvgServiceMin)
	if len(s.Documents) == 0 {
		p.add(path+".documents", "list at least one document the citizen must bring")
	}
	for j, d := range s.Documents {
		p.text(fmt.Sprintf("%s.documents[%d]", path, j), d)
	}
	checkFee(p, path+".fee", s.Fee)
	checkKinds(p, path+".kinds", s.Kinds)
}

func checkFee(p *problems, path string, f *queue.Fee) {
	if f == nil {
		return
	}
	a := f.AmountEGP
	if math.IsNaN(a) || a <= 0 || a > maxFeeEGP {
		p.add(path+".amount_egp", "must be above 0 and at most %g (omit fee to show \"per the unified fee guide\")", float64(maxFeeEGP))
	}
}

func checkKinds(p *problems, path string, kinds []queue.Kind) {
	seen := map[queue.Kind]bool{}
	for i, k := range kinds {
		kp := fmt.Sprintf("%s[%d]", path, i)
		if _, err := queue.ParseKind(string(k)); err != nil || k == "" {
			p.add(kp, "unknown visit kind %q (submit, collect, inquiry)", clip(string(k)))
		} else if seen[k] {
			p.add(kp, "%q given twice", k)
		}
		seen[k] = true
	}
}
