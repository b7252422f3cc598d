package ticketimg_test

import (
	"fmt"

	"tabour/devices/printer"
	"tabour/devices/printer/ticketimg"
)

func ExampleRender() {
	t := printer.Ticket{
		Lang:    "ar",
		Header:  "المركز التكنولوجي بمجلس مدينة فايد",
		Number:  "A023",
		Counter: "توجه إلى الشباك ١ أو ٣",
		QR:      "https://tabour.example/t/20261122-A023",
	}
	img, err := ticketimg.Render(t, ticketimg.Width58mm)
	if err != nil {
		panic(err)
	}
	fmt.Println(img.Bounds().Dx(), "dots wide,", img.Bounds().Dy() < 60*8, "shorter than 60 mm")
	// Output: 384 dots wide, true shorter than 60 mm
}
