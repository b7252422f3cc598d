// Package ui is what every Tabour screen shares on top of Fyne: a theme
// with the bundled Arabic font (no system fonts needed), a text widget that
// displays mixed Arabic, Latin and digits in the right visual order and
// wraps it, right-to-left rows and grids, large touch tiles, and QR images.
//
// Fyne 2.7 shapes Arabic letters but places the directional runs of a
// string left to right in logical order and has no right-to-left layout.
// Text therefore runs the bidi algorithm itself (package ui/bidi) and draws
// each run as its own canvas.Text, in visual order; an RTL run is fenced
// with RIGHT-TO-LEFT MARKs so that Fyne resolves its edge spaces and
// brackets as right to left too (HarfBuzz then mirrors the brackets). Row
// and Grid mirror their children when the language is Arabic. Fyne takes a
// text object's baseline from the font of its first character, so an LTR
// run starts with a ZERO WIDTH NON-JOINER (which the Arabic font has) to
// sit on the same baseline as the Arabic around it.
//
// Strings come from package ui/i18n; this package never imports
// fyne.io/fyne/v2/app, so its tests build without OpenGL.
package ui
