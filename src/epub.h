/* epub.h - the container: a reproducible zip assembled in memory and
 * written with libzip. */
#ifndef BD_EPUB_H
#define BD_EPUB_H

#include "diag.h"

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

/* Largest file taken into an EPUB from disk (a stylesheet or an image). */
#define BD_EPUB_FILE_MAX ((size_t)64 * 1024 * 1024)

/* An EPUB being assembled.  Each entry is compressed soon after it is
 * added, on a second thread while the caller renders the next document, and
 * only its compressed bytes are kept: memory grows with the EPUB, not with
 * the book's uncompressed text, and nothing is staged on disk.  The bytes
 * do not depend on the thread: each entry is compressed on its own. */
struct bd_epub;

struct bd_epub *bd_epub_new(bool threads);
/* Frees everything, waiting for the compressing thread first. */
void bd_epub_free(struct bd_epub *ep);

/* Adds an entry called name (a path inside the EPUB) holding a copy of the
 * len bytes at data.  Entries are written in the order added, after
 * "mimetype".  Waits while too many uncompressed bytes are queued. */
void bd_epub_add(struct bd_epub *ep, const char *name, const void *data, size_t len);
/* The same, taking ownership of data (from malloc; NULL when len is 0). */
void bd_epub_take(struct bd_epub *ep, const char *name, unsigned char *data, size_t len);
/* Adds the contents of the file at path (at most BD_EPUB_FILE_MAX bytes).
 * Returns false after adding an error to diag. */
bool bd_epub_add_file(struct bd_epub *ep, const char *name, const char *path, struct bd_diag *diag);

/* Writes the EPUB to out_path: "mimetype" first and stored, then the
 * entries, every one with the same DOS time (from mtime, in UTC) and the
 * same attributes, so that equal inputs give equal bytes.  Waits for the
 * compression of every entry first.  Returns false after adding an error
 * to diag. */
bool bd_epub_write(struct bd_epub *ep, const char *out_path, time_t mtime, struct bd_diag *diag);

#endif
