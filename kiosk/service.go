package kiosk

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"tabour/ui"
)

func (u *UI) service() fyne.CanvasObject {
	f := u.flow
	s := f.Service()
	p := u.p()
	name := u.text(pick(f.Lang(), s.Name.AR, s.Name.EN), 38).Bolded().Wrapped().Colored(ui.ColorPrimary)

	docs := []fyne.CanvasObject{u.text(u.t("service.documents"), 28).Bolded()}
	for _, d := range s.Documents {
		docs = append(docs, u.text("• "+pick(f.Lang(), d.AR, d.EN), 24).Wrapped())
	}
	fee := u.t("service.fee.guide")
	if s.Fee != nil {
		fee = u.t("service.fee.amount", p.Digits(formatEGP(s.Fee.AmountEGP)))
	}
	est, _ := f.Estimate(context.Background())
	wait := []fyne.CanvasObject{
		u.text(p.Count("waiting", est.Ahead), 28).Bolded(),
		u.text(f.WaitText(est), 24).Wrapped(),
		widget.NewSeparator(),
		u.text(u.t("service.fees"), 28).Bolded(),
		u.text(fee, 24).Wrapped(),
	}
	get := ui.Button(u.t("service.get"), u.size(32), u.rtl(), true, u.do(f.GetTicket))
	details := ui.Button(u.t("service.withid"), u.size(24), u.rtl(), false, u.do(f.AddDetails))
	info := ui.Columns(u.rtl(),
		ui.Panel(container.NewVBox(docs...), ui.ColorSurface),
		ui.Panel(container.NewVBox(wait...), ui.ColorSurface))
	actions := ui.Columns(u.rtl(), get, details)
	return container.NewBorder(name, actions, nil, nil, container.NewVScroll(info))
}

func formatEGP(v float64) string {
	if v == float64(int64(v)) {
		return itoa(int(v))
	}
	return itoa(int(v)) + "." + itoa(int((v-float64(int(v)))*100+0.5))
}
