#!/bin/sh
# Draws every kiosk golden image on one sheet per screen size, Arabic and
# English side by side in the tour's order, so a reviewer sees them all at
# once: kiosk/testdata/montage-<size>.jpg. Needs imagemagick (montage).
set -eu
cd "$(dirname "$0")/../kiosk/testdata"
font="$(go env GOMODCACHE)/fyne.io/fyne/v2@v2.7.1/theme/font/NotoSans-Regular.ttf"
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
