package kiosk

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"tabour/ui"
)

// Target is something a citizen can tap on the current screen, as laid
// out in the window's canvas.
type Target struct {
	// Label is the text inside the target, one line per text object in
	// tree order ("" for the hidden maintenance corner).
	Label string `json:"label"`
	// Rect is where the target is, in canvas units from the canvas's top
	// left corner.
	Rect Rect `json:"rect"`
	// Shown is the part of Rect that no scroller clips: empty when the
	// target is scrolled out of view.
	Shown Rect `json:"shown"`
	// Inside reports whether Shown lies within the canvas: a target that
	// is not inside is drawn, wholly or partly, off the screen.
	Inside bool `json:"inside"`
}

// Rect is a rectangle in canvas units.
type Rect struct {
	X float32 `json:"x"`
	Y float32 `json:"y"`
	W float32 `json:"w"`
	H float32 `json:"h"`
}

// Empty reports whether r has no area.
func (r Rect) Empty() bool { return r.W <= 0 || r.H <= 0 }

// Contains reports whether s lies within r; an empty s lies anywhere.
func (r Rect) Contains(s Rect) bool {
	return s.Empty() || (s.X >= r.X && s.Y >= r.Y && s.X+s.W <= r.X+r.W && s.Y+s.H <= r.Y+r.H)
}

// Intersect returns the part of r that is also in s.
func (r Rect) Intersect(s Rect) Rect {
	if s.Contains(r) && !r.Empty() {
		return r // exactly, without rounding
	}
	x0, y0 := max(r.X, s.X), max(r.Y, s.Y)
	x1, y1 := min(r.X+r.W, s.X+s.W), min(r.Y+r.H, s.Y+s.H)
	if x1 <= x0 || y1 <= y0 {
		return Rect{X: x0, Y: y0}
	}
	return Rect{X: x0, Y: y0, W: x1 - x0, H: y1 - y0}
}

// Center is the middle of r.
func (r Rect) Center() (x, y float32) { return r.X + r.W/2, r.Y + r.H/2 }

func rectOf(pos fyne.Position, size fyne.Size) Rect {
	return Rect{X: pos.X, Y: pos.Y, W: size.Width, H: size.Height}
}

// Targets lists the tappable objects of the screen on show, in tree order,
// with where the layout put them. Call it on the UI goroutine. Test
// automation and installation checks tap them by position, so a screen
// whose drawing and layout disagree shows up as a failed tap.
func (u *UI) Targets() []Target {
	c := u.win.Canvas()
	root := c.Content()
	if root == nil {
		return nil
	}
	screen := rectOf(fyne.Position{}, c.Size())
	var out []Target
	walkTargets(root, fyne.Position{}, nil, func(o fyne.CanvasObject, r Rect, clip *Rect) {
		shown := r
		if clip != nil {
			shown = r.Intersect(*clip)
		}
		out = append(out, Target{Label: targetLabel(o), Rect: r, Shown: shown, Inside: screen.Contains(shown)})
	})
	return out
}

// walkTargets calls found for each visible tappable object under o, whose
// parent's absolute position is at; clip, if not nil, is the area the
// scrollers around o leave in view.
func walkTargets(o fyne.CanvasObject, at fyne.Position, clip *Rect, found func(o fyne.CanvasObject, r Rect, clip *Rect)) {
	if o == nil || !o.Visible() {
		return
	}
	pos := at.Add(o.Position())
	if _, ok := o.(fyne.Tappable); ok {
		found(o, rectOf(pos, o.Size()), clip)
		return
	}
	if _, ok := o.(*container.Scroll); ok {
		view := rectOf(pos, o.Size())
		if clip != nil {
			view = clip.Intersect(view)
		}
		clip = &view
	}
	for _, child := range ui.Children(o) {
		walkTargets(child, pos, clip, found)
	}
}

// targetLabel joins the texts inside o, one per line.
func targetLabel(o fyne.CanvasObject) string {
	var lines []string
	targetTexts(o, &lines)
	return strings.Join(lines, "\n")
}

func targetTexts(o fyne.CanvasObject, lines *[]string) {
	if o == nil || !o.Visible() {
		return
	}
	switch c := o.(type) {
	case *ui.Text:
		*lines = append(*lines, c.Text)
	case *canvas.Text:
		*lines = append(*lines, c.Text)
	case *widget.Label:
		*lines = append(*lines, c.Text)
	}
	for _, child := range ui.Children(o) {
		targetTexts(child, lines)
	}
}
