package kiosk

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"

	"tabour/queue"
	"tabour/ui"
)

func (u *UI) priority() fyne.CanvasObject {
	f := u.flow
	head := []fyne.CanvasObject{u.text(u.t("prio.title"), 36).Bolded().Colored(ui.ColorPrimary)}
	if f.HasNationalID() {
		msg := u.t("nid.ok")
		if f.Elderly() {
			msg = u.t("nid.elderly")
		}
		head = append(head, u.text("✓ "+msg, 26).Bolded().Colored(ui.ColorPrimary))
	}
	var cards []fyne.CanvasObject
	for _, p := range f.PriorityChoices() {
		cards = append(cards, u.priorityCard(p))
	}
	note := u.text(u.t("prio.note", f.Options().PriorityEvery), 22).Wrapped().Colored(ui.ColorMuted)
	return container.NewVBox(append(head, ui.Grid(u.rtl(), 2, cards...), note)...)
}

func (u *UI) priorityCard(p queue.Priority) fyne.CanvasObject {
	c := ui.Card(u.t("prio."+string(p)), "", u.size(30), u.rtl(), u.do(func() { u.flow.ChoosePriority(p) }))
	if u.flow.ChosenPriority() == p && p != queue.PriorityNone {
		c.Stroke = ui.ColorPrimary
	}
	return c
}

func (u *UI) confirm() fyne.CanvasObject {
	f := u.flow
	var rows []fyne.CanvasObject
	for _, r := range f.Summary() {
		rows = append(rows, ui.Line(u.rtl(), u.text(r[0]+":", 26).Bolded(), u.text(r[1], 26)))
	}
	print := ui.Button(u.t("confirm.print"), u.size(34), u.rtl(), true, u.do(f.ConfirmTap))
	title := u.text(u.t("confirm.title"), 36).Bolded().Colored(ui.ColorPrimary)
	return container.NewVBox(title, ui.Panel(container.NewVBox(rows...), ui.ColorSurface), layout.NewSpacer(), print)
}

func (u *UI) admin() fyne.CanvasObject {
	f := u.flow
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	state := f.PrinterState(ctx)
	rows := []fyne.CanvasObject{
		u.text(u.t("admin.title"), 36).Bolded().Colored(ui.ColorPrimary),
		u.text(u.t("admin.printer", u.t("printer."+string(state))), 26),
		u.text(u.t("admin.langdef", u.t("lang.toggle")), 22).Colored(ui.ColorMuted),
	}
	if n := f.AdminNote(); n != "" {
		rows = append(rows, u.text(n, 22).Wrapped())
	}
	lang := f.Lang()
	buttons := ui.Grid(u.rtl(), 2,
		ui.Button(u.t("admin.printtest"), u.size(26), u.rtl(), true, u.do(f.PrintTest)),
		ui.Button(u.t("admin.langdef", lang), u.size(22), u.rtl(), false, u.do(func() { f.SetDefaultLanguage(lang) })),
		ui.Button(u.t("admin.back"), u.size(26), u.rtl(), false, u.do(f.HomeTap)),
		ui.Button(u.t("admin.exit"), u.size(26), u.rtl(), false, u.do(f.Quit)),
	)
	return container.NewVBox(append(rows, buttons)...)
}
