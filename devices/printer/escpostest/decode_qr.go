package escpostest

import (
	"fmt"
	"image"

	qrcode "github.com/skip2/go-qrcode"
)

// qrCommand decodes GS ( k pL pH cn fn …, for cn = 49 (QR Code): fn 65
// model, 67 module size, 69 error level, 80 store data, 81 print.
func (d *decoder) qrCommand(start int) error {
	h, err := d.take(3, start, "GS ( k")
	if err != nil {
		return err
	}
	if h[0] != 'k' {
		return fmt.Errorf("escpostest: unknown command GS ( 0x%02x at offset %d", h[0], start)
	}
	p, err := d.take(int(h[1])|int(h[2])<<8, start, "GS ( k parameters")
	if err != nil {
		return err
	}
	if len(p) < 2 || p[0] != 49 {
		return fmt.Errorf("escpostest: unsupported GS ( k symbol at offset %d", start)
	}
	return d.qrFunction(p[1], p[2:], start)
}

func (d *decoder) qrFunction(fn byte, args []byte, start int) error {
	bad := fmt.Errorf("escpostest: bad GS ( k QR function %d at offset %d", fn, start)
	switch {
	case fn == 65 && len(args) == 2 && (args[0] == 49 || args[0] == 50):
		d.qr.Model = int(args[0] - 48)
		d.op("GS ( k QR model %d", d.qr.Model)
	case fn == 67 && len(args) == 1 && args[0] >= 1 && args[0] <= 16:
		d.qr.Module = int(args[0])
		d.op("GS ( k QR module %d", d.qr.Module)
	case fn == 69 && len(args) == 1 && args[0] >= 48 && args[0] <= 51:
		d.qr.Level = "LMQH"[args[0]-48]
		d.op("GS ( k QR level %c", d.qr.Level)
	case fn == 80 && len(args) >= 1 && args[0] == 48:
		d.qr.Data, d.stored = string(args[1:]), true
		d.op("GS ( k QR store %d", len(args)-1)
	case fn == 81 && len(args) == 1 && args[0] == 48:
		return d.qrPrint(start)
	default:
		return bad
	}
	return nil
}

// qrPrint draws the stored symbol as the printer would and records it.
func (d *decoder) qrPrint(start int) error {
	if !d.stored || d.qr.Data == "" {
		return fmt.Errorf("escpostest: QR print with no data stored at offset %d", start)
	}
	levels := map[byte]qrcode.RecoveryLevel{'L': qrcode.Low, 'M': qrcode.Medium, 'Q': qrcode.High, 'H': qrcode.Highest}
	q, err := qrcode.New(d.qr.Data, levels[d.qr.Level])
	if err != nil {
		return fmt.Errorf("escpostest: QR print at offset %d: %w", start, err)
	}
	q.DisableBorder = true
	d.op("GS ( k QR print")
	d.job.QRs = append(d.job.QRs, d.qr)
	d.pieces = append(d.pieces, piece{img: drawModules(q.Bitmap(), d.qr.Module), align: d.align})
	return nil
}

func drawModules(bits [][]bool, mod int) *image.Gray {
	n := len(bits) * mod
	img := image.NewGray(image.Rect(0, 0, n, n))
	for y := range n {
		for x := range n {
			if !bits[y/mod][x/mod] {
				img.Pix[y*n+x] = 0xff
			}
		}
	}
	return img
}
