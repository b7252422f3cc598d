// Package audio makes and plays the hall announcements: "ding-dong —
// ticket number A 23, to window number 4", in Arabic then English.
//
// # Composing
//
// An announcement is a sequence of recorded clips (Compose, ComposeAll):
//
//	chime  تذكرة رقم  <letter>  <number>  إلى الشباك رقم  <counter>
//	chime  ticket number  <letter>  <number>  please go to window  <counter>
//
// Numbers 1–999 are read in Modern Standard Arabic word order from clips
// for 1–9, 10–19, the tens 20–90, the hundreds 100–900 and the
// conjunction "و": 23 = ثلاثة و عشرون, 105 = مائة و خمسة, 999 = تسعمائة
// و تسعة و تسعون; in English from one–nineteen, the tens, "hundred" and
// "and": "one hundred and five", "twenty three". A ticket's Latin letter
// is read in Arabic by its English name as Egyptians say it (A إيه, B بي)
// or, with Composer.ArabicLetters = ArabicNames, as the Arabic letter at
// its place in the alphabet (A ألف, B باء); the tables are in letters.go.
// Clips lists every clip with its text.
//
// # Packs
//
// A Pack is a directory (any fs.FS) of WAV clips, all one format (integer
// PCM; the default pack is 16 kHz mono 16-bit), named by a manifest.json
// (Manifest). LoadPack checks every clip's format; Pack.Render joins the
// clips of a sequence, Pack.Gap apart, into one WAV. The built-in pack is
// package audio/voice, generated with espeak-ng: a placeholder until the
// center records a voice reading the same clip table.
//
// # Playing
//
// A Sink plays one WAV at a time. Aplay pipes it to `aplay -q -`
// (alsa-utils: no cgo, no sound library); audiotest has a fake. An
// Announcer queues announcements and plays them one after another, never
// overlapping; when calls come faster than they can be said, the oldest
// waiting ones are dropped, and so are calls that waited past MaxAge.
//
// # Wiring
//
// Any ALSA output works: the board's jack or HDMI, or a USB sound card
// into the hall amplifier (`aplay -l` lists them; set Aplay.Device to
// e.g. "plughw:1,0" — plughw converts the 16 kHz mono clips to what the
// card takes). The appliance user must be in group audio. Check the level
// with `speaker-test -c 2 -t wav -D plughw:1,0`.
package audio
