package sim

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"time"

	"tabour/lang"
	"tabour/queue"
)

// Scenario is one simulated center day.
type Scenario struct {
	Name     string
	Seed     uint64
	Counters int
	// Tickets is the expected number of tickets issued in the day.
	Tickets int
	// Services are the center's services; nil means the twelve of
	// DefaultServices.
	Services []Service
	// Open is when counters open, LastIssue when the kiosk stops issuing
	// (time of day); counters serve until their queues are empty.
	Open, LastIssue time.Duration
	// Profile is the relative arrival intensity per hour from Open (the
	// last value holds until LastIssue).
	Profile []float64
	// Priority is the share of priority tickets; MorningPriority, if set,
	// replaces it before 11:00.
	Priority, MorningPriority float64
	// NoShow is the share of citizens who do not come when called (once
	// recycled, half of them come the second time).
	NoShow float64
	// Breaks pause counters; Close closes counters early.
	Breaks []Break
	Close  []Close
}

// Service is a simulated service: its share of the tickets, its handling
// time (lognormal: mean and coefficient of variation, call to end) and its
// target wait.
type Service struct {
	Code          string
	Share         float64
	MeanMin       float64
	CV            float64
	TargetWaitMin int
}

// Break pauses a counter at a time of day (once its ticket is done) for a
// while.
type Break struct {
	Counter int
	At      time.Duration
	For     time.Duration
}

// Close closes counters for the rest of the day at a time of day (each
// once its ticket is done).
type Close struct {
	Counters []int
	At       time.Duration
}

// DefaultServices are twelve services with unequal shares and handling
// times, as at a district center.
func DefaultServices() []Service {
	return []Service{
		{"BLD", 0.20, 9, 0.5, 40}, {"RECON", 0.16, 11, 0.5, 45}, {"SHOP", 0.12, 7, 0.5, 30},
		{"OUT", 0.11, 3, 0.5, 15}, {"ROAD", 0.08, 6, 0.5, 30}, {"DEMO", 0.06, 8, 0.5, 40},
		{"LAND", 0.06, 10, 0.5, 45}, {"INQ", 0.06, 4, 0.5, 20}, {"QUARRY", 0.04, 9, 0.5, 40},
		{"UTIL", 0.04, 5, 0.5, 30}, {"ADV", 0.04, 6, 0.5, 30}, {"MISC", 0.03, 5, 0.5, 30},
	}
}

var peakyMorning = []float64{0.8, 1.5, 1.6, 1.3, 1.0, 0.7, 0.5}

func base(name string, seed uint64, counters, tickets int) Scenario {
	return Scenario{Name: name, Seed: seed, Counters: counters, Tickets: tickets,
		Open: 8 * time.Hour, LastIssue: 14*time.Hour + 30*time.Minute, Profile: peakyMorning,
		Priority: 0.07, NoShow: 0.05,
		Breaks: []Break{{Counter: 2, At: 11 * time.Hour, For: 20 * time.Minute}},
		Close:  []Close{{Counters: []int{counters}, At: 13*time.Hour + 30*time.Minute}}}
}

// Scenarios are the named center days: a 5- and a 20-counter center (each
// with a counter break and one counter closing early), then variations of
// the 5-counter day.
func Scenarios() []Scenario {
	five := base("5-counters", 1, 5, 245)
	twenty := base("20-counters", 2, 20, 1000)
	brk := base("counter-break", 3, 5, 245)
	brk.Breaks = []Break{{Counter: 1, At: 10 * time.Hour, For: 30 * time.Minute},
		{Counter: 3, At: 12 * time.Hour, For: 20 * time.Minute}}
	brk.Close = nil
	early := base("early-close", 4, 5, 245)
	early.Breaks = nil
	early.Close = []Close{{Counters: []int{4, 5}, At: 12 * time.Hour}}
	prio := base("priority-morning", 5, 5, 245)
	prio.MorningPriority = 0.25
	noShow := base("no-show-day", 6, 5, 250)
	noShow.NoShow = 0.20
	return []Scenario{five, twenty, brk, early, prio, noShow}
}

// Small is a short scenario for tests: three counters, one morning hour
// and a half of arrivals.
func Small() Scenario {
	s := base("small", 7, 3, 60)
	s.LastIssue = 9*time.Hour + 30*time.Minute
	s.Profile = []float64{1.4, 1}
	s.Breaks = []Break{{Counter: 2, At: 8*time.Hour + 40*time.Minute, For: 15 * time.Minute}}
	s.Close = []Close{{Counters: []int{3}, At: 9*time.Hour + 20*time.Minute}}
	return s
}

// Find returns the scenario of that name.
func Find(name string) (Scenario, bool) {
	if name == "small" {
		return Small(), true
	}
	for _, s := range Scenarios() {
		if s.Name == name {
			return s, true
		}
	}
	return Scenario{}, false
}

// catalog builds the engine's services and counters: each counter serves
// three to five services, its first with weight 2; every service has a
// counter, and busier services have more.
func (s Scenario) catalog(rng *rand.Rand) ([]queue.Service, []queue.Counter) {
	svcs := s.services()
	var qs []queue.Service
	for i, v := range svcs {
		qs = append(qs, queue.Service{Code: v.Code, Prefix: string(rune('A' + i)), Name: lang.Text{AR: v.Code, EN: v.Code},
			Category: "sim", TargetWaitMin: v.TargetWaitMin, AvgServiceMin: int(v.MeanMin + 0.5)})
	}
	load := make([]float64, len(svcs)) // work share still to place, by service
	for i, v := range svcs {
		load[i] = v.Share * v.MeanMin
	}
	counters := make([]queue.Counter, s.Counters)
	for c := range counters {
		counters[c] = queue.Counter{Number: c + 1, Label: lang.Text{AR: fmt.Sprintf("شباك %d", c+1), EN: fmt.Sprintf("Window %d", c+1)}}
	}
	// Primary services: busiest work first, round robin over counters.
	order := make([]int, len(svcs))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return load[order[a]] > load[order[b]] })
	for k := 0; k < max(len(svcs), s.Counters); k++ {
		c, sv := k%s.Counters, order[k%len(svcs)]
		if hasService(counters[c], svcs[sv].Code) {
			continue
		}
		w := 1
		if len(counters[c].Services) == 0 {
			w = 2
		}
		counters[c].Services = append(counters[c].Services, queue.CounterService{Code: svcs[sv].Code, Weight: w})
	}
	// Then three to five services each, the extra ones drawn by work share
	// per counter already serving it, so that busy services get more.
	served := make([]float64, len(svcs))
	for c := range counters {
		for _, cs := range counters[c].Services {
			served[indexOf(svcs, cs.Code)]++
		}
	}
	for c := range counters {
		want := 3 + rng.IntN(3)
		for tries := 0; len(counters[c].Services) < want && tries < 50; tries++ {
			w := make([]float64, len(svcs))
			for i := range w {
				w[i] = load[i] / (1 + served[i])
			}
			sv := drawWeighted(rng, w)
			if !hasService(counters[c], svcs[sv].Code) {
				counters[c].Services = append(counters[c].Services, queue.CounterService{Code: svcs[sv].Code, Weight: 1})
				served[sv]++
			}
		}
	}
	return qs, counters
}

func (s Scenario) services() []Service {
	if s.Services != nil {
		return s.Services
	}
	return DefaultServices()
}

func indexOf(svcs []Service, code string) int {
	for i, s := range svcs {
		if s.Code == code {
			return i
		}
	}
	return -1
}

func hasService(c queue.Counter, code string) bool {
	for _, cs := range c.Services {
		if cs.Code == code {
			return true
		}
	}
	return false
}

func drawWeighted(rng *rand.Rand, w []float64) int {
	sum := 0.0
	for _, v := range w {
		sum += v
	}
	x := rng.Float64() * sum
	for i, v := range w {
		if x < v {
			return i
		}
		x -= v
	}
	return len(w) - 1
}
