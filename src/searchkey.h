/* searchkey.h - the glossary's search key map (EPUB Dictionaries and
 * Glossaries 1.0), so that a reading system can look a word up from
 * anywhere in the book.
 *
 * One search-key-group per glossary entry, pointing at its dt in the
 * glossary page; one match for the term, with a value for each variant that
 * occurs in the book's text (entry->variant_seen, from the first pass).  The
 * package lists the map with properties="glossary search-key-map" and the
 * glossary page with properties="glossary". */
#ifndef BD_SEARCHKEY_H
#define BD_SEARCHKEY_H

#include "diag.h"
#include "epub.h"
#include "model.h"

#include <stdbool.h>

/* The map's media type. */
#define BD_SEARCH_KEY_MAP_TYPE "application/vnd.epub.search-key-map+xml"

/* Writes the map as the entry name of epub.  Returns false after adding an "io" error. */
bool bd_searchkey_write(const struct bd_book *book, struct bd_epub *epub, const char *name, struct bd_diag *diag);

#endif
