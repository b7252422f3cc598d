package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"tabour/assets"
)

// Palette: calm, high-contrast colours readable on a bright hall screen.
var (
	ColorBackground = color.NRGBA{0xF6, 0xF5, 0xF1, 0xFF}
	ColorSurface    = color.NRGBA{0xFF, 0xFF, 0xFF, 0xFF}
	ColorText       = color.NRGBA{0x1C, 0x25, 0x33, 0xFF}
	ColorMuted      = color.NRGBA{0x5A, 0x64, 0x70, 0xFF}
	ColorPrimary    = color.NRGBA{0x0B, 0x6E, 0x4F, 0xFF} // deep green
	ColorOnPrimary  = color.NRGBA{0xFF, 0xFF, 0xFF, 0xFF}
	ColorAccent     = color.NRGBA{0xC8, 0x96, 0x2E, 0xFF} // brass
	ColorError      = color.NRGBA{0xB3, 0x26, 0x1E, 0xFF}
	ColorBorder     = color.NRGBA{0xD9, 0xD6, 0xCE, 0xFF}
	ColorHeader     = color.NRGBA{0x12, 0x3A, 0x5A, 0xFF} // navy
	ColorSelected   = color.NRGBA{0xDD, 0xF0, 0xE7, 0xFF} // light green: the current choice
	ColorWarn       = color.NRGBA{0xFF, 0xF1, 0xCC, 0xFF} // light brass: a warning banner
)

var (
	fontRegular = fyne.NewStaticResource("NotoSansArabic-Regular.ttf", assets.NotoSansArabicRegular)
	fontBold    = fyne.NewStaticResource("NotoSansArabic-Bold.ttf", assets.NotoSansArabicBold)
)

// Theme is the kiosk theme: light, the bundled Noto Sans Arabic (Latin
// falls back to Fyne's own Noto Sans, which matches it), large sizes for a
// 15–21" touchscreen read standing.
type Theme struct{}

var _ fyne.Theme = Theme{}

// Color implements fyne.Theme.
func (Theme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	switch n {
	case theme.ColorNameBackground:
		return ColorBackground
	case theme.ColorNameForeground:
		return ColorText
	case theme.ColorNamePrimary, theme.ColorNameFocus:
		return ColorPrimary
	case theme.ColorNameButton, theme.ColorNameInputBackground:
		return ColorSurface
	case theme.ColorNameError:
		return ColorError
	case theme.ColorNameSeparator, theme.ColorNameInputBorder:
		return ColorBorder
	}
	return theme.DefaultTheme().Color(n, theme.VariantLight)
}

// Font implements fyne.Theme.
func (Theme) Font(s fyne.TextStyle) fyne.Resource {
	if s.Bold {
		return fontBold
	}
	return fontRegular
}

// Icon implements fyne.Theme.
func (Theme) Icon(n fyne.ThemeIconName) fyne.Resource { return theme.DefaultTheme().Icon(n) }

// Size implements fyne.Theme.
func (Theme) Size(n fyne.ThemeSizeName) float32 {
	switch n {
	case theme.SizeNameText:
		return 22
	case theme.SizeNamePadding:
		return 8
	case theme.SizeNameInnerPadding:
		return 12
	}
	return theme.DefaultTheme().Size(n)
}
