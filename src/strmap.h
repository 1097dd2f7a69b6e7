/* strmap.h - a string-keyed hash map with a per-process random seed.
 *
 * libxml2 2.9's table degrades to linear chains on short similar keys
 * ("i1", "i2", ...), which a hostile document can supply by the hundred
 * thousand; and it compares whole keys where this compares hashes first.
 * The checker and the web edition's link check use it.  One map is used by
 * one thread at a time; maps on different threads are independent. */
#ifndef BD_STRMAP_H
#define BD_STRMAP_H

#include <stddef.h>

struct bd_map;
struct bd_map *bd_map_new(void);
void bd_map_free(struct bd_map *m);
/* Adds a copy of key with value; -1 (and no change) when key is there. */
int bd_map_add(struct bd_map *m, const char *key, void *value);
void *bd_map_get(const struct bd_map *m, const char *key);
size_t bd_map_len(const struct bd_map *m);
/* The same for a pair of strings. */
int bd_map_add2(struct bd_map *m, const char *a, const char *b, void *value);
void *bd_map_get2(const struct bd_map *m, const char *a, const char *b);

#endif
