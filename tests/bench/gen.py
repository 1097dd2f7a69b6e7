#!/usr/bin/env python3
"""Writes a synthetic bindery book of N articles, deterministic from a seed.

    tests/bench/gen.py N OUT_DIR [--seed S]

Each article looks like one of the real book's: a summary, an opening
paragraph, three or four sections (one with a subsection), a list, a table,
glossary term uses, cross-references backward and forward (to articles and to
sections), an external link, a callout every few articles, and one figure
(its own SVG file) every ten articles.  The glossary has 200 entries, every
one used.  The same N and seed always give the same bytes.
"""
import argparse
import os
import random
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

WORDS = ("bone pain scan treatment care team doctor nurse week day medicine dose "
         "spine hip rib arm leg rest sleep walk talk ask help plan choice test result "
         "blood heart lung skin cell tumour cancer radiation surgery therapy risk side "
         "effect sign change report swelling fever health family friend home work "
         "question answer option appointment hospital clinic follow check").split()
NGLOSS = 200   # fewer for small books: see main()
PER_PART = 50


def sentence(rng, n=None):
    n = n or rng.randint(8, 16)
    words = [rng.choice(WORDS) for _ in range(n)]
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def para(rng, k=None):
    return " ".join(sentence(rng) for _ in range(k or rng.randint(2, 4)))


def gloss_id(g):
    return "term-%03d" % g


def art_id(i):
    return "article-%05d" % i


def section_ids(i):
    """Deterministic section ids of article i, so any article can link to them."""
    return ["s%d-%d" % (i, k) for k in range(4)]


def term(rng, used):
    # Cycle through the entries so that every one is used once the book is big enough.
    g = len(used) % NGLOSS if len(used) < NGLOSS else rng.randrange(NGLOSS)
    used.add(g)
    return '<term ref="%s">%s</term>' % (gloss_id(g), gloss_word(g))


def gloss_word(g):
    return "%s %s" % (WORDS[g % len(WORDS)], WORDS[(g // len(WORDS) + g) % len(WORDS)] + "-%d" % g)


def xref(rng, i, n):
    """A cross-reference backward or forward, to an article or one of its sections."""
    if n == 1:
        return ""
    j = rng.randrange(n - 1)
    j = j + 1 if j >= i else j
    if rng.random() < 0.5:
        return '<xref to="%s"/>' % art_id(j)
    return '<xref to="%s#%s">%s</xref>' % (art_id(j), rng.choice(section_ids(j)), rng.choice(WORDS))


def inline(rng, i, n, used, terms=1, xrefs=0):
    parts = [para(rng)]
    for _ in range(terms):
        parts.append("See %s here." % term(rng, used))
    for _ in range(xrefs):
        x = xref(rng, i, n)
        if x:
            parts.append("Read %s too." % x)
    rng.shuffle(parts)
    return " ".join(parts)


def article(rng, i, n, used, figure):
    sids = section_ids(i)
    out = ['<?xml version="1.0" encoding="UTF-8"?>']
    attrs = ' urgent="yes"' if i == 0 else ''
    out.append('<article id="%s"%s updated="2026-%02d-%02d">' % (art_id(i), attrs, rng.randint(1, 12), rng.randint(1, 28)))
    out.append("  <title>%s %d</title>" % (sentence(rng, 4)[:-1], i))
    if rng.random() < 0.5:
        out.append("  <short-title>Part %d</short-title>" % i)
    out.append("  <summary>%s</summary>" % sentence(rng))
    out.append("  <p>%s</p>" % inline(rng, i, n, used, terms=2, xrefs=1))
    if figure:
        out.append('  <figure id="fig-%d" src="images/fig-%05d.svg">' % (i, i))
        out.append("    <alt>%s</alt>" % sentence(rng, 8))
        out.append("    <caption>%s</caption>" % sentence(rng, 6))
        out.append("    <description>")
        out.append("      <p>%s</p>" % para(rng, 2))
        out.append("    </description>")
        out.append("  </figure>")
    for k, sid in enumerate(sids):
        out.append('  <section id="%s">' % sid)
        out.append("    <title>%s</title>" % sentence(rng, 4)[:-1])
        out.append("    <p>%s</p>" % inline(rng, i, n, used, terms=1, xrefs=1))
        if k == 0:
            out.append("    <ul>")
            for _ in range(rng.randint(3, 6)):
                out.append("      <li>%s</li>" % sentence(rng, 6))
            out.append("    </ul>")
        if k == 1:
            out.append('    <table id="t%d">' % i)
            out.append("      <caption>%s</caption>" % sentence(rng, 5))
            out.append("      <thead><tr><th>Sign</th><th>What to do</th></tr></thead>")
            out.append("      <tbody>")
            for _ in range(3):
                out.append("        <tr><th>%s</th><td>%s</td></tr>" % (rng.choice(WORDS), sentence(rng, 6)))
            out.append("      </tbody>")
            out.append("    </table>")
        if k == 2:
            out.append('    <section id="%s-sub">' % sid)
            out.append("      <title>%s</title>" % sentence(rng, 3)[:-1])
            out.append("      <p>%s <link href=\"https://example.org/%d\">a web page</link>.</p>" % (para(rng, 2), i))
            out.append("      <ol><li>%s</li><li>%s</li></ol>" % (sentence(rng, 5), sentence(rng, 5)))
            out.append("    </section>")
        if k == 3 and i % 3 == 0:
            out.append('    <callout type="%s">' % ("tip", "note", "urgent")[i % 3 if i % 9 else 2])
            out.append("      <title>%s</title>" % sentence(rng, 3)[:-1])
            out.append("      <p>%s</p>" % inline(rng, i, n, used, terms=1))
            out.append("    </callout>")
        out.append("  </section>")
    out.append("</article>")
    return "\n".join(out) + "\n"


SVG = ('<?xml version="1.0" encoding="UTF-8"?>\n'
       '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100" width="200" height="100">\n'
       '  <title>Figure %d</title>\n'
       '  <rect x="10" y="10" width="80" height="80" fill="#2b6cb0"/>\n'
       '  <circle cx="150" cy="50" r="%d" fill="#9c4221"/>\n'
       '</svg>\n')


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int)
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    n, out = args.n, args.out
    if n < 2:
        ap.error("N must be at least 2 (one front article and one part)")
    rng = random.Random(args.seed)
    global NGLOSS
    NGLOSS = min(NGLOSS, 6 * n)  # every article uses at least six terms

    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(os.path.join(out, "articles"))
    os.makedirs(os.path.join(out, "images"))
    os.makedirs(os.path.join(out, "styles"))
    shutil.copy(os.path.join(ROOT, "tests/bad/base/images/cover.png"), os.path.join(out, "images/cover.png"))
    shutil.copy(os.path.join(ROOT, "styles/book.css"), os.path.join(out, "styles/book.css"))

    used = set()
    for i in range(n):
        figure = i % 10 == 5 or (n < 10 and i == n - 1)
        with open(os.path.join(out, "articles", art_id(i) + ".xml"), "w", encoding="utf-8") as f:
            f.write(article(rng, i, n, used, figure))
        if figure:
            with open(os.path.join(out, "images", "fig-%05d.svg" % i), "w", encoding="utf-8") as f:
                f.write(SVG % (i, 20 + i % 25))

    with open(os.path.join(out, "glossary.xml"), "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<glossary>\n')
        for g in range(NGLOSS):
            f.write('  <entry id="%s">\n    <term>%s</term>\n' % (gloss_id(g), gloss_word(g)))
            f.write("    <definition>%s</definition>\n" % sentence(rng, 14))
            if g % 4 == 0:
                f.write('    <see ref="%s"/>\n' % gloss_id((g + 7) % NGLOSS))
            f.write("  </entry>\n")
        f.write("</glossary>\n")
    unused = NGLOSS - len(used)

    with open(os.path.join(out, "book.xml"), "w", encoding="utf-8") as f:
        f.write('''<?xml version="1.0" encoding="UTF-8"?>
<book slug="bench-%d" lang="en">
  <title>A synthetic book of %d articles</title>
  <edition>Benchmark edition</edition>
  <identifier uuid-name="https://bindery.invalid/bench/%d"/>
  <creator role="aut" file-as="Generator, Bench">Bench Generator</creator>
  <publisher>The bindery benchmark</publisher>
  <rights>Generated text, no rights reserved.</rights>
  <description>A generated book for measuring how bindery scales.</description>
  <subject scheme="keyword">benchmark</subject>
  <published>2026-01-02</published>
  <modified>2026-01-02T03:04:05Z</modified>
  <review status="not-reviewed" next-due="2027-01-02"/>
  <accessibility>
    <summary>Reflowable text with a table of contents, headings, alternative text and a glossary.</summary>
    <assessed-by>The bindery benchmark</assessed-by>
  </accessibility>
  <cover src="images/cover.png" alt="Cover of a synthetic book."/>
  <stylesheet href="styles/book.css"/>
  <glossary href="glossary.xml"/>
  <contents>
    <front>
      <article ref="%s"/>
    </front>
''' % (n, n, n, art_id(0)))
        for p, start in enumerate(range(1, n, PER_PART)):
            f.write('    <part id="part-%d">\n      <title>Part %d</title>\n' % (p + 1, p + 1))
            for i in range(start, min(n, start + PER_PART)):
                f.write('      <article ref="%s"/>\n' % art_id(i))
            f.write("    </part>\n")
        f.write("  </contents>\n</book>\n")
    if unused:
        # Small books cannot use every entry; say so rather than hide the warning.
        print("gen: %d of %d glossary entries unused (warnings)" % (unused, NGLOSS))


if __name__ == "__main__":
    main()
