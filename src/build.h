/* build.h - `bindery build`: from book/ to a checked EPUB in the output folder. */
#ifndef BD_BUILD_H
#define BD_BUILD_H

#include "diag.h"

#include <stdbool.h>

/* Exit codes of the whole program. */
enum bd_exit { BD_EXIT_OK = 0, BD_EXIT_ERRORS = 1, BD_EXIT_USAGE = 2, BD_EXIT_IO = 3 };

struct bd_build_options {
	const char *book_dir;   /* default "book" */
	const char *out_dir;    /* default "dist" */
	bool quiet;             /* no progress lines on stdout */
};

/* Builds the book.  Problems go to diag; returns an enum bd_exit value.  The
 * output folder is changed only when the build and its check succeeded. */
int bd_build(const struct bd_build_options *opts, struct bd_diag *diag);

#endif
