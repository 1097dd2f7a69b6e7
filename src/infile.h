/* infile.h - opening an input file without ever blocking.
 *
 * Every file bindery reads (sources, images, stylesheets, an EPUB to check)
 * is opened with O_NONBLOCK, so that a FIFO or a device named where a file
 * should be cannot stall the run at open(); the same descriptor is then
 * fstat'ed and refused unless it is a regular file, and only then read
 * (blocking again, which a regular file never does). */
#ifndef BD_INFILE_H
#define BD_INFILE_H

#include "diag.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum bd_infile_status {
	BD_INFILE_OK,
	BD_INFILE_MISSING,     /* no such file (ENOENT, ENOTDIR) */
	BD_INFILE_NOT_REGULAR, /* a folder, FIFO, socket or device */
	BD_INFILE_ERROR,       /* any other failure: errno is set */
};

/* Opens path for reading ("rb").  Returns the stream, or NULL with *status
 * saying why; *kind (when not NULL) names what a non-regular file is: "a
 * folder", "a FIFO", "a device", "a socket". */
FILE *bd_infile_open(const char *path, enum bd_infile_status *status, const char **kind);

/* The same, reporting failures at display (line, col): a missing or
 * unreadable file as "io", a special file as "not-a-file". */
FILE *bd_infile_open_report(const char *path, const char *display, unsigned line, unsigned col,
			    struct bd_diag *diag);

/* Reads the rest of f into a new buffer (NUL-terminated, *len bytes), in
 * chunks rather than trusting a size fstat reports.  Stops once more than
 * max bytes were read (*len > max then).  False on a read error (errno
 * set); the caller frees *buf either way. */
bool bd_infile_read_all(FILE *f, size_t max, char **buf, size_t *len);

#endif
