/* pages.h - the pages bindery writes from book.xml and the glossary rather
 * than from an article: cover, title page, glossary.  Each returns false
 * after adding an "io" error to diag. */
#ifndef BD_PAGES_H
#define BD_PAGES_H

#include "diag.h"
#include "epub.h"
#include "model.h"

#include <stdbool.h>

bool bd_pages_write_cover(const struct bd_book *book, struct bd_epub *epub, const char *name, struct bd_diag *diag);
bool bd_pages_write_title(const struct bd_book *book, struct bd_epub *epub, const char *name, struct bd_diag *diag);
/* Entries sorted case- and accent-insensitively, grouped by first letter
 * under a letter index; each links to its see-also entries and back to its
 * first use in every article. */
bool bd_pages_write_glossary(const struct bd_book *book, struct bd_epub *epub, const char *name, struct bd_diag *diag);

#endif
