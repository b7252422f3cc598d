package flow

import (
	"context"
	"slices"

	"tabour/config"
	"tabour/queue"
)

// Purposes offered on the home screen, in order.
func (f *Flow) Purposes() []queue.Kind {
	return []queue.Kind{queue.KindSubmit, queue.KindCollect, queue.KindInquiry}
}

// OffersAppointments reports whether check-in is offered.
func (f *Flow) OffersAppointments() bool { return f.deps.Appointments != nil }

// Common lists the most requested services shown on the home screen.
func (f *Flow) Common() []queue.Service {
	var out []queue.Service
	for _, code := range f.opts.Common {
		if s, ok := f.deps.Catalog.Service(code); ok {
			out = append(out, s)
		}
	}
	return out
}

// ChoosePurpose is a tap on a purpose. A purpose served by one service
// goes straight to it.
func (f *Flow) ChoosePurpose(k queue.Kind) {
	f.tap()
	f.purpose = k
	if k == queue.KindInquiry {
		f.goTo(Inquiry)
		return
	}
	svcs := f.servicesFor(k, "")
	if len(svcs) == 1 {
		f.service = svcs[0].Code
		f.goTo(Service)
		return
	}
	f.goTo(Categories)
}

// ChooseAppointment is a tap on "I have an appointment".
func (f *Flow) ChooseAppointment() {
	f.tap()
	f.purpose = queue.KindSubmit
	f.goTo(Appointment)
}

// Categories lists the categories that have services for the purpose.
func (f *Flow) Categories() []config.Category {
	var out []config.Category
	for _, c := range f.deps.Catalog.Categories {
		if len(f.servicesFor(f.purpose, c.Code)) > 0 {
			out = append(out, c)
		}
	}
	return out
}

// ChooseCategory is a tap on a category.
func (f *Flow) ChooseCategory(code string) {
	f.tap()
	f.category = code
	svcs := f.servicesFor(f.purpose, code)
	if len(svcs) == 1 {
		f.service = svcs[0].Code
		f.goTo(Service)
		return
	}
	f.goTo(Services)
}

// Services lists the services of the chosen category for the purpose.
func (f *Flow) Services() []queue.Service { return f.servicesFor(f.purpose, f.category) }

// Category is the chosen category.
func (f *Flow) Category() (config.Category, bool) { return f.deps.Catalog.Category(f.category) }

func (f *Flow) servicesFor(k queue.Kind, category string) []queue.Service {
	var out []queue.Service
	for _, s := range f.deps.Catalog.Services {
		if category != "" && s.Category != category {
			continue
		}
		if accepts(s, k) {
			out = append(out, s)
		}
	}
	return out
}

// accepts reports whether s takes visits of kind k; a service that names
// no kinds takes applications only.
func accepts(s queue.Service, k queue.Kind) bool {
	if len(s.Kinds) == 0 {
		return k == queue.KindSubmit
	}
	return slices.Contains(s.Kinds, k)
}

// ChooseService is a tap on a service (from the list or the home screen).
func (f *Flow) ChooseService(code string) {
	f.tap()
	s, ok := f.deps.Catalog.Service(code)
	if !ok {
		f.notice = msg("error.service")
		return
	}
	f.service = code
	if f.purpose == "" {
		f.purpose = queue.KindSubmit
		if len(s.Kinds) > 0 {
			f.purpose = s.Kinds[0]
		}
	}
	f.goTo(Service)
}

// Service is the chosen service.
func (f *Flow) Service() queue.Service {
	s, _ := f.deps.Catalog.Service(f.service)
	return s
}

// Purpose is the chosen purpose.
func (f *Flow) Purpose() queue.Kind { return f.purpose }

// Estimate is the current wait for the service on screen, once the
// engine has answered (it is asked off the UI goroutine).
func (f *Flow) Estimate() (queue.Estimate, bool) {
	if f.estimate == nil {
		return queue.Estimate{}, false
	}
	return *f.estimate, true
}

// loadEstimate asks the engine for the wait of the chosen service.
func (f *Flow) loadEstimate() {
	f.estimate = nil
	eng, code := f.deps.Engine, f.service
	f.background(func(ctx context.Context) func() {
		est, err := eng.EstimateNew(ctx, code)
		if err != nil {
			return nil
		}
		return func() {
			if f.service == code {
				f.estimate = &est
			}
		}
	})
}

// counterNumbers lists the counters that serve a service.
func counterNumbers(ctx context.Context, eng Engine, service string) []int {
	ctrs, err := eng.Counters(ctx)
	if err != nil {
		return nil
	}
	var out []int
	for _, c := range ctrs {
		for _, cs := range c.Services {
			if cs.Code == service {
				out = append(out, c.Number)
			}
		}
	}
	return out
}

// GetTicket is the "get a ticket" tap: straight to confirmation.
func (f *Flow) GetTicket() {
	f.tap()
	f.goTo(Confirm)
}

// AddDetails is the "national ID or priority" tap.
func (f *Flow) AddDetails() {
	f.tap()
	f.goTo(NationalID)
}
