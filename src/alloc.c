/* alloc.c - the one place where running out of memory is handled. */
#include "alloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void out_of_memory(void)
{
	fputs("bindery: fatal: out of memory\n", stderr);
	abort();
}

void *bd_malloc(size_t size)
{
	void *p = malloc(size ? size : 1);
	if (!p)
		out_of_memory();
	return p;
}

void *bd_calloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);
	if (!p)
		out_of_memory();
	return p;
}

void *bd_realloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);
	if (!p)
		out_of_memory();
	return p;
}

void bd_grow(void *items, size_t *cap, size_t need, size_t item_size)
{
	void **slot = items;
	size_t n = *cap ? *cap : 8;

	if (need <= *cap)
		return;
	while (n < need) {
		if (n > ((size_t)-1) / 2 / item_size)
			out_of_memory();
		n *= 2;
	}
	*slot = bd_realloc(*slot, n * item_size);
	*cap = n;
}

char *bd_strdup(const char *s)
{
	return s ? bd_strndup(s, strlen(s)) : NULL;
}

char *bd_strndup(const char *s, size_t len)
{
	char *p = bd_malloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *bd_asprintf(const char *fmt, ...)
{
	va_list ap;
	int n;
	char *p;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		out_of_memory();
	p = bd_malloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void bd_buf_put(struct bd_buf *b, const char *s, size_t n)
{
	bd_grow(&b->s, &b->cap, b->len + n + 1, 1);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}
