package kiosk

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"tabour/queue"
	"tabour/ui"
)

func (u *UI) home() fyne.CanvasObject {
	f := u.flow
	title := u.text(u.t("home.welcome"), 44).Bolded().Centered().Colored(ui.ColorPrimary)
	question := u.text(u.t("home.question"), 30).Centered()
	var purposes []fyne.CanvasObject
	for _, k := range f.Purposes() {
		purposes = append(purposes, u.purposeCard(k))
	}
	if f.OffersAppointments() {
		purposes = append(purposes, ui.Card(u.t("purpose.appointment"), u.t("purpose.appointment.hint"),
			u.size(28), u.rtl(), u.do(f.ChooseAppointment)))
	}
	var common []fyne.CanvasObject
	for _, s := range f.Common() {
		code := s.Code
		common = append(common, ui.Card(s.Name.In(f.Lang()), "", u.size(24), u.rtl(),
			u.do(func() { f.ChooseService(code) })))
	}
	commonTitle := u.text(u.t("home.common"), 26).Bolded()
	if b := f.PrinterBanner(); b != nil {
		// Before a citizen starts, in place of the greeting: the printer
		// is out and the number will be on screen.
		warn := u.text(b.In(f.Lang()), 28).Bolded().Centered().Fit(2).Colored(ui.ColorError)
		return container.NewVBox(ui.Panel(warn, ui.ColorWarn),
			ui.Grid(u.rtl(), purposeColumns(len(purposes)), purposes...),
			commonTitle,
			ui.Grid(u.rtl(), max(len(common), 1), common...))
	}
	return container.NewVBox(title, question,
		ui.Grid(u.rtl(), purposeColumns(len(purposes)), purposes...),
		commonTitle,
		ui.Grid(u.rtl(), max(len(common), 1), common...))
}

// purposeColumns lays the purposes out without a hole: three in a row,
// four as two by two.
func purposeColumns(n int) int {
	if n == 4 {
		return 2
	}
	return max(n, 1)
}

func (u *UI) purposeCard(k queue.Kind) fyne.CanvasObject {
	key := "purpose." + string(k)
	return ui.Card(u.t(key), u.t(key+".hint"), u.size(30), u.rtl(), u.do(func() { u.flow.ChoosePurpose(k) }))
}
