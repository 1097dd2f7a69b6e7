/* fuzz_cssrefs.c - libFuzzer target for the CSS reference scanner.
 *
 * Scans the input as CSS text (a stylesheet, a <style> element or a style
 * attribute: builder and checker alike) and holds each reference to the
 * contract in cssrefs.h: in text order, inside the text, positioned from
 * 1:1, never empty, and classified without reading past its end. */
#include "cssrefs.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct last {
	size_t size, offset;
	unsigned line;
	int seen;
};

static void check_ref(const struct bd_cssref *ref, void *data)
{
	struct last *l = data;

	if (ref->offset >= l->size || ref->line < 1 || ref->col < 1 || !*ref->url)
		abort();
	if (l->seen && (ref->offset <= l->offset || ref->line < l->line))
		abort();
	l->seen = 1;
	l->offset = ref->offset;
	l->line = ref->line;
	(void)bd_cssrefs_where(ref->url);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* A copy of exactly size bytes, so ASan sees any read past the end. */
	char *css = malloc(size ? size : 1);
	struct last l = { size, 0, 0, 0 };

	if (!css)
		return 0;
	memcpy(css, data, size);
	bd_cssrefs_scan(css, size, check_ref, &l);
	free(css);
	return 0;
}
