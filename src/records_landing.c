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
#include "l10n.h"
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

static void element(struct bd_out *o, const char *name, const char *class_name, const char *text)
{
	start(o, name, class_name);
	bd_out_text(o, text);
	bd_out_end_full(o);
}

static void anchor(struct bd_out *o, const char *href, const char *text)
{
	bd_out_start(o, "a");
	bd_out_attr(o, "href", href);
	bd_out_text(o, text);
	bd_out_end_full(o);
}

static void link_item(struct bd_out *o, const char *href, const char *text, const char *note)
{
	bd_out_start(o, "li");
	anchor(o, href, text);
	if (note)
		bd_out_text(o, note);
	bd_out_end_full(o);
}

char *bd_records_byline(const struct bd_l10n *cat, const char *lang, const struct bd_person *people, size_t n)
{
	const char **names;
	char *list, *by;

	if (n == 0)
		return NULL;
	names = bd_calloc(n, sizeof(*names));
	for (size_t i = 0; i < n; i++)
		names[i] = people[i].name;
	list = bd_l10n_list(lang, names, n);
	by = bd_l10n_format(cat, "landing.by", "names", list, NULL);
	free(list);
	free(names);
	return by;
}

/* The folder's own files: SHA256SUMS and the two feeds, as list items. */
static void folder_links(struct bd_out *o, const struct bd_l10n *cat)
{
	char *note = bd_asprintf(" %s", bd_l10n_text(cat, "landing.checksums-note"));

	link_item(o, BD_REC_SUMS, bd_l10n_text(cat, "landing.checksums"), note);
	link_item(o, BD_REC_OPDS1, bd_l10n_text(cat, "landing.opds1"), " (Atom)");
	link_item(o, BD_REC_OPDS2, bd_l10n_text(cat, "landing.opds2"), " (JSON)");
	free(note);
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
 * book, SLUG-NAME with several (ids are unique on the page), where the
 * book's title joins the label: landmarks need names of their own (a book
 * and its editions each have a "Check" section). */
static void section(struct bd_out *o, const char *prefix, const char *name, int level, const char *text)
{
	char *id = prefix ? bd_asprintf("%s-%s", prefix, name) : bd_strdup(name);
	char *label = prefix ? bd_asprintf("%s %s-title", id, prefix) : bd_strdup(id);

	bd_out_start(o, "section");
	bd_out_attr(o, "aria-labelledby", label);
	free(label);
	bd_out_start(o, h(level));
	bd_out_attr(o, "id", id);
	bd_out_text(o, text);
	bd_out_end_full(o);
	free(id);
}

static void accessibility(struct bd_out *o, const struct bd_record_meta *m, const char *prefix, int level)
{
	const struct bd_l10n *cat = bd_l10n_for(m->lang);
	const struct bd_strlist *f = &m->features;
	const char *h3 = h(level + 1);

#define T(key) bd_l10n_text(cat, key)
	section(o, prefix, "accessibility", level, T("landing.accessibility"));

	element(o, h3, NULL, T("landing.ways-of-reading"));
	bd_out_start(o, "ul");
	element(o, "li", NULL, T(has(f, "displayTransformability") ? "landing.modifiable" : "landing.not-modifiable"));
	element(o, "li", NULL, T(has(&m->sufficient, "textual") ? "landing.read-aloud" : "landing.not-read-aloud"));
	if (has(&m->access_modes, "visual"))
		element(o, "li", NULL, T(has(f, "alternativeText") ? "landing.alt-text" : "landing.no-alt-text"));
	if (has(f, "longDescription"))
		element(o, "li", NULL, T("landing.long-descriptions"));
	bd_out_end_full(o);

	element(o, h3, NULL, T("landing.conformance"));
	if (m->conforms_to) {
		char *s = bd_l10n_format(cat, "landing.conforms", "standard", m->conforms_to, NULL);
		element(o, "p", NULL, s);
		free(s);
		if (m->certified_by) {
			s = bd_l10n_format(cat, "landing.certified-by", "name", m->certified_by, NULL);
			element(o, "p", NULL, s);
			free(s);
		}
	} else {
		element(o, "p", NULL, T("landing.no-information"));
	}

	element(o, h3, NULL, T("landing.navigation"));
	if (has(f, "tableOfContents") || has(f, "structuralNavigation")) {
		bd_out_start(o, "ul");
		if (has(f, "tableOfContents"))
			element(o, "li", NULL, T("landing.table-of-contents"));
		if (has(f, "structuralNavigation"))
			element(o, "li", NULL, T("landing.headings"));
		bd_out_end_full(o);
	} else {
		element(o, "p", NULL, T("landing.no-information"));
	}

	element(o, h3, NULL, T("landing.hazards"));
	element(o, "p", NULL,
		T(has(&m->hazards, "none") ? "landing.no-hazards"
		  : m->hazards.len ? "landing.has-hazards" : "landing.no-information"));
	if (m->a11y_summary) {
		element(o, h3, NULL, T("landing.accessibility-summary"));
		element(o, "p", NULL, m->a11y_summary);
	}
	bd_out_end_full(o);
#undef T
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
	const struct bd_l10n *cat = bd_l10n_for(m->lang);
	const char *prefix = alone ? NULL : m->slug;
	int level = alone ? 1 : 2;
	char *size = bd_record_human_size(m->epub_size);
	char *s, *before = NULL, *after = NULL;

	if (!alone) {
		s = bd_asprintf("%s-title", m->slug);
		bd_out_start(o, "article");
		bd_out_attr(o, "aria-labelledby", s);
		bd_out_attr(o, "lang", m->lang);
		free(s);
	}
	start(o, "div", "book");
	if (m->cover_name) {
		char *alt = m->cover_alt ? bd_strdup(m->cover_alt)
					 : bd_l10n_format(cat, "landing.cover-of", "title", m->title, NULL);
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
	bd_out_end_full(o);
	if (m->subtitle)
		element(o, "p", "subtitle", m->subtitle);
	if (m->ncreators) {
		char *by = bd_records_byline(cat, m->lang, m->creators, m->ncreators);
		element(o, "p", NULL, by);
		free(by);
	}
	{
		char *date = m->published ? bd_l10n_date(m->lang, m->published) : NULL;
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
	bd_out_text(o, bd_l10n_text(cat, "landing.download"));
	bd_out_end_full(o);
	s = bd_l10n_format(cat, "landing.download-format", "size", size, NULL);
	bd_out_text(o, " ");
	bd_out_text(o, s);
	free(s);
	bd_out_end_full(o);
	if ((s = bd_web_start_page(m)) != NULL) {
		/* The web edition: the same book in any browser, no app needed. */
		start(o, "p", "read");
		bd_out_start(o, "a");
		bd_out_attr(o, "href", s);
		bd_out_attr(o, "type", "text/html");
		bd_out_text(o, bd_l10n_text(cat, "landing.read-web"));
		bd_out_end_full(o);
		bd_out_text(o, " ");
		bd_out_text(o, bd_l10n_text(cat, "landing.read-web-note"));
		bd_out_end_full(o);
		free(s);
	}
	bd_out_start(o, "p");
	bd_l10n_split(cat, "landing.checksum", "sum", &before, &after, NULL);
	bd_out_text(o, before);
	element(o, "code", NULL, m->epub_sha256);
	bd_out_text(o, after);
	bd_out_end_full(o);
	free(before);
	free(after);
	if (m->license_href || m->license_text) {
		bd_l10n_split(cat, "landing.licence", "licence", &before, &after, NULL);
		bd_out_start(o, "p");
		bd_out_text(o, before);
		if (m->license_href) {
			bd_out_start(o, "a");
			bd_out_attr(o, "href", m->license_href);
			bd_out_text(o, m->license_text ? m->license_text : m->license_href);
			bd_out_end_full(o);
		} else {
			bd_out_text(o, m->license_text);
		}
		bd_out_text(o, after);
		bd_out_end_full(o);
		free(before);
		free(after);
	}
	bd_out_end_full(o); /* div */
	bd_out_end_full(o); /* div.book */

	accessibility(o, m, prefix, level + 1);

	section(o, prefix, "check", level + 1, bd_l10n_text(cat, "landing.check"));
	{
		char *version = bd_strdup(BINDERY_VERSION), *errors = bd_asprintf("%zu", m->check_errors),
		     *warnings = bd_asprintf("%zu", m->check_warnings);
		s = bd_l10n_format(cat, m->check_errors ? "landing.check-failed" : "landing.check-passed", "version",
				   version, "errors", errors, "warnings", warnings, NULL);
		element(o, "p", NULL, s);
		free(s);
		free(warnings);
		free(errors);
		free(version);
	}
	bd_out_end_full(o);

	section(o, prefix, "records", level + 1, bd_l10n_text(cat, "landing.records"));
	bd_out_start(o, "ul");
	bd_out_start(o, "li");
	s = bd_record_name(m, BD_REC_CHECK_TEXT);
	anchor(o, s, bd_l10n_text(cat, "landing.check-report"));
	free(s);
	bd_l10n_split(cat, "landing.check-report-formats", "json", &before, &after, NULL);
	bd_out_text(o, " ");
	bd_out_text(o, before);
	s = bd_record_name(m, BD_REC_CHECK_JSON);
	anchor(o, s, "JSON");
	free(s);
	bd_out_text(o, after);
	free(before);
	free(after);
	bd_out_end_full(o);
	if (alone)
		folder_links(o, cat);
	file_link(o, m, BD_REC_MARC, bd_l10n_text(cat, "landing.marc"), " (MARCXML)");
	file_link(o, m, BD_REC_ONIX, bd_l10n_text(cat, "landing.onix"), NULL);
	bd_out_end_full(o); /* ul */
	bd_out_end_full(o); /* section */
	if (!alone)
		bd_out_end_full(o); /* article */
	free(size);
}

bool bd_records_write_landing(const struct bd_record_meta *const *books, size_t n, const char *path,
			      struct bd_diag *diag)
{
	struct bd_out o;
	const char *lang = n ? books[0]->lang : "en", *publisher = n ? books[0]->publisher : NULL;
	const struct bd_l10n *cat;

	for (size_t i = 1; i < n; i++) {
		if (lang && strcmp(books[i]->lang, lang) != 0)
			lang = NULL;
		if (publisher && (!books[i]->publisher || strcmp(books[i]->publisher, publisher) != 0))
			publisher = NULL;
	}
	/* The page's own words: in the books' language when they share one. */
	cat = bd_l10n_for(lang);
	if (!bd_out_open_html(&o, path, diag))
		return false;
	bd_out_start(&o, "html");
	bd_out_attr(&o, "lang", lang ? lang : "und");
	if (lang && bd_l10n_rtl(lang))
		bd_out_attr(&o, "dir", "rtl");
	bd_out_start(&o, "head");
	bd_out_start(&o, "meta");
	bd_out_attr(&o, "charset", "utf-8");
	bd_out_end(&o);
	bd_out_start(&o, "meta");
	bd_out_attr(&o, "name", "viewport");
	bd_out_attr(&o, "content", "width=device-width, initial-scale=1");
	bd_out_end(&o);
	element(&o, "title", NULL, n == 1 ? books[0]->title : publisher ? publisher : bd_l10n_text(cat, "landing.books"));
	bd_out_start(&o, "link");
	bd_out_attr(&o, "rel", "alternate");
	bd_out_attr(&o, "type", BD_OPDS1_TYPE);
	bd_out_attr(&o, "href", BD_REC_OPDS1);
	bd_out_attr(&o, "title", bd_l10n_text(cat, "landing.opds-title"));
	bd_out_end(&o);
	element(&o, "style", NULL, style);
	bd_out_end_full(&o); /* head */

	bd_out_start(&o, "body");
	bd_out_start(&o, "main");
	if (n != 1) {
		char *count = bd_asprintf("%zu", n), *text = bd_l10n_format(cat, "landing.book-count", "count", count, NULL);
		element(&o, "h1", NULL, publisher ? publisher : bd_l10n_text(cat, "landing.books"));
		element(&o, "p", NULL, text);
		bd_out_start(&o, "ul");
		folder_links(&o, cat);
		bd_out_end_full(&o);
		free(text);
		free(count);
	}
	for (size_t i = 0; i < n; i++)
		book(&o, books[i], n == 1);
	bd_out_end_full(&o); /* main */
	bd_out_end_full(&o); /* body */
	bd_out_end_full(&o); /* html */
	return bd_out_close(&o);
}
