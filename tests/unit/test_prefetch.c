/* Unit tests for prefetch.c: results and messages come back in order, a
 * werror caller gets errors, and stopping early frees what was not taken. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "prefetch.h"

static size_t freed;

/* Item i: a string "item i" and, for every third item, a warning. */
static void *make_item(size_t i, void *ctx, struct bd_diag *diag)
{
	char *s = malloc(32);

	(void)ctx;
	assert_non_null(s);
	snprintf(s, 32, "item %zu", i);
	if (i % 3 == 0)
		bd_diag_report(diag, BD_R_GLOSSARY_UNUSED, "f.xml", (unsigned)i + 1, 1, "warning for %zu", i);
	return s;
}

static void free_item(void *p)
{
	freed++;
	free(p);
}

static void take_all(size_t n, size_t ahead, bool werror)
{
	struct bd_diag d;
	struct bd_prefetch *pf;

	bd_diag_init(&d);
	d.werror = werror;
	pf = bd_prefetch_start(n, ahead, make_item, free_item, NULL, werror, true);
	for (size_t i = 0; i < n; i++) {
		char want[32];
		char *got = bd_prefetch_take(pf, i, &d);
		snprintf(want, sizeof(want), "item %zu", i);
		assert_string_equal(got, want);
		/* Half go back to the thread to be freed there: valgrind sees any lost. */
		if (i % 2)
			bd_prefetch_give_back(pf, got);
		else
			free(got);
		/* Messages arrive with their item, not before. */
		assert_int_equal(d.len, i / 3 + 1);
		assert_int_equal(d.msgs[d.len - 1].line, (i / 3) * 3 + 1);
	}
	bd_prefetch_stop(pf);
	assert_int_equal(bd_diag_errors(&d), werror ? (n + 2) / 3 : 0);
	bd_diag_fini(&d);
}

static void test_in_order(void **state)
{
	(void)state;
	take_all(1, 1, false);
	take_all(100, 1, false);
	take_all(100, 4, false);
	take_all(1000, 16, true);
}

static void test_stop_early_frees_the_rest(void **state)
{
	struct bd_diag d;

	(void)state;
	bd_diag_init(&d);
	for (size_t ahead = 1; ahead <= 8; ahead *= 2) {
		struct bd_prefetch *pf = bd_prefetch_start(50, ahead, make_item, free_item, NULL, false, true);
		free(bd_prefetch_take(pf, 0, &d));
		free(bd_prefetch_take(pf, 1, &d));
		freed = 0;
		bd_prefetch_stop(pf);  /* valgrind checks that nothing leaks */
		assert_true(freed <= ahead);
	}
	bd_diag_fini(&d);
}

static void test_no_items(void **state)
{
	(void)state;
	bd_prefetch_stop(bd_prefetch_start(0, 4, make_item, free_item, NULL, false, true));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_in_order),
		cmocka_unit_test(test_stop_early_frees_the_rest),
		cmocka_unit_test(test_no_items),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
