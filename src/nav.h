/* nav.h - the navigation document (table of contents and landmarks) and,
 * for older reading systems, the EPUB 2 NCX with the same table. */
#ifndef BD_NAV_H
#define BD_NAV_H

#include "diag.h"
#include "epub.h"
#include "model.h"

#include <stdbool.h>

/* Both return false after adding an "io" error to diag. */
bool bd_nav_write(const struct bd_book *book, struct bd_epub *epub, const char *name, struct bd_diag *diag);
bool bd_ncx_write(const struct bd_book *book, struct bd_epub *epub, const char *name, struct bd_diag *diag);

/* The article readers should start at: the first one in the body. */
const struct bd_article *bd_nav_first_body(const struct bd_book *book);

#endif
