package main

import (
	"os"

	_ "eg.tabour/earlylocale" // first: clears a "C" locale before Fyne parses it
	_ "github.com/mattn/go-sqlite3"

	"tabour/kiosk/kioskcmd"
)

func main() { os.Exit(kioskcmd.Main(os.Args[1:], os.Stderr)) }
