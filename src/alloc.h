/* alloc.h - allocation that cannot fail.
 *
 * Out of memory is not an input problem that a user can fix, so like cmark we
 * abort in one place instead of threading ENOMEM through every renderer. */
#ifndef BD_ALLOC_H
#define BD_ALLOC_H

#include <stddef.h>

void *bd_malloc(size_t size);
void *bd_calloc(size_t count, size_t size);
void *bd_realloc(void *ptr, size_t size);
/* Grows *items (of item_size bytes each) so that it holds at least need items. */
void bd_grow(void *items, size_t *cap, size_t need, size_t item_size);
/* Copies s; NULL stays NULL. */
char *bd_strdup(const char *s);
char *bd_strndup(const char *s, size_t len);
/* Formats into a new string. */
char *bd_asprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A growable string, always NUL-terminated once something is added; start
 * it zeroed, take s (and free it) when done. */
struct bd_buf {
	char *s;
	size_t len, cap;
};
/* Appends s[0 .. n). */
void bd_buf_put(struct bd_buf *b, const char *s, size_t n);

#endif
