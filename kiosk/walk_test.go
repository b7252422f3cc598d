package kiosk_test

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"tabour/ui"
)

// walk visits every object drawn under o, renderers included.
func walk(o fyne.CanvasObject, visit func(fyne.CanvasObject)) {
	visit(o)
	switch c := o.(type) {
	case *fyne.Container:
		for _, child := range c.Objects {
			walk(child, visit)
		}
	case fyne.Widget:
		for _, child := range test.WidgetRenderer(c).Objects() {
			walk(child, visit)
		}
	}
}

// tiles lists the tappable tiles under o, in drawing order.
func tiles(o fyne.CanvasObject) []*ui.Tile {
	var out []*ui.Tile
	walk(o, func(x fyne.CanvasObject) {
		if t, ok := x.(*ui.Tile); ok {
			out = append(out, t)
		}
	})
	return out
}

// label is the text drawn on a tile (its runs in drawing order).
func label(t *ui.Tile) string {
	var parts []string
	walk(t, func(x fyne.CanvasObject) {
		if txt, ok := x.(*ui.Text); ok {
			parts = append(parts, txt.Text)
		}
	})
	return strings.Join(parts, " ")
}

// find returns the first tile whose label contains s, or nil.
func find(root fyne.CanvasObject, s string) *ui.Tile {
	for _, t := range tiles(root) {
		if strings.Contains(label(t), s) {
			return t
		}
	}
	return nil
}

// texts lists the text of every ui.Text under o, in logical order.
func texts(o fyne.CanvasObject) []string {
	var out []string
	walk(o, func(x fyne.CanvasObject) {
		if txt, ok := x.(*ui.Text); ok {
			out = append(out, txt.Text)
		}
	})
	return out
}
