package idscan

import (
	"context"
	"errors"
)

// Scanner delivers scanned strings.
type Scanner interface {
	// Run sends each completed scan on scans until ctx ends, then returns
	// nil. It returns an error when the device fails or cannot be opened;
	// the caller may run it again later.
	Run(ctx context.Context, scans chan<- string) error
}

// MaxLen is the default longest scan, in characters. A national number is
// 14 digits; barcodes on other documents are longer but well under this.
const MaxLen = 64

// Errors for input that is dropped rather than delivered. Drivers report
// them through their Dropped hook; they are not device failures.
var (
	ErrTooLong = errors.New("idscan: scan too long")
	ErrPartial = errors.New("idscan: partial scan dropped after an idle gap")
)

// Send delivers s on scans unless ctx ends first, reporting whether it was
// delivered. Drivers use it so a full channel never outlives Run.
func Send(ctx context.Context, scans chan<- string, s string) bool {
	select {
	case scans <- s:
		return true
	case <-ctx.Done():
		return false
	}
}
