package escpos

import (
	"image"
	"image/color"
)

// Command bytes (Epson ESC/POS command reference).
const (
	dle = 0x10
	eot = 0x04
	esc = 0x1b
	gs  = 0x1d
)

// maxBand is the most rows one GS v 0 may carry (yL + yH×256 ≤ 2303 on
// Epson TM printers).
const maxBand = 2303

// appendInit appends ESC @: clear the buffer, reset modes.
func appendInit(b []byte) []byte { return append(b, esc, '@') }

// appendAlign appends ESC a n: 0 left, 1 centre, 2 right.
func appendAlign(b []byte, n byte) []byte { return append(b, esc, 'a', n) }

// appendFeed appends ESC d n: print and feed n lines.
func appendFeed(b []byte, lines int) []byte { return append(b, esc, 'd', byte(lines)) }

// appendCut appends GS V m: 0 full cut, 1 partial cut.
func appendCut(b []byte, mode CutMode) []byte {
	switch mode {
	case CutFull:
		return append(b, gs, 'V', 0)
	case CutPartial:
		return append(b, gs, 'V', 1)
	}
	return b
}

// AppendRaster appends img as GS v 0 raster commands of at most band rows
// each: GS v 0 m xL xH yL yH d1…dk, m = 0 (normal size), x the width in
// bytes, y the height in dots, each byte eight dots with the most
// significant bit leftmost, 1 = black. A pixel darker than mid-grey is
// black.
func AppendRaster(b []byte, img image.Image, band int) []byte {
	r := img.Bounds()
	band = min(max(band, 1), maxBand)
	xb := (r.Dx() + 7) / 8
	for y0 := r.Min.Y; y0 < r.Max.Y; y0 += band {
		rows := min(band, r.Max.Y-y0)
		b = append(b, gs, 'v', '0', 0, byte(xb), byte(xb>>8), byte(rows), byte(rows>>8))
		for y := y0; y < y0+rows; y++ {
			b = appendRow(b, img, y, xb)
		}
	}
	return b
}

// appendRow packs one row of img into xb bytes.
func appendRow(b []byte, img image.Image, y, xb int) []byte {
	r := img.Bounds()
	if g, ok := img.(*image.Gray); ok {
		return packGray(b, g.Pix[(y-r.Min.Y)*g.Stride:][:r.Dx()], xb)
	}
	row := make([]uint8, r.Dx())
	for x := range row {
		row[x] = color.GrayModel.Convert(img.At(r.Min.X+x, y)).(color.Gray).Y
	}
	return packGray(b, row, xb)
}

func packGray(b []byte, row []uint8, xb int) []byte {
	for i := range xb {
		var v byte
		for bit := range 8 {
			if x := 8*i + bit; x < len(row) && row[x] < 0x80 {
				v |= 0x80 >> bit
			}
		}
		b = append(b, v)
	}
	return b
}

// appendQR appends the GS ( k commands that make the printer draw data as
// a model 2 QR symbol at error level M, module dots per module: functions
// 165 (model), 167 (module size), 169 (error level), 180 (store), 181
// (print).
func appendQR(b []byte, data string, module int) []byte {
	b = append(b, gs, '(', 'k', 4, 0, 49, 65, 50, 0)
	b = append(b, gs, '(', 'k', 3, 0, 49, 67, byte(module))
	b = append(b, gs, '(', 'k', 3, 0, 49, 69, 49)
	n := len(data) + 3
	b = append(b, gs, '(', 'k', byte(n), byte(n>>8), 49, 80, 48)
	b = append(b, data...)
	return append(b, gs, '(', 'k', 3, 0, 49, 81, 48)
}
