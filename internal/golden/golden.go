// Package golden compares a screen's picture with its golden image in a
// test: testdata/<name>.png beside the test, rewritten with -update (then
// looked at, one by one), and on a mismatch the new picture is kept in
// testdata/failed/<name>.png. The kiosk's and the hall display's tests
// share it.
package golden

import (
	"image"
	"image/draw"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

// Tolerance is the share of pixels that may differ noticeably (see Diff)
// before a picture no longer matches its golden image.
const Tolerance = 0.001

// Check compares img with testdata/<name>.png, or writes it there when
// update is set. pkg names the package for the hint to rewrite the images
// ("./kiosk").
func Check(t *testing.T, img image.Image, name string, update bool, pkg string) {
	t.Helper()
	path := filepath.Join("testdata", name+".png")
	if update {
		if err := WritePNG(path, img); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := ReadPNG(path)
	if err != nil {
		t.Fatalf("%s: %v (run go test %s -update and review the images)", name, err, pkg)
	}
	if d := Diff(img, want); d > Tolerance {
		_ = WritePNG(filepath.Join("testdata", "failed", name+".png"), img)
		t.Errorf("%s differs from its golden image in %.2f%% of pixels (see testdata/failed)", name, d*100)
	}
}

// WritePNG writes img to path, making its directory.
func WritePNG(path string, img image.Image) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return png.Encode(f, img)
}

// ReadPNG reads the PNG image at path.
func ReadPNG(path string) (image.Image, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return png.Decode(f)
}

// Diff is the share of pixels that differ noticeably: by more than 72 in
// the sum of the three 8-bit channels; pictures of different bounds differ
// wholly.
func Diff(a, b image.Image) float64 {
	if a.Bounds() != b.Bounds() {
		return 1
	}
	pa, pb := rgba(a), rgba(b)
	bad := 0
	for i := 0; i < len(pa.Pix); i += 4 {
		d := absDiff(pa.Pix[i], pb.Pix[i]) + absDiff(pa.Pix[i+1], pb.Pix[i+1]) + absDiff(pa.Pix[i+2], pb.Pix[i+2])
		if d >= 72 {
			bad++
		}
	}
	return float64(bad) / float64(len(pa.Pix)/4)
}

// rgba is img as an *image.RGBA at the origin.
func rgba(img image.Image) *image.RGBA {
	out := image.NewRGBA(image.Rect(0, 0, img.Bounds().Dx(), img.Bounds().Dy()))
	draw.Draw(out, out.Bounds(), img, img.Bounds().Min, draw.Src)
	return out
}

func absDiff(a, b uint8) int {
	if a > b {
		return int(a - b)
	}
	return int(b - a)
}
