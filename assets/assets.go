package assets

import "embed"

// CatalogJSON is the built-in service catalog (catalog.json).
//
//go:embed catalog.json
var CatalogJSON []byte

// FS holds every embedded asset by its file name. Today that is only
// catalog.json; fonts and sounds will join it.
//
//go:embed catalog.json
var FS embed.FS
