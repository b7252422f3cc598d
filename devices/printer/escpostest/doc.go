// Package escpostest helps test ESC/POS printing without a printer.
//
// Decode reads an ESC/POS byte stream back into what the printer would do:
// the raster it would print (GS v 0 bands stacked top to bottom, and QR
// symbols asked for with GS ( k drawn where the printer would draw them)
// and the ordered list of commands, including feeds, cuts and DLE EOT
// status queries. A byte it does not know is an error naming its offset.
//
// Conn is a fake printer link for escpos.New: it records what the driver
// writes and answers DLE EOT n with scripted bytes, or not at all. The
// Replies values are the answers an Epson TM printer gives in each state,
// from the DLE EOT section of the Epson ESC/POS command reference.
//
// ArabicTicket and EnglishTicket are realistic tickets for golden tests.
//
// The package imports nothing from escpos, so escpos's tests can use it.
package escpostest
