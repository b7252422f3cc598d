package broker

import (
	"fmt"
	"log/slog"
)

// natsLogger passes the server's warnings and errors to a slog.Logger;
// its notices, debug and trace lines are dropped.
type natsLogger struct{ l *slog.Logger }

func (n natsLogger) Noticef(string, ...any) {}
func (n natsLogger) Debugf(string, ...any)  {}
func (n natsLogger) Tracef(string, ...any)  {}

func (n natsLogger) Warnf(format string, v ...any) {
	n.l.Warn("broker: " + fmt.Sprintf(format, v...))
}

func (n natsLogger) Errorf(format string, v ...any) {
	n.l.Error("broker: " + fmt.Sprintf(format, v...))
}

func (n natsLogger) Fatalf(format string, v ...any) {
	n.l.Error("broker: fatal: " + fmt.Sprintf(format, v...))
}
