/* catalog.c - `bindery catalog FILE.epub`: the records for an EPUB that
 * bindery did not necessarily build.
 *
 * The EPUB is read once, by the checker: when its rule sets have run, the
 * package document it parsed (under its limits) and its entry table are
 * still there, and struct bd_record_meta is filled from them (EPUB 3
 * refines, with the EPUB 2 opf:role and opf:file-as attributes as a
 * fallback), the cover image taken with them.  Then the same records as
 * `bindery build` are written, staged and renamed into place only when all
 * of them were written. */
#define _XOPEN_SOURCE 700
#include "records.h"

#include "alloc.h"
#include "build.h"
#include "check_internal.h"
#include "publish.h"
#include "xml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The value of the first <meta refines="#id" property="property">, or NULL; a new string. */
static char *refinement(const struct bd_check *ck, const char *id, const char *property)
{
	char *want;
	char *found = NULL;

	if (!id)
		return NULL;
	want = bd_asprintf("#%s", id);
	for (size_t i = 0; i < ck->nmetas && !found; i++) {
		const struct bd_check_meta *meta = &ck->metas[i];
		if (!meta->link && !meta->named && meta->refines && strcmp(meta->refines, want) == 0 &&
		    strcmp(meta->property, property) == 0)
			found = bd_strdup(meta->value);
	}
	free(want);
	return found;
}

static void add_person(const struct bd_check *ck, const xmlNode *el, struct bd_person **list, size_t *n)
{
	char *id = bd_xml_attr(el, "id");
	struct bd_person *p;

	*list = bd_realloc(*list, (*n + 1) * sizeof(**list));
	p = &(*list)[(*n)++];
	p->name = bd_xml_text(el);
	p->role = refinement(ck, id, "role");
	if (!p->role)
		p->role = bd_xml_ns_attr(el, "role", BD_NS_OPF);
	p->file_as = refinement(ck, id, "file-as");
	if (!p->file_as)
		p->file_as = bd_xml_ns_attr(el, "file-as", BD_NS_OPF);
	free(id);
}

static void set_once(char **field, char *value)
{
	if (!*field && value && *value)
		*field = value;
	else
		free(value);
}

/* The Dublin Core elements, from the package document. */
static void read_dc(const struct bd_check *ck, const xmlNode *package, const xmlNode *metadata,
		    struct bd_record_meta *m)
{
	char *uid = bd_xml_attr(package, "unique-identifier");
	char *first_id = NULL, *main_title = NULL, *first_title = NULL;

	for (xmlNodePtr el = bd_xml_first_element(metadata); el; el = bd_xml_next_element(el)) {
		const char *name = (const char *)el->name;
		char *id = NULL;

		if (!bd_check_is(el, name, BD_NS_DC))
			continue;
		id = bd_xml_attr(el, "id");
		if (strcmp(name, "identifier") == 0) {
			char *text = bd_xml_text(el);
			if (uid && id && strcmp(uid, id) == 0)
				set_once(&m->identifier, bd_strdup(text));
			set_once(&first_id, text);
		} else if (strcmp(name, "title") == 0) {
			char *type = refinement(ck, id, "title-type");
			char *text = bd_xml_text(el);
			if (type && strcmp(type, "subtitle") == 0)
				set_once(&m->subtitle, text);
			else if (type && strcmp(type, "main") == 0)
				set_once(&main_title, text);
			else
				set_once(&first_title, text);
			free(type);
		} else if (strcmp(name, "language") == 0) {
			set_once(&m->lang, bd_xml_text(el));
		} else if (strcmp(name, "creator") == 0) {
			add_person(ck, el, &m->creators, &m->ncreators);
		} else if (strcmp(name, "contributor") == 0) {
			add_person(ck, el, &m->contributors, &m->ncontributors);
		} else if (strcmp(name, "publisher") == 0) {
			set_once(&m->publisher, bd_xml_text(el));
		} else if (strcmp(name, "rights") == 0) {
			set_once(&m->rights, bd_xml_text(el));
		} else if (strcmp(name, "description") == 0) {
			set_once(&m->description, bd_xml_text(el));
		} else if (strcmp(name, "date") == 0) {
			set_once(&m->published, bd_xml_text(el));
		} else if (strcmp(name, "subject") == 0) {
			struct bd_subject *s;
			m->subjects = bd_realloc(m->subjects, (m->nsubjects + 1) * sizeof(*m->subjects));
			s = &m->subjects[m->nsubjects++];
			memset(s, 0, sizeof(*s)); /* genre: the package cannot say */
			s->label = bd_xml_text(el);
			s->scheme = refinement(ck, id, "authority");
			s->code = s->scheme ? refinement(ck, id, "term") : NULL;
			if (!s->scheme)
				s->scheme = bd_strdup("keyword");
		}
		free(id);
	}
	set_once(&m->identifier, first_id);
	set_once(&m->title, main_title);
	set_once(&m->title, first_title);
	free(uid);
}

/* The <meta property> and <link rel> the checker collected. */
static void read_metas(const struct bd_check *ck, struct bd_record_meta *m)
{
	for (size_t i = 0; i < ck->nmetas; i++) {
		const struct bd_check_meta *meta = &ck->metas[i];
		const char *prop = meta->property;

		if (meta->link) {
			if (strcmp(prop, "dcterms:conformsTo") == 0)
				set_once(&m->conforms_to, bd_strdup(meta->value));
			else if (strcmp(prop, "dcterms:license") == 0)
				set_once(&m->license_href, bd_strdup(meta->value));
			continue;
		}
		/* Refinements are read with their element (a certifier may refine
		 * the conformance claim it certifies); EPUB 2 metas have no property. */
		if (meta->named || !*meta->value || (meta->refines && strcmp(prop, "a11y:certifiedBy") != 0))
			continue;
		if (strcmp(prop, "dcterms:modified") == 0)
			set_once(&m->modified, bd_strdup(meta->value));
		else if (strcmp(prop, "schema:accessMode") == 0)
			bd_strlist_add(&m->access_modes, meta->value);
		else if (strcmp(prop, "schema:accessModeSufficient") == 0)
			bd_strlist_add(&m->sufficient, meta->value);
		else if (strcmp(prop, "schema:accessibilityFeature") == 0)
			bd_strlist_add(&m->features, meta->value);
		else if (strcmp(prop, "schema:accessibilityHazard") == 0)
			bd_strlist_add(&m->hazards, meta->value);
		else if (strcmp(prop, "schema:accessibilitySummary") == 0)
			set_once(&m->a11y_summary, bd_strdup(meta->value));
		else if (strcmp(prop, "dcterms:conformsTo") == 0)
			set_once(&m->conforms_to, bd_strdup(meta->value));
		else if (strcmp(prop, "a11y:certifiedBy") == 0)
			set_once(&m->certified_by, bd_strdup(meta->value));
		else if (strcmp(prop, "schema:bookEdition") == 0)
			set_once(&m->edition, bd_strdup(meta->value));
	}
}

static void identifiers(struct bd_record_meta *m)
{
	if (m->identifier && strncmp(m->identifier, "urn:uuid:", 9) == 0)
		m->uuid = bd_strdup(m->identifier);
	if (m->identifier) {
		const char *isbn = strncmp(m->identifier, "urn:isbn:", 9) == 0 ? m->identifier + 9 : m->identifier;
		if (strlen(isbn) == 13 && strspn(isbn, "0123456789") == 13 &&
		    (strncmp(isbn, "978", 3) == 0 || strncmp(isbn, "979", 3) == 0))
			m->isbn = bd_strdup(isbn);
	}
}

/* The cover image's manifest item: properties="cover-image", or the EPUB 2
 * <meta name="cover" content="ID">, a PNG or JPEG inside the container.
 * Returns its container path (a new string) and sets its media type. */
static char *find_cover(const struct bd_check *ck, const xmlNode *metadata, const xmlNode *manifest, char **type)
{
	char *epub2 = NULL, *path = NULL;
	const xmlNode *found = NULL;

	for (xmlNodePtr el = bd_xml_first_element(metadata); el && !epub2; el = bd_xml_next_element(el)) {
		char *name = bd_xml_is(el, "meta") ? bd_xml_attr(el, "name") : NULL;
		if (name && strcmp(name, "cover") == 0)
			epub2 = bd_xml_attr(el, "content");
		free(name);
	}
	for (xmlNodePtr el = bd_xml_first_element(manifest); el && !found; el = bd_xml_next_element(el)) {
		char *props = bd_xml_attr(el, "properties");
		if (bd_check_has_word(props, "cover-image"))
			found = el;
		free(props);
	}
	for (xmlNodePtr el = bd_xml_first_element(manifest); el && !found && epub2; el = bd_xml_next_element(el)) {
		char *id = bd_xml_attr(el, "id");
		if (id && strcmp(id, epub2) == 0)
			found = el;
		free(id);
	}
	free(epub2);
	if (found) {
		char *href = bd_xml_attr(found, "href"), *fragment = NULL;
		char *media = bd_xml_attr(found, "media-type");
		if (href && media && bd_check_ref_kind(href) == BD_REF_LOCAL &&
		    (strcmp(media, "image/png") == 0 || strcmp(media, "image/jpeg") == 0))
			path = bd_check_resolve(ck->opf_path, href, &fragment);
		if (path) {
			*type = media;
			media = NULL;
		}
		free(fragment);
		free(href);
		free(media);
	}
	return path;
}

static char *slug_of(const char *epub_path)
{
	const char *base = strrchr(epub_path, '/');
	size_t n;

	base = base ? base + 1 : epub_path;
	n = strlen(base);
	if (n > 5 && strcmp(base + n - 5, ".epub") == 0)
		n -= 5;
	return bd_strndup(base, n);
}

/* The checker's on_done: the package it parsed, and the cover's bytes. */
static void read_package(struct bd_check *ck, void *arg)
{
	struct bd_catalog_epub *e = arg;
	struct bd_record_meta *m = &e->meta;
	xmlNodePtr package = ck->opf_doc ? xmlDocGetRootElement(ck->opf_doc) : NULL;
	xmlNodePtr metadata = package && bd_check_is(package, "package", BD_NS_OPF) ? bd_xml_child(package, "metadata")
										     : NULL;
	struct bd_check_entry *entry;

	if (!metadata)
		return;
	e->opf_display = bd_strdup(ck->opf_display);
	read_dc(ck, package, metadata, m);
	read_metas(ck, m);
	identifiers(m);
	m->epub_version = bd_xml_attr(package, "version");
	e->cover_path = find_cover(ck, metadata, bd_xml_child(package, "manifest"), &m->cover_type);
	entry = e->cover_path ? bd_check_entry_find(ck, e->cover_path) : NULL;
	if (entry) {
		char *display = bd_check_display(ck, e->cover_path);
		bd_check_read(ck, entry, display, &e->cover, &e->cover_len);
		free(display);
	}
}

void bd_catalog_epub_fini(struct bd_catalog_epub *e)
{
	bd_record_meta_fini(&e->meta);
	bd_diag_fini(&e->found);
	free(e->opf_display);
	free(e->cover_path);
	free(e->cover);
	memset(e, 0, sizeof(*e));
}

int bd_catalog_read(const char *epub_path, struct bd_catalog_epub *e, struct bd_diag *diag)
{
	struct bd_check_options opts = { .werror = true, .on_done = read_package, .done_arg = e };
	struct bd_record_meta *m = &e->meta;
	int rc;

	memset(e, 0, sizeof(*e));
	bd_diag_init(&e->found);
	e->found.werror = true;
	m->slug = slug_of(epub_path);
	m->epub_name = bd_asprintf("%s.epub", m->slug);
	rc = bd_check_epub(epub_path, &opts, &e->found);
	if (rc != 0 || !e->opf_display) {
		/* No package to read: the check's messages say why. */
		bd_diag_move(diag, &e->found);
		return rc != 0 ? BD_EXIT_IO : BD_EXIT_ERRORS;
	}
	if (!m->title || !m->identifier || !m->lang) {
		bd_diag_report(diag, BD_R_CATALOG_METADATA_MISSING, e->opf_display, 0, 0,
			      "the package has no %s: a record needs a title, an identifier and a language",
			      !m->title ? "dc:title" : !m->identifier ? "dc:identifier" : "dc:language");
		return BD_EXIT_ERRORS;
	}
	if (e->cover_path && !e->cover) {
		bd_diag_report(diag, BD_R_CATALOG_ENTRY_MISSING, epub_path, 0, 0,
			      "the EPUB's cover image '%s' cannot be read from it", e->cover_path);
		return BD_EXIT_IO;
	}
	if (!m->modified)
		m->modified = bd_strdup(m->published ? m->published : "");
	if (e->cover_path)
		m->cover_name = bd_asprintf("%s-cover.%s", m->slug, strcmp(m->cover_type, "image/jpeg") == 0 ? "jpg" : "png");
	return BD_EXIT_OK;
}

static bool write_cover(const struct bd_catalog_epub *e, const char *to, struct bd_diag *diag)
{
	FILE *out = fopen(to, "wb");
	bool ok = out && fwrite(e->cover, 1, e->cover_len, out) == e->cover_len;

	if (out && fclose(out) != 0)
		ok = false;
	if (!ok)
		bd_diag_report(diag, BD_R_IO, to, 0, 0, "cannot write");
	return ok;
}

int bd_catalog_stage(struct bd_publish *p, const char *epub_path, bool copy, const char *base_url,
		     struct bd_diag *diag)
{
	struct bd_catalog_epub e;
	int rc = bd_catalog_read(epub_path, &e, diag);

	if (rc == BD_EXIT_OK)
		rc = bd_catalog_stage_read(p, epub_path, copy, &e, base_url, diag);
	bd_catalog_epub_fini(&e);
	return rc;
}

int bd_catalog_stage_read(struct bd_publish *p, const char *epub_path, bool copy, struct bd_catalog_epub *e,
			  const char *base_url, struct bd_diag *diag)
{
	struct bd_record_meta m = e->meta;
	struct bd_record_check check = { .found = &e->found, .werror = true, .checked_path = epub_path };
	const char *stage = bd_publish_stage(p);
	int rc = BD_EXIT_IO;

	/* m owns the metadata from here on; e->meta is left empty. */
	memset(&e->meta, 0, sizeof(e->meta));
	free(m.base_url);
	m.base_url = bd_strdup(base_url);
	bd_strlist_add(&m.files, m.epub_name);
	if (copy) {
		char *to = bd_asprintf("%s/%s", stage, m.epub_name);
		bool ok = bd_copy_file(epub_path, to, diag);
		free(to);
		if (!ok)
			goto out;
	} else if (!bd_sha256_file(epub_path, m.epub_sha256, &m.epub_size)) {
		/* It stays where it is: hashed there, never rewritten. */
		bd_diag_report(diag, BD_R_IO, epub_path, 0, 0, "cannot read");
		goto out;
	}
	if (e->cover) {
		char *to = bd_asprintf("%s/%s", stage, m.cover_name);
		bool ok = write_cover(e, to, diag);
		free(to);
		if (!ok)
			goto out;
		bd_strlist_add(&m.files, m.cover_name);
	}
	if (!bd_records_stage_book(&m, &check, stage, diag))
		goto out;
	if (bd_diag_errors(&e->found))
		bd_diag_report(diag, BD_R_CHECK, epub_path, 0, 0,
			       "the EPUB does not pass bindery check (%zu errors); the records say so: see %s%s",
			       bd_diag_errors(&e->found), m.slug, BD_REC_CHECK_TEXT);
	bd_publish_add(p, &m);
	rc = BD_EXIT_OK;
out:
	bd_record_meta_fini(&m);
	return rc;
}

/* True when epub_path, in dir, is a book bindery published there and
 * has not changed since: its records stand, and nothing is lost that the
 * package does not hold (the licence's name, the cover's alt text). */
static bool published_here(const char *dir, const char *epub_path)
{
	char *slug = slug_of(epub_path), *name = bd_record_book_file(slug);
	char *path = bd_asprintf("%s/%s", dir, name), hex[65];
	struct bd_record_meta m;
	bool known = bd_record_book_read(path, &m);

	known = known && bd_sha256_file(epub_path, hex, NULL) && strcmp(hex, m.epub_sha256) == 0;
	bd_record_meta_fini(&m); /* zeroed when it was not read */
	free(path);
	free(name);
	free(slug);
	return known;
}

/* True when a and b name the same folder. */
static bool same_folder(const char *a, const char *b)
{
	struct stat sa, sb;
	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

int bd_catalog(const char *path, const struct bd_catalog_options *opts, struct bd_diag *diag)
{
	struct bd_publish_options popts = opts->publish;
	struct bd_publish *p = NULL;
	struct stat st;
	char *dir = NULL, *home = NULL;
	size_t changed = 0;
	bool folder = stat(path, &st) == 0 && S_ISDIR(st.st_mode), at_home;
	int rc = BD_EXIT_IO;

	popts.base_url = opts->base_url;
	{
		const char *slash = strrchr(path, '/');
		home = slash ? bd_strndup(path, (size_t)(slash - path) + (slash == path)) : bd_strdup(".");
	}
	dir = bd_strdup(folder ? path : opts->out_dir ? opts->out_dir : home);
	p = bd_publish_begin(dir, &popts, diag);
	if (!p)
		goto out;
	at_home = same_folder(home, dir);
	/* A folder: its shared files are rebuilt (read_folder catalogues every
	 * EPUB bindery did not publish).  A file: it is added. */
	if (!folder && !(at_home && published_here(dir, path))) {
		rc = bd_catalog_stage(p, path, !at_home, opts->base_url, diag);
		if (rc != BD_EXIT_OK)
			goto out;
	}
	rc = bd_publish_commit(p, &changed, diag);
	if (rc == BD_EXIT_OK)
		bd_publish_progress(&popts, BD_PROGRESS_DONE, "bindery: catalogued %s into %s (%zu file%s changed)", path, dir, changed,
				    changed == 1 ? "" : "s");
out:
	bd_publish_end(p);
	free(home);
	free(dir);
	return rc;
}
