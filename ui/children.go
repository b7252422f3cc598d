package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
)

// Children returns the objects o is drawn from, each positioned relative
// to o: a container's objects, a scroller's content, what a Tile or a
// TouchScroll surface holds. Anything else returns nil. It lets a screen
// be walked without Fyne's renderers, which only Fyne's drivers reach.
func Children(o fyne.CanvasObject) []fyne.CanvasObject {
	switch c := o.(type) {
	case *fyne.Container:
		return c.Objects
	case *container.Scroll:
		if c.Content != nil {
			return []fyne.CanvasObject{c.Content}
		}
	case *dragSurface:
		return []fyne.CanvasObject{c.content}
	case *Tile:
		if c.inner != nil {
			return []fyne.CanvasObject{c.inner}
		}
	}
	return nil
}
