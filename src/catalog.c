/* catalog.c - `bindery catalog FILE.epub`: the records for an EPUB that
 * bindery did not necessarily build.
 *
 * Reads META-INF/container.xml and the package document with libzip and
 * the one safe XML parser (bd_xml_parse), each under a size limit, and
 * fills struct bd_record_meta from the package metadata (EPUB 3 refines,
 * with the EPUB 2 opf:role and opf:file-as attributes as a fallback).  Then
 * it checks the EPUB and writes the same records as `bindery build`, staged
 * and renamed into place only when all of them were written. */
#define _XOPEN_SOURCE 700
#include "records.h"

#include "alloc.h"
#include "build.h"
#include "check.h"
#include "publish.h"
#include "xml.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#define CONTAINER_MAX ((size_t)64 * 1024)
#define NS_DC "http://purl.org/dc/elements/1.1/"
#define NS_OPF "http://www.idpf.org/2007/opf"

/* Reads one entry of at most max bytes; NULL (with an error) otherwise. */
static char *read_entry(zip_t *za, const char *epub, const char *name, size_t max, size_t *len,
			struct bd_diag *diag)
{
	zip_int64_t index = zip_name_locate(za, name, 0);
	zip_file_t *zf;
	char *buf;
	size_t got = 0;
	zip_int64_t n;

	if (index < 0) {
		bd_diag_report(diag, BD_R_CATALOG_ENTRY_MISSING, epub, 0, 0, "the EPUB has no entry '%s'", name);
		return NULL;
	}
	zf = zip_fopen_index(za, (zip_uint64_t)index, 0);
	if (!zf) {
		bd_diag_report(diag, BD_R_EPUB_UNREADABLE, epub, 0, 0, "cannot read '%s': %s", name, zip_strerror(za));
		return NULL;
	}
	buf = bd_malloc(max + 1);
	/* Never trust the size the ZIP claims: read until the limit, plus one. */
	while (got <= max && (n = zip_fread(zf, buf + got, max + 1 - got)) > 0)
		got += (size_t)n;
	zip_fclose(zf);
	if (got > max) {
		bd_diag_report(diag, BD_R_XML_TOO_LARGE, epub, 0, 0, "'%s' is larger than %zu bytes", name, max);
		free(buf);
		return NULL;
	}
	buf[got] = '\0';
	*len = got;
	return buf;
}

static const xmlNode *find_element(const xmlNode *node, const char *name)
{
	for (const xmlNode *c = node; c; c = c->next) {
		const xmlNode *found;
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)c->name, name) == 0)
			return c;
		if ((found = find_element(c->children, name)) != NULL)
			return found;
	}
	return NULL;
}

static bool in_ns(const xmlNode *n, const char *ns)
{
	return n->ns && n->ns->href && strcmp((const char *)n->ns->href, ns) == 0;
}

static char *ns_attr(const xmlNode *n, const char *name, const char *ns)
{
	xmlChar *v = xmlGetNsProp(n, BAD_CAST name, BAD_CAST ns);
	char *s = v ? bd_strdup((const char *)v) : NULL;

	xmlFree(v);
	return s;
}

/* The value of the first <meta refines="#id" property="property">, or NULL; a new string. */
static char *refinement(const xmlNode *metadata, const char *id, const char *property)
{
	char *want;
	char *found = NULL;

	if (!id)
		return NULL;
	want = bd_asprintf("#%s", id);
	for (xmlNodePtr el = bd_xml_first_element(metadata); el && !found; el = bd_xml_next_element(el)) {
		char *refines, *prop;
		if (!bd_xml_is(el, "meta"))
			continue;
		refines = bd_xml_attr(el, "refines");
		prop = bd_xml_attr(el, "property");
		if (refines && prop && strcmp(refines, want) == 0 && strcmp(prop, property) == 0)
			found = bd_xml_text(el);
		free(refines);
		free(prop);
	}
	free(want);
	return found;
}

static void add_person(const xmlNode *metadata, const xmlNode *el, struct bd_person **list, size_t *n)
{
	char *id = bd_xml_attr(el, "id");
	struct bd_person *p;

	*list = bd_realloc(*list, (*n + 1) * sizeof(**list));
	p = &(*list)[(*n)++];
	p->name = bd_xml_text(el);
	p->role = refinement(metadata, id, "role");
	if (!p->role)
		p->role = ns_attr(el, "role", NS_OPF);
	p->file_as = refinement(metadata, id, "file-as");
	if (!p->file_as)
		p->file_as = ns_attr(el, "file-as", NS_OPF);
	free(id);
}

static void set_once(char **field, char *value)
{
	if (!*field && value && *value)
		*field = value;
	else
		free(value);
}

static void read_metadata(const xmlNode *package, const xmlNode *metadata, struct bd_record_meta *m)
{
	char *uid = bd_xml_attr(package, "unique-identifier");
	char *first_id = NULL, *main_title = NULL, *first_title = NULL;

	for (xmlNodePtr el = bd_xml_first_element(metadata); el; el = bd_xml_next_element(el)) {
		const char *name = (const char *)el->name;
		char *id = bd_xml_attr(el, "id");

		if (in_ns(el, NS_DC)) {
			if (strcmp(name, "identifier") == 0) {
				char *text = bd_xml_text(el);
				if (uid && id && strcmp(uid, id) == 0)
					set_once(&m->identifier, bd_strdup(text));
				set_once(&first_id, text);
			} else if (strcmp(name, "title") == 0) {
				char *type = refinement(metadata, id, "title-type");
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
				add_person(metadata, el, &m->creators, &m->ncreators);
			} else if (strcmp(name, "contributor") == 0) {
				add_person(metadata, el, &m->contributors, &m->ncontributors);
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
				s->scheme = refinement(metadata, id, "authority");
				s->code = s->scheme ? refinement(metadata, id, "term") : NULL;
				if (!s->scheme)
					s->scheme = bd_strdup("keyword");
			}
		} else if (bd_xml_is(el, "meta")) {
			char *prop = bd_xml_attr(el, "property"), *refines = bd_xml_attr(el, "refines");
			/* A certifier may refine the conformance claim it certifies. */
			bool wanted = prop && (!refines || strcmp(prop, "a11y:certifiedBy") == 0);
			char *text = wanted ? bd_xml_text(el) : NULL;

			if (!text || !*text) {
				/* refinements are read with their element; EPUB 2 metas have no property */
			} else if (strcmp(prop, "dcterms:modified") == 0) {
				set_once(&m->modified, bd_strdup(text));
			} else if (strcmp(prop, "schema:accessMode") == 0) {
				bd_strlist_add(&m->access_modes, text);
			} else if (strcmp(prop, "schema:accessModeSufficient") == 0) {
				bd_strlist_add(&m->sufficient, text);
			} else if (strcmp(prop, "schema:accessibilityFeature") == 0) {
				bd_strlist_add(&m->features, text);
			} else if (strcmp(prop, "schema:accessibilityHazard") == 0) {
				bd_strlist_add(&m->hazards, text);
			} else if (strcmp(prop, "schema:accessibilitySummary") == 0) {
				set_once(&m->a11y_summary, bd_strdup(text));
			} else if (strcmp(prop, "dcterms:conformsTo") == 0) {
				set_once(&m->conforms_to, bd_strdup(text));
			} else if (strcmp(prop, "a11y:certifiedBy") == 0) {
				set_once(&m->certified_by, bd_strdup(text));
			} else if (strcmp(prop, "schema:bookEdition") == 0) {
				set_once(&m->edition, bd_strdup(text));
			}
			free(text);
			free(prop);
			free(refines);
		} else if (bd_xml_is(el, "link")) {
			char *rel = bd_xml_attr(el, "rel");
			if (rel && strcmp(rel, "dcterms:conformsTo") == 0)
				set_once(&m->conforms_to, bd_xml_attr(el, "href"));
			else if (rel && strcmp(rel, "dcterms:license") == 0)
				set_once(&m->license_href, bd_xml_attr(el, "href"));
			free(rel);
		}
		free(id);
	}
	set_once(&m->identifier, first_id);
	set_once(&m->title, main_title);
	set_once(&m->title, first_title);
	free(uid);
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
 * <meta name="cover" content="ID">.  Sets the ZIP path and media type. */
static void find_cover(const xmlNode *metadata, const xmlNode *manifest, const char *opf_dir, char **entry,
		       char **type)
{
	char *epub2 = NULL;
	const xmlNode *found = NULL;

	for (xmlNodePtr el = bd_xml_first_element(metadata); el && !epub2; el = bd_xml_next_element(el)) {
		char *name = bd_xml_is(el, "meta") ? bd_xml_attr(el, "name") : NULL;
		if (name && strcmp(name, "cover") == 0)
			epub2 = bd_xml_attr(el, "content");
		free(name);
	}
	for (xmlNodePtr el = bd_xml_first_element(manifest); el && !found; el = bd_xml_next_element(el)) {
		char *props = bd_xml_attr(el, "properties"), *id = bd_xml_attr(el, "id");
		if (props && strstr(props, "cover-image"))
			found = el;
		free(props);
		free(id);
	}
	for (xmlNodePtr el = bd_xml_first_element(manifest); el && !found && epub2; el = bd_xml_next_element(el)) {
		char *id = bd_xml_attr(el, "id");
		if (id && strcmp(id, epub2) == 0)
			found = el;
		free(id);
	}
	free(epub2);
	if (found) {
		char *href = bd_xml_attr(found, "href");
		char *media = bd_xml_attr(found, "media-type");
		if (href && media && !strstr(href, "..") && !strchr(href, ':') && href[0] != '/' &&
		    (strcmp(media, "image/png") == 0 || strcmp(media, "image/jpeg") == 0)) {
			*entry = *opf_dir ? bd_asprintf("%s/%s", opf_dir, href) : bd_strdup(href);
			*type = media;
			media = NULL;
		}
		free(href);
		free(media);
	}
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

int bd_catalog_read(const char *epub_path, struct bd_record_meta *m, char **cover_entry, struct bd_diag *diag)
{
	int err = 0, rc = BD_EXIT_ERRORS;
	zip_t *za = zip_open(epub_path, ZIP_RDONLY, &err);
	char *buf = NULL, *opf_path = NULL, *display = NULL, *opf_dir = NULL;
	size_t len = 0;
	xmlDocPtr container = NULL, opf = NULL;
	const xmlNode *rootfile, *package, *metadata, *manifest;

	memset(m, 0, sizeof(*m));
	if (cover_entry)
		*cover_entry = NULL;
	if (!za) {
		bd_diag_report(diag, BD_R_EPUB_UNREADABLE, epub_path, 0, 0, "cannot open as a ZIP file");
		return BD_EXIT_IO;
	}
	m->slug = slug_of(epub_path);
	m->epub_name = bd_asprintf("%s.epub", m->slug);
	display = bd_asprintf("%s!META-INF/container.xml", epub_path);
	buf = read_entry(za, epub_path, "META-INF/container.xml", CONTAINER_MAX, &len, diag);
	if (!buf || !(container = bd_xml_parse(buf, len, display, BD_XML_DEFAULT, diag)))
		goto out;
	rootfile = find_element(xmlDocGetRootElement(container), "rootfile");
	opf_path = rootfile ? bd_xml_attr(rootfile, "full-path") : NULL;
	if (!opf_path || !*opf_path) {
		bd_diag_report(diag, BD_R_CONTAINER_INVALID, display, 0, 0, "no rootfile with a full-path");
		goto out;
	}
	free(buf);
	free(display);
	display = bd_asprintf("%s!%s", epub_path, opf_path);
	buf = read_entry(za, epub_path, opf_path, BD_XML_SOURCE_MAX, &len, diag);
	if (!buf || !(opf = bd_xml_parse(buf, len, display, BD_XML_DEFAULT, diag)))
		goto out;
	package = xmlDocGetRootElement(opf);
	metadata = package ? bd_xml_child(package, "metadata") : NULL;
	manifest = package ? bd_xml_child(package, "manifest") : NULL;
	if (!package || !bd_xml_is(package, "package") || !metadata) {
		bd_diag_report(diag, BD_R_OPF_INVALID, display, 0, 0, "not a package document with metadata");
		goto out;
	}
	read_metadata(package, metadata, m);
	m->epub_version = bd_xml_attr(package, "version");
	if (!m->title || !m->identifier || !m->lang) {
		bd_diag_report(diag, BD_R_CATALOG_METADATA_MISSING, display, 0, 0,
			      "the package has no %s: a record needs a title, an identifier and a language",
			      !m->title ? "dc:title" : !m->identifier ? "dc:identifier" : "dc:language");
		goto out;
	}
	if (!m->modified)
		m->modified = bd_strdup(m->published ? m->published : "");
	opf_dir = bd_strdup(opf_path);
	*(strrchr(opf_dir, '/') ? strrchr(opf_dir, '/') : opf_dir) = '\0';
	if (manifest) {
		char *entry = NULL;
		find_cover(metadata, manifest, opf_dir, &entry, &m->cover_type);
		if (entry) {
			m->cover_name = bd_asprintf("%s-cover.%s", m->slug,
						    strcmp(m->cover_type, "image/jpeg") == 0 ? "jpg" : "png");
			if (cover_entry)
				*cover_entry = entry;
			else
				free(entry);
		}
	}
	rc = BD_EXIT_OK;
out:
	xmlFreeDoc(container);
	xmlFreeDoc(opf);
	free(opf_dir);
	free(opf_path);
	free(display);
	free(buf);
	zip_discard(za);
	return rc;
}

static bool extract(const char *epub_path, const char *entry, const char *to, struct bd_diag *diag)
{
	int err = 0;
	zip_t *za = zip_open(epub_path, ZIP_RDONLY, &err);
	size_t len = 0;
	char *buf = za ? read_entry(za, epub_path, entry, BD_XML_SOURCE_MAX * 4, &len, diag) : NULL;
	FILE *out = buf ? fopen(to, "wb") : NULL;
	bool ok = out && fwrite(buf, 1, len, out) == len;

	if (out && fclose(out) != 0)
		ok = false;
	if (buf && !ok)
		bd_diag_report(diag, BD_R_IO, to, 0, 0, "cannot write");
	free(buf);
	if (za)
		zip_discard(za);
	return ok;
}

int bd_catalog_stage(struct bd_publish *p, const char *epub_path, bool copy, const char *base_url,
		     struct bd_diag *diag)
{
	struct bd_record_meta m;
	char *cover_entry = NULL;
	int rc = bd_catalog_read(epub_path, &m, &cover_entry, diag);

	if (rc == BD_EXIT_OK)
		rc = bd_catalog_stage_read(p, epub_path, copy, &m, cover_entry, base_url, diag);
	free(cover_entry);
	bd_record_meta_fini(&m);
	return rc;
}

int bd_catalog_stage_read(struct bd_publish *p, const char *epub_path, bool copy, struct bd_record_meta *book,
			  const char *cover_entry, const char *base_url, struct bd_diag *diag)
{
	struct bd_record_meta m = *book;
	struct bd_check_options check_opts = { .werror = true };
	struct bd_diag found;
	struct bd_record_check check = { .found = &found, .werror = true };
	const char *stage = bd_publish_stage(p);
	char *checked = NULL;
	int rc = BD_EXIT_IO;

	/* m owns book's fields from here on; book is left empty. */
	memset(book, 0, sizeof(*book));
	bd_diag_init(&found);
	found.werror = true;
	free(m.base_url);
	m.base_url = bd_strdup(base_url);
	bd_strlist_add(&m.files, m.epub_name);
	if (copy) {
		checked = bd_asprintf("%s/%s", stage, m.epub_name);
		if (!bd_copy_file(epub_path, checked, diag))
			goto out;
	} else {
		/* It stays where it is: hashed there, never rewritten. */
		checked = bd_strdup(epub_path);
		if (!bd_sha256_file(checked, m.epub_sha256, &m.epub_size)) {
			bd_diag_report(diag, BD_R_IO, checked, 0, 0, "cannot read");
			goto out;
		}
	}
	if (cover_entry) {
		char *to = bd_asprintf("%s/%s", stage, m.cover_name);
		bool ok = extract(epub_path, cover_entry, to, diag);
		free(to);
		if (!ok)
			goto out;
		bd_strlist_add(&m.files, m.cover_name);
	}
	if (bd_check_epub(checked, &check_opts, &found) != 0)
		goto out;
	check.checked_path = checked;
	if (!bd_records_stage_book(&m, &check, stage, diag))
		goto out;
	if (bd_diag_errors(&found))
		bd_diag_report(diag, BD_R_CHECK, epub_path, 0, 0,
			       "the EPUB does not pass bindery check (%zu errors); the records say so: see %s%s",
			       bd_diag_errors(&found), m.slug, BD_REC_CHECK_TEXT);
	bd_publish_add(p, &m);
	rc = BD_EXIT_OK;
out:
	free(checked);
	bd_diag_fini(&found);
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
