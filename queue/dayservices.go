package queue

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"time"
)

// MaxWeight is the highest routing weight a counter may give a service.
const MaxWeight = 9

// SetCounterServicesToday changes, for the current service day only, the
// services counter serves and their routing weights (1 to MaxWeight): the
// manager moves a window to where the queue is. Routing, transfers to the
// counter, the estimates and Counters follow the list for the rest of the
// day; the next service day falls back to the catalog (SyncCatalog). Each
// change appends one counter.services event (EvCounterServices).
//
// An unknown or inactive counter is refused with ErrUnknownCounter, a
// service that is not active with ErrUnknownService, an empty list, a
// service named twice or a weight out of range with ErrInvalid; a refusal
// changes nothing.
func (e *Engine) SetCounterServicesToday(ctx context.Context, counter int, svcs []CounterService) error {
	op := fmt.Sprintf("queue: counter %d: services today", counter)
	if len(svcs) == 0 {
		return fmt.Errorf("%s: the list is empty: %w", op, ErrInvalid)
	}
	seen := map[string]bool{}
	for _, cs := range svcs {
		if cs.Weight < 1 || cs.Weight > MaxWeight {
			return fmt.Errorf("%s: %s: weight %d is not 1 to %d: %w", op, cs.Code, cs.Weight, MaxWeight, ErrInvalid)
		}
		if seen[cs.Code] {
			return fmt.Errorf("%s: %s is named twice: %w", op, cs.Code, ErrInvalid)
		}
		seen[cs.Code] = true
		if _, ok := e.service(cs.Code); !ok {
			return fmt.Errorf("%s: %w %q", op, ErrUnknownService, cs.Code)
		}
	}
	list := sortedServices(svcs)
	return e.tx(ctx, func(tx *dbtx) error {
		now := e.opts.Clock.Now().Truncate(time.Millisecond)
		day := e.serviceDay(now)
		if _, err := counterState(ctx, tx, counter); err != nil {
			return err
		}
		from, err := counterServices(ctx, tx, counter, day)
		if err != nil {
			return err
		}
		// Other days' lists are never read again; the events keep them.
		if _, err := tx.ExecContext(ctx, "DELETE FROM counter_services_day WHERE day != ? OR counter = ?", day, counter); err != nil {
			return fmt.Errorf("%s: %w", op, err)
		}
		for _, cs := range list {
			_, err := tx.ExecContext(ctx, "INSERT INTO counter_services_day (day, counter, service, weight) VALUES (?,?,?,?)",
				day, counter, cs.Code, cs.Weight)
			if err != nil {
				return fmt.Errorf("%s: %w", op, err)
			}
		}
		data, _ := json.Marshal(struct {
			Day      string           `json:"day"`
			From     []CounterService `json:"from"`
			Services []CounterService `json:"services"`
		}{day, weightsList(from), list})
		_, err = e.appendEvent(ctx, tx, Event{Type: EvCounterServices, Counter: counter, At: now, Data: string(data)})
		return err
	})
}

// CounterToday is a counter as it works today: Services are the services
// it serves today, Override reports that they are the day's list
// (SetCounterServicesToday) rather than the catalog's, given in Catalog.
type CounterToday struct {
	Counter
	Override bool
	Catalog  []CounterService
}

// CountersToday lists the active counters with the services each serves
// on the current service day, by number; services by code.
func (e *Engine) CountersToday(ctx context.Context) ([]CounterToday, error) {
	day := e.Today()
	rows, err := e.db.QueryContext(ctx, `SELECT c.number, c.label_ar, c.label_en, IFNULL(x.src, 0), IFNULL(x.service, ''),
		IFNULL(x.weight, 0) FROM counters c LEFT JOIN (
			SELECT 1 AS src, counter, service, weight FROM counter_services_day WHERE day = ?1
			UNION ALL
			SELECT 0, counter, service, weight FROM counter_services) x ON x.counter = c.number
		WHERE c.active = 1 ORDER BY c.number, x.service`, day)
	if err != nil {
		return nil, fmt.Errorf("queue: list counters: %w", err)
	}
	defer rows.Close()
	var out []CounterToday
	for rows.Next() {
		var c Counter
		var src int
		var cs CounterService
		if err := rows.Scan(&c.Number, &c.Label.AR, &c.Label.EN, &src, &cs.Code, &cs.Weight); err != nil {
			return nil, fmt.Errorf("queue: list counters: %w", err)
		}
		if len(out) == 0 || out[len(out)-1].Number != c.Number {
			out = append(out, CounterToday{Counter: c})
		}
		ct := &out[len(out)-1]
		switch {
		case cs.Code == "":
		case src == 1:
			ct.Override = true
			ct.Services = append(ct.Services, cs)
		default:
			ct.Catalog = append(ct.Catalog, cs)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("queue: list counters: %w", err)
	}
	for i := range out {
		if !out[i].Override {
			out[i].Services = out[i].Catalog
		}
	}
	return out, nil
}

func sortedServices(svcs []CounterService) []CounterService {
	out := append([]CounterService(nil), svcs...)
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out
}

func weightsList(m map[string]int) []CounterService {
	out := make([]CounterService, 0, len(m))
	for _, code := range sortedKeys(m) {
		out = append(out, CounterService{Code: code, Weight: m[code]})
	}
	return out
}

// servedToday is the SQL of the services counter ?1 serves on day ?2
// (columns service, weight): the day's list if it has one, the catalog's
// otherwise. Inactive services are not filtered out.
const servedToday = `SELECT service, weight FROM counter_services_day WHERE day = ?2 AND counter = ?1
	UNION ALL
	SELECT service, weight FROM counter_services WHERE counter = ?1
	AND NOT EXISTS (SELECT 1 FROM counter_services_day WHERE day = ?2 AND counter = ?1)`

// allServedToday is servedToday for every counter, on day ?1 (columns
// counter, service, weight).
const allServedToday = `SELECT counter, service, weight FROM counter_services_day WHERE day = ?1
	UNION ALL
	SELECT cs.counter, cs.service, cs.weight FROM counter_services cs
	WHERE NOT EXISTS (SELECT 1 FROM counter_services_day d WHERE d.day = ?1 AND d.counter = cs.counter)`
