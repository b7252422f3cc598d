package flow

import "context"

// Busy says what the kiosk is waiting for; the screen shows it as
// progress and refuses a second tap on the same action meanwhile.
type Busy string

// What the kiosk may be waiting for.
const (
	NotBusy  Busy = ""
	Issuing  Busy = "issuing"  // the ticket is being committed
	Asking   Busy = "asking"   // the workflow server is asked about an application
	Checking Busy = "checking" // a booking is being looked up
	Testing  Busy = "testing"  // the maintenance test ticket is printing
)

// Busy is what the kiosk is waiting for, if anything.
func (f *Flow) Busy() Busy { return f.busy }

// SetPost makes the Flow run every device, network and database call on
// another goroutine, so a tap never waits on one: post must run a function
// on the UI goroutine (fyne.Do in the kiosk) and redraw. With post nil
// (the default) the calls run inline, which the flow's own tests use.
func (f *Flow) SetPost(post func(func())) { f.post = post }

// background runs work away from the UI goroutine and applies the func it
// returns on the UI goroutine — unless the citizen has left meanwhile (the
// kiosk went home), when the result is dropped. work must not read or
// write the Flow: it gets what it needs as copies.
func (f *Flow) background(work func(context.Context) func()) {
	gen := f.gen
	if f.post == nil {
		if apply := work(context.Background()); apply != nil {
			apply()
		}
		return
	}
	post := f.post
	go func() {
		apply := work(context.Background())
		post(func() {
			if apply != nil && f.gen == gen {
				apply()
			}
		})
	}()
}
