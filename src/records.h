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
#include "publish.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A published folder is a small library of books.  Each book's own files
 * are SLUG followed by one of these (the cover is SLUG-cover.EXT) ... */
#define BD_REC_EPUB ".epub"
#define BD_REC_CHECK_JSON "-check-report.json"
#define BD_REC_CHECK_TEXT "-check-report.txt"
#define BD_REC_MARC ".marcxml"
#define BD_REC_ONIX ".onix.xml"
#define BD_REC_REPORT_JSON "-report.json"
#define BD_REC_REPORT_HTML "-report.html"
/* ... and these are shared, rebuilt from every book present on each publish. */
#define BD_REC_OPDS1 "catalog.xml"
#define BD_REC_OPDS2 "catalog.json"
#define BD_REC_LANDING "index.html"
#define BD_REC_SUMS "SHA256SUMS"
/* Hidden, never published: what bindery keeps per book (records_book.c). */
#define BD_REC_BOOK_PREFIX ".bindery-book-"

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
	char *epub_version;              /* "3.3" for bindery's own, else the package's version ("2.0", "3.0") */
	uint64_t epub_size;
	char epub_sha256[65];
	char *cover_name, *cover_type;   /* SLUG-cover.png, image/png; NULL without a cover */
	char *cover_alt;                 /* the cover's text alternative, or NULL */
	char *thumbnail_name, *thumbnail_type; /* SLUG-thumbnail.png, image/png; NULL without one */
	char *base_url;                  /* absolute links start with it; NULL: relative links */
	size_t check_errors, check_warnings; /* bindery check's result on the EPUB */
	struct bd_strlist files;         /* the book's files in the folder, SLUG.epub first */
};

/* SLUG + suffix (BD_REC_EPUB, BD_REC_MARC, ...); a new string. */
char *bd_record_name(const struct bd_record_meta *m, const char *suffix);

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
/* The sha256sum-style hex form of a SHA-256 digest. */
void bd_sha256_hex(const unsigned char md[32], char hex[65]);
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
/* The feeds and the landing page list several books (sorted by the caller);
 * base_url is the folder's (the books' own base_url make their links). */
bool bd_records_write_opds1(const struct bd_record_meta *const *books, size_t n, const char *base_url,
			    const char *path, struct bd_diag *diag);
bool bd_records_write_opds2(const struct bd_record_meta *const *books, size_t n, const char *base_url,
			    const char *path, struct bd_diag *diag);
bool bd_records_write_marcxml(const struct bd_record_meta *m, const char *path, struct bd_diag *diag);
bool bd_records_write_onix(const struct bd_record_meta *m, const char *path, struct bd_diag *diag);
bool bd_records_write_landing(const struct bd_record_meta *const *books, size_t n, const char *path,
			      struct bd_diag *diag);
struct bd_l10n;
/* "By A, B and C" in cat's words, the names joined as the language lang
 * joins a list (the landing page and the web edition's cover); NULL when
 * n is 0, else a new string. */
char *bd_records_byline(const struct bd_l10n *cat, const char *lang, const struct bd_person *people, size_t n);

/* ---- one book's files ---------------------------------------------------- */

/* Writes one book's own records into stage, which already holds
 * m->epub_name (and the cover, and any file the caller listed in m->files):
 * fills epub_size, epub_sha256 and the check result, writes the check
 * report, MARCXML and ONIX, adds them to m->files, and last the book's
 * hidden metadata file (records_book.c). */
bool bd_records_stage_book(struct bd_record_meta *m, const struct bd_record_check *c, const char *stage,
			   struct bd_diag *diag);

/* DIR/.bindery-book-SLUG.xml: the name (a new string), and writing and
 * reading it back.  Reading fails quietly (false) on a missing or damaged
 * file: the book is then read from its EPUB. */
char *bd_record_book_file(const char *slug);
bool bd_record_book_write(const struct bd_record_meta *m, const char *path, struct bd_diag *diag);
bool bd_record_book_read(const char *path, struct bd_record_meta *m);

/* Copies a file; false after an "io" error. */
bool bd_copy_file(const char *from, const char *to, struct bd_diag *diag);

/* ---- bindery catalog --------------------------------------------------- */

struct bd_catalog_options {
	const char *out_dir;    /* default: the folder that holds the EPUB */
	const char *base_url;   /* or NULL */
	struct bd_publish_options publish; /* lock, --force, interruption, tests' steps */
};

/* An EPUB read for its records: checked once, its package read from what
 * the checker parsed (catalog.c). */
struct bd_catalog_epub {
	struct bd_record_meta meta;  /* slug and epub_name from the file's name */
	struct bd_diag found;        /* the check's messages, warnings as errors */
	char *opf_display;           /* "EPUB!package.opf"; NULL when no package was read */
	char *cover_path;            /* the cover image's container path, or NULL */
	char *cover;                 /* its bytes, cover_len of them */
	size_t cover_len;
};
/* Checks the EPUB and fills e from its package document and cover.
 * Problems that stop the records go to diag; returns an enum bd_exit
 * value.  Free e with bd_catalog_epub_fini whatever it returns. */
int bd_catalog_read(const char *epub_path, struct bd_catalog_epub *e, struct bd_diag *diag);
void bd_catalog_epub_fini(struct bd_catalog_epub *e);
/* `bindery catalog FILE.epub`: checks the EPUB, then publishes its records
 * (and a copy of the EPUB and its cover, when out_dir is elsewhere) into
 * the folder beside the books already there.  `bindery catalog DIR`
 * rebuilds DIR's shared files from the EPUBs present.  Returns an enum
 * bd_exit value; a failing check is reported in the records, not as a
 * failure. */
int bd_catalog(const char *epub_path, const struct bd_catalog_options *opts, struct bd_diag *diag);

#endif
