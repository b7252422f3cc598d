package escpos_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"tabour/devices/printer"
	"tabour/devices/printer/escpos"
	"tabour/devices/printer/escpostest"
)

// A Dev speaks ESC/POS over any io.ReadWriter; here a fake printer that
// is out of paper, then refilled.
func ExampleNew() {
	conn := escpostest.NewConn(escpostest.PaperOut)
	defer conn.Close()
	dev, err := escpos.New(conn, nil)
	if err != nil {
		panic(err)
	}
	err = dev.Print(context.Background(), escpostest.ArabicTicket)
	var pe *printer.Error
	fmt.Println(errors.As(err, &pe), pe.State)

	conn.SetReplies(escpostest.Online)
	fmt.Println(dev.Print(context.Background(), escpostest.ArabicTicket))
	job, _ := escpostest.Decode(conn.Data())
	fmt.Println(job.Ops[0], job.Ops[len(job.Ops)-2:], job.Cuts)
	// Output:
	// true paper_out
	// <nil>
	// ESC @ [ESC d 4 GS V 1] [{true 0}]
}

func ExampleParseStatus() {
	// What an Epson out of paper answers to DLE EOT 1, 2 and 4.
	fmt.Println(escpos.ParseStatus(escpos.Answers{0x1A, 0x32, escpos.NoAnswer, 0x7E}))
	// Output: {paper_out paper out}
}

// The simulated centre prints into a directory; a tester empties the
// paper with `echo paper_out > DIR/STATUS`.
func ExampleOpenURI() {
	dir, _ := os.MkdirTemp("", "printer")
	defer os.RemoveAll(dir)
	p, closer, err := escpos.OpenURI(context.Background(), "virtual:"+dir, nil)
	if err != nil {
		panic(err)
	}
	defer closer.Close()
	fmt.Println(p.Print(context.Background(), escpostest.EnglishTicket))
	os.WriteFile(filepath.Join(dir, escpos.StatusFile), []byte("paper_out\n"), 0o644)
	fmt.Println(p.Print(context.Background(), escpostest.EnglishTicket))
	// Output:
	// <nil>
	// printer: paper_out: escpos: virtual: STATUS says paper_out
}
