package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	qrcode "github.com/skip2/go-qrcode"
)

// QR draws payload as a QR code of the given side, or nil if it cannot be
// encoded (too long).
func QR(payload string, side float32) fyne.CanvasObject {
	q, err := qrcode.New(payload, qrcode.Medium)
	if err != nil {
		return nil
	}
	q.DisableBorder = false
	img := canvas.NewImageFromImage(q.Image(int(side)))
	img.FillMode = canvas.ImageFillContain
	img.ScaleMode = canvas.ImageScalePixels
	img.SetMinSize(fyne.NewSize(side, side))
	return img
}
