package queue

import (
	"context"
	"fmt"
)

// SyncCatalog makes the database's services and counters match the
// configuration: new ones are added, changed ones updated, missing ones
// marked inactive (their tickets stay). Counter states are kept.
func (e *Engine) SyncCatalog(ctx context.Context, services []Service, counters []Counter) error {
	if err := checkCatalog(services, counters); err != nil {
		return err
	}
	err := e.tx(ctx, func(tx *dbtx) error {
		if err := syncServicesTx(ctx, tx, services); err != nil {
			return err
		}
		return syncCountersTx(ctx, tx, counters)
	})
	if err != nil {
		return fmt.Errorf("queue: sync catalog: %w", err)
	}
	return e.loadServices(ctx)
}

func checkCatalog(services []Service, counters []Counter) error {
	codes := map[string]bool{}
	prefixes := map[string]bool{}
	for _, s := range services {
		if s.Code == "" || s.Prefix == "" || codes[s.Code] || prefixes[s.Prefix] {
			return fmt.Errorf("queue: sync catalog: service %q: empty or repeated code or prefix %q: %w", s.Code, s.Prefix, ErrInvalid)
		}
		codes[s.Code], prefixes[s.Prefix] = true, true
	}
	nums := map[int]bool{}
	for _, c := range counters {
		if c.Number <= 0 || nums[c.Number] {
			return fmt.Errorf("queue: sync catalog: counter %d: not positive or repeated: %w", c.Number, ErrInvalid)
		}
		nums[c.Number] = true
		for _, cs := range c.Services {
			if !codes[cs.Code] {
				return fmt.Errorf("queue: sync catalog: counter %d: %w %q", c.Number, ErrUnknownService, cs.Code)
			}
		}
	}
	return nil
}

func syncServicesTx(ctx context.Context, tx *dbtx, services []Service) error {
	if _, err := tx.ExecContext(ctx, "UPDATE services SET active = 0, prefix = '~' || code"); err != nil {
		return err
	}
	for _, s := range services {
		_, err := tx.ExecContext(ctx, `INSERT INTO services
			(code, prefix, name_ar, name_en, category, target_wait_min, avg_service_min, active)
			VALUES (?,?,?,?,?,?,?,1)
			ON CONFLICT (code) DO UPDATE SET prefix=excluded.prefix, name_ar=excluded.name_ar,
			name_en=excluded.name_en, category=excluded.category, target_wait_min=excluded.target_wait_min,
			avg_service_min=excluded.avg_service_min, active=1`,
			s.Code, s.Prefix, s.Name.AR, s.Name.EN, s.Category, s.TargetWaitMin, s.AvgServiceMin)
		if err != nil {
			return fmt.Errorf("service %s: %w", s.Code, err)
		}
	}
	return nil
}

func syncCountersTx(ctx context.Context, tx *dbtx, counters []Counter) error {
	if _, err := tx.ExecContext(ctx, "UPDATE counters SET active = 0"); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM counter_services"); err != nil {
		return err
	}
	for _, c := range counters {
		_, err := tx.ExecContext(ctx, `INSERT INTO counters (number, label_ar, label_en, active) VALUES (?,?,?,1)
			ON CONFLICT (number) DO UPDATE SET label_ar=excluded.label_ar, label_en=excluded.label_en, active=1`,
			c.Number, c.Label.AR, c.Label.EN)
		if err != nil {
			return fmt.Errorf("counter %d: %w", c.Number, err)
		}
		for _, cs := range c.Services {
			w := max(cs.Weight, 1)
			_, err := tx.ExecContext(ctx, "INSERT INTO counter_services (counter, service, weight) VALUES (?,?,?)",
				c.Number, cs.Code, w)
			if err != nil {
				return fmt.Errorf("counter %d service %s: %w", c.Number, cs.Code, err)
			}
		}
	}
	return nil
}

// loadServices caches the active services for numbering and estimates.
func (e *Engine) loadServices(ctx context.Context) error {
	list, err := e.Services(ctx)
	if err != nil {
		return err
	}
	m := make(map[string]Service, len(list))
	for _, s := range list {
		m[s.Code] = s
	}
	e.mu.Lock()
	e.services = m
	e.mu.Unlock()
	return nil
}

// service returns an active service from the cache.
func (e *Engine) service(code string) (Service, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	s, ok := e.services[code]
	return s, ok
}

// Services lists the active services, by code. Documents and fees are not
// stored in the database; they come from the catalog.
func (e *Engine) Services(ctx context.Context) ([]Service, error) {
	rows, err := e.db.QueryContext(ctx, `SELECT code, prefix, name_ar, name_en, category, target_wait_min,
		avg_service_min FROM services WHERE active = 1 ORDER BY code`)
	if err != nil {
		return nil, fmt.Errorf("queue: list services: %w", err)
	}
	defer rows.Close()
	var out []Service
	for rows.Next() {
		var s Service
		if err := rows.Scan(&s.Code, &s.Prefix, &s.Name.AR, &s.Name.EN, &s.Category, &s.TargetWaitMin, &s.AvgServiceMin); err != nil {
			return nil, fmt.Errorf("queue: list services: %w", err)
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// Counters lists the active counters with the services they serve on the
// current service day: the day's list where SetCounterServicesToday set
// one, the catalog's otherwise (CountersToday tells them apart).
func (e *Engine) Counters(ctx context.Context) ([]Counter, error) {
	list, err := e.CountersToday(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]Counter, len(list))
	for i, c := range list {
		out[i] = c.Counter
	}
	return out, nil
}
