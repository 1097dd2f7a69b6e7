#!/usr/bin/env python3
"""Renders a bindery book folder as Markdown for pandoc, so the benchmark can
time pandoc on the same text: one .md file per article (in reading order) and
a glossary chapter.  Headings carry the source ids ({#id}), so cross-references
and glossary terms become links pandoc resolves across chapters.

    tests/bench/md.py BOOK_DIR OUT_DIR    prints the pandoc arguments' file list
"""
import os
import sys
import xml.etree.ElementTree as ET


def esc(text):
    return (text or "").replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_").replace("[", "\\[").replace("]", "\\]")


class Renderer:
    def __init__(self, titles, headings):
        self.titles = titles          # article id -> title
        self.headings = headings      # "article#id" -> heading text

    def inline(self, el):
        out = [esc(el.text)]
        for c in el:
            out.append(self.inline_el(c))
            out.append(esc(c.tail))
        return "".join(out)

    def inline_el(self, c):
        if c.tag == "emph":
            return "*%s*" % self.inline(c)
        if c.tag == "strong":
            return "**%s**" % self.inline(c)
        if c.tag == "term":
            return "[%s](#gl-%s)" % (self.inline(c), c.get("ref"))
        if c.tag == "xref":
            to = c.get("to")
            art, _, sec = to.partition("#")
            label = self.inline(c).strip() or self.headings.get(to) or self.titles.get(art, to)
            return "[%s](#%s)" % (label, sec or art)
        if c.tag == "link":
            return "[%s](%s)" % (self.inline(c), c.get("href"))
        return self.inline(c)

    def block(self, el, level, out):
        t = el.tag
        if t == "p":
            out.append(self.inline(el) + "\n")
        elif t in ("ul", "ol"):
            for i, li in enumerate(el):
                out.append(("- " if t == "ul" else "%d. " % (i + 1)) + self.inline(li))
            out.append("")
        elif t == "figure":
            alt = el.findtext("alt") or ""
            cap = el.find("caption")
            out.append("![%s](%s){#%s}\n" % (esc(cap is not None and self.inline(cap) or alt), el.get("src"), el.get("id")))
            desc = el.find("description")
            if desc is not None:
                for d in desc:
                    self.block(d, level, out)
        elif t == "table":
            cap = el.find("caption")
            rows = [tr for part in ("thead", "tbody") for tr in el.find(part)]
            width = max(len(r) for r in rows)
            for k, tr in enumerate(rows):
                cells = [self.inline(c).replace("|", "\\|") for c in tr] + [""] * (width - len(tr))
                out.append("| " + " | ".join(cells) + " |")
                if k == 0:
                    out.append("|" + "---|" * width)
            if cap is not None:
                out.append("\n: " + self.inline(cap))
            out.append("")
        elif t == "callout":
            title = el.find("title")
            if title is not None:
                out.append("> **%s**\n>" % self.inline(title))
            inner = []
            for c in el:
                if c.tag != "title":
                    self.block(c, level, inner)
            out.extend("> " + line if line else ">" for line in "\n".join(inner).split("\n"))
            out.append("")
        elif t == "section":
            out.append("%s %s {#%s}\n" % ("#" * (level + 1), self.inline(el.find("title")), el.get("id")))
            for c in el:
                if c.tag != "title":
                    self.block(c, level + 1, out)

    def article(self, root):
        out = ["# %s {#%s}\n" % (self.inline(root.find("title")), root.get("id"))]
        out.append("*%s*\n" % self.inline(root.find("summary")))
        for c in root:
            if c.tag not in ("title", "short-title", "summary"):
                self.block(c, 1, out)
        return "\n".join(out) + "\n"


def convert(book_dir, out_dir):
    book = ET.parse(os.path.join(book_dir, "book.xml")).getroot()
    ids = [a.get("ref") for a in book.find("contents").iter("article")]
    roots = {i: ET.parse(os.path.join(book_dir, "articles", i + ".xml")).getroot() for i in ids}
    titles = {i: "".join(r.find("title").itertext()) for i, r in roots.items()}
    headings = {}
    for i, r in roots.items():
        for s in r.iter("section"):
            headings["%s#%s" % (i, s.get("id"))] = "".join(s.find("title").itertext())
    rend = Renderer(titles, headings)
    os.makedirs(out_dir, exist_ok=True)
    files = []
    for n, i in enumerate(ids):
        path = os.path.join(out_dir, "%05d-%s.md" % (n, i))
        with open(path, "w", encoding="utf-8") as f:
            f.write(rend.article(roots[i]))
        files.append(path)
    gloss = ET.parse(os.path.join(book_dir, book.find("glossary").get("href"))).getroot()
    path = os.path.join(out_dir, "%05d-glossary.md" % len(ids))
    with open(path, "w", encoding="utf-8") as f:
        f.write("# Glossary {#glossary}\n\n")
        for e in sorted(gloss, key=lambda e: e.findtext("term").lower()):
            f.write("## %s {#gl-%s}\n\n%s\n\n" % (esc(e.findtext("term")), e.get("id"), rend.inline(e.find("definition"))))
    files.append(path)
    meta = os.path.join(out_dir, "metadata.yaml")
    with open(meta, "w", encoding="utf-8") as f:
        f.write("---\ntitle: %s\nlang: %s\nidentifier: %s\n...\n" % (
            book.findtext("title").replace(":", " -"), book.get("lang"), book.get("slug")))
    return meta, files


if __name__ == "__main__":
    meta, files = convert(sys.argv[1], sys.argv[2])
    print("\n".join([meta] + files))
