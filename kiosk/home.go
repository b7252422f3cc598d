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
		common = append(common, ui.Card(pick(f.Lang(), s.Name.AR, s.Name.EN), "", u.size(24), u.rtl(),
			u.do(func() { f.ChooseService(code) })))
	}
	commonTitle := u.text(u.t("home.common"), 26).Bolded()
	return container.NewVBox(title, question,
		ui.Grid(u.rtl(), 2, purposes...),
		commonTitle,
		ui.Grid(u.rtl(), max(len(common), 1), common...))
}

func (u *UI) purposeCard(k queue.Kind) fyne.CanvasObject {
	key := "purpose." + string(k)
	return ui.Card(u.t(key), u.t(key+".hint"), u.size(30), u.rtl(), u.do(func() { u.flow.ChoosePurpose(k) }))
}
