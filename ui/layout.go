package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
)

// Row lays objects out side by side, in reading order: right to left when
// rtl. Spacers (layout.NewSpacer) stretch as in an HBox.
func Row(rtl bool, objs ...fyne.CanvasObject) *fyne.Container {
	return container.NewHBox(mirror(rtl, objs)...)
}

// Line lays objects side by side from the reading start: packed against
// the right edge when rtl, the left edge otherwise.
func Line(rtl bool, objs ...fyne.CanvasObject) *fyne.Container {
	if rtl {
		return container.NewHBox(append([]fyne.CanvasObject{layout.NewSpacer()}, mirror(true, objs)...)...)
	}
	return container.NewHBox(append(objs[:len(objs):len(objs)], layout.NewSpacer())...)
}

// Columns lays objects out in equal-width columns, in reading order.
func Columns(rtl bool, objs ...fyne.CanvasObject) *fyne.Container {
	return container.NewGridWithColumns(len(objs), mirror(rtl, objs)...)
}

// Grid lays objects out in rows of cols equal cells, filling each row in
// reading order (from the right when rtl); a short last row starts on the
// reading side too.
func Grid(rtl bool, cols int, objs ...fyne.CanvasObject) *fyne.Container {
	var cells []fyne.CanvasObject
	for i := 0; i < len(objs); i += cols {
		row := objs[i:min(i+cols, len(objs))]
		for len(row) < cols && len(objs) > cols {
			row = append(row[:len(row):len(row)], layout.NewSpacer())
		}
		cells = append(cells, mirror(rtl, row)...)
	}
	return container.NewGridWithColumns(min(cols, max(len(objs), 1)), cells...)
}

// mirror returns objs in visual order: reversed for right to left.
func mirror(rtl bool, objs []fyne.CanvasObject) []fyne.CanvasObject {
	out := make([]fyne.CanvasObject, len(objs))
	for i, o := range objs {
		if rtl {
			out[len(objs)-1-i] = o
		} else {
			out[i] = o
		}
	}
	return out
}
