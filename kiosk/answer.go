package kiosk

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"

	"tabour/ui"
)

// inquiryAnswer shows what the workflow server said about an application.
func (u *UI) inquiryAnswer() fyne.CanvasObject {
	f := u.flow
	a := f.InquiryAnswer()
	lines := []fyne.CanvasObject{u.text(u.t("inquiry.found"), 34).Bolded().Colored(ui.ColorPrimary)}
	if a == nil || !a.Found {
		lines = append(lines, u.text(u.t("inquiry.notfound"), 28).Wrapped())
	} else {
		lines = append(lines, u.text(u.p().Digits(a.Status.In(f.Lang())), 32).Bolded().Wrapped())
		if n := a.Next.In(f.Lang()); n != "" {
			lines = append(lines, u.text(u.p().Digits(n), 26).Wrapped())
		}
	}
	actions := ui.Columns(u.rtl(),
		ui.Button(u.t("ticket.done"), u.size(30), u.rtl(), true, u.do(f.Done)),
		ui.Button(u.t("inquiry.ticket"), u.size(26), u.rtl(), false, u.do(f.AnswerTicket)))
	return container.NewVBox(ui.Panel(container.NewVBox(lines...), ui.ColorSurface), layout.NewSpacer(), actions)
}
