#!/bin/sh
# Draws every golden image on one sheet per screen size, Arabic and
# English side by side in the tour's order, so a reviewer sees them all at
# once: kiosk/testdata/montage-<size>.jpg and
# display/testdata/montage-<size>.jpg. Needs imagemagick (montage).
set -eu
root="$(cd "$(dirname "$0")/.." && pwd)"
font="$(go env GOMODCACHE)/fyne.io/fyne/v2@v2.7.1/theme/font/NotoSans-Regular.ttf"

cd "$root/kiosk/testdata"
steps=$(sed -n 's/^\t{"\([a-z_]*\)", func.*/\1/p' ../kiosk_test.go)
for size in 1280x800 1920x1080; do
	files=""
	for s in $steps; do
		files="$files ${s}_ar_${size}.png ${s}_en_${size}.png"
	done
	# shellcheck disable=SC2086
	montage -font "$font" -pointsize 14 -label '%t' $files -tile 8x -geometry 400x250+6+6 -background '#dddddd' -quality 82 "montage-${size}.jpg"
	echo "kiosk/testdata/montage-${size}.jpg"
done

# The hall display: one row per state, Arabic, English (and bilingual at
# 1920x1080).
cd "$root/display/testdata"
states=$(sed -n 's/^\t{"\([a-z_]*\)", model\.Hall.*/\1/p; s/^\t{"\([a-z_]*\)", [a-zA-Z]*(.*/\1/p' ../screen_test.go)
for size in 1280x720 1920x1080; do
	files="" cols=2
	for s in $states; do
		files="$files ${s}_ar_${size}.png ${s}_en_${size}.png"
		if [ -f "${s}_both_${size}.png" ]; then
			files="$files ${s}_both_${size}.png"
			cols=3
		fi
	done
	# shellcheck disable=SC2086
	montage -font "$font" -pointsize 14 -label '%t' $files -tile ${cols}x -geometry 480x270+6+6 -background '#dddddd' -quality 82 "montage-${size}.jpg"
	echo "display/testdata/montage-${size}.jpg"
done
