/* records.h - what bindery publishes beside the EPUB for hospitals and
 * libraries: the check report, checksums, OPDS 1.2 and 2.0 feeds, MARCXML,
 * ONIX 3.0 and a landing page.
 *
 * Every record is written from one neutral struct, bd_record_meta, filled
 * either from the book (bd_record_meta_from_book: book.xml and bd_a11y, so
 * nothing is typed twice) or from an existing EPUB's package document
 * (bd_catalog_read in catalog.c).  One file per format: records_opds.c,
 * records_marc.c, records_onix.c, records_landing.c, records_sums.c and
 * records_check.c.  Nothing reads the clock: every date comes from the
 * metadata, so equal inputs give equal bytes. */
#ifndef BD_RECORDS_H
#define BD_RECORDS_H

#include "a11y.h"
#include "diag.h"
#include "model.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The published file names (the EPUB is SLUG.epub, the cover SLUG-cover.EXT). */
#define BD_REC_CHECK_JSON "check-report.json"
#define BD_REC_CHECK_TEXT "check-report.txt"
#define BD_REC_OPDS1 "catalog.xml"
#define BD_REC_OPDS2 "catalog.json"
#define BD_REC_MARC "record.marcxml"
#define BD_REC_ONIX "record.onix.xml"
#define BD_REC_LANDING "index.html"
#define BD_REC_SUMS "SHA256SUMS"

#define BD_OPDS1_TYPE "application/atom+xml;profile=opds-catalog;kind=acquisition"
#define BD_EPUB_TYPE "application/epub+zip"

/* A growable list of owned strings. */
struct bd_strlist {
	char **items;
	size_t len, cap;
};
void bd_strlist_add(struct bd_strlist *l, const char *s);
bool bd_strlist_has(const struct bd_strlist *l, const char *s);
void bd_strlist_fini(struct bd_strlist *l);

struct bd_record_meta {
	char *slug;                      /* names the files: SLUG.epub, SLUG-cover.png */
	char *identifier;                /* the package's: urn:uuid:... or urn:isbn:... */
	char *isbn;                      /* 13 digits, or NULL */
	char *uuid;                      /* urn:uuid:..., or NULL */
	char *title, *subtitle, *edition, *lang;   /* subtitle, edition: may be NULL */
	struct bd_person *creators, *contributors; /* role: MARC relator code, may be NULL */
	size_t ncreators, ncontributors;
	char *publisher, *rights, *license_href, *license_text, *description; /* each may be NULL */
	char *marc_org;                  /* MARC Organization Code (003, 040), or NULL */
	struct bd_subject *subjects;     /* scheme "keyword" for free keywords */
	size_t nsubjects;
	char *published;                 /* YYYY-MM-DD (or YYYY), may be NULL */
	char *modified;                  /* CCYY-MM-DDThh:mm:ssZ */
	/* Accessibility, as in the package document (schema.org vocabulary);
	 * sufficient holds comma-joined sets such as "textual,visual". */
	struct bd_strlist access_modes, sufficient, features, hazards;
	char *a11y_summary, *conforms_to, *certified_by; /* each may be NULL */
	/* The files beside the records. */
	char *epub_name;                 /* SLUG.epub */
	uint64_t epub_size;
	char epub_sha256[65];
	char *cover_name, *cover_type;   /* SLUG-cover.png, image/png; NULL without a cover */
	char *cover_alt;                 /* the cover's text alternative, or NULL */
	char *base_url;                  /* absolute links start with it; NULL: relative links */
};

/* Fills m from the book and its derived accessibility properties.  The file
 * fields (epub_*, cover_*) are set too, except size and checksum. */
void bd_record_meta_from_book(struct bd_record_meta *m, const struct bd_book *book, const struct bd_a11y *a11y,
			      const char *base_url);
void bd_record_meta_fini(struct bd_record_meta *m);

/* The result of checking the EPUB, for the check report. */
struct bd_record_check {
	const struct bd_diag *found;     /* the checker's messages */
	const char *checked_path;        /* the path the checker was given: replaced by epub_name */
	bool werror;                     /* accessibility warnings counted as errors */
};

/* ---- helpers shared by the writers -------------------------------------- */

/* name as a link: base_url + name, or name itself; a new string. */
char *bd_record_link(const struct bd_record_meta *m, const char *name);
/* The MARC relator term for a code ("aut" -> "author"), or NULL. */
const char *bd_record_relator_term(const char *code);
/* The ISO 639-2/B code for a BCP 47 tag's primary language ("en" -> "eng"); "und" if unknown. */
const char *bd_record_lang3(const char *bcp47);
/* The EPUB Accessibility 1.1 conformance URL for a conformsTo string such
 * as "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"; a new string, or NULL. */
char *bd_record_conformance_url(const char *conforms_to);
/* The sha256sum-style hex digest and size of a file; false if unreadable. */
bool bd_sha256_file(const char *path, char hex[65], uint64_t *size);
/* Whether the licence lets anyone read and share the book without asking:
 * a Creative Commons licence or public-domain mark.  Only then do the
 * records say open access. */
bool bd_record_open_licence(const struct bd_record_meta *m);
/* "1.2 MB", "850 KB", "900 bytes" (SI units); a new string. */
char *bd_record_human_size(uint64_t bytes);

/* ---- the writers: each writes one file at path; false after an "io" error in diag ---- */

bool bd_records_write_check_json(const struct bd_record_meta *m, const struct bd_record_check *c,
				 const char *path, struct bd_diag *diag);
bool bd_records_write_check_text(const struct bd_record_meta *m, const struct bd_record_check *c,
				 const char *path, struct bd_diag *diag);
bool bd_records_write_opds1(const struct bd_record_meta *m, const char *path, struct bd_diag *diag);
bool bd_records_write_opds2(const struct bd_record_meta *m, const char *path, struct bd_diag *diag);
bool bd_records_write_marcxml(const struct bd_record_meta *m, const char *path, struct bd_diag *diag);
bool bd_records_write_onix(const struct bd_record_meta *m, const char *path, struct bd_diag *diag);
bool bd_records_write_landing(const struct bd_record_meta *m, const struct bd_record_check *c, const char *path,
			      struct bd_diag *diag);
/* SHA256SUMS over names (files in dir), in the order given, as `sha256sum` writes it. */
bool bd_records_write_sums(const char *dir, const char *const *names, size_t n, const char *path,
			   struct bd_diag *diag);

/* ---- staging and publishing ---------------------------------------------- */

/* Writes every record into stage, which already holds m->epub_name (and
 * m->cover_name and any other file to publish): fills epub_size and
 * epub_sha256, then the check report, feeds, MARCXML, ONIX, landing page,
 * and last SHA256SUMS over every file in stage. */
bool bd_records_stage(struct bd_record_meta *m, const struct bd_record_check *c, const char *stage,
		      struct bd_diag *diag);

/* Moves every file of stage into out_dir (rename; same file system), then
 * removes stage.  A file whose bytes equal the one already there is left
 * alone.  *changed counts the files replaced or added. */
bool bd_records_publish(const char *stage, const char *out_dir, size_t *changed, struct bd_diag *diag);

/* Copies a file; false after an "io" error. */
bool bd_copy_file(const char *from, const char *to, struct bd_diag *diag);

/* ---- bindery catalog --------------------------------------------------- */

struct bd_catalog_options {
	const char *out_dir;    /* default: the folder that holds the EPUB */
	const char *base_url;   /* or NULL */
	bool quiet;
};

/* Fills m from an EPUB's package document (container.xml -> OPF, read with
 * libzip and bd_xml_parse under size limits); slug and epub_name come from
 * the file's name.  *cover_entry (if not NULL) gets the ZIP path of the
 * cover image, or NULL.  Problems go to diag; returns an enum bd_exit value. */
int bd_catalog_read(const char *epub_path, struct bd_record_meta *m, char **cover_entry, struct bd_diag *diag);
/* `bindery catalog FILE.epub`: checks the EPUB, then writes its records
 * (and a copy of the EPUB and its cover, when out_dir is elsewhere).
 * Returns an enum bd_exit value; a failing check is reported in the records,
 * not as a failure. */
int bd_catalog(const char *epub_path, const struct bd_catalog_options *opts, struct bd_diag *diag);

#endif
