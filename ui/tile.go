package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Tile is a large touch target: a rounded card holding any content, which
// calls OnTapped when touched. Buttons, service cards and keypad keys are
// tiles, so they all carry bidi-correct text and a generous size.
type Tile struct {
	widget.BaseWidget
	Content  fyne.CanvasObject
	Fill     color.Color
	Stroke   color.Color
	MinH     float32
	OnTapped func()
	// Selected draws the tile as the current choice: a thick primary
	// border on a light primary fill.
	Selected bool

	inner *fyne.Container // what the renderer draws, for Relayout
}

// NewTile returns a tile.
func NewTile(content fyne.CanvasObject, fill color.Color, onTap func()) *Tile {
	t := &Tile{Content: content, Fill: fill, Stroke: ColorBorder, OnTapped: onTap}
	t.ExtendBaseWidget(t)
	return t
}

// Tapped implements fyne.Tappable.
func (t *Tile) Tapped(*fyne.PointEvent) {
	if t.OnTapped != nil {
		t.OnTapped()
	}
}

// CreateRenderer implements fyne.Widget.
func (t *Tile) CreateRenderer() fyne.WidgetRenderer {
	bg := canvas.NewRectangle(t.Fill)
	bg.CornerRadius, bg.StrokeWidth, bg.StrokeColor = 14, 2, t.Stroke
	if t.Selected {
		bg.FillColor, bg.StrokeWidth, bg.StrokeColor = ColorSelected, 6, ColorPrimary
	}
	min := canvas.NewRectangle(color.Transparent)
	min.SetMinSize(fyne.NewSize(0, t.MinH))
	inner := container.NewPadded(t.Content)
	t.inner = container.NewStack(min, bg, inner)
	return widget.NewSimpleRenderer(t.inner)
}

// Button is a tile with one centered bold label. Primary buttons are
// filled with the primary colour.
func Button(label string, size float32, rtl, primary bool, onTap func()) *Tile {
	fill, fg := color.Color(ColorSurface), color.Color(ColorPrimary)
	if primary {
		fill, fg = ColorPrimary, ColorOnPrimary
	}
	txt := NewText(label, size, rtl).Bolded().Centered().Fit(2).Colored(fg)
	t := NewTile(container.NewVBox(layout.NewSpacer(), txt, layout.NewSpacer()), fill, onTap)
	if primary {
		t.Stroke = ColorPrimary
	}
	t.MinH = size * 2.6
	return t
}

// IconButton is a tile showing a bundled icon (drawn, so it needs no font).
func IconButton(icon fyne.Resource, side float32, onTap func()) *Tile {
	img := canvas.NewImageFromResource(theme.NewColoredResource(icon, theme.ColorNamePrimary))
	img.FillMode = canvas.ImageFillContain
	img.SetMinSize(fyne.NewSquareSize(side))
	t := NewTile(container.NewCenter(img), ColorSurface, onTap)
	t.MinH = side * 1.6
	return t
}

// Card is a tile with a title and a smaller hint under it, aligned to the
// reading side.
func Card(title, hint string, size float32, rtl bool, onTap func()) *Tile {
	objs := []fyne.CanvasObject{layout.NewSpacer(), NewText(title, size, rtl).Bolded().Fit(3).Colored(ColorPrimary)}
	if hint != "" {
		objs = append(objs, NewText(hint, size*0.7, rtl).Fit(2).Colored(ColorMuted))
	}
	objs = append(objs, layout.NewSpacer())
	t := NewTile(container.NewVBox(objs...), ColorSurface, onTap)
	t.MinH = size * 4
	return t
}

// Panel is a plain rounded background behind content.
func Panel(content fyne.CanvasObject, fill color.Color) fyne.CanvasObject {
	bg := canvas.NewRectangle(fill)
	bg.CornerRadius = 14
	return container.NewStack(bg, container.NewPadded(container.NewPadded(content)))
}
