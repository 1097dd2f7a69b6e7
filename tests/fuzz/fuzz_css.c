/* fuzz_css.c - libFuzzer target for the CSS tokenizer and the viewport parser.
 *
 * Tokenizes the input as CSS and holds each token to the contract in
 * css_tokenize.h: tokens tile the text in order (every byte is in one token
 * or a skipped comment), each is at least one byte, values are
 * NUL-terminated at their length, positions grow.  The same bytes, up to a
 * NUL, are parsed as a viewport meta tag, whose properties must lie inside
 * the text. */
#include "css_tokenize.h"
#include "viewport.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct span {
	const char *s;
	size_t len;
};

static void on_property(const char *name, size_t name_len, const char *value, size_t value_len, void *data)
{
	const struct span *sp = data;

	if (name < sp->s || name + name_len > sp->s + sp->len || (value_len && (value < sp->s ||
								      value + value_len > sp->s + sp->len)))
		abort();
	(void)bd_viewport_dimension_ok(value, value_len, name_len == 6);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* A copy of exactly size bytes, so ASan sees any read past the end. */
	char *css = malloc(size ? size : 1);
	char *text = malloc(size + 1);
	struct bd_css_tokenizer tk;
	struct bd_css_token tok;
	size_t last_end = 0;
	unsigned last_line = 1, line, col;
	struct span sp;

	if (!css || !text) {
		free(css);
		free(text);
		return 0;
	}
	memcpy(css, data, size);
	bd_css_tokenize_init(&tk, css, size);
	while (bd_css_tokenize_next(&tk, &tok) != BD_CSS_EOF) {
		if (tok.start < last_end || tok.end <= tok.start || tok.end > size)
			abort();
		if (strlen(tok.value) > tok.value_len)
			abort();
		bd_css_tokenize_where(&tk, tok.start, &line, &col);
		if (line < last_line || col < 1)
			abort();
		last_line = line;
		last_end = tok.end;
	}
	if (tok.start != size && tk.unclosed_comment == (size_t)-1)
		abort();
	bd_css_tokenize_fini(&tk);

	memcpy(text, data, size);
	text[size] = '\0';
	sp.s = text;
	sp.len = strlen(text);
	(void)bd_viewport_error_text(bd_viewport_parse(text, on_property, &sp));
	free(text);
	free(css);
	return 0;
}
