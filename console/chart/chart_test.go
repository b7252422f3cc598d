package chart

import (
	"encoding/xml"
	"math"
	"strings"
	"testing"
)

func TestNiceScale(t *testing.T) {
	for _, c := range []struct{ max, step, top float64 }{
		{0, 1, 4}, {1, 0.2, 1}, {4, 1, 4}, {7, 2, 8}, {23, 5, 25}, {61, 20, 80}, {6.1, 2, 8}, {math.NaN(), 1, 4},
	} {
		if step, top := niceScale(c.max); step != c.step || top != c.top {
			t.Errorf("niceScale(%v) = %v, %v; want %v, %v", c.max, step, top, c.step, c.top)
		}
	}
}

// A chart is well-formed SVG whatever its text holds, gaps (NaN) break
// its lines, and an empty chart says so.
func TestSVG(t *testing.T) {
	c := Chart{Title: `<script>alert("x")</script> & عنوان`, Categories: []string{"08", "", "09"}, RTL: true,
		Series: []Series{{Name: "A · <b>", Values: []float64{1, 2, 3}},
			{Name: "line", Values: []float64{1, math.NaN(), 2}, Line: true, Dashed: true}}}
	svg := string(c.SVG())
	if err := xml.Unmarshal([]byte(svg), new(struct{})); err != nil {
		t.Fatalf("not XML: %v\n%s", err, svg)
	}
	if strings.Contains(svg, "<script>") || strings.Contains(svg, "<b>") {
		t.Error("text not escaped")
	}
	if n := strings.Count(svg, "<polyline"); n != 2 {
		t.Errorf("%d polylines for a line with a gap", n)
	}
	if n := strings.Count(svg, "<rect"); n != 1+3+1 { // background, bars, legend
		t.Errorf("%d rects", n)
	}
	empty := string(Chart{Title: "x", Categories: []string{"a"}, Empty: "no data yet"}.SVG())
	if !strings.Contains(empty, "no data yet") {
		t.Error("the empty chart says nothing")
	}
}
