#!/bin/sh
# Starts Xorg with the dummy driver on DISPLAY ($1, e.g. :99) with two
# outputs side by side — DUMMY0 1280x800 at 0,0 (the kiosk's touchscreen)
# and DUMMY1 1920x1080 at 1280,0 (the hall's TV) — and waits until both
# are up. Xorg's pid goes to $2/xorg.pid and its log to $2/xorg.log.
# Xvfb cannot stand in: GLFW sees one monitor there. Needs root (or an
# Xorg allowed to run as the user) and make deps' xserver-xorg-video-dummy.
set -eu
display=$1
dir=$2
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$dir"
Xorg "$display" -noreset -nolisten tcp -config "$here/xorg-dummy.conf" -configdir "$dir" \
	-logfile "$dir/xorg.log" >/dev/null 2>&1 &
echo $! >"$dir/xorg.pid"
export DISPLAY="$display"
tries=0
until xrandr --query >/dev/null 2>&1; do
	tries=$((tries + 1))
	if [ $tries -gt 200 ]; then
		echo "two-monitors: Xorg did not start; see $dir/xorg.log" >&2
		exit 1
	fi
	sleep 0.1
done
xrandr --newmode tabour1080 148.50 1920 2008 2052 2200 1080 1084 1089 1125
xrandr --newmode tabour800 83.50 1280 1352 1480 1680 800 803 809 831
xrandr --addmode DUMMY0 tabour800
xrandr --addmode DUMMY1 tabour1080
xrandr --output DUMMY0 --mode tabour800 --pos 0x0 --primary --output DUMMY1 --mode tabour1080 --pos 1280x0
tries=0
until xrandr --listmonitors | grep -q "^Monitors: 2"; do
	tries=$((tries + 1))
	if [ $tries -gt 100 ]; then
		echo "two-monitors: xrandr shows no two monitors" >&2
		exit 1
	fi
	sleep 0.1
done
