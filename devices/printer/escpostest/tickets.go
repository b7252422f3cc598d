package escpostest

import "tabour/devices/printer"

// ArabicTicket is a realistic Arabic ticket: mixed Arabic, a Latin ticket
// number and Arabic-Indic digits.
var ArabicTicket = printer.Ticket{
	Lang:    "ar",
	Header:  "المركز التكنولوجي بمجلس مدينة فايد",
	Number:  "A023",
	Service: "ترخيص أعمال بناء",
	Counter: "توجه إلى الشباك ١ أو ٣",
	Ahead:   "أمامك ٤ مواطنين",
	Wait:    "الانتظار المتوقع: حوالي ٢٠ دقيقة",
	Issued:  "الأحد ٢٢ نوفمبر ٢٠٢٦ - ١٠:١٥ ص",
	QR:      "https://tabour.example/t/20261122-A023",
	Footer:  "احتفظ بهذه التذكرة حتى يُنادى رقمك",
}

// EnglishTicket is ArabicTicket in English.
var EnglishTicket = printer.Ticket{
	Lang:    "en",
	Header:  "Technology Center, Fayed City Council",
	Number:  "A023",
	Service: "Building works permit",
	Counter: "Go to window 1 or 3",
	Ahead:   "4 citizens ahead of you",
	Wait:    "Expected wait: about 20 minutes",
	Issued:  "Sunday 22 November 2026, 10:15 AM",
	QR:      "https://tabour.example/t/20261122-A023",
	Footer:  "Keep this ticket until your number is called",
}
