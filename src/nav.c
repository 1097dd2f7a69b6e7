/* nav.c - table of contents, landmarks and NCX.
 *
 * The table follows the reading order: title page, front matter, each part
 * (a label over its articles), the glossary, back matter.  Each article lists
 * its sections, nested as they are in the source. */
#include "nav.h"

#include "alloc.h"
#include "l10n.h"
#include "xhtml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct bd_article *bd_nav_first_body(const struct bd_book *book)
{
	for (size_t i = 0; i < book->narticles; i++)
		if (book->articles[i].matter == BD_BODY)
			return &book->articles[i];
	return book->narticles ? &book->articles[0] : NULL;
}

static void link_item(struct bd_out *o, const char *href, const char *label)
{
	bd_out_start(o, "a");
	bd_out_attr(o, "href", href);
	bd_out_text(o, label);
	bd_out_end(o);
}

/* Writes an article's li: its link, then its headings as nested lists. */
static void write_article_item(struct bd_out *o, const struct bd_article *art)
{
	char *doc = bd_article_href(art);
	int open = 0;   /* nesting depth of open ol/li below the article */

	bd_out_start(o, "li");
	link_item(o, doc, art->title);
	for (size_t i = 0; i < art->nheadings; i++) {
		const struct bd_heading *h = &art->headings[i];
		char *href = bd_asprintf("%s#%s", doc, h->id);
		int level = h->level < 1 ? 1 : h->level > open + 1 ? open + 1 : h->level;

		if (level > open) {
			bd_out_start(o, "ol");
			open = level;
		} else {
			bd_out_end(o);  /* the previous heading's li */
			while (open > level) {
				bd_out_end(o);  /* ol */
				bd_out_end(o);  /* parent li */
				open--;
			}
		}
		bd_out_start(o, "li");
		link_item(o, href, h->title);
		free(href);
	}
	while (open > 0) {
		bd_out_end(o);  /* li */
		bd_out_end(o);  /* ol */
		open--;
	}
	bd_out_end(o);
	free(doc);
}

static void write_matter(struct bd_out *o, const struct bd_book *book, enum bd_matter matter)
{
	for (size_t i = 0; i < book->narticles; i++)
		if (book->articles[i].matter == matter)
			write_article_item(o, &book->articles[i]);
}

static void landmark(struct bd_out *o, const char *type, const char *href, const char *label)
{
	bd_out_start(o, "li");
	bd_out_start(o, "a");
	bd_out_attr(o, "epub:type", type);
	bd_out_attr(o, "href", href);
	bd_out_text(o, label);
	bd_out_end(o);
	bd_out_end(o);
}

bool bd_nav_write(const struct bd_book *book, struct bd_epub *epub, const char *name, struct bd_diag *diag)
{
	struct bd_out o;
	const struct bd_article *start = bd_nav_first_body(book);
	const struct bd_l10n *cat = bd_l10n_for(book->lang);

	/* Not indented: for a large book the indentation was 45% of the file
	 * and three in four of its nodes, which every reading system (and our
	 * checker) parses and holds. */
	if (!bd_out_open_entry(&o, epub, name, false, diag)) {
		return false;
	}
	bd_xhtml_begin(&o, book, bd_l10n_text(cat, "nav.contents"), "");
	bd_out_start(&o, "nav");
	bd_out_attr(&o, "epub:type", "toc");
	bd_out_attr(&o, "id", "toc");
	bd_out_attr(&o, "role", "doc-toc");
	bd_out_attr(&o, "aria-labelledby", "toc_title");
	bd_out_start(&o, "h1");
	bd_out_attr(&o, "id", "toc_title");
	bd_out_text(&o, bd_l10n_text(cat, "nav.contents"));
	bd_out_end(&o);
	bd_out_start(&o, "ol");
	bd_out_start(&o, "li");
	link_item(&o, BD_TITLE_HREF, bd_l10n_text(cat, "nav.title-page"));
	bd_out_end(&o);
	write_matter(&o, book, BD_FRONT);
	for (size_t p = 0; p < book->nparts; p++) {
		const struct bd_part *part = &book->parts[p];
		bd_out_start(&o, "li");
		bd_out_element(&o, "span", NULL, part->title);
		bd_out_start(&o, "ol");
		for (size_t i = part->first; i < part->first + part->count; i++)
			write_article_item(&o, &book->articles[i]);
		bd_out_end(&o);
		bd_out_end(&o);
	}
	bd_out_start(&o, "li");
	link_item(&o, BD_GLOSSARY_HREF, bd_l10n_text(cat, "nav.glossary"));
	bd_out_end(&o);
	write_matter(&o, book, BD_BACK);
	bd_out_end(&o);  /* ol */
	bd_out_end(&o);  /* nav */

	/* Landmarks: where to start, the contents, the glossary, and the
	 * warning signs a reader may need in a hurry. */
	bd_out_start(&o, "nav");
	bd_out_attr(&o, "epub:type", "landmarks");
	bd_out_attr(&o, "id", "landmarks");
	bd_out_attr(&o, "aria-labelledby", "landmarks_title");
	bd_out_attr(&o, "hidden", "hidden");
	bd_out_start(&o, "h2");
	bd_out_attr(&o, "id", "landmarks_title");
	bd_out_text(&o, bd_l10n_text(cat, "nav.landmarks"));
	bd_out_end(&o);
	bd_out_start(&o, "ol");
	landmark(&o, "cover", BD_COVER_HREF, bd_l10n_text(cat, "nav.cover"));
	landmark(&o, "titlepage", BD_TITLE_HREF, bd_l10n_text(cat, "nav.title-page"));
	landmark(&o, "toc", BD_NAV_HREF "#toc", bd_l10n_text(cat, "nav.contents"));
	for (size_t i = 0; i < book->narticles; i++) {
		if (book->articles[i].urgent) {
			char *href = bd_article_href(&book->articles[i]);
			char *label = bd_l10n_format(cat, "nav.get-help-now", "title", book->articles[i].title, NULL);
			landmark(&o, "notice", href, label);
			free(label);
			free(href);
		}
	}
	if (start) {
		char *href = bd_article_href(start);
		landmark(&o, "bodymatter", href, bd_l10n_text(cat, "nav.start-reading"));
		free(href);
	}
	landmark(&o, "glossary", BD_GLOSSARY_HREF, bd_l10n_text(cat, "nav.glossary"));
	bd_out_end(&o);
	bd_out_end(&o);
	bd_xhtml_end(&o);
	if (!bd_out_close(&o))
		return false;
	return true;
}

/* ---- NCX ---------------------------------------------------------------- */

struct ncx {
	struct bd_out *o;
	unsigned order;
};

static void nav_point(struct ncx *n, const char *label, const char *src)
{
	char *id = bd_asprintf("np_%u", ++n->order);
	char *order = bd_asprintf("%u", n->order);

	bd_out_start(n->o, "navPoint");
	bd_out_attr(n->o, "id", id);
	bd_out_attr(n->o, "playOrder", order);
	bd_out_start(n->o, "navLabel");
	bd_out_element(n->o, "text", NULL, label);
	bd_out_end(n->o);
	bd_out_start(n->o, "content");
	bd_out_attr(n->o, "src", src);
	bd_out_end(n->o);
	free(order);
	free(id);
}

static void ncx_article(struct ncx *n, const struct bd_article *art)
{
	char *doc = bd_article_href(art);
	int open = 0;

	nav_point(n, art->title, doc);
	for (size_t i = 0; i < art->nheadings; i++) {
		const struct bd_heading *h = &art->headings[i];
		char *href = bd_asprintf("%s#%s", doc, h->id);
		int level = h->level < 1 ? 1 : h->level > open + 1 ? open + 1 : h->level;

		while (open >= level) {
			bd_out_end(n->o);
			open--;
		}
		nav_point(n, h->title, href);
		open = level;
		free(href);
	}
	while (open > 0) {
		bd_out_end(n->o);
		open--;
	}
	bd_out_end(n->o);
	free(doc);
}

bool bd_ncx_write(const struct bd_book *book, struct bd_epub *epub, const char *name, struct bd_diag *diag)
{
	struct bd_out o;
	struct ncx n = { .o = &o };
	const struct bd_l10n *cat = bd_l10n_for(book->lang);

	if (!bd_out_open_entry(&o, epub, name, false, diag)) {
		return false;
	}
	bd_out_start(&o, "ncx");
	bd_out_attr(&o, "xmlns", "http://www.daisy.org/z3986/2005/ncx/");
	bd_out_attr(&o, "version", "2005-1");
	bd_out_attr(&o, "xml:lang", book->lang);
	bd_out_start(&o, "head");
	bd_out_start(&o, "meta");
	bd_out_attr(&o, "name", "dtb:uid");
	bd_out_attr(&o, "content", book->identifier);
	bd_out_end(&o);
	{
		/* Older reading systems size their contents view by this. */
		int depth = 1;
		char *text;
		for (size_t i = 0; i < book->narticles; i++)
			for (size_t h = 0; h < book->articles[i].nheadings; h++)
				if (book->articles[i].headings[h].level + 1 > depth)
					depth = book->articles[i].headings[h].level + 1;
		text = bd_asprintf("%d", depth);
		bd_out_start(&o, "meta");
		bd_out_attr(&o, "name", "dtb:depth");
		bd_out_attr(&o, "content", text);
		bd_out_end(&o);
		free(text);
	}
	bd_out_end(&o);
	bd_out_start(&o, "docTitle");
	bd_out_element(&o, "text", NULL, book->title);
	bd_out_end(&o);
	bd_out_start(&o, "navMap");
	nav_point(&n, bd_l10n_text(cat, "nav.title-page"), BD_TITLE_HREF);
	bd_out_end(&o);
	nav_point(&n, bd_l10n_text(cat, "nav.contents"), BD_NAV_HREF);
	bd_out_end(&o);
	for (size_t i = 0; i < book->narticles; i++) {
		if (book->articles[i].matter == BD_BACK)
			continue;
		ncx_article(&n, &book->articles[i]);
	}
	nav_point(&n, bd_l10n_text(cat, "nav.glossary"), BD_GLOSSARY_HREF);
	bd_out_end(&o);
	for (size_t i = 0; i < book->narticles; i++)
		if (book->articles[i].matter == BD_BACK)
			ncx_article(&n, &book->articles[i]);
	bd_out_end(&o);  /* navMap */
	bd_out_end(&o);  /* ncx */
	if (!bd_out_close(&o))
		return false;
	return true;
}
