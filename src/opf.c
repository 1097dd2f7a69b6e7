/* opf.c - writing the package document.
 *
 * Metadata comes from book.xml (never typed twice) and the accessibility
 * properties from bd_a11y_derive.  The manifest lists every file the EPUB
 * holds; the spine follows the reading order. */
#include "opf.h"

#include "alloc.h"
#include "l10n.h"
#include "searchkey.h"
#include "xhtml.h"

#include <stdlib.h>
#include <string.h>

static void meta(struct bd_out *o, const char *property, const char *refines, const char *scheme,
		 const char *value)
{
	bd_out_start(o, "meta");
	if (refines) {
		char *ref = bd_asprintf("#%s", refines);
		bd_out_attr(o, "refines", ref);
		free(ref);
	}
	bd_out_attr(o, "property", property);
	bd_out_attr(o, "scheme", scheme);
	bd_out_text(o, value);
	bd_out_end(o);
}

static void dc(struct bd_out *o, const char *name, const char *id, const char *value)
{
	char *qname = bd_asprintf("dc:%s", name);
	bd_out_start(o, qname);
	bd_out_attr(o, "id", id);
	bd_out_text(o, value);
	bd_out_end(o);
	free(qname);
}

static void people(struct bd_out *o, const char *element, const struct bd_person *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char *id = bd_asprintf("%s%zu", element, i + 1);
		dc(o, element, id, p[i].name);
		meta(o, "role", id, "marc:relators", p[i].role);
		if (p[i].file_as)
			meta(o, "file-as", id, NULL, p[i].file_as);
		free(id);
	}
}

static void write_metadata(struct bd_out *o, const struct bd_book *b, const struct bd_a11y *a)
{
	bd_out_start(o, "metadata");
	bd_out_attr(o, "xmlns:dc", "http://purl.org/dc/elements/1.1/");
	dc(o, "identifier", "pub-id", b->identifier);
	dc(o, "title", "title", b->title);
	meta(o, "title-type", "title", NULL, "main");
	if (b->subtitle) {
		dc(o, "title", "subtitle", b->subtitle);
		meta(o, "title-type", "subtitle", NULL, "subtitle");
	}
	dc(o, "language", NULL, b->lang);
	people(o, "creator", b->creators, b->ncreators);
	people(o, "contributor", b->contributors, b->ncontributors);
	dc(o, "publisher", NULL, b->publisher);
	dc(o, "date", NULL, b->published);
	meta(o, "dcterms:modified", NULL, NULL, b->modified);
	dc(o, "rights", NULL, b->rights);
	if (b->license_href) {
		/* A machine-readable licence beside the human rights statement. */
		bd_out_start(o, "link");
		bd_out_attr(o, "rel", "dcterms:license");
		bd_out_attr(o, "href", b->license_href);
		bd_out_end(o);
	}
	meta(o, "schema:bookEdition", NULL, NULL, b->edition);
	dc(o, "description", NULL, b->description);
	for (size_t i = 0; i < b->nsubjects; i++) {
		const struct bd_subject *s = &b->subjects[i];
		char *id = bd_asprintf("subject%zu", i + 1);
		dc(o, "subject", id, s->label);
		/* A controlled vocabulary names its authority and the term's code. */
		if (s->code && strcmp(s->scheme, "keyword") != 0) {
			meta(o, "authority", id, NULL, s->scheme);
			meta(o, "term", id, NULL, s->code);
		}
		free(id);
	}
	for (size_t i = 0; i < a->naccess_modes; i++)
		meta(o, "schema:accessMode", NULL, NULL, a->access_modes[i]);
	for (size_t i = 0; i < a->nsufficient; i++)
		meta(o, "schema:accessModeSufficient", NULL, NULL, a->sufficient[i]);
	for (size_t i = 0; i < a->nfeatures; i++)
		meta(o, "schema:accessibilityFeature", NULL, NULL, a->features[i]);
	meta(o, "schema:accessibilityHazard", NULL, NULL, a->hazard);
	meta(o, "schema:accessibilitySummary", NULL, NULL, b->a11y_summary);
	meta(o, "dcterms:conformsTo", NULL, NULL, BD_A11Y_CONFORMS_TO);
	meta(o, "a11y:certifiedBy", NULL, NULL, b->a11y_assessed_by);
	/* EPUB 2 reading systems find the cover through this. */
	bd_out_start(o, "meta");
	bd_out_attr(o, "name", "cover");
	bd_out_attr(o, "content", "cover-image");
	bd_out_end(o);
	bd_out_end(o);
}

static void item(struct bd_out *o, const char *id, const char *href, const char *type, const char *properties)
{
	bd_out_start(o, "item");
	bd_out_attr(o, "id", id);
	bd_out_attr(o, "href", href);
	bd_out_attr(o, "media-type", type);
	bd_out_attr(o, "properties", properties);
	bd_out_end(o);
}

static void itemref(struct bd_out *o, const char *idref, bool linear)
{
	bd_out_start(o, "itemref");
	bd_out_attr(o, "idref", idref);
	if (!linear)
		bd_out_attr(o, "linear", "no");
	bd_out_end(o);
}

static char *article_item_id(const struct bd_article *art)
{
	return bd_asprintf("art_%s", art->id);
}

static void write_manifest(struct bd_out *o, const struct bd_book *b)
{
	bd_out_start(o, "manifest");
	item(o, "nav", BD_NAV_HREF, "application/xhtml+xml", "nav");
	item(o, "ncx", BD_NCX_HREF, "application/x-dtbncx+xml", NULL);
	item(o, "cover", BD_COVER_HREF, "application/xhtml+xml", NULL);
	item(o, "titlepage", BD_TITLE_HREF, "application/xhtml+xml", NULL);
	/* EPUB Dictionaries and Glossaries: the glossary and its search key map. */
	item(o, "glossary", BD_GLOSSARY_HREF, "application/xhtml+xml", "glossary");
	item(o, "glossary-keys", BD_SEARCH_KEY_MAP_HREF, BD_SEARCH_KEY_MAP_TYPE, "glossary search-key-map");
	for (size_t i = 0; i < b->narticles; i++) {
		char *id = article_item_id(&b->articles[i]);
		char *href = bd_article_href(&b->articles[i]);
		item(o, id, href, "application/xhtml+xml", NULL);
		free(href);
		free(id);
	}
	for (size_t i = 0; i < b->nstylesheets; i++) {
		char *id = bd_asprintf("css%zu", i + 1);
		char *href = bd_style_href(b->stylesheets[i]);
		item(o, id, href, "text/css", NULL);
		free(href);
		free(id);
	}
	for (size_t i = 0; i < b->nimages; i++) {
		char *id = b->images[i].is_cover ? bd_strdup("cover-image") : bd_asprintf("img%zu", i + 1);
		char *href = bd_image_href(b->images[i].src);
		item(o, id, href, b->images[i].media_type, b->images[i].is_cover ? "cover-image" : NULL);
		free(href);
		free(id);
	}
	bd_out_end(o);
}

static void write_spine(struct bd_out *o, const struct bd_book *b)
{
	bd_out_start(o, "spine");
	bd_out_attr(o, "toc", "ncx");
	if (bd_l10n_rtl(b->lang))
		bd_out_attr(o, "page-progression-direction", "rtl");
	itemref(o, "cover", true);
	itemref(o, "titlepage", true);
	/* The contents page is part of the reading order: readers of a printed
	 * book expect it, and the toc landmark must point into the spine. */
	itemref(o, "nav", true);
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < b->narticles; i++) {
			const struct bd_article *art = &b->articles[i];
			char *id;
			if ((pass == 0) != (art->matter != BD_BACK))
				continue;
			id = article_item_id(art);
			itemref(o, id, true);
			free(id);
		}
		if (pass == 0)
			itemref(o, "glossary", true);
	}
	bd_out_end(o);
}

bool bd_opf_write(const struct bd_book *book, const struct bd_a11y *a11y, struct bd_epub *epub,
		  const char *name, struct bd_diag *diag)
{
	struct bd_out o;

	if (!bd_out_open_entry(&o, epub, name, true, diag)) {
		return false;
	}
	bd_out_start(&o, "package");
	bd_out_attr(&o, "xmlns", "http://www.idpf.org/2007/opf");
	bd_out_attr(&o, "version", "3.0");
	bd_out_attr(&o, "unique-identifier", "pub-id");
	bd_out_attr(&o, "xml:lang", book->lang);
	write_metadata(&o, book, a11y);
	write_manifest(&o, book);
	write_spine(&o, book);
	bd_out_end(&o);
	if (!bd_out_close(&o))
		return false;
	return true;
}
