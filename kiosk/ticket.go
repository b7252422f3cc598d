package kiosk

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"

	"tabour/ui"
)

// ticket shows the number very large, where to go, the wait and the QR.
func (u *UI) ticket() fyne.CanvasObject {
	f := u.flow
	iss := f.Issued()
	d := iss.Doc
	your := u.text(u.t("ticket.your"), 30).Centered()
	number := ui.NewText(d.Number, u.size(120), false).Bolded().Centered().Colored(ui.ColorPrimary)
	lines := []fyne.CanvasObject{your, number,
		u.text(d.Service, 30).Bolded().Centered().Wrapped(),
		u.text(d.Counter, 24).Centered().Wrapped(),
		u.text(d.Ahead, 26).Centered().Wrapped(),
		u.text(d.Wait, 26).Centered().Wrapped(),
		u.text(d.Issued, 20).Centered().Colored(ui.ColorMuted),
	}
	if iss.Duplicate {
		lines = append([]fyne.CanvasObject{u.text(u.t("ticket.duplicate"), 26).Bolded().Centered().Colored(ui.ColorAccent)}, lines...)
	}
	status := u.text(u.t("ticket.printed"), 24).Bolded().Centered().Wrapped().Colored(ui.ColorPrimary)
	if iss.PrintErr != nil {
		status = u.text(u.t("ticket.noprint"), 24).Bolded().Centered().Wrapped().Colored(ui.ColorError)
	}
	var qr fyne.CanvasObject = layout.NewSpacer()
	if q := ui.QR(iss.QR, u.size(220)); q != nil {
		qr = q
	}
	done := ui.Button(u.t("ticket.done"), u.size(32), u.rtl(), true, u.do(f.Done))
	side := container.NewVBox(container.NewCenter(qr), status, layout.NewSpacer(), done)
	main := ui.Panel(container.NewVBox(lines...), ui.ColorSurface)
	return ui.Columns(u.rtl(), main, side)
}
