package kiosk

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"

	"tabour/kiosk/flow"
	"tabour/ui"
	"tabour/ui/i18n"
)

var keypadText = map[flow.Screen][2]string{
	flow.NationalID:  {"nid.title", "nid.hint"},
	flow.Mobile:      {"mobile.title", "mobile.hint"},
	flow.Appointment: {"appt.title", "appt.hint"},
	flow.Inquiry:     {"inquiry.title", "inquiry.hint"},
	flow.PIN:         {"admin.pin", ""},
}

// keypadScreen is every screen where digits are typed.
func (u *UI) keypadScreen() fyne.CanvasObject {
	f := u.flow
	keys := keypadText[f.Screen()]
	head := []fyne.CanvasObject{u.text(u.t(keys[0]), 32).Bolded().Wrapped().Colored(ui.ColorPrimary)}
	if keys[1] != "" {
		head = append(head, u.text(u.t(keys[1]), 22).Wrapped().Colored(ui.ColorMuted))
	}
	head = append(head, u.display())
	if e := f.InputError(); e != nil {
		head = append(head, u.text(u.p().Digits(e.In(f.Lang())), 24).Bolded().Wrapped().Colored(ui.ColorError))
	}
	next := u.t("nav.next")
	if f.Keypad() == "" && f.Screen() != flow.PIN && f.Screen() != flow.Appointment {
		next = u.t("nav.skip")
	}
	action := ui.Button(next, u.size(30), u.rtl(), true, u.do(f.Next))
	pad := container.NewGridWrap(fyne.NewSize(u.size(420), u.size(400)), u.keys())
	side := container.NewVBox(append(head, layout.NewSpacer(), action)...)
	return ui.Columns(u.rtl(), side, container.NewCenter(pad))
}

// display shows the digits typed, left to right (numbers read that way in
// Arabic too); the PIN is masked.
func (u *UI) display() fyne.CanvasObject {
	s := u.flow.Keypad()
	if u.flow.Screen() == flow.PIN {
		s = mask(len(s))
	} else {
		s = u.p().Digits(s)
	}
	if s == "" {
		s = " "
	}
	txt := ui.NewText(s, u.size(44), false).Bolded().Centered()
	return ui.Panel(txt, ui.ColorSurface)
}

func mask(n int) string {
	out := ""
	for range n {
		out += "●"
	}
	return out
}

// keys is a phone-style keypad: 1 2 3 / 4 5 6 / 7 8 9 / clear 0 ⌫. Its
// layout does not mirror: keypads are the same in Arabic.
func (u *UI) keys() fyne.CanvasObject {
	f := u.flow
	var objs []fyne.CanvasObject
	for d := '1'; d <= '9'; d++ {
		objs = append(objs, u.key(d))
	}
	clear := ui.Button(u.t("nid.clear"), u.size(24), u.rtl(), false, u.do(f.Clear))
	back := ui.Button("⌫", u.size(34), false, false, u.do(f.Backspace))
	objs = append(objs, clear, u.key('0'), back)
	return container.NewGridWithColumns(3, objs...)
}

func (u *UI) key(d rune) fyne.CanvasObject {
	label := string(d)
	if u.flow.Lang() == i18n.AR && u.flow.Options().ArabicDigits {
		label = i18n.ToArabicIndic(label)
	}
	return ui.Button(label, u.size(40), false, false, u.do(func() { u.flow.Digit(d) }))
}

func itoa(n int) string { return strconv.Itoa(n) }
