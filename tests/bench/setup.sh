# tests/bench/setup.sh - sourced by tests/bench/run and tests/bench/check.
# Installs the tools the benchmark compares against (never part of make test)
# and builds bindery's Release binary into build-bench/.
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
need=""
command -v /usr/bin/time >/dev/null 2>&1 || need="$need time"
command -v zip >/dev/null 2>&1 || need="$need zip"
command -v unzip >/dev/null 2>&1 || need="$need unzip"
command -v pandoc >/dev/null 2>&1 || need="$need pandoc"
command -v java >/dev/null 2>&1 || need="$need default-jre-headless"
[ -f /usr/share/java/epubcheck.jar ] || need="$need epubcheck"
command -v cmake >/dev/null 2>&1 || need="$need cmake"
command -v gnuplot >/dev/null 2>&1 || need="$need gnuplot-nox"   # the plot in RESULTS.md
if [ -n "$need" ]; then
	if [ "$(id -u)" = 0 ]; then
		echo "bench: installing$need" >&2
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $need >&2 ||
			{ apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $need >&2; }
	else
		echo "bench: missing tools; run as root: apt-get install$need" >&2
		exit 1
	fi
fi
"$ROOT/scripts/install-deps" build >&2 || true
cmake -S "$ROOT" -B "$ROOT/build-bench" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
cmake --build "$ROOT/build-bench" -j "$(nproc)" >&2
