/* records_landing.c - index.html: a small landing page for an intranet.
 *
 * Plain HTML that works from file:// with no script: the cover, the title,
 * the description, the download link with its size and checksum, the
 * accessibility metadata as the W3C Accessibility Metadata Display Guide
 * groups it (ways of reading, conformance, navigation, hazards, summary),
 * the check result and links to the records.  Written with libxml2's text
 * writer like every other document; elements that are not void are always
 * closed with an end tag, since an HTML parser reads <p/> as <p>. */
#include "records.h"
#include "web.h"

#include "alloc.h"
#include "xhtml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char style[] =
	"body{font-family:system-ui,sans-serif;line-height:1.5;margin:0;color:#1a1a1a;background:#fff}"
	"main{max-width:48rem;margin:0 auto;padding:1.5rem}"
	".book{display:flex;flex-wrap:wrap;gap:1.5rem;align-items:flex-start}"
	".book img{width:12rem;height:auto;border:1px solid #767676}"
	".book div{flex:1 1 20rem}"
	"h1{font-size:1.75rem;line-height:1.25;margin:0 0 .5rem}"
	"h2{font-size:1.35rem;margin:2rem 0 .5rem;border-bottom:2px solid #1a1a1a}"
	"h3{font-size:1.1rem;margin:1.25rem 0 .25rem}"
	".subtitle{font-size:1.15rem;margin:0 0 .75rem}"
	".download a{display:inline-block;padding:.5rem 1rem;background:#0b5394;color:#fff;border-radius:.25rem;"
	"font-weight:bold;text-decoration:none}"
	".download a:focus,.download a:hover{background:#073763;outline:3px solid #f1c232}"
	"a{color:#0b5394}code{font-size:.85rem;overflow-wrap:anywhere}"
	"@media (prefers-color-scheme:dark){body{background:#121212;color:#eee}a{color:#9fc5e8}"
	"h2{border-color:#eee}.download a{background:#9fc5e8;color:#121212}}";

static void start(struct bd_out *o, const char *name, const char *class_name)
{
	bd_out_start(o, name);
	bd_out_attr(o, "class", class_name);
}

static void end(struct bd_out *o)
{
	if (!o->failed && xmlTextWriterFullEndElement(o->w) < 0)
		o->failed = true;
}

static void element(struct bd_out *o, const char *name, const char *class_name, const char *text)
{
	start(o, name, class_name);
	bd_out_text(o, text);
	end(o);
}

static void anchor(struct bd_out *o, const char *href, const char *text)
{
	bd_out_start(o, "a");
	bd_out_attr(o, "href", href);
	bd_out_text(o, text);
	end(o);
}

static void link_item(struct bd_out *o, const char *href, const char *text, const char *note)
{
	bd_out_start(o, "li");
	anchor(o, href, text);
	if (note)
		bd_out_text(o, note);
	end(o);
}

static bool has(const struct bd_strlist *l, const char *s)
{
	return bd_strlist_has(l, s);
}

/* Heading names: a lone book's title is the page's h1; with several books
 * the page has its own h1 and each book's title is an h2. */
static const char *h(int level)
{
	static const char *const names[] = { "h1", "h2", "h3", "h4", "h5", "h6" };
	return names[level < 1 ? 0 : level > 6 ? 5 : level - 1];
}

/* A section with a heading of level, labelled by an id: NAME for a lone
 * book, SLUG-NAME with several (ids are unique on the page). */
static void section(struct bd_out *o, const char *prefix, const char *name, int level, const char *text)
{
	char *id = prefix ? bd_asprintf("%s-%s", prefix, name) : bd_strdup(name);

	bd_out_start(o, "section");
	bd_out_attr(o, "aria-labelledby", id);
	bd_out_start(o, h(level));
	bd_out_attr(o, "id", id);
	bd_out_text(o, text);
	end(o);
	free(id);
}

static void accessibility(struct bd_out *o, const struct bd_record_meta *m, const char *prefix, int level)
{
	const struct bd_strlist *f = &m->features;
	const char *h3 = h(level + 1);

	section(o, prefix, "accessibility", level, "Accessibility");

	element(o, h3, NULL, "Ways of reading");
	bd_out_start(o, "ul");
	element(o, "li", NULL, has(f, "displayTransformability") ? "Appearance can be modified"
								 : "Appearance of the text and page layout cannot be modified");
	element(o, "li", NULL, has(&m->sufficient, "textual") ? "Readable in read aloud or dynamic braille"
							       : "Not fully readable in read aloud or dynamic braille");
	if (has(&m->access_modes, "visual"))
		element(o, "li", NULL, has(f, "alternativeText") ? "Has alternative text"
								 : "Images have no alternative text");
	if (has(f, "longDescription"))
		element(o, "li", NULL, "Has long descriptions of complex images");
	end(o);

	element(o, h3, NULL, "Conformance");
	if (m->conforms_to) {
		char *s = bd_asprintf("This publication claims to meet accepted standards for accessibility: %s.",
				      m->conforms_to);
		element(o, "p", NULL, s);
		free(s);
		if (m->certified_by) {
			s = bd_asprintf("The claim was made by %s.", m->certified_by);
			element(o, "p", NULL, s);
			free(s);
		}
	} else {
		element(o, "p", NULL, "No information is available.");
	}

	element(o, h3, NULL, "Navigation");
	if (has(f, "tableOfContents") || has(f, "structuralNavigation")) {
		bd_out_start(o, "ul");
		if (has(f, "tableOfContents"))
			element(o, "li", NULL, "Table of contents");
		if (has(f, "structuralNavigation"))
			element(o, "li", NULL, "Headings");
		end(o);
	} else {
		element(o, "p", NULL, "No information is available.");
	}

	element(o, h3, NULL, "Hazards");
	element(o, "p", NULL, has(&m->hazards, "none") ? "No hazards" : m->hazards.len ? "The publication has hazards: see the summary."
											  : "No information is available.");
	if (m->a11y_summary) {
		element(o, h3, NULL, "Accessibility summary");
		element(o, "p", NULL, m->a11y_summary);
	}
	end(o);
}

/* A link to one of the book's own files. */
static void file_link(struct bd_out *o, const struct bd_record_meta *m, const char *suffix, const char *text,
		      const char *note)
{
	char *name = bd_record_name(m, suffix);

	link_item(o, name, text, note);
	free(name);
}

static void book(struct bd_out *o, const struct bd_record_meta *m, bool alone)
{
	const char *prefix = alone ? NULL : m->slug;
	int level = alone ? 1 : 2;
	char *size = bd_record_human_size(m->epub_size);
	char *s;

	if (!alone) {
		s = bd_asprintf("%s-title", m->slug);
		bd_out_start(o, "article");
		bd_out_attr(o, "aria-labelledby", s);
		free(s);
	}
	start(o, "div", "book");
	if (m->cover_name) {
		char *alt = m->cover_alt ? bd_strdup(m->cover_alt) : bd_asprintf("Cover of %s", m->title);
		bd_out_start(o, "img");
		bd_out_attr(o, "src", m->cover_name);
		bd_out_attr(o, "alt", alt);
		bd_out_end(o);
		free(alt);
	}
	bd_out_start(o, "div");
	bd_out_start(o, h(level));
	if (!alone) {
		s = bd_asprintf("%s-title", m->slug);
		bd_out_attr(o, "id", s);
		free(s);
	}
	bd_out_text(o, m->title);
	end(o);
	if (m->subtitle)
		element(o, "p", "subtitle", m->subtitle);
	if (m->ncreators) {
		char *by = bd_strdup("By ");
		for (size_t i = 0; i < m->ncreators; i++) {
			s = bd_asprintf("%s%s%s", by, i == 0 ? "" : i + 1 == m->ncreators ? " and " : ", ",
					m->creators[i].name);
			free(by);
			by = s;
		}
		element(o, "p", NULL, by);
		free(by);
	}
	{
		char *date = m->published ? bd_human_date(m->published) : NULL;
		s = bd_asprintf("%s%s%s%s%s", m->publisher ? m->publisher : "", m->publisher && date ? ", " : "",
				date ? date : "", m->edition && (m->publisher || date) ? ". " : "",
				m->edition ? m->edition : "");
		if (*s)
			element(o, "p", NULL, s);
		free(s);
		free(date);
	}
	if (m->description)
		element(o, "p", NULL, m->description);
	start(o, "p", "download");
	bd_out_start(o, "a");
	bd_out_attr(o, "href", m->epub_name);
	bd_out_attr(o, "type", BD_EPUB_TYPE);
	bd_out_text(o, "Download the EPUB");
	end(o);
	s = bd_asprintf(" (EPUB 3, %s)", size);
	bd_out_text(o, s);
	free(s);
	end(o);
	if ((s = bd_web_start_page(m)) != NULL) {
		/* The web edition: the same book in any browser, no app needed. */
		start(o, "p", "read");
		bd_out_start(o, "a");
		bd_out_attr(o, "href", s);
		bd_out_attr(o, "type", "text/html");
		bd_out_text(o, "Read in your browser");
		end(o);
		bd_out_text(o, " (no app needed; works offline after the first visit)");
		end(o);
		free(s);
	}
	bd_out_start(o, "p");
	bd_out_text(o, "SHA-256 checksum: ");
	element(o, "code", NULL, m->epub_sha256);
	end(o);
	if (m->license_href || m->license_text) {
		bd_out_start(o, "p");
		bd_out_text(o, "Licence: ");
		if (m->license_href) {
			bd_out_start(o, "a");
			bd_out_attr(o, "href", m->license_href);
			bd_out_text(o, m->license_text ? m->license_text : m->license_href);
			end(o);
		} else {
			bd_out_text(o, m->license_text);
		}
		end(o);
	}
	end(o); /* div */
	end(o); /* div.book */

	accessibility(o, m, prefix, level + 1);

	section(o, prefix, "check", level + 1, "Check");
	s = bd_asprintf("Checked by bindery check %s against EPUB 3.3 and EPUB Accessibility 1.1: %s, with %zu error%s "
			"and %zu warning%s.",
			BINDERY_VERSION, m->check_errors ? "failed" : "passed", m->check_errors,
			m->check_errors == 1 ? "" : "s", m->check_warnings, m->check_warnings == 1 ? "" : "s");
	element(o, "p", NULL, s);
	free(s);
	end(o);

	section(o, prefix, "records", level + 1, "Records for libraries and catalogues");
	bd_out_start(o, "ul");
	bd_out_start(o, "li");
	s = bd_record_name(m, BD_REC_CHECK_TEXT);
	anchor(o, s, "Check report");
	free(s);
	bd_out_text(o, " (text; also as ");
	s = bd_record_name(m, BD_REC_CHECK_JSON);
	anchor(o, s, "JSON");
	free(s);
	bd_out_text(o, ")");
	end(o);
	if (alone) {
		link_item(o, BD_REC_SUMS, "SHA-256 checksums", " (for sha256sum -c)");
		link_item(o, BD_REC_OPDS1, "OPDS 1.2 catalog", " (Atom)");
		link_item(o, BD_REC_OPDS2, "OPDS 2.0 catalog", " (JSON)");
	}
	file_link(o, m, BD_REC_MARC, "MARC 21 record", " (MARCXML)");
	file_link(o, m, BD_REC_ONIX, "ONIX 3.0 product record", NULL);
	end(o); /* ul */
	end(o); /* section */
	if (!alone)
		end(o); /* article */
	free(size);
}

bool bd_records_write_landing(const struct bd_record_meta *const *books, size_t n, const char *path,
			      struct bd_diag *diag)
{
	struct bd_out o = { 0 };
	const char *lang = n ? books[0]->lang : "en", *publisher = n ? books[0]->publisher : NULL;
	bool ok;

	for (size_t i = 1; i < n; i++) {
		if (lang && strcmp(books[i]->lang, lang) != 0)
			lang = NULL;
		if (publisher && (!books[i]->publisher || strcmp(books[i]->publisher, publisher) != 0))
			publisher = NULL;
	}
	o.w = xmlNewTextWriterFilename(path, 0);
	if (!o.w) {
		bd_diag_report(diag, BD_R_IO, path, 0, 0, "cannot write");
		return false;
	}
	if (xmlTextWriterWriteDTD(o.w, BAD_CAST "html", NULL, NULL, NULL) < 0 ||
	    xmlTextWriterWriteString(o.w, BAD_CAST "\n") < 0)
		o.failed = true;
	bd_out_start(&o, "html");
	bd_out_attr(&o, "lang", lang ? lang : "und");
	bd_out_start(&o, "head");
	bd_out_start(&o, "meta");
	bd_out_attr(&o, "charset", "utf-8");
	bd_out_end(&o);
	bd_out_start(&o, "meta");
	bd_out_attr(&o, "name", "viewport");
	bd_out_attr(&o, "content", "width=device-width, initial-scale=1");
	bd_out_end(&o);
	element(&o, "title", NULL, n == 1 ? books[0]->title : publisher ? publisher : "Books");
	bd_out_start(&o, "link");
	bd_out_attr(&o, "rel", "alternate");
	bd_out_attr(&o, "type", BD_OPDS1_TYPE);
	bd_out_attr(&o, "href", BD_REC_OPDS1);
	bd_out_attr(&o, "title", "OPDS catalog");
	bd_out_end(&o);
	element(&o, "style", NULL, style);
	end(&o); /* head */

	bd_out_start(&o, "body");
	bd_out_start(&o, "main");
	if (n != 1) {
		char *count = bd_asprintf("%zu book%s. Every file here is listed in ", n, n == 1 ? "" : "s");
		element(&o, "h1", NULL, publisher ? publisher : "Books");
		bd_out_start(&o, "p");
		bd_out_text(&o, count);
		bd_out_start(&o, "a");
		bd_out_attr(&o, "href", BD_REC_SUMS);
		bd_out_text(&o, "SHA256SUMS");
		end(&o);
		bd_out_text(&o, " (for sha256sum -c); the catalogs: ");
		bd_out_start(&o, "a");
		bd_out_attr(&o, "href", BD_REC_OPDS1);
		bd_out_text(&o, "OPDS 1.2");
		end(&o);
		bd_out_text(&o, " (Atom), ");
		bd_out_start(&o, "a");
		bd_out_attr(&o, "href", BD_REC_OPDS2);
		bd_out_text(&o, "OPDS 2.0");
		end(&o);
		bd_out_text(&o, " (JSON).");
		end(&o);
		free(count);
	}
	for (size_t i = 0; i < n; i++)
		book(&o, books[i], n == 1);
	end(&o); /* main */
	end(&o); /* body */
	end(&o); /* html */
	if (!o.failed && (xmlTextWriterEndDocument(o.w) < 0))
		o.failed = true;
	xmlFreeTextWriter(o.w);
	ok = !o.failed;
	if (!ok)
		bd_diag_report(diag, BD_R_IO, path, 0, 0, "cannot write");
	return ok;
}
