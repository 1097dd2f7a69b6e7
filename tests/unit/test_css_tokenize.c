/* Unit tests for css_tokenize.c: each token type of CSS Syntax Level 3,
 * escapes, url( and its bad forms, strings and their bad forms, comments,
 * numbers, positions, and input that ends anywhere. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "css_tokenize.h"

static const char *const names[] = {
	"EOF", "IDENT", "FUNCTION", "AT", "HASH", "STRING", "BAD-STRING", "URL", "BAD-URL", "DELIM", "NUM",
	"PCT", "DIM", "WS", "CDO", "CDC", ":", ";", ",", "[", "]", "(", ")", "{", "}",
};

/* The tokens of css as "TYPE(value)" words, one space apart; a '!' after
 * a token that the end of the text closed, "#id" for a hash of type id. */
static void expect(const char *css, size_t len, const char *want)
{
	struct bd_css_tokenizer tk;
	struct bd_css_token tok;
	char got[4096];
	size_t n = 0;

	got[0] = '\0';
	bd_css_tokenize_init(&tk, css, len);
	while (bd_css_tokenize_next(&tk, &tok) != BD_CSS_EOF) {
		int w;

		assert_true(tok.start <= tok.end && tok.end <= len);
		if (*tok.value)
			w = snprintf(got + n, sizeof(got) - n, "%s%s(%s)%s%s", n ? " " : "", names[tok.type], tok.value,
				     tok.hash_id ? "#id" : "", tok.eof_inside ? "!" : "");
		else
			w = snprintf(got + n, sizeof(got) - n, "%s%s%s", n ? " " : "", names[tok.type],
				     tok.eof_inside ? "!" : "");
		assert_true(w > 0 && (size_t)w < sizeof(got) - n);
		n += (size_t)w;
	}
	/* EOF again, and again. */
	assert_int_equal(bd_css_tokenize_next(&tk, &tok), BD_CSS_EOF);
	bd_css_tokenize_fini(&tk);
	assert_string_equal(got, want);
}

#define EXPECT(css, want) expect(css, sizeof(css) - 1, want)

static void test_rules(void **state)
{
	(void)state;
	EXPECT("a{b:c}", "IDENT(a) { IDENT(b) : IDENT(c) }");
	EXPECT("h1 > p.x, #main:hover { color: red; }",
	       "IDENT(h1) WS DELIM(>) WS IDENT(p) DELIM(.) IDENT(x) , WS HASH(main)#id : IDENT(hover) WS { WS "
	       "IDENT(color) : WS IDENT(red) ; WS }");
	EXPECT("@media print{}", "AT(media) WS IDENT(print) { }");
	EXPECT("[epub|type=\"x\"]", "[ IDENT(epub) DELIM(|) IDENT(type) DELIM(=) STRING(x) ]");
	EXPECT("<!-- a -->", "CDO WS IDENT(a) WS CDC");
	EXPECT("#123", "HASH(123)");
	EXPECT("@1", "DELIM(@) NUM");
	EXPECT("--x: 1", "IDENT(--x) : WS NUM");
	EXPECT("-", "DELIM(-)");
	EXPECT("é{}", "IDENT(é) { }");
	EXPECT("€", "IDENT(€)");
	EXPECT("!important", "DELIM(!) IDENT(important)");
}

static void test_numbers(void **state)
{
	(void)state;
	EXPECT("1 +2 -3.5 .5 1e3 1E-2 1e", "NUM WS NUM WS NUM WS NUM WS NUM WS NUM WS DIM(e)");
	EXPECT("10px 50% 1.5em -2\\70 x", "DIM(px) WS PCT WS DIM(em) WS DIM(px)");
	EXPECT("1.", "NUM DELIM(.)");
	EXPECT("+.", "DELIM(+) DELIM(.)");
	EXPECT("1--a", "DIM(--a)");
}

static void test_escapes(void **state)
{
	(void)state;
	EXPECT("\\72 ed", "IDENT(red)");
	EXPECT("\\000072ed", "IDENT(red)");
	EXPECT("a\\ b", "IDENT(a b)");
	EXPECT("\\0 x", "IDENT(\xef\xbf\xbdx)");
	EXPECT("\\D800", "IDENT(\xef\xbf\xbd)");
	EXPECT("\\110000", "IDENT(\xef\xbf\xbd)");
	EXPECT("\\\n", "DELIM(\\) WS");
	EXPECT("\\", "DELIM(\\)");
	EXPECT("a\\", "IDENT(a) DELIM(\\)");
	EXPECT("\"a\\\nb\"", "STRING(ab)");
	EXPECT("\"a\\", "STRING(a)!");
	EXPECT("\\72\r\nx", "IDENT(rx)");
	EXPECT("\\72 \r\nx", "IDENT(r) WS IDENT(x)");
}

static void test_strings(void **state)
{
	(void)state;
	EXPECT("'a\"b'", "STRING(a\"b)");
	EXPECT("\"a\nb\"", "BAD-STRING WS IDENT(b) STRING!");
	EXPECT("'abc", "STRING(abc)!");
	EXPECT("''", "STRING");
	EXPECT("\"\\22\"", "STRING(\")");
	/* NUL reads as U+FFFD. */
	expect("'a\0b'", 5, "STRING(a\xef\xbf\xbd" "b)");
	expect("a\0b", 3, "IDENT(a\xef\xbf\xbd" "b)");
}

static void test_urls(void **state)
{
	(void)state;
	EXPECT("url(x.png)", "URL(x.png)");
	EXPECT("URL(  x.png  )", "URL(x.png)");
	EXPECT("u\\72l(x)", "URL(x)");
	EXPECT("url(\"x.png\")", "FUNCTION(url) STRING(x.png) )");
	EXPECT("url(  'x.png' )", "FUNCTION(url) WS STRING(x.png) WS )");
	EXPECT("url()", "URL");
	EXPECT("url(x y)", "BAD-URL");
	EXPECT("url(x\"y) a", "BAD-URL WS IDENT(a)");
	EXPECT("url(x(y)", "BAD-URL");
	EXPECT("url(x\\)y)", "URL(x)y)");
	EXPECT("url(x\\\ny) b", "BAD-URL WS IDENT(b)");
	EXPECT("url(x\x01)", "BAD-URL");
	EXPECT("url(x", "URL(x)!");
	EXPECT("url(x  ", "URL(x)!");
	EXPECT("url(", "URL!");
	EXPECT("url(http://e.org/a;b)", "URL(http://e.org/a;b)");
	EXPECT("my-url(x)", "FUNCTION(my-url) IDENT(x) )");
	EXPECT("url (x)", "IDENT(url) WS ( IDENT(x) )");
}

static void test_comments(void **state)
{
	struct bd_css_tokenizer tk;
	struct bd_css_token tok;

	(void)state;
	EXPECT("a/**/b", "IDENT(a) IDENT(b)");
	EXPECT("a/* x */ /* y */b", "IDENT(a) WS IDENT(b)");
	EXPECT("/* x ** / */a", "IDENT(a)");
	EXPECT("a /", "IDENT(a) WS DELIM(/)");
	EXPECT("\"/* not a comment */\"", "STRING(/* not a comment */)");
	bd_css_tokenize_init(&tk, "a /* open", 9);
	assert_int_equal(bd_css_tokenize_next(&tk, &tok), BD_CSS_IDENT);
	assert_int_equal(bd_css_tokenize_next(&tk, &tok), BD_CSS_WHITESPACE);
	assert_int_equal(bd_css_tokenize_next(&tk, &tok), BD_CSS_EOF);
	assert_int_equal(tk.unclosed_comment, 2);
	bd_css_tokenize_fini(&tk);
	EXPECT("/*/", "");
}

static void test_positions(void **state)
{
	static const char css[] = "a {\n  b: c;\r\n\u00e9d: url(x)\r}";
	struct bd_css_tokenizer tk;
	struct bd_css_token tok;
	unsigned line, col;

	(void)state;
	bd_css_tokenize_init(&tk, css, sizeof(css) - 1);
	while (bd_css_tokenize_next(&tk, &tok) != BD_CSS_URL)
		assert_int_not_equal(tok.type, BD_CSS_EOF);
	bd_css_tokenize_where(&tk, tok.start, &line, &col);
	assert_int_equal(line, 3);
	assert_int_equal(col, 5);
	assert_int_equal(bd_css_tokenize_next(&tk, &tok), BD_CSS_WHITESPACE);
	assert_int_equal(bd_css_tokenize_next(&tk, &tok), BD_CSS_RBRACE);
	bd_css_tokenize_where(&tk, tok.start, &line, &col);
	assert_int_equal(line, 4);
	assert_int_equal(col, 1);
	/* Backwards: counted again from the start. */
	bd_css_tokenize_where(&tk, 0, &line, &col);
	assert_int_equal(line, 1);
	assert_int_equal(col, 1);
	bd_css_tokenize_where(&tk, 1000, &line, &col);
	assert_int_equal(line, 4);
	bd_css_tokenize_fini(&tk);
}

/* Every prefix of a tricky text tokenizes without reading past its end. */
static void test_every_prefix(void **state)
{
	static const char css[] = "@import url( \"a\\\"b\" ) ;\n#x\\31 {u\\72l(c\\) d) 'e\\\nf' 1e+2% -\\2d x/*g*/}";

	(void)state;
	for (size_t n = 0; n <= sizeof(css) - 1; n++) {
		char *copy = malloc(n ? n : 1);
		struct bd_css_tokenizer tk;
		struct bd_css_token tok;
		size_t last = 0;

		memcpy(copy, css, n);
		bd_css_tokenize_init(&tk, copy, n);
		while (bd_css_tokenize_next(&tk, &tok) != BD_CSS_EOF) {
			assert_true(tok.start >= last && tok.end > tok.start && tok.end <= n);
			last = tok.end;
		}
		bd_css_tokenize_fini(&tk);
		free(copy);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rules),    cmocka_unit_test(test_numbers),  cmocka_unit_test(test_escapes),
		cmocka_unit_test(test_strings),  cmocka_unit_test(test_urls),     cmocka_unit_test(test_comments),
		cmocka_unit_test(test_positions), cmocka_unit_test(test_every_prefix),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
