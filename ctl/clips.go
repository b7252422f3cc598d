package ctl

import (
	"fmt"
	"text/tabwriter"

	"tabour/devices/audio"
)

// clipOut is one clip of the announcement voice, for the studio.
type clipOut struct {
	File string `json:"file"`
	Lang string `json:"lang,omitempty"`
	Text string `json:"text"`
}

// cmdClips prints the clips a center records for its own announcement
// voice (display.voice): the file each goes in, its language and what it
// says.
func cmdClips(e *env, args []string) error {
	fs := e.flags("clips")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	var out []clipOut
	for _, c := range audio.Clips() {
		out = append(out, clipOut{File: string(c.ID) + ".wav", Lang: c.Lang, Text: c.Text})
	}
	if e.json {
		return e.printJSON(out)
	}
	w := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "FILE\tLANG\tSAYS")
	for _, c := range out {
		fmt.Fprintf(w, "%s\t%s\t%s\n", c.File, c.Lang, c.Text)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%d clips, a PCM WAV file each, all in one format (the built-in voice: 16 kHz mono 16-bit), named with "+
		"their text in the pack's manifest.json (audio.Manifest); put the directory in display.voice\n", len(out))
	return nil
}
