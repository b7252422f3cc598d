package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
)

// Relayout lays a screen out again from the top, twice: the first pass
// tells wrapped Texts their width, the second lays out with the heights
// that width gives. Fyne's window driver re-checks minimum sizes on every
// frame and would get there too; the test canvas never does, so screens
// call this after building to look the same in both.
func Relayout(root fyne.CanvasObject) {
	for range 2 {
		layoutTree(root)
	}
}

func layoutTree(o fyne.CanvasObject) {
	switch c := o.(type) {
	case *fyne.Container:
		if c.Layout != nil {
			c.Layout.Layout(c.Objects, c.Size())
		}
		for _, child := range c.Objects {
			layoutTree(child)
		}
	case *container.Scroll:
		if c.Content != nil {
			min := c.Content.MinSize()
			c.Content.Resize(fyne.NewSize(max(min.Width, c.Size().Width), max(min.Height, c.Size().Height)))
			layoutTree(c.Content)
		}
	case *dragSurface:
		c.content.Resize(c.Size())
		layoutTree(c.content)
	case *Tile:
		if c.inner != nil {
			c.inner.Resize(c.Size())
			layoutTree(c.inner)
		}
	case *Text:
		c.Refresh()
	}
}
