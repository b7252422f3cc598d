// Package ticketimg draws a printer.Ticket as a black-and-white raster the
// width of a thermal printer's head: 576 dots for 80 mm paper, 384 dots for
// 58 mm (8 dots per mm, 203 dpi).
//
// ESC/POS printers cannot shape Arabic or order mixed right-to-left text, so
// the whole ticket is one image. Text is segmented by bidi level and script
// (shaping.Segmenter), shaped with HarfBuzz (shaping.HarfbuzzShaper) in Noto
// Sans Arabic for Arabic runs and Noto Sans for the rest, wrapped in visual
// order (shaping.LineWrapper) and drawn with go-text/render. Coverage is
// thresholded to pure black and white, so the printer gets no grey to dither.
//
// Layout, top to bottom: the centre's name (bold, centred), a rule, the
// ticket number (bold, as large as the width allows), for a priority ticket
// its class in white on a black band (Ticket.Priority, bold, centred), the
// service (bold), the counter, the people ahead and the expected wait, the
// time of issue, a QR code (error level M, about 40 % of the width, with its
// 4-module quiet zone), the ticket's reference (Ticket.Ref, centred, always
// left to right) and the footer (small, centred). Lines that are not
// centred start on the right when Ticket.Lang is "ar" and on the left
// otherwise. Line boxes grow with the ink of the glyphs, so nothing is
// clipped, and are otherwise tight: paper costs money.
//
// A number is never separated from the word before it when a line wraps:
// "الشباك ٣" and "window 3" stay on one line (the space between them is set
// as a no-break space).
//
// Fonts are parsed once per process; Render may be called from several
// goroutines.
package ticketimg
