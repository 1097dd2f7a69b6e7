/* json.h - writing JSON strings.
 *
 * No JSON library is on the approved list, and the JSON bindery writes is
 * only written, never read, so one careful string escaper is enough: the
 * checker's --json output and the records both use it. */
#ifndef BD_JSON_H
#define BD_JSON_H

#include <stdio.h>

/* Writes s (NULL is written as "") as a JSON string with its quotes: '"',
 * '\\' and control characters are escaped, and bytes that are not UTF-8
 * become U+FFFD, so the output is valid JSON whatever s holds. */
void bd_json_string(FILE *out, const char *s);

#endif
