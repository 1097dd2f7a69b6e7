/* opf.h - the package document: metadata, manifest and spine. */
#ifndef BD_OPF_H
#define BD_OPF_H

#include "a11y.h"
#include "diag.h"
#include "epub.h"
#include "model.h"

#include <stdbool.h>

/* Writes package.opf as the entry name of epub.  Returns false after adding an "io" error. */
bool bd_opf_write(const struct bd_book *book, const struct bd_a11y *a11y, struct bd_epub *epub,
		  const char *name, struct bd_diag *diag);

#endif
