package mqtt

import "time"

// SetDayReportEvery sets how often the buses started from now on check the
// day report, and returns a function that restores the default.
func SetDayReportEvery(d time.Duration) (restore func()) {
	old := dayReportEvery
	dayReportEvery = d
	return func() { dayReportEvery = old }
}
