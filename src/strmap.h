/* strmap.h - a string-keyed hash map with a per-process random seed.
 *
 * libxml2 2.9's table degrades to linear chains on short similar keys
 * ("i1", "i2", ...), which a hostile document can supply by the hundred
 * thousand; and it compares whole keys where this compares hashes first.
 * The checker and the web edition's link check use it.  One map is used by
 * one thread at a time; maps on different threads are independent. */
#ifndef BD_STRMAP_H
#define BD_STRMAP_H

#include <stdbool.h>
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

/* A set of strings kept only as their 64-bit fingerprints (the same seeded
 * hash): 8 to 16 bytes a member, never a copy of the string.  A string
 * never added is taken for a member when its fingerprint matches one: with
 * a million members, about once in 10^13 lookups.  For checks where that is
 * harmless, such as the web edition's check of the links it wrote itself. */
struct bd_fpset;
struct bd_fpset *bd_fpset_new(void);
void bd_fpset_free(struct bd_fpset *s);
/* Adds key; false when it (or its fingerprint) is there already. */
bool bd_fpset_add(struct bd_fpset *s, const char *key);
bool bd_fpset_has(const struct bd_fpset *s, const char *key);

#endif
