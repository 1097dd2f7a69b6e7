/* bindery.h - the whole public surface of libbindery.
 *
 * bindery builds a checked EPUB 3 from a folder of XML sources, checks any
 * EPUB against EPUB 3.3 and EPUB Accessibility 1.1, and publishes an EPUB's
 * records (MARC, ONIX, OPDS, landing page) into a folder of books.  The
 * three commands of the `bindery` program are the three calls below.
 *
 * The library never prints, reads the environment, exits, sets the locale
 * or tunes malloc: the caller owns the process.  Threads, the build date
 * (SOURCE_DATE_EPOCH) and colour come in through options and arguments;
 * the messages about the input come back in a struct bindery_result, and
 * also through a callback when one is given.  Link with
 * `pkg-config --cflags --libs bindery` or CMake's find_package(bindery)
 * (target bindery::bindery). */
#ifndef BINDERY_H
#define BINDERY_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define BINDERY_API __attribute__((visibility("default")))
#else
#define BINDERY_API
#endif

/* What every call returns; also the program's exit status. */
enum bindery_status {
	BINDERY_OK = 0,     /* done, no error in the input */
	BINDERY_ERRORS = 1, /* done, but the input has errors (in the result) */
	BINDERY_USAGE = 2,  /* the options make no sense */
	BINDERY_IO = 3,     /* a file could not be read or written, or memory ran out */
};

/* ---- messages ----------------------------------------------------------- */

enum bindery_severity { BINDERY_NOTE, BINDERY_WARNING, BINDERY_ERROR };

/* One problem in the input, as printed "FILE:LINE:COL: SEVERITY: TEXT [RULE]".
 * The strings belong to the result that holds the message. */
struct bindery_message {
	const char *rule;      /* the rule's stable name ("glossary-undefined"); NULL outside the table */
	enum bindery_severity severity; /* after --werror promotion */
	const char *file;      /* the file the user wrote, or "EPUB!ENTRY"; NULL: the whole run */
	unsigned line, col;    /* 0: unknown */
	const char *text;      /* one line, no rule name */
};

/* Called once per message, in order, before the call that found them returns. */
typedef void bindery_message_fn(const struct bindery_message *message, void *arg);

/* The messages of one call.  Free with bindery_result_free. */
struct bindery_result;

BINDERY_API size_t bindery_result_count(const struct bindery_result *result);
/* Message i (0 <= i < count), valid until the result is freed. */
BINDERY_API const struct bindery_message *bindery_result_message(const struct bindery_result *result, size_t i);
/* How many messages have this severity. */
BINDERY_API size_t bindery_result_severity_count(const struct bindery_result *result,
						 enum bindery_severity severity);
/* Writes one GCC-style line per message; quiet leaves notes and warnings
 * out; colour adds ANSI colours (the caller decides: a terminal, NO_COLOR). */
BINDERY_API void bindery_result_print(const struct bindery_result *result, FILE *out, bool quiet, bool colour);
/* NULL is allowed. */
BINDERY_API void bindery_result_free(struct bindery_result *result);

/* ---- the rule table ----------------------------------------------------- */

enum bindery_rule_severity {
	BINDERY_RULE_NOTE,
	BINDERY_RULE_WARNING,
	BINDERY_RULE_ERROR,
	BINDERY_RULE_A11Y, /* a warning that check's werror makes an error */
};

/* Which commands report a rule: bits. */
enum { BINDERY_SCOPE_BUILD = 1 << 0, BINDERY_SCOPE_CHECK = 1 << 1, BINDERY_SCOPE_CATALOG = 1 << 2 };

struct bindery_rule {
	const char *name;        /* stable, e.g. "xml-syntax"; NULL past the end of the table */
	enum bindery_rule_severity severity;
	unsigned scope;          /* BINDERY_SCOPE_* bits */
	const char *description; /* one line */
	/* The closest EPUBCheck message ids, comma-separated ("RSC-005,OPF-014"),
	 * "none", or NULL for a rule only the builder reports. */
	const char *epubcheck;
};

BINDERY_API size_t bindery_rule_count(void);
/* Rule index (0 <= index < bindery_rule_count()); static strings. */
BINDERY_API struct bindery_rule bindery_rule_at(size_t index);
/* `--list-rules`: one line per rule with a bit of scope: name, severity
 * ("warning*" for A11Y), description; for BINDERY_SCOPE_CHECK alone, the
 * EPUBCheck ids too. */
BINDERY_API void bindery_rules_print(FILE *out, unsigned scope);

/* ---- publishing into a folder (build and catalog) ----------------------- */

enum bindery_progress {
	BINDERY_PROGRESS_WAITING, /* "waiting for another bindery...", before any message */
	BINDERY_PROGRESS_DONE,    /* what a successful run wrote */
};

struct bindery_publish_options {
	/* One-line progress messages; NULL: none. */
	void (*progress)(enum bindery_progress kind, const char *line, void *arg);
	void *progress_arg;
	bool no_wait; /* fail at once (folder-busy) when another bindery publishes there */
	bool force;   /* replace or remove files in the folder that bindery did not write */
	/* Set by the caller's signal handler: the run stops between steps and
	 * leaves the folder as it was.  May be NULL. */
	const volatile sig_atomic_t *interrupted;
	/* Tests only: called after each step of publishing.  May be NULL. */
	void (*test_step)(unsigned step, void *arg);
	void *test_arg;
};

/* ---- build -------------------------------------------------------------- */

/* Plain-language report formats (bits): text to report_out, JSON and HTML
 * to OUT_DIR/SLUG-report.json and .html (only when the build succeeds). */
enum { BINDERY_REPORT_TEXT = 1 << 0, BINDERY_REPORT_JSON = 1 << 1, BINDERY_REPORT_HTML = 1 << 2 };

struct bindery_build_options {
	const char *book_dir;   /* NULL: "book" */
	const char *out_dir;    /* NULL: "dist" */
	const char *base_url;   /* records link to BASE_URL/FILE; NULL: relative links */
	/* An edition file (--edition): build that edition alone; NULL: the book
	 * and every edition that book.xml lists. */
	const char *edition;
	bool no_web;            /* leave out the web edition (out_dir/SLUG/) */
	unsigned report;        /* BINDERY_REPORT_* bits; 0: none */
	FILE *report_out;       /* where the text report goes */
	/* The modification date to record, as SOURCE_DATE_EPOCH's text (whole
	 * seconds since 1970, checked); NULL or "": book.xml's <modified>. */
	const char *source_date_epoch;
	int threads;            /* 1: all on the caller's thread; 0: helper threads too */
	bool werror;            /* warnings become errors */
	struct bindery_publish_options publish;
	bindery_message_fn *on_message; /* may be NULL */
	void *message_arg;
};

/* `bindery build`: reads the book, builds and checks its EPUB and publishes
 * it with its records into out_dir.  *result is always set: it holds the
 * messages (the library aborts when memory runs out, as cmark does).  The
 * folder is changed only when the status is BINDERY_OK. */
BINDERY_API enum bindery_status bindery_build(const struct bindery_build_options *opts,
					      struct bindery_result **result);

/* ---- check -------------------------------------------------------------- */

struct bindery_check_options {
	bool werror;        /* accessibility warnings become errors */
	uint64_t max_size;  /* cap on the bytes unpacked; 0: 4 GiB */
	bindery_message_fn *on_message; /* may be NULL */
	void *message_arg;
};

/* `bindery check`: checks one EPUB file; never writes.  Messages name
 * "PATH!ENTRY" or PATH.  opts may be NULL.  BINDERY_ERRORS when the EPUB
 * has errors, BINDERY_IO when it cannot be read at all. */
BINDERY_API enum bindery_status bindery_check(const char *epub_path, const struct bindery_check_options *opts,
					      struct bindery_result **result);
/* `bindery check --json`: files[i]'s results are results[i]. */
BINDERY_API void bindery_check_write_json(FILE *out, const char *const *files,
					  const struct bindery_result *const *results, size_t n);

/* ---- catalog ------------------------------------------------------------ */

struct bindery_catalog_options {
	const char *out_dir;  /* NULL: the EPUB's folder; must be NULL for a folder */
	const char *base_url; /* or NULL */
	struct bindery_publish_options publish;
	bindery_message_fn *on_message; /* may be NULL */
	void *message_arg;
};

/* `bindery catalog`: given an EPUB, checks it and publishes its records
 * beside the books in out_dir; given a folder, rebuilds its shared files
 * (catalogs, landing page, SHA256SUMS) from the EPUBs in it. */
BINDERY_API enum bindery_status bindery_catalog(const char *path, const struct bindery_catalog_options *opts,
						struct bindery_result **result);

/* ---- the library -------------------------------------------------------- */

/* "0.1.0" */
BINDERY_API const char *bindery_version(void);
/* Frees libxml2's global state; call once, after the last call above. */
BINDERY_API void bindery_cleanup(void);

#ifdef __cplusplus
}
#endif

#endif
