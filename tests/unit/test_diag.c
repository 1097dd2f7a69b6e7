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
	bd_diag_report(&d, BD_R_GLOSSARY_UNDEFINED, "book/articles/x.xml", 12, 5,
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
	bd_diag_report(&d, BD_R_GLOSSARY_UNUSED, "book/glossary.xml", 7, 0, "entry '%s' is unused", "bone");
	expect_last(&d, "book/glossary.xml:7: warning: entry 'bone' is unused [glossary-unused]");
	bd_diag_fini(&d);
}

static void test_format_without_line(void **state)
{
	struct bd_diag d;

	(void)state;
	bd_diag_init(&d);
	/* a column without a line means nothing and is dropped */
	bd_diag_report(&d, BD_R_ARTICLE_UNLISTED, "book/articles/stray.xml", 0, 9, "not in the reading order");
	assert_int_equal(d.msgs[0].col, 0);
	expect_last(&d, "book/articles/stray.xml: error: not in the reading order [article-unlisted]");
	bd_diag_fini(&d);
}

/* The severity is the rule's own, from one table; accessibility rules
 * become errors only under the checker's --werror. */
static void test_severity_from_table(void **state)
{
	struct bd_diag d;

	(void)state;
	bd_diag_init(&d);
	bd_diag_report(&d, BD_R_A11Y_ALT_CLAIM, "p.opf", 1, 1, "claim");
	assert_int_equal(d.msgs[0].severity, BD_WARNING);
	d.a11y_werror = true;
	bd_diag_report(&d, BD_R_A11Y_ALT_CLAIM, "p.opf", 1, 1, "claim");
	assert_int_equal(d.msgs[1].severity, BD_ERROR);
	bd_diag_report(&d, BD_R_NAV_TOC_ORDER, "p.opf", 1, 1, "order");
	assert_int_equal(d.msgs[2].severity, BD_WARNING);
	bd_diag_report(&d, BD_R_CHECK_INCOMPLETE, "p.opf", 1, 1, "cut");
	assert_int_equal(d.msgs[3].severity, BD_NOTE);
	assert_int_equal(d.msgs[3].id, BD_R_CHECK_INCOMPLETE);
	bd_diag_fini(&d);
}

/* Every rule has a unique name of the stable form, a description, and is
 * found again by its name. */
static void test_rule_table(void **state)
{
	(void)state;
	assert_null(bd_rule_get(BD_R_NONE));
	assert_null(bd_rule_get(BD_R_COUNT));
	for (int r = BD_R_NONE + 1; r < BD_R_COUNT; r++) {
		const struct bd_rule_info *info = bd_rule_get((enum bd_rule)r);

		assert_non_null(info);
		assert_non_null(info->name);
		assert_true(strspn(info->name, "abcdefghijklmnopqrstuvwxyz0123456789-") == strlen(info->name));
		assert_true(info->text && info->text[0]);
		assert_true(info->scope != 0);
		assert_int_equal(bd_rule_find(info->name), r);
	}
	assert_int_equal(bd_rule_find("no-such-rule"), BD_R_NONE);
	assert_int_equal(bd_rule_find("duplicate-id"), BD_R_DUPLICATE_ID);
	assert_int_equal(bd_rule_find("id-duplicate"), BD_R_NONE);
}

static void test_format_without_file_or_rule(void **state)
{
	struct bd_diag d;

	(void)state;
	bd_diag_init(&d);
	bd_diag_report(&d, BD_R_SOURCE_DATE_EPOCH, NULL, 3, 4, "SOURCE_DATE_EPOCH='%s' is bad", "x");
	expect_last(&d, "bindery: error: SOURCE_DATE_EPOCH='x' is bad [source-date-epoch]");
	bd_diag_add(&d, BD_NOTE, "a.xml", 1, 2, BD_R_NONE, "no rule here");
	expect_last(&d, "a.xml:1:2: note: no rule here");
	assert_null(d.msgs[1].rule);
	bd_diag_fini(&d);
}

static void test_format_copies_and_formats(void **state)
{
	struct bd_diag d;
	char file[] = "f.xml";
	char big[5000];

	(void)state;
	memset(big, 'y', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	bd_diag_init(&d);
	bd_diag_report(&d, BD_R_IO, file, 1, 1, "%d%% of %s", 50, "it");
	/* the file name was copied */
	file[0] = 'X';
	expect_last(&d, "f.xml:1:1: error: 50% of it [io]");
	bd_diag_report(&d, BD_R_IO, "f.xml", 1, 1, "%s", big);
	assert_int_equal(strlen(d.msgs[1].text), sizeof(big) - 1);
	bd_diag_report(&d, BD_R_IO, "f.xml", 1, 1, "%s", "");
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
	bd_diag_report(&d, BD_R_PACKAGE_EPUB2, "a", 1, 1, "note");
	bd_diag_report(&d, BD_R_GLOSSARY_UNUSED, "a", 1, 1, "warning");
	bd_diag_report(&d, BD_R_GLOSSARY_UNUSED, "a", 1, 1, "warning");
	bd_diag_report(&d, BD_R_IO, "a", 1, 1, "error");
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
	bd_diag_report(&d, BD_R_GLOSSARY_UNUSED, "a.xml", 2, 3, "unused");
	assert_int_equal(d.msgs[0].severity, BD_ERROR);
	expect_last(&d, "a.xml:2:3: error: unused [glossary-unused]");
	bd_diag_report(&d, BD_R_PACKAGE_EPUB2, "a.xml", 2, 3, "just a note");
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
	bd_diag_report(&dst, BD_R_IO, "d.xml", 1, 1, "first");
	bd_diag_report(&src, BD_R_GLOSSARY_UNUSED, "s.xml", 2, 1, "second");
	bd_diag_report(&src, BD_R_IO, "s.xml", 3, 1, "third");
	bd_diag_move(&dst, &src);

	assert_int_equal(dst.len, 3);
	assert_string_equal(dst.msgs[0].text, "first");
	assert_string_equal(dst.msgs[1].rule, "glossary-unused");
	assert_string_equal(dst.msgs[2].text, "third");
	assert_int_equal(dst.count[BD_ERROR], 2);
	assert_int_equal(dst.count[BD_WARNING], 1);
	assert_int_equal(src.len, 0);
	assert_null(src.msgs);
	assert_int_equal(src.count[BD_ERROR], 0);
	assert_int_equal(src.count[BD_WARNING], 0);

	/* the source is usable again, and both free cleanly */
	bd_diag_report(&src, BD_R_PACKAGE_EPUB2, "s.xml", 4, 1, "fourth");
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
	bd_diag_report(&src, BD_R_IO, "s.xml", 1, 1, "only");
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
	bd_diag_report(&d, BD_R_IO, "a.xml", 1, 2, "bad");
	bd_diag_report(&d, BD_R_GLOSSARY_UNUSED, "a.xml", 3, 0, "meh");
	bd_diag_report(&d, BD_R_PACKAGE_EPUB2, NULL, 0, 0, "fyi");
	out = printed(&d, false);
	assert_string_equal(out, "a.xml:1:2: error: bad [io]\n"
				 "a.xml:3: warning: meh [glossary-unused]\n"
				 "bindery: note: fyi [package-epub2]\n");
	free(out);
	d.quiet = true;
	out = printed(&d, false);
	assert_string_equal(out, "a.xml:1:2: error: bad [io]\n");
	free(out);
	bd_diag_fini(&d);
}

static void test_print_colour(void **state)
{
	struct bd_diag d;
	char *out;

	(void)state;
	bd_diag_init(&d);
	bd_diag_report(&d, BD_R_IO, "a.xml", 1, 2, "bad");
	out = printed(&d, true);
	assert_non_null(strstr(out, "\033["));
	assert_non_null(strstr(out, "a.xml:1:2:"));
	assert_non_null(strstr(out, "error:"));
	assert_non_null(strstr(out, " bad [io]\n"));
	free(out);
	bd_diag_fini(&d);
}

static void test_is_terminal(void **state)
{
	FILE *f = tmpfile();

	(void)state;
	assert_non_null(f);
	/* a file is never a terminal, so never coloured */
	assert_false(bd_diag_is_terminal(f));
	fclose(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format_with_line_and_col),
		cmocka_unit_test(test_format_line_without_col),
		cmocka_unit_test(test_format_without_line),
		cmocka_unit_test(test_format_without_file_or_rule),
		cmocka_unit_test(test_severity_from_table),
		cmocka_unit_test(test_rule_table),
		cmocka_unit_test(test_format_copies_and_formats),
		cmocka_unit_test(test_counts_by_severity),
		cmocka_unit_test(test_werror_promotes_warnings_only),
		cmocka_unit_test(test_move_appends_and_empties),
		cmocka_unit_test(test_move_empty),
		cmocka_unit_test(test_print_plain_and_quiet),
		cmocka_unit_test(test_print_colour),
		cmocka_unit_test(test_is_terminal),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
