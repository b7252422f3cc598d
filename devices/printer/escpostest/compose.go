package escpostest

import (
	"errors"
	"image"
	"image/draw"
)

// finish stacks the printed pieces into Job.Image: as wide as the widest,
// each justified as it was printed.
func (d *decoder) finish() error {
	w, h := 0, 0
	for _, p := range d.pieces {
		w = max(w, p.img.Rect.Dx())
		h += p.img.Rect.Dy()
	}
	if w == 0 || h == 0 {
		return nil
	}
	if w*h > maxPixels {
		return errors.New("escpostest: decoded image too large")
	}
	img := image.NewGray(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = 0xff
	}
	y := 0
	for _, p := range d.pieces {
		x := (w - p.img.Rect.Dx()) * p.align / 2
		r := p.img.Rect.Add(image.Pt(x, y))
		draw.Draw(img, r, p.img, image.Point{}, draw.Src)
		y += p.img.Rect.Dy()
	}
	d.job.Image = img
	return nil
}
