/* records.c - the neutral record metadata, shared helpers, and staging and
 * publishing the records beside the EPUB. */
#include "records.h"

#include "alloc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void bd_strlist_add(struct bd_strlist *l, const char *s)
{
	bd_grow(&l->items, &l->cap, l->len + 1, sizeof(*l->items));
	l->items[l->len++] = bd_strdup(s);
}

bool bd_strlist_has(const struct bd_strlist *l, const char *s)
{
	for (size_t i = 0; i < l->len; i++)
		if (strcmp(l->items[i], s) == 0)
			return true;
	return false;
}

void bd_strlist_fini(struct bd_strlist *l)
{
	for (size_t i = 0; i < l->len; i++)
		free(l->items[i]);
	free(l->items);
	memset(l, 0, sizeof(*l));
}

static void copy_people(struct bd_person **to, size_t *nto, const struct bd_person *from, size_t n)
{
	*to = n ? bd_calloc(n, sizeof(**to)) : NULL;
	*nto = n;
	for (size_t i = 0; i < n; i++) {
		(*to)[i].name = bd_strdup(from[i].name);
		(*to)[i].role = bd_strdup(from[i].role);
		(*to)[i].file_as = bd_strdup(from[i].file_as);
	}
}

static const char *image_ext(const char *type)
{
	return strcmp(type, "image/jpeg") == 0 ? "jpg" : strcmp(type, "image/svg+xml") == 0 ? "svg" : "png";
}

void bd_record_meta_from_book(struct bd_record_meta *m, const struct bd_book *b, const struct bd_a11y *a,
			      const char *base_url)
{
	memset(m, 0, sizeof(*m));
	m->slug = bd_strdup(b->slug);
	m->identifier = bd_strdup(b->identifier);
	m->isbn = bd_strdup(b->isbn);
	if (b->identifier && strncmp(b->identifier, "urn:uuid:", 9) == 0)
		m->uuid = bd_strdup(b->identifier);
	m->title = bd_strdup(b->title);
	m->subtitle = bd_strdup(b->subtitle);
	m->edition = bd_strdup(b->edition);
	m->lang = bd_strdup(b->lang);
	copy_people(&m->creators, &m->ncreators, b->creators, b->ncreators);
	copy_people(&m->contributors, &m->ncontributors, b->contributors, b->ncontributors);
	m->publisher = bd_strdup(b->publisher);
	m->rights = bd_strdup(b->rights);
	m->license_href = bd_strdup(b->license_href);
	m->license_text = bd_strdup(b->license_text);
	m->description = bd_strdup(b->description);
	m->marc_org = bd_strdup(b->marc_org);
	m->nsubjects = b->nsubjects;
	m->subjects = b->nsubjects ? bd_calloc(b->nsubjects, sizeof(*m->subjects)) : NULL;
	for (size_t i = 0; i < b->nsubjects; i++) {
		m->subjects[i].scheme = bd_strdup(b->subjects[i].scheme);
		m->subjects[i].code = bd_strdup(b->subjects[i].code);
		m->subjects[i].label = bd_strdup(b->subjects[i].label);
		m->subjects[i].genre = b->subjects[i].genre;
	}
	m->published = bd_strdup(b->published);
	m->modified = bd_strdup(b->modified);
	for (size_t i = 0; i < a->naccess_modes; i++)
		bd_strlist_add(&m->access_modes, a->access_modes[i]);
	for (size_t i = 0; i < a->nsufficient; i++)
		bd_strlist_add(&m->sufficient, a->sufficient[i]);
	for (size_t i = 0; i < a->nfeatures; i++)
		bd_strlist_add(&m->features, a->features[i]);
	if (a->hazard)
		bd_strlist_add(&m->hazards, a->hazard);
	m->a11y_summary = bd_strdup(b->a11y_summary);
	m->conforms_to = bd_strdup(BD_A11Y_CONFORMS_TO);
	m->certified_by = bd_strdup(b->a11y_assessed_by);
	m->epub_name = bd_asprintf("%s.epub", b->slug);
	m->epub_version = bd_strdup("3.3");
	for (size_t i = 0; i < b->nimages; i++) {
		if (b->images[i].is_cover) {
			m->cover_type = bd_strdup(b->images[i].media_type);
			m->cover_name = bd_asprintf("%s-cover.%s", b->slug, image_ext(m->cover_type));
			m->cover_alt = bd_strdup(b->cover_alt);
		}
	}
	if (b->thumbnail_type) {
		m->thumbnail_type = bd_strdup(b->thumbnail_type);
		m->thumbnail_name = bd_asprintf("%s-thumbnail.%s", b->slug, image_ext(m->thumbnail_type));
	}
	m->base_url = bd_strdup(base_url);
}

void bd_record_meta_fini(struct bd_record_meta *m)
{
	char **strings[] = { &m->slug, &m->identifier, &m->isbn, &m->uuid, &m->title, &m->subtitle,
			     &m->edition, &m->lang, &m->publisher, &m->rights, &m->license_href,
			     &m->license_text, &m->description, &m->marc_org, &m->published, &m->modified,
			     &m->a11y_summary, &m->conforms_to, &m->certified_by, &m->epub_name, &m->epub_version,
			     &m->cover_name, &m->cover_type, &m->cover_alt,
			     &m->thumbnail_name, &m->thumbnail_type, &m->base_url };

	for (size_t i = 0; i < sizeof(strings) / sizeof(strings[0]); i++)
		free(*strings[i]);
	bd_people_free(m->creators, m->ncreators);
	bd_people_free(m->contributors, m->ncontributors);
	for (size_t i = 0; i < m->nsubjects; i++) {
		free(m->subjects[i].scheme);
		free(m->subjects[i].code);
		free(m->subjects[i].label);
	}
	free(m->subjects);
	bd_strlist_fini(&m->access_modes);
	bd_strlist_fini(&m->sufficient);
	bd_strlist_fini(&m->features);
	bd_strlist_fini(&m->hazards);
	bd_strlist_fini(&m->files);
	memset(m, 0, sizeof(*m));
}

/* ---- helpers ------------------------------------------------------------- */

char *bd_record_link(const struct bd_record_meta *m, const char *name)
{
	if (!m->base_url || !*m->base_url)
		return bd_strdup(name);
	return bd_asprintf("%s%s%s", m->base_url, m->base_url[strlen(m->base_url) - 1] == '/' ? "" : "/", name);
}

static const char *const relators[][2] = {
	{ "aut", "author" }, { "edt", "editor" }, { "ill", "illustrator" }, { "trl", "translator" },
	{ "ctb", "contributor" }, { "pbl", "publisher" }, { "com", "compiler" }, { "aui", "author of introduction" },
	{ "pht", "photographer" }, { "rev", "reviewer" }, { "cre", "creator" }, { "dsr", "designer" },
	{ "art", "artist" }, { "nrt", "narrator" }, { "ann", "annotator" }, { "csl", "consultant" },
	{ "spn", "sponsor" },
};

const char *bd_record_relator_term(const char *code)
{
	for (size_t i = 0; code && i < sizeof(relators) / sizeof(relators[0]); i++)
		if (strcmp(relators[i][0], code) == 0)
			return relators[i][1];
	return NULL;
}

static const char *const languages[][2] = {
	{ "en", "eng" }, { "fr", "fre" }, { "de", "ger" }, { "es", "spa" }, { "it", "ita" }, { "nl", "dut" },
	{ "pt", "por" }, { "sv", "swe" }, { "da", "dan" }, { "fi", "fin" }, { "no", "nor" }, { "nb", "nob" },
	{ "nn", "nno" }, { "pl", "pol" }, { "cs", "cze" }, { "el", "gre" }, { "ru", "rus" }, { "uk", "ukr" },
	{ "ja", "jpn" }, { "zh", "chi" }, { "ko", "kor" }, { "ar", "ara" }, { "he", "heb" }, { "tr", "tur" },
	{ "hu", "hun" }, { "ro", "rum" }, { "cy", "wel" }, { "ga", "gle" }, { "is", "ice" }, { "et", "est" },
};

const char *bd_record_lang3(const char *tag)
{
	size_t n = 0;

	if (!tag)
		return "und";
	while (tag[n] && tag[n] != '-')
		n++;
	if (n == 3) {
		for (size_t i = 0; i < sizeof(languages) / sizeof(languages[0]); i++)
			if (strncmp(languages[i][1], tag, 3) == 0)
				return languages[i][1];
		return "und";
	}
	for (size_t i = 0; n == 2 && i < sizeof(languages) / sizeof(languages[0]); i++)
		if (strncmp(languages[i][0], tag, 2) == 0)
			return languages[i][1];
	return "und";
}

char *bd_record_conformance_url(const char *s)
{
	const char *w;
	char version[8] = "", level[4] = "";
	size_t n = 0;

	if (!s)
		return NULL;
	if (strncmp(s, "http://", 7) == 0 || strncmp(s, "https://", 8) == 0)
		return bd_strdup(s);
	if (strncmp(s, "EPUB Accessibility 1.1 - WCAG ", 30) != 0)
		return NULL;
	w = s + 30;
	while (n < sizeof(version) - 1 && (w[n] == '.' || (w[n] >= '0' && w[n] <= '9'))) {
		version[n] = w[n];
		n++;
	}
	if (n == 0 || strncmp(w + n, " Level ", 7) != 0)
		return NULL;
	w += n + 7;
	for (n = 0; n < 3 && w[n] == 'A'; n++)
		level[n] = 'a';
	if (n == 0 || w[n])
		return NULL;
	return bd_asprintf("https://www.w3.org/TR/epub-a11y-11#wcag-%s-%s", version, level);
}

bool bd_record_open_licence(const struct bd_record_meta *m)
{
	static const char *const open[] = {
		"creativecommons.org/licenses/", "creativecommons.org/publicdomain/",
	};
	const char *h = m->license_href;

	if (!h)
		return false;
	if (strncmp(h, "https://", 8) == 0)
		h += 8;
	else if (strncmp(h, "http://", 7) == 0)
		h += 7;
	else
		return false;
	if (strncmp(h, "www.", 4) == 0)
		h += 4;
	for (size_t i = 0; i < sizeof(open) / sizeof(open[0]); i++)
		if (strncmp(h, open[i], strlen(open[i])) == 0)
			return true;
	return false;
}

char *bd_record_human_size(uint64_t bytes)
{
	if (bytes >= 1000000)
		return bd_asprintf("%.1f MB", (double)bytes / 1e6);
	if (bytes >= 1000)
		return bd_asprintf("%.0f KB", (double)bytes / 1e3);
	return bd_asprintf("%llu bytes", (unsigned long long)bytes);
}

bool bd_copy_file(const char *from, const char *to, struct bd_diag *diag)
{
	FILE *in = fopen(from, "rb"), *out = NULL;
	char buf[65536];
	size_t n;
	bool ok = in != NULL;

	if (!ok) {
		bd_diag_report(diag, BD_R_IO, from, 0, 0, "cannot read: %s", strerror(errno));
		return false;
	}
	out = fopen(to, "wb");
	ok = out != NULL;
	while (ok && (n = fread(buf, 1, sizeof(buf), in)) > 0)
		ok = fwrite(buf, 1, n, out) == n;
	if (ferror(in))
		ok = false;
	fclose(in);
	if (out && fclose(out) != 0)
		ok = false;
	if (!ok)
		bd_diag_report(diag, BD_R_IO, to, 0, 0, "cannot write");
	return ok;
}

/* ---- one book's files ------------------------------------------------------ */

char *bd_record_name(const struct bd_record_meta *m, const char *suffix)
{
	return bd_asprintf("%s%s", m->slug, suffix);
}

bool bd_records_stage_book(struct bd_record_meta *m, const struct bd_record_check *c, const char *stage,
			   struct bd_diag *diag)
{
	char *path = bd_asprintf("%s/%s", stage, m->epub_name);
	/* An EPUB catalogued where it is was hashed there already. */
	bool ok = m->epub_sha256[0] || bd_sha256_file(path, m->epub_sha256, &m->epub_size);

	if (!ok)
		bd_diag_report(diag, BD_R_IO, path, 0, 0, "cannot read");
	free(path);
	m->check_errors = c->found->count[BD_ERROR];
	m->check_warnings = c->found->count[BD_WARNING];
	if (!bd_strlist_has(&m->files, m->epub_name))
		bd_strlist_add(&m->files, m->epub_name);
#define WRITE(suffix, call)                                         \
	do {                                                        \
		char *name_ = bd_record_name(m, (suffix));          \
		char *path_ = bd_asprintf("%s/%s", stage, name_);   \
		ok = ok && (call);                                  \
		if (ok && !bd_strlist_has(&m->files, name_))        \
			bd_strlist_add(&m->files, name_);           \
		free(path_);                                        \
		free(name_);                                        \
	} while (0)
	WRITE(BD_REC_CHECK_JSON, bd_records_write_check_json(m, c, path_, diag));
	WRITE(BD_REC_CHECK_TEXT, bd_records_write_check_text(m, c, path_, diag));
	WRITE(BD_REC_MARC, bd_records_write_marcxml(m, path_, diag));
	WRITE(BD_REC_ONIX, bd_records_write_onix(m, path_, diag));
#undef WRITE
	if (ok) {
		char *name = bd_record_book_file(m->slug);
		path = bd_asprintf("%s/%s", stage, name);
		ok = bd_record_book_write(m, path, diag);
		free(path);
		free(name);
	}
	return ok;
}
