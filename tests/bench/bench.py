#!/usr/bin/env python3
"""bindery's benchmark.  Run it through tests/bench/run (or tests/bench/check),
which installs the tools and builds the Release binary first.

    bench.py [--sizes 10,100,1000,10000] [--epubcheck-max 1000] [--check-only] [--no-write]

Every figure is a median of several runs (the counts are in the table).  Times
are wall-clock seconds of the whole process; peak RSS is /usr/bin/time's
"maximum resident set size".  Nothing here is a pass/fail test: the verdicts
in RESULTS.md are the project's targets, read off the same run.
"""
import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import md  # noqa: E402

BINDERY = os.path.join(ROOT, "build-bench", "bindery")
WORK = os.path.join(ROOT, "build-bench", "bench-work")
EPUBCHECK = ["java", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", "/usr/share/java/epubcheck.jar"]
RUNS = {10: 5, 100: 5, 1000: 3, 10000: 3}          # bindery build/check and zip runs per size
EPUBCHECK_RUNS = {10: 3, 100: 3, 1000: 1}         # EPUBCheck is slow; 10,000 is skipped by default
MIB = 1024 * 1024
LAST_CPU = 0.0   # median CPU seconds of the last median_of
BUILD_CPU = 0.0  # the same, of the last bindery_build


# Nothing the bench wrote is deleted until every timing is done: it is moved
# into WORK/trash and deleted at the end.  On ext4 without a journal (as on
# these machines) the inode allocator passes over inodes freed in the last
# minute or more, one by one, so deleting the last run's 1,000-page web
# edition made each of the next run's 1,000 file creations scan them: up to
# 0.3 s a run that belongs to the bench's own clean-up, not to the build
# (1,000 creations took 0.33 s in a block group with recent deletions
# against 0.02 s in one without).
TRASH = os.path.join(WORK, "trash")


def discard(path):
    """Moves path (in WORK) out of the way, to be deleted by empty_trash()."""
    if not os.path.lexists(path):
        return
    os.makedirs(TRASH, exist_ok=True)
    os.rename(path, os.path.join(TRASH, str(len(os.listdir(TRASH)))))


def empty_trash():
    shutil.rmtree(TRASH, ignore_errors=True)


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def timed(cmd, cwd=None, env=None, ok=(0,)):
    """Runs cmd once; returns (wall seconds, peak RSS in bytes, CPU seconds: user + system)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as tf:
        t0 = time.perf_counter()
        p = subprocess.run(["/usr/bin/time", "-f", "%M %U %S", "-o", tf.name] + cmd, cwd=cwd, env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        dt = time.perf_counter() - t0
        if p.returncode not in ok:
            sys.stderr.write(p.stdout.decode(errors="replace")[-3000:] + p.stderr.decode(errors="replace")[-3000:])
            raise SystemExit("bench: %s failed with status %d" % (" ".join(cmd[:3]), p.returncode))
        rss, user, sys_ = tf.read().strip().splitlines()[-1].split()
    return dt, int(rss) * 1024, float(user) + float(sys_)


def median_of(n, fn):
    results = [fn() for _ in range(n)]
    global LAST_CPU
    LAST_CPU = statistics.median(r[2] for r in results)
    return statistics.median(r[0] for r in results), statistics.median(r[1] for r in results)


def bindery_build(book, out, runs, extra=()):
    def once():
        discard(out)
        return timed([BINDERY, "build", book, "-o", out, "--quiet"] + list(extra))
    t, rss = median_of(runs, once)
    global BUILD_CPU
    BUILD_CPU = LAST_CPU
    # The book's own EPUB, not a hospital edition's (SLUG--ID.epub).
    epubs = sorted(f for f in os.listdir(out) if f.endswith(".epub") and "--" not in f)
    return t, rss, os.path.join(out, epubs[0])


def zip_floor(epub, runs):
    """zip -X -9 of bindery's own output tree, mimetype first and stored."""
    tree = epub + ".tree"
    discard(tree)
    os.makedirs(tree)
    subprocess.run(["unzip", "-q", "-X", epub, "-d", tree], check=True)
    dest = epub + ".zip9"

    def once():
        if os.path.exists(dest):
            os.unlink(dest)
        return timed(["sh", "-c", 'zip -X -0 -q "$1" mimetype && zip -X -9 -q -r "$1" . -x mimetype', "sh", dest],
                     cwd=tree)
    t, _ = median_of(runs, once)
    size = os.path.getsize(dest)
    discard(tree)
    return t, size


def check_times(epub, runs, epubcheck_runs):
    t, rss = median_of(runs, lambda: timed([BINDERY, "check", "--quiet", epub]))
    ec = None
    if epubcheck_runs:
        ec, _ = median_of(epubcheck_runs, lambda: timed(EPUBCHECK + [epub], ok=(0, 1)))
    return t, rss, ec


def real_book(runs=5):
    """The real book: bindery against pandoc on a Markdown rendering of the same text."""
    book = os.path.join(ROOT, "book")
    # What `make` does: the book, its hospital edition, both web editions and the records.
    full_t, _, _ = bindery_build(book, os.path.join(WORK, "real-out-full"), runs)
    # pandoc makes one EPUB, so for the comparison bindery does too: a copy of
    # the book without its <editions>, built with --no-web.
    copy = os.path.join(WORK, "real", "book")
    discard(os.path.join(WORK, "real"))
    shutil.copytree(book, copy)
    shutil.copytree(os.path.join(ROOT, "styles"), os.path.join(WORK, "real", "styles"))
    with open(os.path.join(copy, "book.xml"), encoding="utf-8") as f:
        xml = re.sub(r"\s*<editions>.*?</editions>", "", f.read(), flags=re.S)
    with open(os.path.join(copy, "book.xml"), "w", encoding="utf-8") as f:
        f.write(xml)
    out = os.path.join(WORK, "real-out")
    t, rss, epub = bindery_build(copy, out, runs, ["--no-web"])
    mddir = os.path.join(WORK, "real-md")
    discard(mddir)
    meta, files = md.convert(book, mddir)
    pandoc_epub = os.path.join(WORK, "real-pandoc.epub")
    cmd = ["pandoc", "-f", "markdown", "-t", "epub3", "--toc", "-o", pandoc_epub,
           "--css", os.path.join(ROOT, "styles", "book.css"),
           "--epub-cover-image", os.path.join(book, "images", "cover.png"), meta] + files
    pt, _ = median_of(runs, lambda: timed(cmd, cwd=book))
    return {"build": t, "full": full_t, "rss": rss, "epub": epub, "size": os.path.getsize(epub), "pandoc": pt,
            "pandoc_size": os.path.getsize(pandoc_epub), "articles": len(files) - 1}


def machine():
    def first(path, key):
        try:
            for line in open(path):
                if line.startswith(key):
                    return re.split("[:=]", line, 1)[1].strip().strip('"')
        except OSError:
            pass
        return "?"

    def out(cmd):
        try:
            return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True).stdout.strip()
        except OSError:
            return "not installed"

    mem = first("/proc/meminfo", "MemTotal")
    return [
        ("CPU", "%s, %d cores (nproc)" % (first("/proc/cpuinfo", "model name"), os.cpu_count())),
        ("memory", "%.1f GiB" % (int(mem.split()[0]) / MIB) if mem != "?" else "?"),
        ("system", "%s, Linux %s" % (first("/etc/os-release", "PRETTY_NAME"),
                                     platform.release())),
        ("bindery", "%s (Release build, commit %s%s)" % (
            out([BINDERY, "--version"]).splitlines()[0],
            out(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"]),
            ", with uncommitted changes" if out(["git", "-C", ROOT, "status", "--porcelain", "--", "src"]) else "")),
        ("libraries", "libxml2 %s, libzip %s, zlib %s" % (
            out(["pkg-config", "--modversion", "libxml-2.0"]), out(["pkg-config", "--modversion", "libzip"]),
            out(["pkg-config", "--modversion", "zlib"]))),
        ("zip", out(["zip", "-v"]).splitlines()[1].strip() if "Zip" in out(["zip", "-v"]) else "?"),
        ("EPUBCheck", next((l for l in out(EPUBCHECK + ["--version"]).splitlines() if "EPUBCheck" in l), "?")),
        ("Java", out(["java", "-version"]).splitlines()[0]),
        ("pandoc", out(["pandoc", "--version"]).splitlines()[0]),
        # Where the EPUBs and records are written (bindery stages nothing else on disk).
        ("output folder", "%s (%s)" % (os.path.relpath(WORK, ROOT), out(["stat", "-f", "-c", "%T", WORK]))),
    ]


def fmt_t(s):
    return "%.3f" % s if s < 10 else "%.1f" % s


def write_results(rows, real, check_rows, path, sizes, ec_max):
    notes = ""
    if os.path.exists(path):
        old = open(path, encoding="utf-8").read()
        if "<!-- notes -->" in old:
            notes = old.split("<!-- notes -->", 1)[1]
    L = ["# Benchmark results", "",
         "Written by `tests/bench/run` (%s). Do not edit above the notes marker: the next run rewrites it." %
         time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "", "## Machine", ""]
    L += ["| | |", "|---|---|"] + ["| %s | %s |" % kv for kv in machine()]
    L += ["", "## Synthetic books", "",
          "Books from `tests/bench/gen.py N` (seed 7): per article a summary, 4 sections and a subsection, a list, a "
          "table, about 6 glossary term uses, 6 cross-references backward and forward, a link; a callout every "
          "third article; one SVG figure every ten articles; a 200-entry glossary. Build time includes bindery's "
          "own check of the EPUB. The zip floor is `zip -X -9 -r` of bindery's own output tree (unzipped), "
          "mimetype first and stored. Build CPU is user + system time of all of bindery's threads (it renders, "
          "compresses and reads ahead at once, so CPU can exceed wall time on two or more cores). Build time includes "
          "the web edition (dist/SLUG/); \"web adds\" compares it with `build --no-web`, the same runs. "
          "EPUBCheck runs only up to %s articles." % "{:,}".format(ec_max), "",
          "| articles | runs | build (s) | build CPU (s) | per article (ms) | peak RSS (MiB) | EPUB (KiB) | zip -X -9 (s) "
          "| build / zip | EPUB / zip size | check (s) | check RSS (MiB) | EPUBCheck (s) | EPUBCheck / check "
          "| build --no-web (s) | web adds |",
          "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        L.append("| {:,} | {} | {} | {} | {:.2f} | {:.1f} | {:,} | {} | {:.2f}x | {:.4f} | {} | {:.1f} | {} | {} |".format(
            r["n"], r["runs"], fmt_t(r["build"]), fmt_t(r["cpu"]), r["build"] / r["n"] * 1000, r["rss"] / MIB,
            (r["size"] + 1023) // 1024, fmt_t(r["zip"]), r["build"] / r["zip"], r["size"] / r["zip_size"],
            fmt_t(r["check"]), r["check_rss"] / MIB,
            fmt_t(r["ec"]) + " (%d run%s)" % (r["ec_runs"], "s" if r["ec_runs"] > 1 else "") if r["ec"] else "skipped",
            "%.0fx" % (r["ec"] / r["check"]) if r["ec"] else "-") +
            " {} | {:+.0f}% |".format(fmt_t(r["noweb"]), 100 * web_share(r)))
    if real:
        L += ["", "## The real book", "",
              "`book/` (%d articles). pandoc builds the same text from a Markdown rendering of the XML that "
              "`tests/bench/md.py` writes (`pandoc -t epub3 --toc`, the book's CSS and cover). Like pandoc, bindery "
              "makes one EPUB here: a copy of the book without its `<editions>`, built with `--no-web` (it still "
              "checks the EPUB and writes its records). Medians of 5 runs; "
              "EPUBCheck median of 3." % real["articles"], "",
              "| | bindery | other | ratio |", "|---|---:|---:|---:|",
              "| build (s) | %s | pandoc %s | %.1fx faster |" % (fmt_t(real["build"]), fmt_t(real["pandoc"]),
                                                              real["pandoc"] / real["build"]),
              "| whole build as `make` runs it: the book, its hospital edition, both web editions (s) | %s | | |"
              % fmt_t(real["full"]),
              "| check (s) | %s | EPUBCheck %s | %.0fx faster |" % (fmt_t(real["check"]), fmt_t(real["ec"]),
                                                                 real["ec"] / real["check"]),
              "| peak RSS of build (MiB) | %.1f | | |" % (real["rss"] / MIB),
              "| EPUB (KiB) | {:,} | pandoc {:,} | |".format((real["size"] + 1023) // 1024,
                                                            (real["pandoc_size"] + 1023) // 1024)]
    if plot(rows, os.path.join(os.path.dirname(path), "scaling.png")):
        L += ["", "![Build time per article and peak memory against the number of articles, bindery and "
              "zip -X -9](scaling.png)", "",
              "Left: wall time per article, bindery's build (with its check) and `zip -X -9` of the same "
              "files. Right: bindery's peak RSS, with the 128 MiB target."]
    L += ["", "## Targets", "", "| target | measured | verdict |", "|---|---|---|"]
    for t in targets(rows, real):
        L.append("| %s | %s | %s |" % t)
    L += ["", "<!-- notes -->"]
    text = "\n".join(L) + (notes if notes else "\n")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return text


def plot(rows, png):
    """Time per article and peak RSS against N, with gnuplot; False when it is missing."""
    if len(rows) < 2 or not shutil.which("gnuplot"):
        return False
    data = "\n".join("%d %.6f %.6f %.3f" % (r["n"], r["build"] / r["n"] * 1000, r["zip"] / r["n"] * 1000,
                                             r["rss"] / MIB) for r in rows)
    script = """
set terminal pngcairo size 1000,420 font "sans,11"
set output '%s'
set multiplot layout 1,2
set logscale x
set xlabel "articles"
set grid
set key top right
set ylabel "wall time per article (ms)"
set yrange [0:*]
plot $d using 1:2 with linespoints lw 2 pt 7 title "bindery build", \\
     $d using 1:3 with linespoints lw 2 pt 5 title "zip -X -9"
set ylabel "peak RSS (MiB)"
set yrange [0:150]
set key top left
plot $d using 1:4 with linespoints lw 2 pt 7 title "bindery build", \\
     128 with lines dt 2 lw 2 title "target, 128 MiB"
unset multiplot
""" % png
    subprocess.run(["gnuplot"], input="$d << EOD\n%s\nEOD\n%s" % (data, script), text=True, check=True)
    return True


def web_share(r):
    """What the web edition adds to the build, as a fraction of the build without it."""
    return r["build"] / r["noweb"] - 1


def targets(rows, real):
    by = {r["n"]: r for r in rows}
    out = []

    def verdict(ok):
        return "met" if ok else "**missed**"
    flat = [by[n] for n in (100, 1000, 10000) if n in by]
    if len(flat) >= 2:
        per = [r["build"] / r["n"] * 1000 for r in flat]
        base = per[0]
        spread = max(abs(p / base - 1) for p in per)
        out.append(("build time per article flat within ±20%% from %s to %s articles" % (
            "{:,}".format(flat[0]["n"]), "{:,}".format(flat[-1]["n"])),
            ", ".join("%.2f ms" % p for p in per) + " (largest change %+.0f%%)" % (100 * max(
                (p / base - 1 for p in per), key=abs)), verdict(spread <= 0.20)))
    big = by.get(10000) or (rows[-1] if rows else None)
    if big:
        out.append(("%s-article build (with its check) at most 3x `zip -X -9`" % "{:,}".format(big["n"]),
                    "%.2fx (%s s against %s s)" % (big["build"] / big["zip"], fmt_t(big["build"]), fmt_t(big["zip"])),
                    verdict(big["build"] <= 3 * big["zip"])))
        if big.get("noweb"):
            out.append(("the same, the EPUB and its records alone (`--no-web`), at most 3x `zip -X -9`",
                        "%.2fx (%s s against %s s)" % (big["noweb"] / big["zip"], fmt_t(big["noweb"]),
                                                        fmt_t(big["zip"])),
                        verdict(big["noweb"] <= 3 * big["zip"])))
        out.append(("peak RSS at %s articles at most 128 MiB" % "{:,}".format(big["n"]),
                    "%.1f MiB" % (big["rss"] / MIB), verdict(big["rss"] <= 128 * MIB)))
    if 1000 in by:
        r = by[1000]
        out.append(("the web edition adds at most 20% to the 1,000-article build",
                    "%+.0f%% (%s s against %s s with --no-web)" % (100 * web_share(r), fmt_t(r["build"]),
                                                                   fmt_t(r["noweb"])),
                    verdict(web_share(r) <= 0.20)))
    if real and real.get("ec"):
        out.append(("`bindery check` at least 100x faster than EPUBCheck on the real book",
                    "%.0fx" % (real["ec"] / real["check"]), verdict(real["ec"] >= 100 * real["check"])))
    if 1000 in by and by[1000]["ec"]:
        r = by[1000]
        out.append(("`bindery check` at least 100x faster than EPUBCheck on 1,000 articles",
                    "%.0fx" % (r["ec"] / r["check"]), verdict(r["ec"] >= 100 * r["check"])))
    if rows:
        worst = max(rows, key=lambda r: r["size"] / r["zip_size"])
        out.append(("EPUB no larger than `zip -X -9` of the same files",
                    "largest ratio %.4f (%s bytes against %s at %s articles)" % (
                        worst["size"] / worst["zip_size"], "{:,}".format(worst["size"]),
                        "{:,}".format(worst["zip_size"]), "{:,}".format(worst["n"])),
                    verdict(all(r["size"] <= r["zip_size"] for r in rows))))
    if real:
        out.append(("`bindery build` at least 10x faster than pandoc on the real book",
                    "%.1fx" % (real["pandoc"] / real["build"]), verdict(real["pandoc"] >= 10 * real["build"])))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10,100,1000,10000")
    ap.add_argument("--epubcheck-max", type=int, default=1000,
                    help="run EPUBCheck only on books up to this many articles (default 1000)")
    ap.add_argument("--check-only", action="store_true",
                    help="time bindery check against EPUBCheck only (tests/bench/check)")
    ap.add_argument("--no-write", action="store_true", help="print the results, do not write RESULTS.md")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    os.makedirs(WORK, exist_ok=True)
    empty_trash()  # an interrupted run's

    real = real_book() if not args.check_only else None
    if args.check_only:
        out = os.path.join(WORK, "real-out")
        _, _, epub = bindery_build(os.path.join(ROOT, "book"), out, 1)
        real = {"epub": epub}
    log("bench: the real book")
    real["check"], real["check_rss"], real["ec"] = check_times(real["epub"], 5, 3)

    rows = []
    for n in sizes:
        runs = RUNS.get(n, 3 if n <= 1000 else 1)
        ec_runs = EPUBCHECK_RUNS.get(n, 1) if n <= args.epubcheck_max else 0
        book = os.path.join(WORK, "book-%d" % n)
        log("bench: %d articles: generating" % n)
        subprocess.run([sys.executable, os.path.join(HERE, "gen.py"), str(n), book], check=True,
                       stdout=subprocess.DEVNULL)
        out = os.path.join(WORK, "out-%d" % n)
        log("bench: %d articles: bindery build x%d" % (n, runs if not args.check_only else 1))
        t, rss, epub = bindery_build(book, out, runs if not args.check_only else 1)
        r = {"n": n, "runs": runs, "build": t, "cpu": BUILD_CPU, "rss": rss, "size": os.path.getsize(epub), "ec_runs": ec_runs}
        if not args.check_only:
            log("bench: %d articles: bindery build --no-web x%d" % (n, runs))
            r["noweb"], _, _ = bindery_build(book, out + "-noweb", runs, ["--no-web"])
        if not args.check_only:
            log("bench: %d articles: zip -X -9 x%d" % (n, runs))
            r["zip"], r["zip_size"] = zip_floor(epub, runs)
        log("bench: %d articles: bindery check x%d, EPUBCheck x%d" % (n, runs, ec_runs))
        r["check"], r["check_rss"], r["ec"] = check_times(epub, runs, ec_runs)
        rows.append(r)
        discard(book)

    if args.check_only:
        print("| EPUB | bindery check (s) | check peak RSS (MiB) | EPUBCheck (s) | EPUBCheck / check |")
        print("|---|---:|---:|---:|---:|")
        for name, r in [("real book", real)] + [("{:,} articles".format(r["n"]), r) for r in rows]:
            print("| %s | %s | %.1f | %s | %s |" % (
                name, fmt_t(r["check"]), r["check_rss"] / MIB, fmt_t(r["ec"]) if r["ec"] else "skipped",
                "%.0fx" % (r["ec"] / r["check"]) if r["ec"] else "-"))
        return
    path = os.path.join(HERE, "RESULTS.md")
    if args.no_write:
        path = os.path.join(WORK, "RESULTS.md")
    print(write_results(rows, real, None, path, sizes, args.epubcheck_max))
    log("bench: wrote %s" % path)


if __name__ == "__main__":
    try:
        main()
    finally:
        empty_trash()
