package kiosk

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"tabour/kiosk/flow"
	"tabour/lang"
	"tabour/ui"
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
	head := []fyne.CanvasObject{u.text(u.t(keys[0]), 32).Bolded().Fit(2).Colored(ui.ColorPrimary)}
	if f.Elderly() && f.Screen() == flow.Mobile {
		head = append(head, u.granted())
	}
	if keys[1] != "" {
		head = append(head, u.text(u.t(keys[1]), 22).Fit(3).Colored(ui.ColorMuted))
	}
	head = append(head, u.display())
	if e := f.InputError(); e != nil {
		head = append(head, u.text(u.p().Digits(e.In(f.Lang())), 24).Bolded().Fit(3).Colored(ui.ColorError))
	}
	var action fyne.CanvasObject
	if f.Busy() != flow.NotBusy {
		action = u.busy()
	} else {
		next := u.t("nav.next")
		if f.Keypad() == "" && f.Screen() != flow.PIN && f.Screen() != flow.Appointment {
			next = u.t("nav.skip")
		}
		action = ui.Button(next, u.size(30), u.rtl(), true, u.do(f.Next))
	}
	pad := container.NewGridWrap(fyne.NewSize(u.size(420), u.size(400)), u.keys())
	side := container.NewBorder(container.NewVBox(head...), action, nil, nil)
	return ui.Columns(u.rtl(), side, container.NewCenter(pad))
}

// display shows the digits typed, left to right (numbers read that way in
// Arabic too) and grouped as printed on the card or phone, with how many
// of how many; the PIN is masked.
func (u *UI) display() fyne.CanvasObject {
	f := u.flow
	s := f.Keypad()
	count := ""
	switch f.Screen() {
	case flow.PIN:
		s = strings.Repeat("•", len(s))
	case flow.NationalID:
		s = group(s, 1, 6, 2, 4, 1) // century, birth date, governorate, serial, check
		count = u.t("keypad.count", u.p().N(len(f.Keypad())), u.p().N(f.KeypadMax()))
	case flow.Mobile:
		s = group(s, 3, 4, 4)
		count = u.t("keypad.count", u.p().N(len(f.Keypad())), u.p().N(f.KeypadMax()))
	}
	if f.Screen() != flow.PIN {
		// Arabic-Indic digit groups would be ordered right to left by the
		// bidi algorithm; marks around the spaces keep them left to right.
		s = strings.ReplaceAll(u.p().Digits(s), " ", lrm+" "+lrm)
	}
	if s == "" {
		s = " "
	}
	txt := ui.NewText(s, u.size(44), false).Bolded().Centered().Fit(1)
	if count == "" {
		return ui.Panel(txt, ui.ColorSurface)
	}
	return ui.Panel(container.NewVBox(txt, u.text(count, 20).Centered().Colored(ui.ColorMuted)), ui.ColorSurface)
}

const lrm = "\u200e" // LEFT-TO-RIGHT MARK

// group splits digits into groups of the given sizes, separated by
// spaces; digits past the last group stay in it.
func group(s string, sizes ...int) string {
	var parts []string
	for i, n := range sizes {
		if s == "" {
			break
		}
		if i == len(sizes)-1 || len(s) <= n {
			parts = append(parts, s)
			s = ""
			break
		}
		parts = append(parts, s[:n])
		s = s[n:]
	}
	return strings.Join(parts, " ")
}

// keys is a phone-style keypad: 1 2 3 / 4 5 6 / 7 8 9 / clear 0 ⌫ (drawn
// as an icon). Its layout does not mirror: keypads are the same in Arabic.
func (u *UI) keys() fyne.CanvasObject {
	f := u.flow
	var objs []fyne.CanvasObject
	for d := '1'; d <= '9'; d++ {
		objs = append(objs, u.key(d))
	}
	clear := ui.Button(u.t("nid.clear"), u.size(24), u.rtl(), false, u.do(f.Clear))
	back := ui.IconButton(theme.NavigateBackIcon(), u.size(40), u.do(f.Backspace))
	objs = append(objs, clear, u.key('0'), back)
	return container.NewGridWithColumns(3, objs...)
}

func (u *UI) key(d rune) fyne.CanvasObject {
	label := string(d)
	if u.flow.Lang() == lang.AR && u.flow.Options().ArabicDigits {
		label = lang.ToArabicIndic(label)
	}
	return ui.Button(label, u.size(40), false, false, u.do(func() { u.flow.Digit(d) }))
}

func itoa(n int) string { return strconv.Itoa(n) }
