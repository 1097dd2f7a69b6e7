/* Unit tests for diag.c: collecting, formatting, promoting, moving and printing. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"

static char *format_last(const struct bd_diag *d)
{
	assert_true(d->len > 0);
	return bd_diag_format(&d->msgs[d->len - 1]);
}

static void expect_last(const struct bd_diag *d, const char *want)
{
	char *line = format_last(d);
	assert_string_equal(line, want);
	free(line);
}

static void test_format_with_line_and_col(void **state)
{
	struct bd_diag d;

	(void)state;
	bd_diag_init(&d);
	bd_diag_error(&d, "book/articles/x.xml", 12, 5, "glossary-undefined",
		      "glossary term '%s' is not defined in %s", "sre", "book/glossary.xml");
	expect_last(&d, "book/articles/x.xml:12:5: error: glossary term 'sre' is not defined in "
			"book/glossary.xml [glossary-undefined]");
	assert_int_equal(d.msgs[0].line, 12);
	assert_int_equal(d.msgs[0].col, 5);
	bd_diag_fini(&d);
}

static void test_format_line_without_col(void **state)
{
	struct bd_diag d;

	(void)state;
	bd_diag_init(&d);
	bd_diag_warning(&d, "book/glossary.xml", 7, 0, "glossary-unused", "entry '%s' is unused", "bone");
	expect_last(&d, "book/glossary.xml:7: warning: entry 'bone' is unused [glossary-unused]");
	bd_diag_fini(&d);
}

static void test_format_without_line(void **state)
{
	struct bd_diag d;

	(void)state;
	bd_diag_init(&d);
	/* a column without a line means nothing and is dropped */
	bd_diag_error(&d, "book/articles/stray.xml", 0, 9, "article-unlisted", "not in the reading order");
	assert_int_equal(d.msgs[0].col, 0);
	expect_last(&d, "book/articles/stray.xml: error: not in the reading order [article-unlisted]");
	bd_diag_fini(&d);
}

static void test_format_without_file_or_rule(void **state)
{
	struct bd_diag d;

	(void)state;
	bd_diag_init(&d);
	bd_diag_error(&d, NULL, 3, 4, "source-date-epoch", "SOURCE_DATE_EPOCH='%s' is bad", "x");
	expect_last(&d, "bindery: error: SOURCE_DATE_EPOCH='x' is bad [source-date-epoch]");
	bd_diag_note(&d, "a.xml", 1, 2, NULL, "no rule here");
	expect_last(&d, "a.xml:1:2: note: no rule here");
	assert_null(d.msgs[1].rule);
	bd_diag_fini(&d);
}

static void test_format_copies_and_formats(void **state)
{
	struct bd_diag d;
	char file[] = "f.xml", rule[] = "r";
	char big[5000];

	(void)state;
	memset(big, 'y', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	bd_diag_init(&d);
	bd_diag_error(&d, file, 1, 1, rule, "%d%% of %s", 50, "it");
	/* the strings were copied */
	file[0] = 'X';
	rule[0] = 'X';
	expect_last(&d, "f.xml:1:1: error: 50% of it [r]");
	bd_diag_error(&d, "f.xml", 1, 1, "r", "%s", big);
	assert_int_equal(strlen(d.msgs[1].text), sizeof(big) - 1);
	bd_diag_error(&d, "f.xml", 1, 1, "r", "%s", "");
	assert_string_equal(d.msgs[2].text, "");
	bd_diag_fini(&d);
	assert_null(d.msgs);
	assert_int_equal(d.len, 0);
}

static void test_counts_by_severity(void **state)
{
	struct bd_diag d;

	(void)state;
	bd_diag_init(&d);
	assert_int_equal(bd_diag_errors(&d), 0);
	bd_diag_note(&d, "a", 1, 1, "n", "note");
	bd_diag_warning(&d, "a", 1, 1, "w", "warning");
	bd_diag_warning(&d, "a", 1, 1, "w", "warning");
	bd_diag_error(&d, "a", 1, 1, "e", "error");
	assert_int_equal(d.len, 4);
	assert_int_equal(d.count[BD_NOTE], 1);
	assert_int_equal(d.count[BD_WARNING], 2);
	assert_int_equal(d.count[BD_ERROR], 1);
	assert_int_equal(bd_diag_errors(&d), 1);
	bd_diag_fini(&d);
}

static void test_werror_promotes_warnings_only(void **state)
{
	struct bd_diag d;

	(void)state;
	bd_diag_init(&d);
	d.werror = true;
	bd_diag_warning(&d, "a.xml", 2, 3, "glossary-unused", "unused");
	assert_int_equal(d.msgs[0].severity, BD_ERROR);
	expect_last(&d, "a.xml:2:3: error: unused [glossary-unused]");
	bd_diag_note(&d, "a.xml", 2, 3, "n", "just a note");
	assert_int_equal(d.msgs[1].severity, BD_NOTE);
	assert_int_equal(d.count[BD_WARNING], 0);
	assert_int_equal(d.count[BD_ERROR], 1);
	assert_int_equal(d.count[BD_NOTE], 1);
	assert_int_equal(bd_diag_errors(&d), 1);
	bd_diag_fini(&d);
}

static void test_move_appends_and_empties(void **state)
{
	struct bd_diag dst, src;

	(void)state;
	bd_diag_init(&dst);
	bd_diag_init(&src);
	bd_diag_error(&dst, "d.xml", 1, 1, "one", "first");
	bd_diag_warning(&src, "s.xml", 2, 1, "two", "second");
	bd_diag_error(&src, "s.xml", 3, 1, "three", "third");
	bd_diag_move(&dst, &src);

	assert_int_equal(dst.len, 3);
	assert_string_equal(dst.msgs[0].rule, "one");
	assert_string_equal(dst.msgs[1].rule, "two");
	assert_string_equal(dst.msgs[2].rule, "three");
	assert_int_equal(dst.count[BD_ERROR], 2);
	assert_int_equal(dst.count[BD_WARNING], 1);
	assert_int_equal(src.len, 0);
	assert_null(src.msgs);
	assert_int_equal(src.count[BD_ERROR], 0);
	assert_int_equal(src.count[BD_WARNING], 0);

	/* the source is usable again, and both free cleanly */
	bd_diag_note(&src, "s.xml", 4, 1, "four", "fourth");
	assert_int_equal(src.len, 1);
	bd_diag_move(&dst, &src);
	assert_int_equal(dst.len, 4);
	assert_string_equal(dst.msgs[3].text, "fourth");
	bd_diag_fini(&src);
	bd_diag_fini(&dst);
}

static void test_move_empty(void **state)
{
	struct bd_diag dst, src;

	(void)state;
	bd_diag_init(&dst);
	bd_diag_init(&src);
	bd_diag_move(&dst, &src);
	assert_int_equal(dst.len, 0);
	bd_diag_error(&src, "s.xml", 1, 1, "r", "only");
	bd_diag_move(&dst, &src);
	assert_int_equal(dst.len, 1);
	assert_int_equal(bd_diag_errors(&dst), 1);
	bd_diag_fini(&src);
	bd_diag_fini(&dst);
}

/* Prints d to a temporary file and returns what was written. */
static char *printed(const struct bd_diag *d, bool colour)
{
	FILE *f = tmpfile();
	long n;
	char *buf;

	assert_non_null(f);
	bd_diag_print(d, f, colour);
	n = ftell(f);
	assert_true(n >= 0);
	rewind(f);
	buf = calloc(1, (size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	return buf;
}

static void test_print_plain_and_quiet(void **state)
{
	struct bd_diag d;
	char *out;

	(void)state;
	bd_diag_init(&d);
	bd_diag_error(&d, "a.xml", 1, 2, "e", "bad");
	bd_diag_warning(&d, "a.xml", 3, 0, "w", "meh");
	bd_diag_note(&d, NULL, 0, 0, "n", "fyi");
	out = printed(&d, false);
	assert_string_equal(out, "a.xml:1:2: error: bad [e]\n"
				 "a.xml:3: warning: meh [w]\n"
				 "bindery: note: fyi [n]\n");
	free(out);
	d.quiet = true;
	out = printed(&d, false);
	assert_string_equal(out, "a.xml:1:2: error: bad [e]\n");
	free(out);
	bd_diag_fini(&d);
}

static void test_print_colour(void **state)
{
	struct bd_diag d;
	char *out;

	(void)state;
	bd_diag_init(&d);
	bd_diag_error(&d, "a.xml", 1, 2, "e", "bad");
	out = printed(&d, true);
	assert_non_null(strstr(out, "\033["));
	assert_non_null(strstr(out, "a.xml:1:2:"));
	assert_non_null(strstr(out, "error:"));
	assert_non_null(strstr(out, " bad [e]\n"));
	free(out);
	bd_diag_fini(&d);
}

static void test_want_colour(void **state)
{
	FILE *f = tmpfile();

	(void)state;
	assert_non_null(f);
	/* never on a file */
	unsetenv("NO_COLOR");
	assert_false(bd_diag_want_colour(f));
	/* NO_COLOR wins whatever the stream */
	setenv("NO_COLOR", "1", 1);
	assert_false(bd_diag_want_colour(f));
	assert_false(bd_diag_want_colour(stderr));
	unsetenv("NO_COLOR");
	fclose(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format_with_line_and_col),
		cmocka_unit_test(test_format_line_without_col),
		cmocka_unit_test(test_format_without_line),
		cmocka_unit_test(test_format_without_file_or_rule),
		cmocka_unit_test(test_format_copies_and_formats),
		cmocka_unit_test(test_counts_by_severity),
		cmocka_unit_test(test_werror_promotes_warnings_only),
		cmocka_unit_test(test_move_appends_and_empties),
		cmocka_unit_test(test_move_empty),
		cmocka_unit_test(test_print_plain_and_quiet),
		cmocka_unit_test(test_print_colour),
		cmocka_unit_test(test_want_colour),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
