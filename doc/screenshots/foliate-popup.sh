#!/bin/sh
# Manual demonstration, not part of `make test`: open the book in Foliate (a
# real EPUB reading system) under Xvfb, click a glossary word in the "Surgery"
# article and take a screenshot of Foliate's footnote pop-up.
#
# Needs (install by hand, as root; the project's scripts do not install them):
#   apt-get install -y foliate xvfb xdotool imagemagick dbus-x11
# Tested with Debian's foliate 2.6.4 (WebKitGTK). The clicks are screen
# coordinates for a 1200x860 window: another Foliate version may need others.
#
# Usage: doc/screenshots/foliate-popup.sh [BOOK.epub] [OUTDIR]
#   BOOK.epub defaults to a fresh build of book/ in a temporary folder;
#   OUTDIR defaults to doc/screenshots (writes foliate-article.png and
#   foliate-popup.png there).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
epub=${1:-}
out=${2:-$here}
if [ -z "$epub" ]; then
    "$root/build/bindery" build "$root/book" -o "$work/dist" >/dev/null
    epub="$work/dist/breast-cancer-in-the-bone.epub"
fi

display=:99
export DISPLAY=$display GDK_BACKEND=x11 WEBKIT_DISABLE_COMPOSITING_MODE=1 \
    LIBGL_ALWAYS_SOFTWARE=1 WEBKIT_FORCE_SANDBOX=0 NO_AT_BRIDGE=1
# A fresh home, so Foliate opens the book at its cover, not where it was left.
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" \
    XDG_DATA_HOME="$work/home/.local/share" XDG_CACHE_HOME="$work/home/.cache"
mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME"

if xdotool getmouselocation >/dev/null 2>&1; then
    echo "display $display is already in use: stop that X server first" >&2
    exit 1
fi
Xvfb $display -screen 0 1280x900x24 >"$work/xvfb.log" 2>&1 &
xvfb=$!
foliate_pid=
cleanup() {
    [ -n "$foliate_pid" ] && kill -- "-$foliate_pid" 2>/dev/null || true
    sleep 1
    kill "$xvfb" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT INT TERM
sleep 2

# setsid: Foliate, its WebKit processes and the session bus share one process
# group, which cleanup ends.
setsid dbus-run-session foliate "$epub" >"$work/foliate.log" 2>&1 &
foliate_pid=$!

win=$(xdotool search --sync --name 'Breast cancer in the bone' | head -n 1)
sleep 4
xdotool windowsize "$win" 1200 860 windowmove "$win" 0 0
sleep 2
shot() { import -window root -crop 1200x860+0+0 +repage "$work/$1.png"; }

xdotool mousemove 600 10            # the header bar shows while the pointer is on it
sleep 2
xdotool mousemove 27 27 click 1     # contents button
sleep 2
xdotool mousemove 40 223 click 1    # expand "Local treatments"
sleep 1
xdotool mousemove 160 292 click 1   # "Surgery for cancer in the bone"
sleep 3
shot article
xdotool mousemove 700 140 click 1   # the word "pathologic fracture"
sleep 2
shot popup

for name in article popup; do
    convert "$work/$name.png" +dither -colors 256 -strip \
        "PNG8:$out/foliate-$name.png"
done
echo "wrote $out/foliate-article.png and $out/foliate-popup.png"
