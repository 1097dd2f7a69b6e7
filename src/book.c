/* book.c - the first pass: book.xml, the reading order, the glossary and an
 * index of every article, checked against each other. */
#include "read.h"

#include "alloc.h"
#include "edition.h"
#include "l10n.h"
#include "lang.h"
#include "readlevel.h"
#include "prefetch.h"
#include "terms.h"
#include "xml.h"

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <uuid/uuid.h>

static char *child_text(const xmlNode *parent, const char *name)
{
	xmlNodePtr c = bd_xml_child(parent, name);
	return c ? bd_xml_text(c) : NULL;
}

static void read_person(const xmlNode *el, struct bd_person **list, size_t *n)
{
	struct bd_person *p;

	*list = bd_realloc(*list, (*n + 1) * sizeof(**list));
	p = &(*list)[(*n)++];
	p->name = bd_xml_text(el);
	p->role = bd_xml_attr(el, "role");
	p->file_as = bd_xml_attr(el, "file-as");
}

/* The identifier never depends on the title: a UUID v5 of a fixed name. */
static char *identifier_for(const struct bd_book *b)
{
	uuid_t id;
	char text[37];

	if (b->isbn)
		return bd_asprintf("urn:isbn:%s", b->isbn);
	uuid_generate_sha1(id, *uuid_get_template("url"), b->uuid_name, strlen(b->uuid_name));
	uuid_unparse_lower(id, text);
	return bd_asprintf("urn:uuid:%s", text);
}

static void add_article(struct bd_book *b, const xmlNode *ref, enum bd_matter matter, size_t part,
			struct bd_diag *diag)
{
	struct bd_article *a;
	char *id = bd_xml_attr(ref, "ref");

	if (bd_book_article(b, id)) {
		bd_diag_report(diag, BD_R_ARTICLE_LISTED_TWICE, b->display, bd_xml_line(ref), bd_xml_col(ref),
			      "article '%s' is already in the reading order", id);
		free(id);
		return;
	}
	a = bd_book_append_article(b, id, bd_asprintf("%s/articles/%s.xml", b->dir, id),
				   (struct bd_loc){ b->display, bd_xml_line(ref), bd_xml_col(ref) }, matter);
	a->part = part;
}

static void read_contents(struct bd_book *b, const xmlNode *contents, struct bd_diag *diag)
{
	for (xmlNodePtr el = bd_xml_first_element(contents); el; el = bd_xml_next_element(el)) {
		enum bd_matter matter = bd_xml_is(el, "front") ? BD_FRONT : bd_xml_is(el, "back") ? BD_BACK : BD_BODY;
		size_t part = 0;

		if (matter == BD_BODY) {
			struct bd_part *p;
			b->parts = bd_realloc(b->parts, (b->nparts + 1) * sizeof(*b->parts));
			part = b->nparts++;
			p = &b->parts[part];
			p->id = bd_xml_attr(el, "id");
			p->title = child_text(el, "title");
			p->first = b->narticles;
			p->count = 0;
		}
		for (xmlNodePtr ref = bd_xml_first_element(el); ref; ref = bd_xml_next_element(ref)) {
			size_t before = b->narticles;
			if (!bd_xml_is(ref, "article"))
				continue;
			add_article(b, ref, matter, part, diag);
			if (matter == BD_BODY)
				b->parts[part].count += b->narticles - before;
		}
	}
}

/* The ids book.xml gives: the slug, part ids and the reading order's
 * article references.  These name files (dist/SLUG.epub,
 * articles/ID.xml), so a misspelt one stops the read like a schema error
 * would, before any file is looked for under a wrong name. */
static bool ids_spelled_right(const xmlNode *root, const char *display, struct bd_diag *diag)
{
	bool ok = true;
	char *value = bd_xml_attr(root, "slug");
	struct bd_loc at = { display, bd_xml_line(root), bd_xml_col(root) };

	ok = bd_lex_check_id(diag, at, "slug", value) && ok;
	free(value);
	for (xmlNodePtr el = bd_xml_first_element(bd_xml_child(root, "contents")); el; el = bd_xml_next_element(el)) {
		at.line = bd_xml_line(el);
		at.col = bd_xml_col(el);
		value = bd_xml_attr(el, "id");
		ok = bd_lex_check_id(diag, at, "id", value) && ok;
		free(value);
		for (xmlNodePtr ref = bd_xml_first_element(el); ref; ref = bd_xml_next_element(ref)) {
			if (!bd_xml_is(ref, "article"))
				continue;
			at.line = bd_xml_line(ref);
			at.col = bd_xml_col(ref);
			value = bd_xml_attr(ref, "ref");
			ok = bd_lex_check_id(diag, at, "article reference", value) && ok;
			free(value);
		}
	}
	return ok;
}

/* book.xml's lang, by the rule the checker applies to dc:language (lang.c),
 * told at <book> rather than later in the built package document.  The
 * schema takes any text here, so this is the one message.  A valid tag with
 * no catalogue of bindery's own words (l10n.h) gets English, said once. */
static void check_lang(const xmlNode *root, const char *display, struct bd_diag *diag)
{
	struct bd_lang_result res;
	char *lang = bd_xml_attr(root, "lang"), *msg = NULL;

	if (!lang)
		goto out;
	if (bd_lang_check(lang, &res) == BD_LANG_VALID) {
		if (!bd_l10n_find(lang))
			bd_diag_report(diag, BD_R_CATALOGUE_MISSING, display, bd_xml_line(root), bd_xml_col(root),
				       "bindery has no catalogue for lang=\"%s\", so the words it writes itself "
				       "(contents, glossary, notes) are in English; add l10n/%.*s.txt to bindery "
				       "(README: Catalogues)",
				       lang, (int)strcspn(lang, "-"), lang);
		goto out;
	}
	msg = bd_lang_message("lang=", "\"", lang, &res);
	bd_diag_report(diag, BD_R_LANGUAGE_INVALID, display, bd_xml_line(root), bd_xml_col(root), "%s", msg);
out:
	free(msg);
	free(lang);
}

/* <reading-level>: a formula for the book's language, with its kind of limit. */
static void check_reading_level(const struct bd_book *b, const xmlNode *root, struct bd_diag *diag)
{
	const xmlNode *el = bd_xml_child(root, "reading-level");
	char *msg;

	if (!el)
		return;
	msg = bd_rl_target_problem(b->lang, b->reading_formula, xmlHasProp(el, BAD_CAST "max-grade") != NULL,
				   xmlHasProp(el, BAD_CAST "min-ease") != NULL);
	if (msg)
		bd_diag_report(diag, BD_R_READING_LEVEL_FORMULA, b->display, bd_xml_line(el), bd_xml_col(el), "%s", msg);
	free(msg);
}

static void read_metadata(struct bd_book *b, const xmlNode *root)
{
	xmlNodePtr el;

	b->slug = bd_xml_attr(root, "slug");
	b->lang = bd_xml_attr(root, "lang");
	b->title = child_text(root, "title");
	b->subtitle = child_text(root, "subtitle");
	b->edition = child_text(root, "edition");
	el = bd_xml_child(root, "identifier");
	b->uuid_name = bd_xml_attr(el, "uuid-name");
	b->isbn = bd_xml_attr(el, "isbn");
	b->identifier = identifier_for(b);
	for (el = bd_xml_first_element(root); el; el = bd_xml_next_element(el)) {
		if (bd_xml_is(el, "creator"))
			read_person(el, &b->creators, &b->ncreators);
		else if (bd_xml_is(el, "contributor"))
			read_person(el, &b->contributors, &b->ncontributors);
		else if (bd_xml_is(el, "subject")) {
			struct bd_subject *s;
			b->subjects = bd_realloc(b->subjects, (b->nsubjects + 1) * sizeof(*b->subjects));
			s = &b->subjects[b->nsubjects++];
			s->scheme = bd_xml_attr(el, "scheme");
			s->code = bd_xml_attr(el, "code");
			s->label = bd_xml_text(el);
			{
				char *type = bd_xml_attr(el, "type");
				s->genre = type && strcmp(type, "genre") == 0;
				free(type);
			}
		} else if (bd_xml_is(el, "stylesheet")) {
			b->stylesheets = bd_realloc(b->stylesheets, (b->nstylesheets + 1) * sizeof(char *));
			b->stylesheets[b->nstylesheets++] = bd_xml_attr(el, "href");
		}
	}
	b->publisher = child_text(root, "publisher");
	if ((el = bd_xml_child(root, "editions"))) {
		for (xmlNodePtr ed = bd_xml_first_element(el); ed; ed = bd_xml_next_element(ed)) {
			b->edition_files = bd_realloc(b->edition_files, (b->neditions + 1) * sizeof(char *));
			b->edition_at = bd_realloc(b->edition_at, (b->neditions + 1) * sizeof(*b->edition_at));
			b->edition_files[b->neditions] = bd_xml_attr(ed, "href");
			b->edition_at[b->neditions++] = (struct bd_loc){ b->display, bd_xml_line(ed), bd_xml_col(ed) };
		}
	}
	if ((el = bd_xml_child(root, "marc-organization")))
		b->marc_org = bd_xml_attr(el, "code");
	b->rights = child_text(root, "rights");
	if ((el = bd_xml_child(root, "license"))) {
		b->license_href = bd_xml_attr(el, "href");
		b->license_text = bd_xml_text(el);
	}
	b->description = child_text(root, "description");
	b->published = child_text(root, "published");
	b->modified = child_text(root, "modified");
	el = bd_xml_child(root, "review");
	{
		char *status = bd_xml_attr(el, "status");
		b->reviewed = status && strcmp(status, "reviewed") == 0;
		free(status);
	}
	b->review_date = bd_xml_attr(el, "date");
	b->reviewer = bd_xml_attr(el, "reviewer");
	b->next_review = bd_xml_attr(el, "next-due");
	el = bd_xml_child(root, "accessibility");
	b->a11y_summary = child_text(el, "summary");
	b->a11y_assessed_by = child_text(el, "assessed-by");
	if ((el = bd_xml_child(root, "reading-level"))) {
		char *grade = bd_xml_attr(el, "max-grade"), *ease = bd_xml_attr(el, "min-ease");
		b->max_grade = grade ? strtod(grade, NULL) : 0;
		b->min_ease = ease ? strtod(ease, NULL) : 0;
		b->reading_formula = bd_xml_attr(el, "formula");
		free(grade);
		free(ease);
	}
	el = bd_xml_child(root, "cover");
	b->cover_src = bd_xml_attr(el, "src");
	b->cover_source = bd_xml_attr(el, "source");
	b->thumbnail_src = bd_xml_attr(el, "thumbnail");
	b->cover_alt = bd_xml_attr(el, "alt");
	el = bd_xml_child(root, "glossary");
	b->glossary_href = bd_xml_attr(el, "href");
	b->glossary_at = (struct bd_loc){ b->display, bd_xml_line(el), bd_xml_col(el) };
	{
		char *popups = bd_xml_attr(el, "popups");
		b->glossary_popups = popups && strcmp(popups, "yes") == 0;
		free(popups);
	}
}

/* Whether two paths in the EPUB clash as EPUB 3.3 compares names (rules.h). */
static bool same_file_name(const char *a, const char *b)
{
	char *ka = bd_filename_key(a), *kb = bd_filename_key(b);
	bool same = strcmp(ka ? ka : a, kb ? kb : b) == 0;

	free(ka);
	free(kb);
	return same;
}

/* The EPUB carries the stylesheet as it is: what it loads from outside
 * the book is an error here, at its line in the CSS (display names it). */
static void check_stylesheet(FILE *f, const char *display, struct bd_diag *diag)
{
	struct bd_loc at = { display, 1, 1 };
	char *buf = NULL;
	size_t len = 0;

	/* An unreadable file fails when it is copied into the EPUB; a huge one
	 * is left to the check of the EPUB, not held twice in memory here. */
	if (bd_infile_read_all(f, BD_XML_SOURCE_MAX, &buf, &len) && len <= BD_XML_SOURCE_MAX)
		bd_source_check_css(diag, at, BD_CSS_FILE, "this stylesheet", buf, len, false);
	free(buf);
}

/* The media type of the cover (what: "cover") or its thumbnail, a PNG or
 * JPEG at src; NULL after an error at the <cover> element. */
static const char *cover_image(const struct bd_book *b, const xmlNode *cover, const char *what, const char *src,
			       struct bd_diag *diag)
{
	char *path = bd_asprintf("%s/%s", b->dir, src);
	enum bd_infile_status status;
	const char *kind;
	const char *type = bd_image_media_type(path, &status, &kind);

	free(path);
	if (status == BD_INFILE_NOT_REGULAR) {
		bd_diag_report(diag, BD_R_NOT_A_FILE, b->display, bd_xml_line(cover), bd_xml_col(cover),
			       "%s '%s' is %s, not a regular file", what, src, kind);
		return NULL;
	}
	if (!type || strcmp(type, "image/svg+xml") == 0) {
		bd_diag_report(diag, BD_R_COVER_IMAGE, b->display, bd_xml_line(cover), bd_xml_col(cover),
			       "%s '%s' is missing or not a PNG or JPEG file", what, src);
		return NULL;
	}
	return type;
}

/* Files the book uses beside the articles: the cover and stylesheets. */
static void check_files(struct bd_book *b, const xmlNode *root, struct bd_diag *diag)
{
	xmlNodePtr cover = bd_xml_child(root, "cover");
	enum bd_infile_status status;
	const char *kind, *type;
	char *path;

	if ((type = cover_image(b, cover, "cover", b->cover_src, diag)))
		bd_book_add_image(b, b->cover_src, type, true);  /* the first image: nothing to clash with */
	/* The thumbnail goes beside the EPUB, not into it: checked like the cover. */
	if (b->thumbnail_src)
		b->thumbnail_type = cover_image(b, cover, "thumbnail", b->thumbnail_src, diag);
	size_t nth = 0;   /* index of this stylesheet in b->stylesheets */

	for (xmlNodePtr el = bd_xml_first_element(root); el; el = bd_xml_next_element(el)) {
		char *href;
		FILE *f;
		if (!bd_xml_is(el, "stylesheet"))
			continue;
		href = bd_xml_attr(el, "href");
		path = bd_asprintf("%s/%s", b->dir, href);
		/* Stylesheets land in one folder of the EPUB, so base names must differ. */
		for (size_t i = 0; i < nth; i++) {
			char *mine = bd_style_href(href), *theirs = bd_style_href(b->stylesheets[i]);
			if (same_file_name(mine, theirs))
				bd_diag_report(diag, BD_R_STYLESHEET_NAME_CLASH, b->display, bd_xml_line(el), bd_xml_col(el),
					      "stylesheet '%s' has the same file name as '%s'", href, b->stylesheets[i]);
			free(mine);
			free(theirs);
		}
		nth++;
		if ((f = bd_infile_open(path, &status, &kind))) {
			check_stylesheet(f, path, diag);
			fclose(f);
		} else if (status == BD_INFILE_NOT_REGULAR) {
			bd_diag_report(diag, BD_R_NOT_A_FILE, b->display, bd_xml_line(el), bd_xml_col(el),
				       "stylesheet '%s' is %s, not a regular file", href, kind);
		} else {
			bd_diag_report(diag, BD_R_STYLESHEET_MISSING, b->display, bd_xml_line(el), bd_xml_col(el),
				       "stylesheet '%s' does not exist", href);
		}
		free(path);
		free(href);
	}
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every article file must be in the reading order, or it would silently vanish. */
static void check_unlisted(struct bd_book *b, struct bd_diag *diag)
{
	char *dir_path = bd_asprintf("%s/articles", b->dir);
	DIR *dir = opendir(dir_path);
	char **names = NULL;
	size_t n = 0;
	struct dirent *ent;

	if (!dir) {
		free(dir_path);
		return;
	}
	while ((ent = readdir(dir))) {
		size_t len = strlen(ent->d_name);
		if (len > 4 && strcmp(ent->d_name + len - 4, ".xml") == 0) {
			names = bd_realloc(names, (n + 1) * sizeof(char *));
			names[n++] = bd_strndup(ent->d_name, len - 4);
		}
	}
	closedir(dir);
	qsort(names, n, sizeof(char *), compare_names);
	for (size_t i = 0; i < n; i++) {
		if (!bd_book_article(b, names[i])) {
			char *file = bd_asprintf("%s/%s.xml", dir_path, names[i]);
			bd_diag_report(diag, BD_R_ARTICLE_UNLISTED, file, 0, 0,
				      "this article is not in the reading order of %s", b->display);
			free(file);
		}
		free(names[i]);
	}
	free(names);
	free(dir_path);
}

void bd_book_resolve_xrefs(struct bd_book *b, struct bd_xref_list *xrefs, struct bd_diag *diag)
{
	for (size_t i = 0; i < xrefs->len; i++) {
		struct bd_xref_use *x = &xrefs->items[i];
		char *hash = strchr(x->key, '#');
		size_t len = hash ? (size_t)(hash - x->key) : strlen(x->key);
		char *article = bd_strndup(x->key, len);

		const struct bd_article *target = bd_book_article(b, article);

		if (!target) {
			const char *near = bd_book_article_nearest(b, article);

			if (near)
				bd_diag_report(diag, BD_R_XREF_ARTICLE, x->loc.file, x->loc.line, x->loc.col,
					       "cross-reference to article '%s', which is not in the book; did you mean '%s'?",
					       article, near);
			else
				bd_diag_report(diag, BD_R_XREF_ARTICLE, x->loc.file, x->loc.line, x->loc.col,
					       "cross-reference to article '%s', which is not in the book", article);
		} else if (hash && target->loaded_ok && !bd_book_anchor(b, x->key)) {
			/* A target that failed to read has its own error; its sections are unknown. */
			char *near = bd_book_anchor_nearest(b, article, hash + 1);

			if (near)
				bd_diag_report(diag, BD_R_XREF_SECTION, x->loc.file, x->loc.line, x->loc.col,
					       "cross-reference to '%s', but article '%s' has no section or figure with id "
					       "'%s'; did you mean '%s#%s'?", x->key, article, hash + 1, article, near);
			else
				bd_diag_report(diag, BD_R_XREF_SECTION, x->loc.file, x->loc.line, x->loc.col,
					       "cross-reference to '%s', but article '%s' has no section or figure with id '%s'",
					       x->key, article, hash + 1);
			free(near);
		}
		free(article);
		free(x->key);
	}
	free(xrefs->items);
	memset(xrefs, 0, sizeof(*xrefs));
}

/* Text in book.xml that readers and catalogues show must show something;
 * the schema only asks for one character, which may be a space. */
static void check_metadata(struct bd_book *b, const xmlNode *root, struct bd_diag *diag)
{
	static const struct {
		const char *element, *why;
	} shown[] = {
		{ "title", "write the book's title" },
		{ "subtitle", "write the subtitle, or leave it out" },
		{ "edition", "write the edition, for example 'First edition'" },
		{ "publisher", "write who publishes the book" },
		{ "rights", "say who holds the rights and on what terms" },
		{ "description", "describe the book in a sentence or two for catalogues" },
	};
	xmlNodePtr el;
	long long t;

	for (size_t i = 0; i < sizeof(shown) / sizeof(shown[0]); i++) {
		char *what;

		el = bd_xml_child(root, shown[i].element);
		if (!el)
			continue;
		what = bd_asprintf("<%s>", shown[i].element);
		bd_text_check_element(diag, (struct bd_loc){ b->display, bd_xml_line(el), bd_xml_col(el) }, what, el,
				      shown[i].why);
		free(what);
	}
	for (el = bd_xml_first_element(root); el; el = bd_xml_next_element(el)) {
		struct bd_loc at = { b->display, bd_xml_line(el), bd_xml_col(el) };

		if (bd_xml_is(el, "creator") || bd_xml_is(el, "contributor"))
			bd_text_check_element(diag, at, bd_xml_is(el, "creator") ? "<creator>" : "<contributor>", el,
					      "write the person's or organisation's name");
	}
	if ((el = bd_xml_child(root, "cover"))) {
		struct bd_loc at = { b->display, bd_xml_line(el), bd_xml_col(el) };

		bd_text_check_visible(diag, at, "the cover's alt", b->cover_alt,
				      "describe the cover in a few words for readers who cannot see it");
	}
	if ((el = bd_xml_child(bd_xml_child(root, "accessibility"), "summary")))
		bd_text_check_element(diag, (struct bd_loc){ b->display, bd_xml_line(el), bd_xml_col(el) },
				      "<summary>", el, "describe the book's accessibility in plain words");
	if ((el = bd_xml_child(root, "contents"))) {
		for (xmlNodePtr part = bd_xml_first_element(el); part; part = bd_xml_next_element(part)) {
			xmlNodePtr title = bd_xml_child(part, "title");

			if (title)
				bd_text_check_element(diag, (struct bd_loc){ b->display, bd_xml_line(title), bd_xml_col(title) },
						      "<title>", title,
						      "readers would see a blank part heading in the contents");
		}
	}
	/* The schema checks the form; this checks the date is a real one. */
	el = bd_xml_child(root, "modified");
	if (el && b->modified && !bd_datetime_valid(b->modified, &t))
		bd_diag_report(diag, BD_R_MODIFIED, b->display, bd_xml_line(el), bd_xml_col(el),
			       "<modified> '%s' is not a real date and time; write YYYY-MM-DDThh:mm:ssZ in UTC",
			       b->modified);
}

int bd_book_read(const char *dir, bool threads, struct bd_diag *diag, struct bd_book **out)
{
	struct bd_book *b = bd_book_new();
	struct bd_xref_list xrefs = { 0 };
	size_t errors_before = bd_diag_errors(diag);
	xmlDocPtr doc = NULL;
	xmlNodePtr root;
	const struct bd_article *urgent = NULL;
	struct bd_prefetch *pf = NULL;

	*out = b;
	b->dir = bd_strdup(dir);
	b->display = bd_asprintf("%s/book.xml", dir);
	if (access(b->display, R_OK) != 0) {
		/* No book here at all: a wrong path, not a mistake in a source. */
		bd_diag_report(diag, BD_R_IO, b->display, 0, 0, "cannot read the book manifest: %s", strerror(errno));
		return 3;
	}
	doc = bd_xml_read_file(b->display, b->display, BD_XML_SOURCE_MAX, BD_XML_DEFAULT, diag);
	if (!doc || !bd_xml_validate(doc, BD_SCHEMA_BOOK, b->display, diag))
		goto out;
	root = xmlDocGetRootElement(doc);
	/* Before the ids, whose errors stop the read: a wrong lang is told in the same run. */
	check_lang(root, b->display, diag);
	if (!ids_spelled_right(root, b->display, diag))
		goto out;
	read_metadata(b, root);
	bd_contacts_read(root, b->display, &b->contacts, &b->ncontacts, diag);
	check_metadata(b, root, diag);
	check_reading_level(b, root, diag);
	read_contents(b, bd_xml_child(root, "contents"), diag);
	check_files(b, root, diag);
	check_unlisted(b, diag);
	bd_glossary_read(b, diag);
	bd_terms_prepare(b);

	/* The next articles are read, parsed and validated on a second thread
	 * while this one is indexed. */
	pf = bd_prefetch_start(b->narticles, BD_ARTICLES_AHEAD, bd_article_open_first, bd_article_source_release, b,
			       diag->werror, threads);
	for (size_t i = 0; i < b->narticles; i++) {
		struct bd_article *a = &b->articles[i];
		struct bd_article_source *src = bd_prefetch_take(pf, i, diag);
		if (src->missing) {
			bd_diag_report(diag, BD_R_ARTICLE_MISSING, a->listed.file, a->listed.line, a->listed.col,
				      "article '%s' is listed, but %s does not exist", a->id, a->path);
			bd_prefetch_give_back(pf, src);
			continue;
		}
		bd_article_index(b, i, src, &xrefs, diag);
		bd_prefetch_give_back(pf, src);
		if (a->urgent && urgent)
			bd_diag_report(diag, BD_R_URGENT_TWICE, a->display, a->at.line, a->at.col,
				      "only one article can be marked urgent; '%s' already is", urgent->id);
		else if (a->urgent)
			urgent = a;
	}
	bd_prefetch_stop(pf);
	pf = NULL;
	bd_book_resolve_xrefs(b, &xrefs, diag);
	/* Uses are only known when every article was read. */
	for (size_t i = 0; i < b->narticles; i++)
		if (!b->articles[i].loaded_ok)
			goto out;
	for (size_t i = 0; i < b->nglossary; i++) {
		struct bd_gloss_entry *e = &b->glossary[i];
		if (e->nused == 0)
			bd_diag_report(diag, BD_R_GLOSSARY_UNUSED, e->loc.file, e->loc.line, e->loc.col,
					"glossary entry '%s' is not used in any article", e->id);
	}
out:
	bd_prefetch_stop(pf);
	xmlFreeDoc(doc);
	return bd_diag_errors(diag) > errors_before ? 1 : 0;
}

const char *bd_image_media_type(const char *path, enum bd_infile_status *status, const char **kind)
{
	unsigned char head[16];
	size_t n, len = strlen(path);
	FILE *f = bd_infile_open(path, status, kind);
	const char *type = NULL;

	if (!f)
		return NULL;
	n = fread(head, 1, sizeof(head), f);
	fclose(f);
	if (len > 4 && strcmp(path + len - 4, ".png") == 0)
		type = "image/png";
	else if ((len > 4 && strcmp(path + len - 4, ".jpg") == 0) || (len > 5 && strcmp(path + len - 5, ".jpeg") == 0))
		type = "image/jpeg";
	else if (len > 4 && strcmp(path + len - 4, ".svg") == 0)
		type = "image/svg+xml";
	/* The same sniffing the checker does on the built EPUB. */
	return type && n > 0 && bd_media_sniff_ok(type, head, n) ? type : NULL;
}
