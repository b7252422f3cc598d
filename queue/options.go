package queue

import (
	"time"
)

// Clock tells the time. Tests inject one; the default is the wall clock.
type Clock interface{ Now() time.Time }

type wallClock struct{}

func (wallClock) Now() time.Time { return time.Now() }

// Options configure an Engine. The zero value of each field means its
// default (see DefaultOptions). The JSON names are those of the queue
// section of the appliance's config file; the fields marked "-" come from
// elsewhere in it or from the process.
type Options struct {
	// Device is the appliance id used on events (e.g. "kiosk1").
	Device string `json:"-"`
	// Location is the center's time zone; service days are counted in it.
	Location *time.Location `json:"-"`
	// DayStart is the offset from local midnight at which a service day
	// begins (e.g. 4h: tickets issued at 02:00 belong to the previous day).
	DayStart time.Duration `json:"day_start"`
	// NumberMin and NumberMax bound ticket numbers per service-day
	// (A001–A999). Past NumberMax numbering wraps to NumberMin, skipping
	// numbers still in use that day, and a numbering.wrapped event warns;
	// while half the range is still open it widens instead (A1000…A9999).
	NumberMin int `json:"number_min"`
	NumberMax int `json:"number_max"`
	// NumberWidth pads numbers on tickets: 3 gives A007.
	NumberWidth int `json:"number_width"`
	// PriorityEvery is K: at most one priority ticket is called per K
	// normal calls while normal tickets wait.
	PriorityEvery int `json:"priority_every"`
	// RecycleNoShows is how many times a no-show ticket goes back to the
	// end of the queue before it is final (0 = never).
	RecycleNoShows int `json:"recycle_no_shows"`
	// AppointmentEarly and AppointmentLate bound the window in which a
	// checked-in appointment is called ahead of the queue.
	AppointmentEarly time.Duration `json:"appointment_early"`
	AppointmentLate  time.Duration `json:"appointment_late"`
	// DedupWindow refuses a second waiting ticket for the same service and
	// the same national-ID hash issued within this window.
	DedupWindow time.Duration `json:"dedup_window"`
	// EstimateWindow is how many recently finished tickets the wait
	// estimate averages over.
	EstimateWindow int `json:"estimate_window"`
	// DefaultServiceMin seeds the estimate for services without AvgServiceMin.
	DefaultServiceMin int `json:"default_service_min"`
	// Clock defaults to the wall clock.
	Clock Clock `json:"-"`
	// Driver is the database/sql driver name (default "sqlite3").
	Driver string `json:"-"`
}

// DefaultOptions are the settings of a simulated center.
func DefaultOptions() Options {
	return Options{
		Device:            "kiosk1",
		Location:          time.UTC,
		NumberMin:         1,
		NumberMax:         999,
		NumberWidth:       3,
		PriorityEvery:     3,
		RecycleNoShows:    1,
		AppointmentEarly:  15 * time.Minute,
		AppointmentLate:   10 * time.Minute,
		DedupWindow:       10 * time.Minute,
		EstimateWindow:    20,
		DefaultServiceMin: 5,
		Clock:             wallClock{},
		Driver:            "sqlite3",
	}
}

func (o Options) withDefaults() Options {
	d := DefaultOptions()
	if o.Device == "" {
		o.Device = d.Device
	}
	if o.Location == nil {
		o.Location = d.Location
	}
	if o.NumberMin <= 0 {
		o.NumberMin = d.NumberMin
	}
	if o.NumberMax <= 0 {
		o.NumberMax = d.NumberMax
	}
	if o.NumberWidth <= 0 {
		o.NumberWidth = d.NumberWidth
	}
	if o.PriorityEvery <= 0 {
		o.PriorityEvery = d.PriorityEvery
	}
	if o.RecycleNoShows < 0 {
		o.RecycleNoShows = 0
	}
	if o.AppointmentEarly <= 0 {
		o.AppointmentEarly = d.AppointmentEarly
	}
	if o.AppointmentLate <= 0 {
		o.AppointmentLate = d.AppointmentLate
	}
	if o.DedupWindow < 0 {
		o.DedupWindow = 0
	}
	if o.EstimateWindow <= 0 {
		o.EstimateWindow = d.EstimateWindow
	}
	if o.DefaultServiceMin <= 0 {
		o.DefaultServiceMin = d.DefaultServiceMin
	}
	if o.Clock == nil {
		o.Clock = d.Clock
	}
	if o.Driver == "" {
		o.Driver = d.Driver
	}
	return o
}
