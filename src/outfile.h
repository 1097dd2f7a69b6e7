/* outfile.h - writing a plain file (JSON, text) with write errors reported
 * once, as bd_out_open and bd_out_close do for XML: a writer checks the
 * result of the close, not of every fputs. */
#ifndef BD_OUTFILE_H
#define BD_OUTFILE_H

#include "diag.h"

#include <stdbool.h>
#include <stdio.h>

/* Creates path for writing; NULL after an "io" error in diag. */
FILE *bd_outfile_open(const char *path, struct bd_diag *diag);
/* Closes out; false, after an "io" error in diag, if any write failed. */
bool bd_outfile_close(FILE *out, const char *path, struct bd_diag *diag);

#endif
