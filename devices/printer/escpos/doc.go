// Package escpos drives ESC/POS thermal ticket printers (Epson TM-T20/T88
// and the many compatibles) and implements printer.Printer.
//
// # What it sends
//
// The printer cannot shape Arabic, so a ticket is rendered to one raster by
// package ticketimg and sent as bit images. Per ticket (Encode):
//
//	ESC @                 1B 40                 initialise: clear buffer, reset modes
//	GS v 0 m xL xH yL yH  1D 76 30 00 …  d1…dk  raster bit image, normal size (m = 0);
//	                                            x = width in bytes, y = rows (≤ BandHeight),
//	                                            k = x·y, MSB = leftmost dot, 1 = black;
//	                                            repeated band by band down the ticket
//	ESC d n               1B 64 n               print and feed n lines (Opts.FeedLines)
//	GS V m                1D 56 m               cut: m = 1 partial, m = 0 full (Opts.Cut)
//
// With Opts.NativeQR the printer draws the QR code itself: the raster above
// it, then
//
//	ESC a 1               1B 61 01              centre
//	GS ( k fn 165         1D 28 6B 04 00 31 41 32 00      QR model 2
//	GS ( k fn 167         1D 28 6B 03 00 31 43 n          module size n dots (1–16)
//	GS ( k fn 169         1D 28 6B 03 00 31 45 31         error correction M
//	GS ( k fn 180         1D 28 6B pL pH 31 50 30 d1…dk   store k bytes (pL+pH·256 = k+3)
//	GS ( k fn 181         1D 28 6B 03 00 31 51 30         print the stored symbol
//	ESC a 0               1B 61 00              back to left
//
// and the raster below it.
//
// # Status
//
// Before each print, and on Status, the driver sends DLE EOT n (10 04 n),
// n = 1, 2, 4 (and 3 when 2 reports an error), and waits Opts.StatusTimeout
// for each one-byte answer. Every answer has bits 1 and 4 set and bits 0
// and 7 clear; anything else is garbage and means Offline. The bits used
// (ParseStatus):
//
//	n = 1 printer      bit 3 offline, bit 5 waiting for online recovery
//	n = 2 offline      bit 2 cover open → CoverOpen; bit 3 feed button;
//	                   bit 5 stopped by paper end → PaperOut; bit 6 error
//	n = 3 error        bit 2 recoverable, bit 3 autocutter, bit 5 unrecoverable,
//	                   bit 6 auto-recoverable → CutterErr ("error")
//	n = 4 paper roll   bits 2–3 near end → PaperLow; bits 5–6 paper end → PaperOut
//
// An Epson out of paper answers 1A 32 7E to n = 1, 2, 4. No answer within
// the timeout means Offline. Reads happen in one goroutine per link, so a
// link whose Read blocks never blocks a caller. Bytes nobody asked for
// (late answers; some printers take 10 04 n inside raster data as a
// real-time query and answer it) are dropped before each query. Writes
// give up at the context's deadline or after Opts.WriteTimeout where the
// link supports deadlines (TCP, usblp).
//
// Reference: Epson ESC/POS Command Reference for TM printers — ESC @,
// ESC a, ESC d, GS v 0, GS ( k <Function 165/167/169/180/181>, GS V,
// DLE EOT.
//
// # Wiring
//
// USB: the kernel's usblp driver gives /dev/usb/lp0, lp1…, bidirectional,
// owned by root:lp mode 0660 — the appliance user must be in group lp
// (`usermod -aG lp tabour`), or a udev rule must grant it. The number can
// change when printers are replugged; a udev symlink by serial number is
// steadier. URI usb:/dev/usb/lp0.
//
// TCP: network printers listen on raw port 9100 and most serve one client
// at a time. URI tcp://192.168.1.50:9100.
//
// Serial: 8N1 at the baud set on the printer's DIP switches (often 9600,
// 19200 or 38400); URI serial:/dev/ttyUSB0?baud=19200. The user needs
// group dialout. A raster ticket is about 50 KB, so it takes ~28 s at
// 19200 baud and ~5 s at 115200: prefer USB or TCP, or the highest baud
// the printer takes, with its hardware flow control wired.
//
// A printer that cannot answer DLE EOT (some unidirectional links) is
// always Offline; set Opts.SkipStatus to print to it blind.
//
// # Links that break
//
// OpenURI returns a Link, which opens its link on first use and, when a
// write or read fails (cable pulled, printer power-cycled), closes it and
// opens it again on the next Print or Status. Nothing here panics on bad
// input or a missing device: failures are *printer.Error values.
//
// virtual:DIR names a Virtual printer, which writes each ticket's raster
// and bytes into DIR and takes its state from DIR/STATUS.
package escpos
