/* records_opds.c - OPDS catalogs: an OPDS 1.2 acquisition feed (Atom) and
 * an OPDS 2.0 feed (JSON) with the Readium accessibility object.
 *
 * The entry's atom:id is the book's identifier, so a reading app that sees
 * the feed again knows the book.  The feed's own id must differ from it: a
 * version 5 UUID of the identifier, equally stable.  Atom and OPDS 2 want
 * IRIs and date-times where EPUBs made elsewhere may hold a bare ISBN or a
 * date: entry_id and date_time give them the form the formats require. */
#include "records.h"
#include "web.h"

#include "alloc.h"
#include "l10n.h"
#include "json.h"
#include "outfile.h"
#include "xhtml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uuid/uuid.h>

static char *uuid_urn(const char *name);

/* The feed's id: from the lowest identifier, so a one-book folder keeps
 * its book's feed id and adding books changes it only if one sorts first. */
static char *feed_id(const struct bd_record_meta *const *books, size_t n)
{
	const char *lowest = NULL;
	char *name, *urn;

	for (size_t i = 0; i < n; i++)
		if (!lowest || strcmp(books[i]->identifier, lowest) < 0)
			lowest = books[i]->identifier;
	name = bd_asprintf("%s#opds-catalog", lowest ? lowest : "bindery");
	urn = uuid_urn(name);
	free(name);
	return urn;
}

/* A version 5 UUID URN of name (URL namespace); a new string. */
static char *uuid_urn(const char *name)
{
	uuid_t id;
	char text[37];

	uuid_generate_sha1(id, *uuid_get_template("url"), name, strlen(name));
	uuid_unparse_lower(id, text);
	return bd_asprintf("urn:uuid:%s", text);
}

/* The identifier as an IRI: kept when it has a scheme ("urn:", "https:"),
 * urn:isbn: for a bare ISBN (hyphens dropped), else a version 5 UUID of
 * it, which stays the same for the same identifier.  A new string. */
static char *entry_id(const char *identifier)
{
	const char *s = identifier ? identifier : "";
	size_t i = 0, digits = 0;
	char isbn[14];

	if ((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')) {
		while (s[i] && (strchr("+-.", s[i]) || (s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'z') ||
				(s[i] >= 'A' && s[i] <= 'Z')))
			i++;
		if (s[i] == ':' && i > 1 && !strchr(s, ' '))
			return bd_strdup(s);
	}
	for (i = 0; s[i] && digits < sizeof(isbn) - 1; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			isbn[digits++] = s[i];
		else if (s[i] != '-' || i == 0)
			break;
	}
	if (!s[i] && (digits == 13 || digits == 10)) {
		isbn[digits] = '\0';
		return bd_asprintf("urn:isbn:%s", isbn);
	}
	return uuid_urn(s);
}

/* A date or date-time as RFC 3339's date-time, which Atom's updated and
 * OPDS 2's modified require: YYYY and YYYY-MM-DD become midnight UTC on
 * their first day; a value with a time is kept.  A new string. */
static char *date_time(const char *s)
{
	size_t n = s ? strlen(s) : 0;

	if (n == 4)
		return bd_asprintf("%s-01-01T00:00:00Z", s);
	if (n == 7)
		return bd_asprintf("%s-01T00:00:00Z", s);
	if (n == 10)
		return bd_asprintf("%sT00:00:00Z", s);
	if (n > 10 && s[10] == 'T')
		return bd_strdup(s);
	return bd_strdup("1970-01-01T00:00:00Z");
}

/* When the book last changed: modified, else published. */
static const char *changed(const struct bd_record_meta *m)
{
	return m->modified ? m->modified : m->published;
}

/* The acquisition relation: open access only under an open licence. */
static const char *acquisition_rel(const struct bd_record_meta *m)
{
	return bd_record_open_licence(m) ? "http://opds-spec.org/acquisition/open-access"
					 : "http://opds-spec.org/acquisition";
}

/* What the feed says of itself: one book's title, or the publisher all the
 * books share, else "Books" in their language; the latest modification; the
 * shared language. */
struct feed_head {
	const char *title, *publisher, *updated, *lang;
};

static struct feed_head feed_head(const struct bd_record_meta *const *books, size_t n)
{
	struct feed_head h = { n == 1 ? books[0]->title : "Books", n ? books[0]->publisher : NULL,
			       n && changed(books[0]) ? changed(books[0]) : "1970-01-01T00:00:00Z",
			       n ? books[0]->lang : NULL };

	for (size_t i = 1; i < n; i++) {
		if (h.publisher && (!books[i]->publisher || strcmp(books[i]->publisher, h.publisher) != 0))
			h.publisher = NULL;
		if (changed(books[i]) && strcmp(changed(books[i]), h.updated) > 0)
			h.updated = changed(books[i]);
		if (h.lang && strcmp(books[i]->lang, h.lang) != 0)
			h.lang = NULL;
	}
	if (n > 1 && h.publisher)
		h.title = h.publisher;
	else if (n != 1)
		h.title = bd_l10n_text(bd_l10n_for(h.lang), "landing.books");  /* in the books' language */
	return h;
}

/* The vocabulary a subject scheme names, as a URI for OPDS. */
static const char *scheme_uri(const char *scheme)
{
	if (!scheme || strcmp(scheme, "keyword") == 0)
		return NULL;
	if (strcmp(scheme, "MeSH") == 0)
		return "https://id.nlm.nih.gov/mesh/";
	if (strcmp(scheme, "LCSH") == 0)
		return "http://id.loc.gov/authorities/subjects";
	if (strcmp(scheme, "BISAC") == 0)
		return "https://www.bisg.org/bisac-subject-codes";
	return NULL;
}

static void link(struct bd_out *o, const char *rel, const char *href, const char *type, const char *title)
{
	bd_out_start(o, "link");
	bd_out_attr(o, "rel", rel);
	bd_out_attr(o, "href", href);
	bd_out_attr(o, "type", type);
	bd_out_attr(o, "title", title);
	bd_out_end(o);
}

static void people(struct bd_out *o, const char *element, const struct bd_person *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		bd_out_start(o, element);
		bd_out_element(o, "name", NULL, p[i].name);
		bd_out_end(o);
	}
}

/* One book's entry, its links made from its base_url. */
static void entry(struct bd_out *o, const struct bd_record_meta *m)
{
	char *epub = bd_record_link(m, m->epub_name);
	char *cover = m->cover_name ? bd_record_link(m, m->cover_name) : NULL;
	char *thumbnail = m->thumbnail_name ? bd_record_link(m, m->thumbnail_name) : NULL;
	char *length = bd_asprintf("%llu", (unsigned long long)m->epub_size);
	char *id = entry_id(m->identifier), *updated = date_time(changed(m));
	char *start = bd_web_start_page(m), *web = start ? bd_record_link(m, start) : NULL;

	bd_out_start(o, "entry");
	bd_out_element(o, "title", NULL, m->title);
	bd_out_element(o, "id", NULL, id);
	bd_out_element(o, "updated", NULL, updated);
	people(o, "author", m->creators, m->ncreators);
	people(o, "contributor", m->contributors, m->ncontributors);
	if (m->rights)
		bd_out_element(o, "rights", NULL, m->rights);
	/* RFC 4287 4.1.2: an entry without atom:content needs an alternate
	 * link; the text content is the description (or the title). */
	bd_out_start(o, "content");
	bd_out_attr(o, "type", "text");
	bd_out_text(o, m->description ? m->description : m->title);
	bd_out_end(o);
	bd_out_element(o, "dc:identifier", NULL, m->identifier);
	if (m->isbn && m->uuid)
		bd_out_element(o, "dc:identifier", NULL, m->uuid);
	bd_out_element(o, "dc:language", NULL, m->lang);
	if (m->publisher)
		bd_out_element(o, "dc:publisher", NULL, m->publisher);
	if (m->published)
		bd_out_element(o, "dc:issued", NULL, m->published);
	for (size_t i = 0; i < m->nsubjects; i++) {
		const struct bd_subject *s = &m->subjects[i];
		bd_out_start(o, "category");
		bd_out_attr(o, "scheme", scheme_uri(s->scheme));
		bd_out_attr(o, "term", s->code && scheme_uri(s->scheme) ? s->code : s->label);
		bd_out_attr(o, "label", s->label);
		bd_out_end(o);
	}
	/* A thumbnail only when the book has one: the full cover is no
	 * thumbnail for a tablet browsing the feed. */
	if (cover)
		link(o, "http://opds-spec.org/image", cover, m->cover_type, NULL);
	if (thumbnail)
		link(o, "http://opds-spec.org/image/thumbnail", thumbnail, m->thumbnail_type, NULL);
	bd_out_start(o, "link");
	bd_out_attr(o, "rel", acquisition_rel(m));
	bd_out_attr(o, "href", epub);
	bd_out_attr(o, "type", BD_EPUB_TYPE);
	bd_out_attr(o, "length", length);
	bd_out_end(o);
	if (web)
		link(o, "alternate", web, "text/html", bd_l10n_text(bd_l10n_for(m->lang), "landing.read-web"));
	bd_out_end(o); /* entry */
	free(web);
	free(start);
	free(updated);
	free(id);
	free(thumbnail);
	free(length);
	free(cover);
	free(epub);
}

bool bd_records_write_opds1(const struct bd_record_meta *const *books, size_t n, const char *base_url,
			    const char *path, struct bd_diag *diag)
{
	struct bd_record_meta folder = { .base_url = (char *)base_url };
	struct feed_head h = feed_head(books, n);
	struct bd_out o;
	char *id = feed_id(books, n);
	char *self = bd_record_link(&folder, BD_REC_OPDS1);
	char *updated = NULL;
	bool ok;

	if (!bd_out_open(&o, path, true, diag)) {
		ok = false;
		goto out;
	}
	bd_out_start(&o, "feed");
	bd_out_attr(&o, "xmlns", "http://www.w3.org/2005/Atom");
	bd_out_attr(&o, "xmlns:dc", "http://purl.org/dc/terms/");
	bd_out_attr(&o, "xmlns:opds", "http://opds-spec.org/2010/catalog");
	bd_out_attr(&o, "xml:lang", h.lang);
	bd_out_element(&o, "id", NULL, id);
	bd_out_element(&o, "title", NULL, h.title);
	updated = date_time(h.updated);
	bd_out_element(&o, "updated", NULL, updated);
	if (h.publisher) {
		bd_out_start(&o, "author");
		bd_out_element(&o, "name", NULL, h.publisher);
		bd_out_end(&o);
	}
	link(&o, "self", self, BD_OPDS1_TYPE, NULL);
	link(&o, "start", self, BD_OPDS1_TYPE, NULL);
	for (size_t i = 0; i < n; i++)
		entry(&o, books[i]);
	bd_out_end(&o); /* feed */
	ok = bd_out_close(&o);
out:
	free(updated);
	free(self);
	free(id);
	return ok;
}

/* ---- OPDS 2.0 -------------------------------------------------------------- */

static void contributors(struct bd_json *j, const char *role, const struct bd_person *p, size_t n, bool any_role)
{
	bool first = true;

	for (size_t i = 0; i < n; i++) {
		const char *r = p[i].role ? p[i].role : "";
		if (any_role ? (strcmp(r, "aut") == 0 || strcmp(r, "edt") == 0 || strcmp(r, "ill") == 0 ||
				strcmp(r, "trl") == 0)
			     : strcmp(r, role) != 0)
			continue;
		if (first) {
			bd_json_key(j, any_role ? "contributor" : strcmp(role, "aut") == 0 ? "author"
							  : strcmp(role, "edt") == 0 ? "editor"
							  : strcmp(role, "ill") == 0 ? "illustrator"
										   : "translator");
			bd_json_array(j, BD_JSON_INLINE);
		}
		bd_json_object(j, BD_JSON_INLINE);
		bd_json_member(j, "name", p[i].name);
		if (p[i].file_as)
			bd_json_member(j, "sortAs", p[i].file_as);
		if (any_role && p[i].role)
			bd_json_member(j, "role", p[i].role);
		bd_json_close(j);
		first = false;
	}
	if (!first)
		bd_json_close(j);
}

static void people_json(struct bd_json *j, const struct bd_record_meta *m)
{
	/* Creators and contributors together, by the role each has. */
	size_t n = m->ncreators + m->ncontributors;
	struct bd_person *all = bd_calloc(n ? n : 1, sizeof(*all));
	const char *roles[] = { "aut", "edt", "ill", "trl" };

	memcpy(all, m->creators, m->ncreators * sizeof(*all));
	if (m->ncontributors)
		memcpy(all + m->ncreators, m->contributors, m->ncontributors * sizeof(*all));
	/* A creator without a role is an author. */
	for (size_t i = 0; i < m->ncreators; i++)
		if (!all[i].role)
			all[i].role = "aut";
	for (size_t i = 0; i < sizeof(roles) / sizeof(roles[0]); i++)
		contributors(j, roles[i], all, n, false);
	contributors(j, NULL, all, n, true);
	free(all);
}

static void optional_member(struct bd_json *j, const char *name, const char *value)
{
	if (value)
		bd_json_member(j, name, value);
}

static void accessibility(struct bd_json *j, const struct bd_record_meta *m, const char *conformance)
{
	bd_json_key(j, "accessibility");
	bd_json_object(j, BD_JSON_LINES);
	if (conformance) {
		bd_json_key(j, "conformsTo");
		bd_json_array(j, BD_JSON_INLINE);
		bd_json_str(j, conformance);
		bd_json_close(j);
	}
	if (m->certified_by) {
		bd_json_key(j, "certification");
		bd_json_object(j, BD_JSON_INLINE);
		bd_json_member(j, "certifiedBy", m->certified_by);
		bd_json_close(j);
	}
	bd_json_member_strings(j, "accessMode", m->access_modes.items, m->access_modes.len);
	bd_json_key(j, "accessModeSufficient");
	bd_json_array(j, BD_JSON_INLINE);
	/* "textual,visual" -> ["textual", "visual"] */
	for (size_t i = 0; i < m->sufficient.len; i++)
		bd_json_csv(j, m->sufficient.items[i]);
	bd_json_close(j);
	bd_json_member_strings(j, "feature", m->features.items, m->features.len);
	bd_json_member_strings(j, "hazard", m->hazards.items, m->hazards.len);
	optional_member(j, "summary", m->a11y_summary);
	bd_json_close(j);
}

static void image(struct bd_json *j, const char *href, const char *type, const char *rel)
{
	bd_json_object(j, BD_JSON_INLINE);
	bd_json_member(j, "href", href);
	bd_json_member(j, "type", type);
	optional_member(j, "rel", rel);
	bd_json_close(j);
}

/* One book's publication object, its links made from its base_url. */
static void publication(struct bd_json *j, const struct bd_record_meta *m)
{
	char *epub = bd_record_link(m, m->epub_name);
	char *cover = m->cover_name ? bd_record_link(m, m->cover_name) : NULL;
	char *conformance = bd_record_conformance_url(m->conforms_to);
	char *id = entry_id(m->identifier), *modified = date_time(changed(m));
	char *start = bd_web_start_page(m);

	bd_json_object(j, BD_JSON_LINES);
	bd_json_key(j, "metadata");
	bd_json_object(j, BD_JSON_LINES);
	bd_json_member(j, "@type", "http://schema.org/Book");
	bd_json_member(j, "identifier", id);
	bd_json_member(j, "title", m->title);
	optional_member(j, "subtitle", m->subtitle);
	people_json(j, m);
	optional_member(j, "publisher", m->publisher);
	optional_member(j, "published", m->published);
	bd_json_member(j, "modified", modified);
	bd_json_member(j, "language", m->lang);
	optional_member(j, "description", m->description);
	if (m->nsubjects) {
		bd_json_key(j, "subject");
		bd_json_array(j, BD_JSON_LINES);
		for (size_t i = 0; i < m->nsubjects; i++) {
			const struct bd_subject *s = &m->subjects[i];
			bd_json_object(j, BD_JSON_INLINE);
			bd_json_member(j, "name", s->label);
			if (s->scheme && strcmp(s->scheme, "keyword") != 0)
				bd_json_member(j, "scheme", scheme_uri(s->scheme) ? scheme_uri(s->scheme) : s->scheme);
			optional_member(j, "code", s->code);
			bd_json_close(j);
		}
		bd_json_close(j);
	}
	accessibility(j, m, conformance);
	bd_json_close(j); /* metadata */
	bd_json_key(j, "links");
	bd_json_array(j, BD_JSON_LINES);
	bd_json_object(j, BD_JSON_INLINE);
	bd_json_member(j, "rel", acquisition_rel(m));
	bd_json_member(j, "href", epub);
	bd_json_member(j, "type", BD_EPUB_TYPE);
	bd_json_member_number(j, "length", "%llu", (unsigned long long)m->epub_size);
	bd_json_close(j);
	if (start) {
		/* The web edition, to read in a browser. */
		char *web = bd_record_link(m, start);

		bd_json_object(j, BD_JSON_INLINE);
		bd_json_member(j, "rel", "alternate");
		bd_json_member(j, "href", web);
		bd_json_member(j, "type", "text/html");
		bd_json_close(j);
		free(web);
	}
	bd_json_close(j);
	if (cover) {
		bd_json_key(j, "images");
		bd_json_array(j, BD_JSON_LINES);
		image(j, cover, m->cover_type, NULL);
		if (m->thumbnail_name) {
			char *thumbnail = bd_record_link(m, m->thumbnail_name);

			image(j, thumbnail, m->thumbnail_type, "http://opds-spec.org/image/thumbnail");
			free(thumbnail);
		}
		bd_json_close(j);
	}
	bd_json_close(j);
	free(start);
	free(modified);
	free(id);
	free(conformance);
	free(cover);
	free(epub);
}

bool bd_records_write_opds2(const struct bd_record_meta *const *books, size_t n, const char *base_url,
			    const char *path, struct bd_diag *diag)
{
	struct bd_record_meta folder = { .base_url = (char *)base_url };
	struct feed_head h = feed_head(books, n);
	FILE *out = bd_outfile_open(path, diag);
	char *self = bd_record_link(&folder, BD_REC_OPDS2);
	struct bd_json j;
	bool ok;

	if (!out) {
		free(self);
		return false;
	}
	bd_json_begin(&j, out, 2, false);
	bd_json_object(&j, BD_JSON_LINES);
	bd_json_key(&j, "metadata");
	bd_json_object(&j, BD_JSON_LINES);
	bd_json_member(&j, "title", h.title);
	bd_json_close(&j);
	bd_json_key(&j, "links");
	bd_json_array(&j, BD_JSON_LINES);
	bd_json_object(&j, BD_JSON_INLINE);
	bd_json_member(&j, "rel", "self");
	bd_json_member(&j, "href", self);
	bd_json_member(&j, "type", "application/opds+json");
	bd_json_close(&j);
	bd_json_close(&j);
	bd_json_key(&j, "publications");
	bd_json_array(&j, BD_JSON_LINES);
	for (size_t i = 0; i < n; i++)
		publication(&j, books[i]);
	bd_json_close(&j);
	bd_json_close(&j);
	bd_json_end(&j);
	ok = bd_outfile_close(out, path, diag);
	free(self);
	return ok;
}
