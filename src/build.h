/* build.h - `bindery build`: from book/ to a checked EPUB in the output folder. */
#ifndef BD_BUILD_H
#define BD_BUILD_H

#include "diag.h"
#include "publish.h"

#include <stdbool.h>
#include <stdio.h>

/* Exit codes of the whole program. */
enum bd_exit { BD_EXIT_OK = 0, BD_EXIT_ERRORS = 1, BD_EXIT_USAGE = 2, BD_EXIT_IO = 3 };

struct bd_build_options {
	const char *book_dir;   /* default "book" */
	/* An edition file: build that edition of the book alone.  NULL: the
	 * book and every edition book.xml lists (edition.h). */
	const char *edition;
	const char *out_dir;    /* default "dist" */
	const char *base_url;   /* records link to BASE_URL/FILE; NULL: relative links */
	unsigned report;        /* BD_REPORT_* formats of the plain-language report; 0: none */
	FILE *report_out;       /* where the text report goes (the program's standard output) */
	/* The modification time to record, as the text of SOURCE_DATE_EPOCH
	 * (whole seconds since 1970, checked here); NULL or "": book.xml's
	 * <modified>.  The library reads no environment variable. */
	const char *source_date_epoch;
	/* 1: everything on the caller's thread (the same bytes, slower); 0:
	 * up to three helper threads read ahead, compress and write the web
	 * edition. */
	int threads;
	bool no_web;            /* --no-web: no web edition (OUT_DIR/SLUG/) beside the EPUB */
	struct bd_publish_options publish; /* lock, --force, interruption, tests' steps (base_url: above) */
};

/* Report formats: text goes to standard output, JSON and HTML to
 * OUT_DIR/SLUG-report.json and OUT_DIR/SLUG-report.html (only when the build succeeds). */
enum { BD_REPORT_TEXT = 1 << 0, BD_REPORT_JSON = 1 << 1, BD_REPORT_HTML = 1 << 2 };

/* Builds the book and publishes it into the output folder beside the books
 * already there (publish.h).  Problems go to diag; returns an enum bd_exit
 * value.  The output folder is changed only when the build and its check
 * succeeded. */
int bd_build(const struct bd_build_options *opts, struct bd_diag *diag);

#endif
