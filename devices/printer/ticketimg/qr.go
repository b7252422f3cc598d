package ticketimg

import (
	"fmt"
	"image"

	qrcode "github.com/skip2/go-qrcode"
)

// quietModules is the blank margin a QR symbol needs on each side (ISO/IEC
// 18004 asks for 4 modules).
const quietModules = 4

// qrBlocks are the QR symbol for payload at error level M, its module
// size fitted so the symbol is about 40 % of the paper width, between two
// blank bands for its quiet zone (the sides are blank anyway). Only the
// symbol's block is marked qr, so RenderSplit leaves the quiet zone in.
func qrBlocks(payload string, m metrics) ([]block, error) {
	q, err := qrcode.New(payload, qrcode.Medium)
	if err != nil {
		return nil, fmt.Errorf("ticketimg: qr: %w", err)
	}
	q.DisableBorder = true
	bits := q.Bitmap()
	mod := moduleSize(len(bits), m.width)
	side := len(bits) * mod
	x0 := (m.width - side) / 2
	draw := func(dst *image.Gray, y int) {
		for r, row := range bits {
			for c, on := range row {
				if on {
					fillRect(dst, image.Rect(x0+c*mod, y+r*mod, x0+(c+1)*mod, y+(r+1)*mod))
				}
			}
		}
	}
	quiet := space(quietModules * mod)
	return []block{quiet, {height: side, draw: draw, qr: true}, quiet}, nil
}

// QRModuleSize is the module size in dots Render gives the QR symbol for
// payload on paper widthDots wide; a printer drawing the symbol itself
// (RenderSplit) should use it too, so the quiet zone left for it fits.
func QRModuleSize(payload string, widthDots int) (int, error) {
	q, err := qrcode.New(payload, qrcode.Medium)
	if err != nil {
		return 0, fmt.Errorf("ticketimg: qr: %w", err)
	}
	return moduleSize(17+4*q.VersionNumber, widthDots), nil
}

// moduleSize is the size in dots of one module of a QR symbol n modules
// wide printed about 40 % as wide as the paper, at least 2 dots and never
// wider than the paper with its quiet zone.
func moduleSize(n, widthDots int) int {
	if n <= 0 {
		return 2
	}
	mod := (widthDots*2/5 + n/2) / n
	mod = min(mod, widthDots/(n+2*quietModules))
	return max(mod, 2)
}
