package kiosk

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"tabour/ui"
)

func (u *UI) categories() fyne.CanvasObject {
	f := u.flow
	var cards []fyne.CanvasObject
	for _, c := range f.Categories() {
		code := c.Code
		cards = append(cards, ui.Card(c.Name.In(f.Lang()), "", u.size(30), u.rtl(),
			u.do(func() { f.ChooseCategory(code) })))
	}
	return container.NewVBox(u.text(u.t("category.title"), 36).Bolded().Colored(ui.ColorPrimary),
		ui.Grid(u.rtl(), 3, cards...))
}

// services lists every service of the chosen category as full-size cards
// under the title; a long list scrolls by dragging.
func (u *UI) services() fyne.CanvasObject {
	f := u.flow
	var cards []fyne.CanvasObject
	for _, s := range f.Services() {
		code := s.Code
		cards = append(cards, ui.Card(s.Name.In(f.Lang()), "", u.size(28), u.rtl(),
			u.do(func() { f.ChooseService(code) })))
	}
	title := u.t("service.title")
	if c, ok := f.Category(); ok {
		title = c.Name.In(f.Lang())
	}
	return container.NewBorder(u.text(title, 36).Bolded().Fit(1).Colored(ui.ColorPrimary), nil, nil, nil,
		ui.TouchScroll(ui.Grid(u.rtl(), 2, cards...), u.flow.StillHere))
}
