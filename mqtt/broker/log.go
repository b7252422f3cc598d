package broker

import (
	"fmt"
	"log/slog"
	"os"
)

// natsLog hands the NATS server's log to slog: notices (the start banner,
// listeners) at debug level, warnings and errors as such. The server is
// given no debug or trace logging.
type natsLog struct{ l *slog.Logger }

func newNATSLog(l *slog.Logger) natsLog {
	if l == nil {
		l = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	}
	return natsLog{l.With("component", "broker")}
}

func (n natsLog) Noticef(format string, v ...any) { n.l.Debug(fmt.Sprintf(format, v...)) }
func (n natsLog) Warnf(format string, v ...any)   { n.l.Warn(fmt.Sprintf(format, v...)) }
func (n natsLog) Fatalf(format string, v ...any)  { n.l.Error(fmt.Sprintf(format, v...)) }
func (n natsLog) Errorf(format string, v ...any)  { n.l.Error(fmt.Sprintf(format, v...)) }
func (n natsLog) Debugf(format string, v ...any)  { n.l.Debug(fmt.Sprintf(format, v...)) }
func (n natsLog) Tracef(format string, v ...any)  { n.l.Debug(fmt.Sprintf(format, v...)) }
