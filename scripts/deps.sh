#!/bin/sh
# Installs the Debian packages Tabour needs to build, test and run, and does
# nothing when they are all present. apt-get runs through sudo when not root.
#   build: cgo for SQLite; the Fyne/GL set for the touchscreen UI
#   build: mosquitto-dev, libmosquitto-dev for the mosquitto plugin
#   test:  mosquitto (a real broker for the MQTT tests); xvfb, xdotool and
#          imagemagick (the fullscreen kiosk test clicks and takes screenshots);
#          Xorg with the dummy driver, xrandr and xwininfo (two monitors);
#          chromium (the web console's test in a real headless browser)
#   run:   alsa-utils (aplay plays the hall's announcements)
set -eu

PKGS="gcc libc6-dev pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev
libxinerama-dev libxi-dev libxxf86vm-dev mosquitto mosquitto-clients mosquitto-dev libmosquitto-dev xvfb xdotool imagemagick
xserver-xorg-core xserver-xorg-video-dummy x11-xserver-utils x11-utils alsa-utils chromium"

missing=""
for p in $PKGS; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

echo "deps: installing$missing"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
	SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing
