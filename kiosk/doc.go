// Package kiosk draws the citizen's touchscreen with Fyne. The flow itself
// (screens, taps, validation, issuing and printing) is package kiosk/flow;
// each screen here is one file that builds widgets from the Flow's state
// and forwards taps to it, then redraws. Text goes through ui.Text so mixed
// Arabic, Latin and digits read right, and rows are mirrored in Arabic.
//
// This package does not import fyne.io/fyne/v2/app: kiosk/kioskcmd creates
// the app and runs RunWindow as the appliance's UI (appliance.Run); tests
// use fyne.io/fyne/v2/test.
package kiosk
