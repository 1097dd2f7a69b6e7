/* Unit tests for cssrefs.c: every form of url() and @import, what is not a
 * reference (comments, strings, @namespace, other functions), positions,
 * @font-face, and where a reference leads. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "cssrefs.h"

/* The references found, one line each: "URL line:col[ import][ font]". */
struct found {
	char text[4096];
	size_t len;
};

static void collect(const struct bd_cssref *ref, void *data)
{
	struct found *f = data;
	int n = snprintf(f->text + f->len, sizeof(f->text) - f->len, "%s %u:%u%s%s\n", ref->url, ref->line, ref->col,
			 ref->import ? " import" : "", ref->font_face ? " font" : "");

	assert_true(n > 0 && (size_t)n < sizeof(f->text) - f->len);
	f->len += (size_t)n;
}

static void expect(const char *css, const char *refs)
{
	struct found f = { .len = 0 };

	f.text[0] = '\0';
	bd_cssrefs_scan(css, strlen(css), collect, &f);
	assert_string_equal(f.text, refs);
}

static void test_url_forms(void **state)
{
	(void)state;
	expect("a { background: url(x.png) }", "x.png 1:17\n");
	expect("a{b:url('x.png')}", "x.png 1:5\n");
	expect("a{b:url(\"x y.png\")}", "x y.png 1:5\n");
	expect("a{b:URL(  x.png  )}", "x.png 1:5\n");
	expect("a{b:url( /* c */ 'x.png' /* d */ )}", "x.png 1:5\n");
	expect("a{b:url(\n\t\"x.png\"\n)}", "x.png 1:5\n");
	/* Escapes in the name and in the argument. */
	expect("a{b:u\\72l(https\\3a //e.org/t.svg#g)}", "https://e.org/t.svg#g 1:5\n");
	expect("a{b:\\75 rl(x.png)}", "x.png 1:5\n");
	expect("a{b:url('ht\\\ntps://e.org/')}", "https://e.org/ 1:5\n");
	expect("a{b:url(\\'x)}", "'x 1:5\n");
	/* Unclosed, or a bad URL: what came first is still reported. */
	expect("a{b:url(https://e.org/x", "https://e.org/x 1:5\n");
	expect("a{b:url(https://e.org/x y)} c{d:url(z)}", "https://e.org/x 1:5\nz 1:33\n");
	/* Empty: nothing. */
	expect("a{b:url()} c{d:url('')}", "");
	/* image-set() and image() take URLs as strings. */
	expect("a{b:image-set('a.png' 1x, url(b.png) 2x, linear-gradient(red, blue) 3x)}",
	       "a.png 1:15\nb.png 1:27\n");
	expect("a{b:-webkit-image-set(\"a.png\" 1x)} c{content:'x.png'}", "a.png 1:23\n");
}

static void test_not_references(void **state)
{
	(void)state;
	expect("/* url(in-a-comment.png) @import 'x.css'; */ a { content: 'url(in-a-string.png)' }", "");
	expect("a { content: \"@import 'x.css'\" } b { font-family: \"url(x)\" }", "");
	expect("a { b: my-url(x.png); c: url-like(y.png); d: 2url(z.png) }", "");
	expect("@namespace svg url(http://www.w3.org/2000/svg);\n@namespace \"http://www.w3.org/1999/xhtml\";\n"
	       "a{b:url(x.png)}",
	       "x.png 3:5\n");
	/* An escaped quote is part of a name: \"url( is no url(. */
	expect("a { b: \\\"url(x.png)\\\" }", "");
}

static void test_import(void **state)
{
	(void)state;
	expect("@import \"a.css\";\n@import url(b.css) screen;\n@IMPORT /* c */ url( 'c.css' );\n@import'd.css';",
	       "a.css 1:1 import\nb.css 2:1 import\nc.css 3:1 import\nd.css 4:1 import\n");
	expect("@import https://e.org/x.css;", "");   /* not a reference: CSS ignores it */
}

static void test_positions_and_font_face(void **state)
{
	(void)state;
	/* Columns count characters, not bytes. */
	expect("/* é */\n  a { b: url(x) }\r\n\n é{c:url(y)}", "x 2:10\ny 4:6\n");
	expect("@font-face { font-family: F; src: url(https://e.org/f.woff2) format('woff2'); }\n"
	       "a { b: url(https://e.org/i.png) }\n"
	       "@media print { @font-face { src: url(g.woff) } p { b: url(h.png) } }",
	       "https://e.org/f.woff2 1:35 font\nhttps://e.org/i.png 2:8\ng.woff 3:34 font\nh.png 3:55\n");
}

static void test_hostile(void **state)
{
	static const char *const texts[] = { "url(", "url('", "@import", "@import url(", "\\", "a\\", "/*", "'\\",
					     "u\\", "url(\\", "image-set('", "@font-face{{{}}}}}", "url(\"\\\n" };

	(void)state;
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		expect(texts[i], "");
	/* Bytes after the given length are never read. */
	{
		char css[] = "a{b:url(x.png)}";
		struct found f = { .len = 0 };

		f.text[0] = '\0';
		bd_cssrefs_scan(css, 10, collect, &f);
		assert_string_equal(f.text, "x. 1:5\n");
	}
	/* NUL bytes read as U+FFFD, escaped or not. */
	{
		static const char css[] = "a{b:url(x\0y\\\0)}";
		struct found f = { .len = 0 };

		f.text[0] = '\0';
		bd_cssrefs_scan(css, sizeof(css) - 1, collect, &f);
		assert_string_equal(f.text, "x\xEF\xBF\xBDy\xEF\xBF\xBD 1:5\n");
	}
}

static void test_where(void **state)
{
	(void)state;
	assert_int_equal(bd_cssrefs_where(""), BD_CSSREFS_FRAGMENT);
	assert_int_equal(bd_cssrefs_where("#g"), BD_CSSREFS_FRAGMENT);
	assert_int_equal(bd_cssrefs_where("  #g"), BD_CSSREFS_FRAGMENT);
	assert_int_equal(bd_cssrefs_where("x.png"), BD_CSSREFS_LOCAL);
	assert_int_equal(bd_cssrefs_where("../images/x.png#g"), BD_CSSREFS_LOCAL);
	assert_int_equal(bd_cssrefs_where("/x.png"), BD_CSSREFS_LOCAL);
	assert_int_equal(bd_cssrefs_where("a/b:c"), BD_CSSREFS_LOCAL);
	assert_int_equal(bd_cssrefs_where("data:image/png;base64,AAAA"), BD_CSSREFS_DATA);
	assert_int_equal(bd_cssrefs_where("DATA:,x"), BD_CSSREFS_DATA);
	assert_int_equal(bd_cssrefs_where("https://e.org/t.svg#g"), BD_CSSREFS_REMOTE);
	assert_int_equal(bd_cssrefs_where("HTTP://e.org/"), BD_CSSREFS_REMOTE);
	assert_int_equal(bd_cssrefs_where("//e.org/x"), BD_CSSREFS_REMOTE);
	assert_int_equal(bd_cssrefs_where("\\\\e.org\\x"), BD_CSSREFS_REMOTE);
	assert_int_equal(bd_cssrefs_where("/\\e.org/x"), BD_CSSREFS_REMOTE);
	assert_int_equal(bd_cssrefs_where(" \t\x01https://e.org/"), BD_CSSREFS_REMOTE);
	assert_int_equal(bd_cssrefs_where("ht\ntps://e.org/"), BD_CSSREFS_REMOTE);
	assert_int_equal(bd_cssrefs_where("file:///etc/passwd"), BD_CSSREFS_REMOTE);
	assert_int_equal(bd_cssrefs_where("javascript:alert(1)"), BD_CSSREFS_REMOTE);
	assert_int_equal(bd_cssrefs_where("c:/x.png"), BD_CSSREFS_REMOTE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_url_forms),
		cmocka_unit_test(test_not_references),
		cmocka_unit_test(test_import),
		cmocka_unit_test(test_positions_and_font_face),
		cmocka_unit_test(test_hostile),
		cmocka_unit_test(test_where),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
