package escpos

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/url"
	"os"
	"strconv"
	"time"

	"go.bug.st/serial"

	"tabour/devices/printer"
)

// Link defaults.
const (
	DefaultTCPPort  = "9100"
	DefaultBaud     = 19200
	dialTimeout     = 3 * time.Second
	serialReadPause = 100 * time.Millisecond
)

// OpenURI returns the printer a URI names, and what closes its link:
//
//	usb:/dev/usb/lp0                USB printer class device, read-write
//	tcp://192.168.1.50:9100         raw TCP ("JetDirect"); port 9100 if omitted
//	serial:/dev/ttyUSB0?baud=19200  serial port, 8N1; 19200 baud if omitted
//	virtual:var/printer             files in a directory: see Virtual
//
// It fails only for a URI it cannot use: a printer that cannot be reached
// yet is Offline, and is dialled again on each Print and Status (see
// Link). A nil opts means DefaultOpts.
func OpenURI(ctx context.Context, uri string, opts *Opts) (printer.Printer, io.Closer, error) {
	u, err := url.Parse(uri)
	if err != nil {
		return nil, nil, fmt.Errorf("escpos: printer URI: %w", err)
	}
	if u.Scheme == "virtual" {
		v, err := NewVirtual(uriPath(u), opts)
		return v, v, err
	}
	dial, err := dialer(u)
	if err != nil {
		return nil, nil, err
	}
	l, err := NewLink(dial, opts)
	if err != nil {
		return nil, nil, err
	}
	return l, l, nil
}

// uriPath is the path of usb:/dev/x, usb:///dev/x and virtual:dir alike.
func uriPath(u *url.URL) string {
	if u.Opaque != "" {
		return u.Opaque
	}
	return u.Path
}

// dialer returns how to open the link u names.
func dialer(u *url.URL) (DialFunc, error) {
	switch u.Scheme {
	case "usb":
		return usbDialer(uriPath(u))
	case "tcp":
		return tcpDialer(u.Host)
	case "serial":
		return serialDialer(uriPath(u), u.Query().Get("baud"))
	}
	return nil, fmt.Errorf("escpos: printer URI %q: scheme is not usb, tcp, serial or virtual", u.String())
}

func usbDialer(path string) (DialFunc, error) {
	if path == "" {
		return nil, errors.New("escpos: usb printer URI has no device path")
	}
	return func(context.Context) (io.ReadWriteCloser, error) {
		f, err := os.OpenFile(path, os.O_RDWR, 0)
		if errors.Is(err, fs.ErrPermission) {
			return nil, fmt.Errorf("escpos: %w (is the user in group lp?)", err)
		}
		if err != nil {
			return nil, fmt.Errorf("escpos: %w", err)
		}
		return usbFile{f}, nil
	}, nil
}

// usbFile is a USB printer class device. usblp ends a read early, with
// nothing, when the printer sends an empty packet; os.File calls that
// io.EOF, but the link is fine. An unplugged printer fails with ENODEV.
type usbFile struct{ *os.File }

func (f usbFile) Read(p []byte) (int, error) {
	n, err := f.File.Read(p)
	if err == io.EOF {
		err = nil
	}
	return n, err
}

func tcpDialer(host string) (DialFunc, error) {
	if host == "" {
		return nil, errors.New("escpos: tcp printer URI has no host")
	}
	if _, _, err := net.SplitHostPort(host); err != nil {
		host = net.JoinHostPort(host, DefaultTCPPort)
	}
	return func(ctx context.Context) (io.ReadWriteCloser, error) {
		d := net.Dialer{Timeout: dialTimeout}
		c, err := d.DialContext(ctx, "tcp", host)
		if err != nil {
			return nil, fmt.Errorf("escpos: %w", err)
		}
		return c, nil
	}, nil
}

func serialDialer(path, baud string) (DialFunc, error) {
	if path == "" {
		return nil, errors.New("escpos: serial printer URI has no device path")
	}
	rate := DefaultBaud
	if baud != "" {
		n, err := strconv.Atoi(baud)
		if err != nil || n <= 0 {
			return nil, fmt.Errorf("escpos: serial printer URI: bad baud %q", baud)
		}
		rate = n
	}
	return func(context.Context) (io.ReadWriteCloser, error) {
		return openSerial(path, rate)
	}, nil
}

// openSerial opens a serial port whose reads return now and then, so the
// reader can notice the port closing.
func openSerial(path string, baud int) (io.ReadWriteCloser, error) {
	p, err := serial.Open(path, &serial.Mode{BaudRate: baud, DataBits: 8})
	if err != nil {
		return nil, fmt.Errorf("escpos: open %s: %w", path, err)
	}
	if err := p.SetReadTimeout(serialReadPause); err != nil {
		p.Close()
		return nil, fmt.Errorf("escpos: %s: read timeout: %w", path, err)
	}
	return p, nil
}
