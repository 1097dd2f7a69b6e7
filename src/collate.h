/* collate.h - words in a language's order, filed under its letters (ICU).
 *
 * The order is ICU's collation for the language (ucol_*): "Œdema" sorts with
 * "oedema" in English, "ñandú" after every "n" word in Spanish.  The letters
 * are the language's index characters (ulocdata_getExemplarSet with
 * ULOCDATA_ES_INDEX, what ICU's C++ AlphabeticIndex starts from): a word is
 * filed under the last letter that sorts at or before it at primary
 * strength, so Œ goes under O and ä under A, while Spanish has Ñ after N.  A
 * word that does not begin with a letter of the index's script (a digit, a
 * Greek word in an English book) goes under "other". */
#ifndef BD_COLLATE_H
#define BD_COLLATE_H

#include <stddef.h>

struct bd_collate;

/* The collation and letters for BCP 47 tag TAG (English when ICU has no
 * data for its language).  NULL only when ICU fails outright. */
struct bd_collate *bd_collate_open(const char *tag);
void bd_collate_free(struct bd_collate *c);

/* TEXT's sort key: keys compare with strcmp as the texts collate.  Free it. */
char *bd_collate_key(const struct bd_collate *c, const char *text);
/* How many letters the index has, and the Ith of them in collation order
 * (UTF-8, upper case where the script has case, owned by C). */
size_t bd_collate_nletters(const struct bd_collate *c);
const char *bd_collate_letter(const struct bd_collate *c, size_t i);
/* The letter TEXT is filed under: an index below bd_collate_nletters, or
 * bd_collate_nletters itself for "other". */
size_t bd_collate_file(const struct bd_collate *c, const char *text);

#endif
