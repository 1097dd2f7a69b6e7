/* Unit tests for read.h's lexical rules (article.c): what each accepts, what
 * it refuses (white space above all: the values are checked as written), and
 * the one-line message bd_lex_check_id gives; and where bd_source_check_css
 * reports the references it refuses. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "read.h"

static void test_id(void **state)
{
	static const char *const good[] = { "a", "intro", "fig-1", "a-", "x9", "part-one-2" };
	static const char *const bad[] = { "", "How", "1abc", "-a", "how ", " how", "a b", "a_b", "a.b",
					   "a#b", "caf\xC3\xA9", "a\tb", "a\nb" };

	(void)state;
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		assert_true(bd_lex_id(good[i]));
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_false(bd_lex_id(bad[i]));
}

static void test_xref(void **state)
{
	static const char *const good[] = { "help", "bones#breaks", "a#b-2" };
	static const char *const bad[] = { "", "#breaks", "bones#", "bones#Breaks", "Bones#breaks", "a b",
					   "bones#breaks ", " bones", "a#b#c", "a/b" };

	(void)state;
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		assert_true(bd_lex_xref(good[i]));
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_false(bd_lex_xref(bad[i]));
}

static void test_link(void **state)
{
	static const char *const good[] = { "https://example.org/", "http://x", "mailto:help@example.org",
					    "https://example.org/a%20b?q=1#top", "https://ex.org/\xC3\xA9" };
	static const char *const bad[] = { "", "https:", "mailto:", "ftp://example.org/", "HTTPS://x",
					   "https://x.org/a b", " https://x.org/", "https://x.org/ ",
					   "https://x.org/\t", "https://x.org/\n", "example.org", "httpx://x" };

	(void)state;
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		assert_true(bd_lex_link(good[i]));
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_false(bd_lex_link(bad[i]));
}

static void test_image_src(void **state)
{
	static const char *const good[] = { "images/fig.svg", "a.png", "A_b-1/c/D.jpg", "x.jpeg" };
	static const char *const bad[] = { "", ".svg", "images/.svg", "/images/fig.svg", "images//fig.svg",
					   "../images/fig.svg", "images/../fig.svg", "./fig.svg", "fig.svg ",
					   " fig.svg", "fig.SVG", "fig.gif", "fig.svg.png", "fig", "images/",
					   "a b.png", "fig.png/" };

	(void)state;
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		assert_true(bd_lex_image_src(good[i]));
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_false(bd_lex_image_src(bad[i]));
}

static char *format_last(const struct bd_diag *d)
{
	assert_true(d->len > 0);
	return bd_diag_format(&d->msgs[d->len - 1]);
}

static void test_check_id_message(void **state)
{
	struct bd_diag d;
	struct bd_loc at = { "book/articles/x.xml", 12, 5 };
	char *line;

	(void)state;
	bd_diag_init(&d);
	assert_true(bd_lex_check_id(&d, at, "id", "how"));
	assert_true(bd_lex_check_id(&d, at, "id", NULL));   /* absent: the schema's business */
	assert_int_equal(d.len, 0);

	assert_false(bd_lex_check_id(&d, at, "id", "how "));
	line = format_last(&d);
	assert_string_equal(line, "book/articles/x.xml:12:5: error: the id 'how ' must start with a lowercase "
				  "letter and use only a-z, 0-9 and '-' [id-syntax]");
	free(line);
	assert_int_equal(bd_diag_errors(&d), 1);
	bd_diag_fini(&d);
}

/* A message is one line: control characters in the value are escaped. */
static void test_check_id_escapes_controls(void **state)
{
	struct bd_diag d;
	struct bd_loc at = { "g.xml", 3, 3 };

	(void)state;
	bd_diag_init(&d);
	assert_false(bd_lex_check_id(&d, at, "see-also reference", "a\nb\tc\x7F"));
	assert_string_equal(d.msgs[0].text, "the see-also reference 'a\\x0Ab\\x09c\\x7F' must start with a "
					    "lowercase letter and use only a-z, 0-9 and '-'");
	bd_diag_fini(&d);
}

/* A long value is cut, and never inside a UTF-8 sequence. */
static void test_check_id_cuts_long_values(void **state)
{
	struct bd_diag d;
	struct bd_loc at = { "g.xml", 1, 1 };
	char value[200];
	const char *text, *open, *close;

	(void)state;
	/* 79 ASCII bytes, then e-acute repeated: byte 80 starts in the middle of one. */
	memset(value, 'A', 79);
	for (size_t i = 79; i + 2 < sizeof(value); i += 2)
		value[i] = '\xC3', value[i + 1] = '\xA9';
	value[sizeof(value) - 1] = '\0';
	bd_diag_init(&d);
	assert_false(bd_lex_check_id(&d, at, "id", value));
	text = d.msgs[0].text;
	open = strchr(text, '\'');
	close = strchr(open + 1, '\'');
	assert_non_null(close);
	assert_int_equal(close - open - 1, 79 + 3);
	assert_memory_equal(close - 3, "...", 3);
	assert_int_equal((unsigned char)close[-4], 'A');
	bd_diag_fini(&d);
}

/* Where bd_source_check_css puts each reference, and which rule it gets. */
static void test_source_check_css(void **state)
{
	static const char css[] = "a { b: url(#g) }\n  c { d: url(https://e.org/x.png) }\n"
				  "@import 'local.css'; e { f: url(data:,x) }";
	static const struct {
		enum bd_css_place place;
		bool self_contained;
		size_t n;
		unsigned line[3], col[3];
		const char *rule[3];
	} cases[] = {
		{ BD_CSS_FILE, false, 1, { 2, 0, 0 }, { 10, 0, 0 }, { "remote-reference" } },
		{ BD_CSS_FILE, true, 3, { 2, 3, 3 }, { 10, 1, 29 }, { "remote-reference", "image-svg-unsafe", "image-svg-unsafe" } },
		{ BD_CSS_ELEMENT, true, 3, { 8, 9, 9 }, { 10, 1, 29 }, { "remote-reference", "image-svg-unsafe", "image-svg-unsafe" } },
		{ BD_CSS_ATTRIBUTE, false, 1, { 7, 0, 0 }, { 5, 0, 0 }, { "remote-reference" } },
	};
	struct bd_loc at = { "x.svg", 7, 5 };

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct bd_diag d;

		bd_diag_init(&d);
		assert_int_equal(bd_source_check_css(&d, at, cases[i].place, "this text", css, sizeof(css) - 1,
						     cases[i].self_contained),
				 false);
		assert_int_equal(d.len, cases[i].n);
		for (size_t k = 0; k < d.len; k++) {
			assert_int_equal(d.msgs[k].line, cases[i].line[k]);
			assert_int_equal(d.msgs[k].col, cases[i].col[k]);
			assert_string_equal(d.msgs[k].rule, cases[i].rule[k]);
		}
		if (i == 0)
			assert_string_equal(d.msgs[0].text, "this text refers to 'https://e.org/x.png', outside the book; "
							    "an ebook must work offline, so remove the reference");
		bd_diag_fini(&d);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_id),
		cmocka_unit_test(test_xref),
		cmocka_unit_test(test_link),
		cmocka_unit_test(test_image_src),
		cmocka_unit_test(test_check_id_message),
		cmocka_unit_test(test_check_id_escapes_controls),
		cmocka_unit_test(test_check_id_cuts_long_values),
		cmocka_unit_test(test_source_check_css),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
