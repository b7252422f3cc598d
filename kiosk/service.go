package kiosk

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"tabour/ui"
)

func (u *UI) service() fyne.CanvasObject {
	f := u.flow
	s := f.Service()
	p := u.p()
	name := u.text(s.Name.In(f.Lang()), 38).Bolded().Fit(2).Colored(ui.ColorPrimary)

	var docs []fyne.CanvasObject
	for _, d := range s.Documents {
		docs = append(docs, u.text("• "+d.In(f.Lang()), 24).Wrapped())
	}
	fee := u.t("service.fee.guide")
	if s.Fee != nil {
		fee = u.t("service.fee.amount", p.Digits(formatEGP(s.Fee.AmountEGP)))
	}
	waiting, waitText := "…", ""
	if est, ok := f.Estimate(); ok {
		waiting, waitText = p.Count("waiting", est.Ahead), f.WaitText(est)
	}
	wait := []fyne.CanvasObject{
		u.text(waiting, 28).Bolded().Fit(1),
		u.text(waitText, 24).Fit(3),
		widget.NewSeparator(),
		u.text(u.t("service.fees"), 28).Bolded(),
		u.text(fee, 24).Fit(3),
	}
	get := ui.Button(u.t("service.get"), u.size(32), u.rtl(), true, u.do(f.GetTicket))
	details := ui.Button(u.t("service.withid"), u.size(24), u.rtl(), false, u.do(f.AddDetails))
	docPanel := container.NewBorder(u.text(u.t("service.documents"), 28).Bolded(), nil, nil, nil,
		ui.TouchScroll(container.NewVBox(docs...), u.flow.StillHere))
	info := ui.Columns(u.rtl(),
		ui.Panel(docPanel, ui.ColorSurface),
		ui.Panel(container.NewVBox(wait...), ui.ColorSurface))
	actions := ui.Columns(u.rtl(), get, details)
	return container.NewBorder(name, actions, nil, nil, info)
}

func formatEGP(v float64) string {
	if v == float64(int64(v)) {
		return itoa(int(v))
	}
	return itoa(int(v)) + "." + itoa(int((v-float64(int(v)))*100+0.5))
}
