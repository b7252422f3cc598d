package kiosk

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"tabour/lang"
	"tabour/queue"
	"tabour/ui"
)

func (u *UI) priority() fyne.CanvasObject {
	f := u.flow
	head := []fyne.CanvasObject{u.text(u.t("prio.title"), 36).Bolded().Fit(1).Colored(ui.ColorPrimary)}
	if f.Elderly() {
		head = append(head, u.granted())
	} else if f.HasNationalID() {
		head = append(head, u.text(u.t("nid.ok"), 26).Bolded().Fit(1).Colored(ui.ColorPrimary))
	}
	var cards []fyne.CanvasObject
	for _, p := range f.PriorityChoices() {
		cards = append(cards, u.priorityCard(p))
	}
	note := u.text(u.t("prio.note", f.Options().PriorityEvery), 22).Fit(2).Colored(ui.ColorMuted)
	return container.NewVBox(append(head, ui.Grid(u.rtl(), 2, cards...), note)...)
}

// granted says plainly that the ID gave senior priority: a drawn check
// mark (no font needed) beside the sentence, on the choice colour.
func (u *UI) granted() fyne.CanvasObject {
	icon := widget.NewIcon(theme.NewColoredResource(theme.ConfirmIcon(), theme.ColorNamePrimary))
	box := container.NewGridWrap(fyne.NewSquareSize(u.size(44)), icon)
	txt := u.text(u.t("prio.granted", u.p().N(u.flow.Options().ElderlyAge)), 28).Bolded().Fit(2).Colored(ui.ColorPrimary)
	var row fyne.CanvasObject
	if u.rtl() {
		row = container.NewBorder(nil, nil, nil, container.NewCenter(box), txt)
	} else {
		row = container.NewBorder(nil, nil, container.NewCenter(box), nil, txt)
	}
	return ui.Panel(row, ui.ColorSelected)
}

func (u *UI) priorityCard(p queue.Priority) fyne.CanvasObject {
	c := ui.Card(u.t("prio."+string(p)), "", u.size(30), u.rtl(), u.do(func() { u.flow.ChoosePriority(p) }))
	c.Selected = u.flow.ChosenPriority() == p && p != queue.PriorityNone
	return c
}

func (u *UI) confirm() fyne.CanvasObject {
	f := u.flow
	var rows []fyne.CanvasObject
	for _, r := range f.Summary() {
		rows = append(rows, ui.Line(u.rtl(), u.text(r[0]+":", 24).Bolded(), u.text(r[1], 24).Fit(1)))
	}
	title := u.text(u.t("confirm.title"), 36).Bolded().Fit(1).Colored(ui.ColorPrimary)
	objs := []fyne.CanvasObject{title}
	if f.Elderly() {
		objs = append(objs, u.granted())
	}
	objs = append(objs, ui.Panel(container.NewVBox(rows...), ui.ColorSurface), layout.NewSpacer())
	if f.Busy() != "" {
		return container.NewVBox(append(objs, u.busy())...)
	}
	print := ui.Button(u.t("confirm.print"), u.size(34), u.rtl(), true, u.do(f.ConfirmTap))
	if f.ChosenPriority() != queue.PriorityNone {
		return container.NewVBox(append(objs, print)...)
	}
	need := ui.Button(u.t("confirm.needprio"), u.size(26), u.rtl(), false, u.do(f.ChangePriority))
	return container.NewVBox(append(objs, ui.Columns(u.rtl(), print, need))...)
}

func (u *UI) admin() fyne.CanvasObject {
	f := u.flow
	state := "printer.unknown"
	if st := f.PrinterStatus(); st.State != "" {
		state = "printer." + string(st.State)
	}
	def := f.Options().Language
	if def == "" {
		def = lang.AR
	}
	rows := []fyne.CanvasObject{
		u.text(u.t("admin.title"), 36).Bolded().Colored(ui.ColorPrimary),
		u.text(u.t("admin.printer", u.t(state)), 26).Fit(1),
		u.text(u.t("admin.langdef", u.t("lang."+string(def))), 22).Fit(1).Colored(ui.ColorMuted),
	}
	if n := f.AdminNote(); n != nil {
		rows = append(rows, u.text(n.In(f.Lang()), 22).Fit(2))
	}
	if f.Busy() != "" {
		rows = append(rows, u.busy())
	}
	lang := f.Lang()
	buttons := ui.Grid(u.rtl(), 2,
		ui.Button(u.t("admin.printtest"), u.size(26), u.rtl(), true, u.do(f.PrintTest)),
		ui.Button(u.t("admin.setlang", u.t("lang."+string(lang))), u.size(22), u.rtl(), false, u.do(func() { f.SetDefaultLanguage(lang) })),
		ui.Button(u.t("admin.back"), u.size(26), u.rtl(), false, u.do(f.HomeTap)),
		ui.Button(u.t("admin.exit"), u.size(26), u.rtl(), false, u.do(f.Quit)),
	)
	return container.NewVBox(append(rows, buttons)...)
}
