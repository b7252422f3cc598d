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

// The UI and ticket fonts: Noto Sans Arabic (Arabic script) and Noto Sans
// (Latin), Regular and Bold, from Debian's fonts-noto-core, under the SIL
// Open Font License 1.1 (fonts/OFL.txt).
var (
	//go:embed fonts/NotoSansArabic-Regular.ttf
	NotoSansArabicRegular []byte
	//go:embed fonts/NotoSansArabic-Bold.ttf
	NotoSansArabicBold []byte
	//go:embed fonts/NotoSans-Regular.ttf
	NotoSansRegular []byte
	//go:embed fonts/NotoSans-Bold.ttf
	NotoSansBold []byte
)
