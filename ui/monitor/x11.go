package monitor

/*
#cgo LDFLAGS: -lX11
#include <X11/Xlib.h>
#include <stdlib.h>

static int tabour_move(Window win, int x, int y) {
	Display *d = XOpenDisplay(NULL);
	if (!d) return -1;
	XMoveWindow(d, win, x, y);
	XSync(d, False);
	XCloseDisplay(d);
	return 0;
}

static int tabour_geometry(Window win, int *x, int *y, unsigned *w, unsigned *h) {
	Display *d = XOpenDisplay(NULL);
	if (!d) return -1;
	Window root, child;
	int wx, wy;
	unsigned bw, depth;
	int ok = XGetGeometry(d, win, &root, &wx, &wy, w, h, &bw, &depth) &&
		XTranslateCoordinates(d, win, root, 0, 0, x, y, &child);
	XCloseDisplay(d);
	return ok ? 0 : -2;
}
*/
import "C"

import "errors"

var errNoDisplay = errors.New("monitor: cannot open the X display (DISPLAY)")

// moveWindow moves an X11 window's top-left corner to x, y on the screen,
// on a connection of its own.
func moveWindow(win uintptr, x, y int) error {
	if C.tabour_move(C.Window(win), C.int(x), C.int(y)) != 0 {
		return errNoDisplay
	}
	return nil
}

// geometry reads an X11 window's place on the screen.
func geometry(win uintptr) (rect, error) {
	var x, y C.int
	var w, h C.unsigned
	switch C.tabour_geometry(C.Window(win), &x, &y, &w, &h) {
	case -1:
		return rect{}, errNoDisplay
	case -2:
		return rect{}, errors.New("monitor: the X server does not know the window")
	}
	return rect{int(x), int(y), int(w), int(h)}, nil
}
