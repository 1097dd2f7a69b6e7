"""library.py - helpers shared by tests/records/publish-tests and
tests/bench/publish: two small books (the golden fixture under two slugs and
identifiers), and the verdict on a published folder: `sha256sum -c
SHA256SUMS` passes, and both feeds list exactly the EPUBs present."""
import json
import os
import re
import shutil
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURE = os.path.join(HERE, "..", "golden", "book")
ENV = dict(os.environ, SOURCE_DATE_EPOCH="1700000000", NO_COLOR="1", LC_ALL="C")


def make_book(work, slug, title):
    """A copy of the golden book with its own slug, title and identifier."""
    d = os.path.join(work, "book-" + slug)
    if os.path.isdir(d):
        return d
    shutil.copytree(FIXTURE, d)
    p = os.path.join(d, "book.xml")
    text = open(p, encoding="utf-8").read()
    text = text.replace('slug="tiny"', 'slug="%s"' % slug)
    text = text.replace("<title>A tiny test book</title>", "<title>%s</title>" % title, 1)
    text = text.replace("tests/tiny", "tests/" + slug)
    open(p, "w", encoding="utf-8").write(text)
    return d


def verdict(d):
    """A list of problems with folder d; empty when it is one consistent set."""
    problems = []
    if not os.path.exists(os.path.join(d, "SHA256SUMS")):
        return ["no SHA256SUMS"]
    p = subprocess.run(["sha256sum", "--strict", "--quiet", "-c", "SHA256SUMS"], cwd=d,
                       capture_output=True, text=True)
    if p.returncode != 0:
        problems.append("sha256sum -c: " + (p.stdout + p.stderr).strip().replace("\n", "; "))
    epubs = sorted(f for f in os.listdir(d) if f.endswith(".epub"))
    try:
        atom = open(os.path.join(d, "catalog.xml"), encoding="utf-8").read()
        in_atom = sorted(re.findall(r'rel="http://opds-spec.org/acquisition(?:/open-access)?" href="([^"]+)"', atom))
        feed = json.load(open(os.path.join(d, "catalog.json"), encoding="utf-8"))
        in_json = sorted(l["href"] for p in feed["publications"] for l in p["links"]
                         if l["rel"] in ("http://opds-spec.org/acquisition/open-access",
                                         "http://opds-spec.org/acquisition"))
    except (OSError, ValueError) as e:
        return problems + ["feeds unreadable: %s" % e]
    if in_atom != epubs:
        problems.append("catalog.xml lists %s, the folder holds %s" % (in_atom, epubs))
    if in_json != epubs:
        problems.append("catalog.json lists %s, the folder holds %s" % (in_json, epubs))
    leftovers = [f for f in os.listdir(d) if f.startswith(".bindery-stage") or f == ".bindery-journal"]
    if leftovers:
        problems.append("left behind: %s" % leftovers)
    return problems
