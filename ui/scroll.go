package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// TouchScroll is a vertical scroller that a finger can drag. Fyne's
// desktop scroller answers only the mouse wheel and its bar; on a
// touchscreen a drag arrives as a mouse drag, so the content sits on a
// draggable surface that moves the scroller. Taps on tiles inside still
// work: Fyne does not deliver a tap at the end of a drag. onDrag, if
// given, is called on every drag step (a kiosk counts it as activity).
func TouchScroll(content fyne.CanvasObject, onDrag ...func()) *container.Scroll {
	s := container.NewVScroll(nil)
	d := newDragSurface(content, s)
	d.onDrag = onDrag
	s.Content = d
	return s
}

// dragSurface is the scroller's content: it draws content and turns drags
// into scrolling.
type dragSurface struct {
	widget.BaseWidget
	content fyne.CanvasObject
	scroll  *container.Scroll
	onDrag  []func()
}

func newDragSurface(content fyne.CanvasObject, s *container.Scroll) *dragSurface {
	d := &dragSurface{content: content, scroll: s}
	d.ExtendBaseWidget(d)
	return d
}

// Dragged implements fyne.Draggable: the content follows the finger.
func (d *dragSurface) Dragged(e *fyne.DragEvent) {
	d.scroll.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.Delta{DY: e.Dragged.DY}})
	for _, f := range d.onDrag {
		f()
	}
}

// DragEnd implements fyne.Draggable.
func (d *dragSurface) DragEnd() {}

// CreateRenderer implements fyne.Widget.
func (d *dragSurface) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(d.content)
}

// MinSize is the content's.
func (d *dragSurface) MinSize() fyne.Size { return d.content.MinSize() }
