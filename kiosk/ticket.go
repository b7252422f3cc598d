package kiosk

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"

	"tabour/ui"
)

// ticket shows the number very large, where to go, the wait and the QR.
// Long lines shrink to fit: the screen never grows past the window.
func (u *UI) ticket() fyne.CanvasObject {
	f := u.flow
	iss := f.Issued()
	d := iss.Doc
	your := u.text(u.t("ticket.your"), 26).Centered().Fit(1)
	// The label is Latin letters and digits: a plain text object in the
	// Latin font keeps its line height (the Arabic font's is much taller).
	number := canvas.NewText(d.Number, ui.ColorPrimary)
	number.TextSize, number.TextStyle, number.Alignment = u.size(84), fyne.TextStyle{Bold: true}, fyne.TextAlignCenter
	number.FontSource = ui.LatinFont(true)
	lines := []fyne.CanvasObject{your, number}
	if d.Priority != "" {
		lines = append(lines, u.text(d.Priority, 26).Bolded().Centered().Fit(1).Colored(ui.ColorAccent))
	}
	lines = append(lines,
		u.text(d.Service, 28).Bolded().Centered().Fit(2),
		u.text(d.Counter, 24).Centered().Fit(3),
		u.text(d.Ahead, 26).Centered().Fit(1),
		u.text(d.Wait, 26).Centered().Fit(2),
	)
	if iss.Duplicate {
		lines = append([]fyne.CanvasObject{u.text(u.t("ticket.duplicate"), 26).Bolded().Centered().Fit(2).Colored(ui.ColorAccent)}, lines...)
	}
	var status *ui.Text
	switch {
	case iss.Printing:
		status = u.text(u.t("ticket.printing"), 24).Bolded().Colored(ui.ColorPrimary)
	case iss.PrintErr != nil:
		status = u.text(u.t("ticket.noprint"), 24).Bolded().Colored(ui.ColorError)
	default:
		status = u.text(u.t("ticket.printed"), 24).Bolded().Colored(ui.ColorPrimary)
	}
	status = status.Centered().Fit(4)
	var qr fyne.CanvasObject = layout.NewSpacer()
	if q := ui.QR(iss.QR, u.size(220)); q != nil {
		// The reference reads left to right in both languages.
		ref := ui.NewText(d.Ref, u.size(20), false).Centered().Fit(1).Colored(ui.ColorMuted)
		qr = container.NewVBox(container.NewCenter(q), ref)
	}
	issued := u.text(d.Issued, 20).Centered().Fit(1).Colored(ui.ColorMuted)
	done := ui.Button(u.t("ticket.done"), u.size(32), u.rtl(), true, u.do(f.Done))
	side := container.NewBorder(container.NewVBox(qr, issued, status), done, nil, nil)
	main := ui.Panel(container.NewVBox(lines...), ui.ColorSurface)
	return ui.Columns(u.rtl(), main, side)
}
