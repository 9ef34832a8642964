#!/usr/bin/env bash
# Starts LayerCanvas in a virtual X display on a design and saves a screenshot of the screen.
# Usage: scripts/screenshot.sh [DESIGN] [OUT.png]   (needs: apt-get install -y xvfb imagemagick)
# Environment: TAB=data|settings opens the right-hand side on that tab; NO_BUILD=1 skips the Maven
# step (build first, e.g. under a lock on a shared machine); WAIT_SECONDS (6) waits for the window.
set -euo pipefail
cd "$(dirname "$0")/.."
design=${1:-samples/residual-cnn.json}
out=${2:-docs/screenshot.png}
display=:${DISPLAY_NUMBER:-97}
command -v Xvfb >/dev/null && command -v import >/dev/null || {
    echo "needs Xvfb and ImageMagick: apt-get install -y xvfb imagemagick" >&2; exit 1; }
if [ -z "${NO_BUILD:-}" ] || [ ! -f target/classpath.txt ]; then
    mvn -q compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt >/dev/null
fi
Xvfb "$display" -screen 0 1440x900x24 >/dev/null 2>&1 &
xvfb=$!
# the app relaunches itself in a child JVM: it runs in its own process group, which is ended whole
trap 'kill -- -$app 2>/dev/null || true; kill $xvfb 2>/dev/null || true' EXIT
sleep 1
DISPLAY=$display setsid java -Dprism.order=sw -cp "target/classes:$(cat target/classpath.txt)" org.layercanvas.Main "$design" ${TAB:+--tab=$TAB} \
    >target/screenshot-app.log 2>&1 &
app=$!
sleep "${WAIT_SECONDS:-6}"
DISPLAY=$display import -window root "$out"
echo "wrote $out"
