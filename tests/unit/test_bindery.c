/* Unit tests for bindery.c, through include/bindery.h alone: the rule
 * table, results read as a list and through the callback, printing. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bindery.h"

static void test_rule_table(void **state)
{
	size_t n = bindery_rule_count();
	struct bindery_rule first = bindery_rule_at(0), past = bindery_rule_at(n);

	(void)state;
	assert_true(n > 100);
	assert_string_equal(first.name, "io");
	assert_int_equal(first.severity, BINDERY_RULE_ERROR);
	assert_int_equal(first.scope, BINDERY_SCOPE_BUILD | BINDERY_SCOPE_CHECK);
	assert_non_null(first.description);
	assert_null(past.name);
	for (size_t i = 0; i < n; i++)
		assert_non_null(bindery_rule_at(i).name);
}

static void count(const struct bindery_message *m, void *arg)
{
	assert_string_equal(m->rule, "epub-unreadable");
	(*(int *)arg)++;
}

static void test_check_unreadable(void **state)
{
	int calls = 0;
	struct bindery_check_options opts = { .on_message = count, .message_arg = &calls };
	struct bindery_result *r = NULL;
	const struct bindery_message *m;
	char *text = NULL;
	size_t len = 0;
	FILE *f;

	(void)state;
	assert_int_equal(bindery_check("/nonexistent/book.epub", &opts, &r), BINDERY_IO);
	assert_int_equal(calls, 1);
	assert_int_equal(bindery_result_count(r), 1);
	assert_int_equal(bindery_result_severity_count(r, BINDERY_ERROR), 1);
	assert_int_equal(bindery_result_severity_count(r, BINDERY_WARNING), 0);
	m = bindery_result_message(r, 0);
	assert_string_equal(m->file, "/nonexistent/book.epub");
	assert_int_equal(m->severity, BINDERY_ERROR);
	assert_null(bindery_result_message(r, 1));
	f = open_memstream(&text, &len);
	bindery_result_print(r, f, true, false);
	fclose(f);
	assert_non_null(strstr(text, "/nonexistent/book.epub: error: "));
	assert_non_null(strstr(text, " [epub-unreadable]\n"));
	free(text);
	bindery_result_free(r);
	bindery_result_free(NULL);
	assert_int_equal(bindery_result_count(NULL), 0);
}

static void test_version(void **state)
{
	(void)state;
	assert_string_equal(bindery_version(), BINDERY_VERSION);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rule_table),
		cmocka_unit_test(test_check_unreadable),
		cmocka_unit_test(test_version),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
