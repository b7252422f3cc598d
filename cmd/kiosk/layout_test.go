package main

import "tabour/kiosk"

// layout is the -targets file the tests read.
type layout kiosk.Layout
