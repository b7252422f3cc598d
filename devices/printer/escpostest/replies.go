package escpostest

// Replies are the bytes a printer answers to DLE EOT n for n = 1, 2, 3, 4
// (index n-1); NoReply means silence.
//
// In every answer bits 1 and 4 are 1 and bits 0 and 7 are 0 (0x12 is "all
// clear"). n = 1, printer: bit 3 offline, bit 5 waiting for online recovery.
// n = 2, offline cause: bit 2 cover open, bit 3 paper being fed by the
// button, bit 5 printing stopped by paper end, bit 6 error. n = 3, error
// cause: bit 2 recoverable, bit 3 autocutter, bit 5 unrecoverable, bit 6
// automatically recoverable. n = 4, roll paper sensor: bits 2–3 near end,
// bits 5–6 paper end.
type Replies [4]int

// What an Epson TM printer answers in each state.
var (
	Online        = Replies{0x12, 0x12, 0x12, 0x12}
	PaperNearEnd  = Replies{0x12, 0x12, 0x12, 0x1E}
	PaperOut      = Replies{0x1A, 0x32, 0x12, 0x7E} // as measured in FIELD-NOTES
	CoverOpen     = Replies{0x1A, 0x16, 0x12, 0x12}
	CutterError   = Replies{0x3A, 0x52, 0x1A, 0x12} // waits for recovery; autocutter
	Unrecoverable = Replies{0x1A, 0x52, 0x32, 0x12}
	Recoverable   = Replies{0x3A, 0x52, 0x16, 0x12}
	AutoRecover   = Replies{0x1A, 0x52, 0x52, 0x12} // e.g. print head too hot
	FeedButton    = Replies{0x5A, 0x1A, 0x12, 0x12} // offline while feeding
	Silent        = Replies{NoReply, NoReply, NoReply, NoReply}
	Garbage       = Replies{0xFF, 0xFF, 0xFF, 0xFF} // fixed bits wrong
	GarbageZero   = Replies{0x00, 0x00, 0x00, 0x00}
)
