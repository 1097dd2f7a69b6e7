/* records_book.c - what bindery keeps per book in a published folder:
 * DIR/.bindery-book-SLUG.xml, every field of struct bd_record_meta (the
 * licence, the cover's text alternative and the check's result are not all
 * in the package), so that the shared files (feeds, landing page,
 * SHA256SUMS) can be rebuilt for every book present without the book's
 * sources.  Written with libxml2's text writer and read back with the one
 * safe parser. */
#include "records.h"

#include "alloc.h"
#include "xhtml.h"
#include "xml.h"

#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BOOK_FILE_MAX ((size_t)4 * 1024 * 1024)

static const struct {
	const char *name;
	size_t offset;
} strings[] = {
#define S(field, name) { name, offsetof(struct bd_record_meta, field) }
	S(slug, "slug"), S(identifier, "identifier"), S(isbn, "isbn"), S(uuid, "uuid"), S(title, "title"),
	S(subtitle, "subtitle"), S(edition, "edition"), S(lang, "lang"), S(publisher, "publisher"),
	S(rights, "rights"), S(license_href, "license-href"), S(license_text, "license-text"),
	S(description, "description"), S(marc_org, "marc-org"), S(published, "published"), S(modified, "modified"),
	S(a11y_summary, "a11y-summary"), S(conforms_to, "conforms-to"), S(certified_by, "certified-by"),
	S(epub_name, "epub-name"), S(epub_version, "epub-version"), S(cover_name, "cover-name"), S(cover_type, "cover-type"),
	S(cover_alt, "cover-alt"), S(thumbnail_name, "thumbnail-name"), S(thumbnail_type, "thumbnail-type"),
#undef S
};

static const struct {
	const char *name;
	size_t offset;
} lists[] = {
	{ "access-mode", offsetof(struct bd_record_meta, access_modes) },
	{ "sufficient", offsetof(struct bd_record_meta, sufficient) },
	{ "feature", offsetof(struct bd_record_meta, features) },
	{ "hazard", offsetof(struct bd_record_meta, hazards) },
	{ "file", offsetof(struct bd_record_meta, files) },
};

char *bd_record_book_file(const char *slug)
{
	return bd_asprintf("%s%s.xml", BD_REC_BOOK_PREFIX, slug);
}

static void people(struct bd_out *o, const char *element, const struct bd_person *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		bd_out_start(o, element);
		bd_out_attr(o, "name", p[i].name);
		bd_out_attr(o, "role", p[i].role);
		bd_out_attr(o, "file-as", p[i].file_as);
		bd_out_end(o);
	}
}

bool bd_record_book_write(const struct bd_record_meta *m, const char *path, struct bd_diag *diag)
{
	struct bd_out o;
	char number[32];

	if (!bd_out_open(&o, path, true, diag))
		return false;
	bd_out_start(&o, "bindery-book");
	bd_out_attr(&o, "version", "1");
	for (size_t i = 0; i < sizeof(strings) / sizeof(strings[0]); i++) {
		const char *v = *(char *const *)((const char *)m + strings[i].offset);
		if (v)
			bd_out_element(&o, strings[i].name, NULL, v);
	}
	people(&o, "creator", m->creators, m->ncreators);
	people(&o, "contributor", m->contributors, m->ncontributors);
	for (size_t i = 0; i < m->nsubjects; i++) {
		bd_out_start(&o, "subject");
		bd_out_attr(&o, "scheme", m->subjects[i].scheme);
		bd_out_attr(&o, "code", m->subjects[i].code);
		bd_out_attr(&o, "label", m->subjects[i].label);
		bd_out_attr(&o, "genre", m->subjects[i].genre ? "yes" : NULL);
		bd_out_end(&o);
	}
	for (size_t i = 0; i < sizeof(lists) / sizeof(lists[0]); i++) {
		const struct bd_strlist *l = (const struct bd_strlist *)((const char *)m + lists[i].offset);
		for (size_t j = 0; j < l->len; j++)
			bd_out_element(&o, lists[i].name, NULL, l->items[j]);
	}
	bd_out_start(&o, "epub");
	snprintf(number, sizeof(number), "%" PRIu64, m->epub_size);
	bd_out_attr(&o, "size", number);
	bd_out_attr(&o, "sha256", m->epub_sha256);
	bd_out_end(&o);
	bd_out_start(&o, "check");
	snprintf(number, sizeof(number), "%zu", m->check_errors);
	bd_out_attr(&o, "errors", number);
	snprintf(number, sizeof(number), "%zu", m->check_warnings);
	bd_out_attr(&o, "warnings", number);
	bd_out_end(&o);
	bd_out_end(&o);
	return bd_out_close(&o);
}

static void add_person(const xmlNode *el, struct bd_person **list, size_t *n)
{
	struct bd_person *p;

	*list = bd_realloc(*list, (*n + 1) * sizeof(**list));
	p = &(*list)[(*n)++];
	p->name = bd_xml_attr(el, "name");
	p->role = bd_xml_attr(el, "role");
	p->file_as = bd_xml_attr(el, "file-as");
}

static size_t number(const xmlNode *el, const char *name)
{
	char *v = bd_xml_attr(el, name);
	size_t n = v ? (size_t)strtoull(v, NULL, 10) : 0;

	free(v);
	return n;
}

bool bd_record_book_read(const char *path, struct bd_record_meta *m)
{
	struct bd_diag quiet;
	xmlDocPtr doc;
	const xmlNode *root;
	bool ok = false;

	/* A damaged file is no error: the book is then read from its EPUB. */
	bd_diag_init(&quiet);
	doc = bd_xml_read_file(path, path, BOOK_FILE_MAX, BD_XML_DEFAULT, &quiet);
	bd_diag_fini(&quiet);
	root = doc ? xmlDocGetRootElement(doc) : NULL;

	memset(m, 0, sizeof(*m));
	if (!root || !bd_xml_is(root, "bindery-book"))
		goto out;
	for (xmlNodePtr el = bd_xml_first_element(root); el; el = bd_xml_next_element(el)) {
		bool done = false;
		for (size_t i = 0; !done && i < sizeof(strings) / sizeof(strings[0]); i++) {
			char **field = (char **)((char *)m + strings[i].offset);
			if (bd_xml_is(el, strings[i].name) && !*field) {
				*field = bd_xml_text(el);
				done = true;
			}
		}
		for (size_t i = 0; !done && i < sizeof(lists) / sizeof(lists[0]); i++) {
			if (bd_xml_is(el, lists[i].name)) {
				char *text = bd_xml_text(el);
				bd_strlist_add((struct bd_strlist *)((char *)m + lists[i].offset), text);
				free(text);
				done = true;
			}
		}
		if (done) {
		} else if (bd_xml_is(el, "creator")) {
			add_person(el, &m->creators, &m->ncreators);
		} else if (bd_xml_is(el, "contributor")) {
			add_person(el, &m->contributors, &m->ncontributors);
		} else if (bd_xml_is(el, "subject")) {
			struct bd_subject *s;
			m->subjects = bd_realloc(m->subjects, (m->nsubjects + 1) * sizeof(*m->subjects));
			s = &m->subjects[m->nsubjects++];
			s->scheme = bd_xml_attr(el, "scheme");
			s->code = bd_xml_attr(el, "code");
			s->label = bd_xml_attr(el, "label");
			{
				char *genre = bd_xml_attr(el, "genre");
				s->genre = genre && strcmp(genre, "yes") == 0;
				free(genre);
			}
		} else if (bd_xml_is(el, "epub")) {
			char *sha = bd_xml_attr(el, "sha256");
			m->epub_size = number(el, "size");
			if (sha && strlen(sha) == 64)
				memcpy(m->epub_sha256, sha, 65);
			free(sha);
		} else if (bd_xml_is(el, "check")) {
			m->check_errors = number(el, "errors");
			m->check_warnings = number(el, "warnings");
		}
	}
	/* Without these no record can be written: the book is read from its EPUB instead. */
	ok = m->slug && m->identifier && m->title && m->lang && m->epub_name && m->modified && m->files.len;
out:
	xmlFreeDoc(doc);
	if (!ok)
		bd_record_meta_fini(m);
	return ok;
}
