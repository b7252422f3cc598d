package earlylocale

import "os"

// cacheFor is how long Fyne keeps what it drew for an object no longer on
// screen (FYNE_CACHE, read while its packages initialise; default one
// minute). A kiosk draws a new ticket screen for every citizen — its
// number, QR code, date and wait — and the software renderer of a box
// without a GPU keeps each texture in the process: with a minute of them
// the kiosk held 240 MB while citizens used it, and 200 MB with 20 s
// (make footprint). A screen shown again within 20 s is still cached.
const cacheFor = "20s"

func init() {
	if _, ok := os.LookupEnv("FYNE_CACHE"); !ok {
		os.Setenv("FYNE_CACHE", cacheFor)
	}
}
