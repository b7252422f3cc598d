package escpostest

import "fmt"

// esc decodes ESC @ (initialise), ESC a n (justify), ESC d n (feed lines)
// and ESC J n (feed dots).
func (d *decoder) esc(start int) error {
	p, err := d.take(1, start, "ESC")
	if err != nil {
		return err
	}
	if p[0] == '@' {
		d.op("ESC @")
		d.job.Inits++
		d.align = 0
		return nil
	}
	if p[0] != 'a' && p[0] != 'd' && p[0] != 'J' {
		return fmt.Errorf("escpostest: unknown command ESC 0x%02x at offset %d", p[0], start)
	}
	arg, err := d.take(1, start, "ESC "+string(p[0]))
	if err != nil {
		return err
	}
	return d.escArg(p[0], int(arg[0]), start)
}

func (d *decoder) escArg(c byte, n int, start int) error {
	switch c {
	case 'a':
		if n >= '0' {
			n -= '0'
		}
		if n > 2 {
			return fmt.Errorf("escpostest: bad ESC a %d at offset %d", n, start)
		}
		d.align = n
		d.op("ESC a %d", n)
	case 'd':
		d.op("ESC d %d", n)
		d.job.Feeds = append(d.job.Feeds, Feed{Lines: n})
	case 'J':
		d.op("ESC J %d", n)
		d.job.Feeds = append(d.job.Feeds, Feed{Dots: n})
	}
	return nil
}
