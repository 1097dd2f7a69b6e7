/* epub.h - the container: a reproducible zip written with libzip. */
#ifndef BD_EPUB_H
#define BD_EPUB_H

#include "diag.h"

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

struct bd_epub_entry {
	char *name;   /* path inside the EPUB */
	char *path;   /* file on disk to read it from */
};

/* Writes an EPUB to out_path: "mimetype" first and stored, then entries in
 * the given order, deflated at level 9, every one with the same DOS time
 * (from mtime, in UTC) and the same attributes, so that equal inputs give
 * equal bytes.  Returns false after adding an error to diag. */
bool bd_epub_write(const char *out_path, const struct bd_epub_entry *entries, size_t n, time_t mtime,
		   struct bd_diag *diag);

#endif
