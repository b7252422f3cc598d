package escpostest

import (
	"fmt"
	"image"
)

// gs decodes GS v 0 (raster), GS V (cut) and GS ( k (QR).
func (d *decoder) gs(start int) error {
	p, err := d.take(1, start, "GS")
	if err != nil {
		return err
	}
	switch p[0] {
	case 'v':
		return d.raster(start)
	case 'V':
		return d.cut(start)
	case '(':
		return d.qrCommand(start)
	}
	return fmt.Errorf("escpostest: unknown command GS 0x%02x at offset %d", p[0], start)
}

// raster decodes GS v 0 m xL xH yL yH d1…dk: x bytes by y dots, each byte
// eight dots with the most significant bit leftmost.
func (d *decoder) raster(start int) error {
	h, err := d.take(6, start, "GS v 0")
	if err != nil {
		return err
	}
	if h[0] != '0' || (h[1] != 0 && h[1] != '0') {
		return fmt.Errorf("escpostest: unsupported GS v 0x%02x mode %d at offset %d", h[0], h[1], start)
	}
	x, y := int(h[2])|int(h[3])<<8, int(h[4])|int(h[5])<<8
	if x == 0 || y == 0 {
		return fmt.Errorf("escpostest: empty GS v 0 %dx%d at offset %d", x, y, start)
	}
	data, err := d.take(x*y, start, "GS v 0 data")
	if err != nil {
		return err
	}
	d.op("GS v 0 %dx%d", x, y)
	d.job.Bands++
	d.pieces = append(d.pieces, piece{img: unpack(data, x, y), align: d.align})
	return nil
}

// unpack turns packed 1-bit rows into a black (0) and white (255) image.
func unpack(data []byte, x, y int) *image.Gray {
	img := image.NewGray(image.Rect(0, 0, 8*x, y))
	for i, b := range data {
		for bit := range 8 {
			if b&(0x80>>bit) == 0 {
				img.Pix[8*i+bit] = 0xff
			}
		}
	}
	return img
}

// cut decodes GS V m (0/48 full, 1/49 partial) and GS V m n (65 full,
// 66 partial, after feeding n).
func (d *decoder) cut(start int) error {
	p, err := d.take(1, start, "GS V")
	if err != nil {
		return err
	}
	switch m := p[0]; m {
	case 0, 1, '0', '1':
		c := Cut{Partial: m == 1 || m == '1'}
		d.op("GS V %d", m)
		d.job.Cuts = append(d.job.Cuts, c)
		return nil
	case 65, 66:
		n, err := d.take(1, start, "GS V")
		if err != nil {
			return err
		}
		d.op("GS V %d %d", m, n[0])
		d.job.Cuts = append(d.job.Cuts, Cut{Partial: m == 66, Feed: int(n[0])})
		return nil
	default:
		return fmt.Errorf("escpostest: unknown cut GS V %d at offset %d", m, start)
	}
}
