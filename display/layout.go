package display

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
)

// split divides its size between two objects along one axis: the first
// gets share of it, the second the rest, with gap between. Side by side
// and right to left, the first is on the right.
type split struct {
	horizontal bool
	share, gap float32
	rtl        bool
}

func newSplit(horizontal bool, share, gap float32, rtl bool, a, b fyne.CanvasObject) *fyne.Container {
	return container.New(&split{horizontal: horizontal, share: share, gap: gap, rtl: rtl}, a, b)
}

func (s *split) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	a, b := objs[0], objs[1]
	if !s.horizontal {
		h := (size.Height - s.gap) * s.share
		a.Move(fyne.NewPos(0, 0))
		a.Resize(fyne.NewSize(size.Width, h))
		b.Move(fyne.NewPos(0, h+s.gap))
		b.Resize(fyne.NewSize(size.Width, size.Height-h-s.gap))
		return
	}
	w := (size.Width - s.gap) * s.share
	a.Resize(fyne.NewSize(w, size.Height))
	b.Resize(fyne.NewSize(size.Width-w-s.gap, size.Height))
	if s.rtl {
		a.Move(fyne.NewPos(size.Width-w, 0))
		b.Move(fyne.NewPos(0, 0))
		return
	}
	a.Move(fyne.NewPos(0, 0))
	b.Move(fyne.NewPos(w+s.gap, 0))
}

func (s *split) MinSize(objs []fyne.CanvasObject) fyne.Size {
	a, b := objs[0].MinSize(), objs[1].MinSize()
	if s.horizontal {
		return fyne.NewSize(a.Width+b.Width+s.gap, max(a.Height, b.Height))
	}
	return fyne.NewSize(max(a.Width, b.Width), a.Height+b.Height+s.gap)
}

// inset keeps its content dx from the sides and dy from the top and
// bottom.
type inset struct{ dx, dy float32 }

func newInset(dx, dy float32, content fyne.CanvasObject) *fyne.Container {
	return container.New(&inset{dx, dy}, content)
}

func (in *inset) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(in.dx, in.dy))
		o.Resize(fyne.NewSize(size.Width-2*in.dx, size.Height-2*in.dy))
	}
}

func (in *inset) MinSize(objs []fyne.CanvasObject) fyne.Size {
	m := fyne.NewSize(0, 0)
	for _, o := range objs {
		m = m.Max(o.MinSize())
	}
	return m.AddWidthHeight(2*in.dx, 2*in.dy)
}

// newRows stacks rows with gap between them.
func newRows(gap float32) *fyne.Container {
	return container.New(layout.NewCustomPaddedVBoxLayout(gap))
}

// border puts top and bottom (either may be nil) at their minimum heights
// and gives the center the rest, with no padding.
type border struct{ top, bottom, center fyne.CanvasObject }

func newBorder(top, bottom, center fyne.CanvasObject) *fyne.Container {
	b := &border{top, bottom, center}
	var objs []fyne.CanvasObject
	for _, o := range []fyne.CanvasObject{top, bottom, center} {
		if o != nil {
			objs = append(objs, o)
		}
	}
	return container.New(b, objs...)
}

func (b *border) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	y, end := float32(0), size.Height
	if b.top != nil {
		h := b.top.MinSize().Height
		b.top.Move(fyne.NewPos(0, 0))
		b.top.Resize(fyne.NewSize(size.Width, h))
		y = h
	}
	if b.bottom != nil {
		h := b.bottom.MinSize().Height
		end -= h
		b.bottom.Move(fyne.NewPos(0, end))
		b.bottom.Resize(fyne.NewSize(size.Width, h))
	}
	b.center.Move(fyne.NewPos(0, y))
	b.center.Resize(fyne.NewSize(size.Width, max(end-y, 0)))
}

func (b *border) MinSize(objs []fyne.CanvasObject) fyne.Size {
	m := fyne.NewSize(0, 0)
	for _, o := range objs {
		s := o.MinSize()
		m = fyne.NewSize(max(m.Width, s.Width), m.Height+s.Height)
	}
	return m
}
