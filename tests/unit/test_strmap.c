/* Unit tests for the string-keyed hash map (strmap.c): every key added is
 * found again with its value after the table grows, a key added twice keeps
 * its first value, keys that differ only at the end or share a hash-prone
 * pattern ("i1", "i2", ...) stay apart, pairs are not confused with keys
 * that merely concatenate alike, and maps filled on two threads at once
 * (the web edition's thread beside the checker) each find all their keys.
 * A fingerprint set finds every member after growing, says so when a
 * member is added again, and (for these keys) never takes a non-member for
 * one. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "strmap.h"

#define MANY 20000

static void test_grows_and_finds(void **state)
{
	struct bd_map *m = bd_map_new();
	char key[32];

	(void)state;
	for (uintptr_t i = 1; i <= MANY; i++) {
		snprintf(key, sizeof(key), "i%lu", (unsigned long)i);
		assert_int_equal(bd_map_add(m, key, (void *)i), 0);
	}
	assert_int_equal(bd_map_len(m), MANY);
	for (uintptr_t i = 1; i <= MANY; i++) {
		snprintf(key, sizeof(key), "i%lu", (unsigned long)i);
		assert_ptr_equal(bd_map_get(m, key), (void *)i);
	}
	assert_null(bd_map_get(m, "i0"));
	assert_null(bd_map_get(m, "i20001"));
	assert_null(bd_map_get(m, ""));
	assert_null(bd_map_get(NULL, "i1"));
	assert_null(bd_map_get(m, NULL));
	bd_map_free(m);
}

static void test_first_value_wins(void **state)
{
	struct bd_map *m = bd_map_new();

	(void)state;
	assert_int_equal(bd_map_add(m, "text/a.html#top", (void *)1), 0);
	assert_int_equal(bd_map_add(m, "text/a.html#top", (void *)2), -1);
	assert_ptr_equal(bd_map_get(m, "text/a.html#top"), (void *)1);
	assert_null(bd_map_get(m, "text/a.html#to"));
	assert_int_equal(bd_map_len(m), 1);
	bd_map_free(m);
}

static void test_pairs(void **state)
{
	struct bd_map *m = bd_map_new();
	char long_a[400];

	(void)state;
	assert_int_equal(bd_map_add2(m, "ab", "c", (void *)1), 0);
	assert_null(bd_map_get2(m, "a", "bc"));
	assert_ptr_equal(bd_map_get2(m, "ab", "c"), (void *)1);
	assert_int_equal(bd_map_add2(m, "ab", "c", (void *)2), -1);
	/* A pair longer than the lookup's stack buffer. */
	memset(long_a, 'x', sizeof(long_a) - 1);
	long_a[sizeof(long_a) - 1] = '\0';
	assert_int_equal(bd_map_add2(m, long_a, "y", (void *)3), 0);
	assert_ptr_equal(bd_map_get2(m, long_a, "y"), (void *)3);
	assert_null(bd_map_get2(m, long_a, "z"));
	assert_null(bd_map_get2(m, NULL, "y"));
	bd_map_free(m);
}

static void test_fingerprints(void **state)
{
	struct bd_fpset *s = bd_fpset_new();
	char key[48];
	size_t false_members = 0;

	(void)state;
	for (unsigned long i = 0; i < MANY; i++) {
		snprintf(key, sizeof(key), "text/article-%05lu.html#sec-%lu", i / 20, i % 20);
		assert_true(bd_fpset_add(s, key));
	}
	assert_false(bd_fpset_add(s, "text/article-00000.html#sec-0"));
	for (unsigned long i = 0; i < MANY; i++) {
		snprintf(key, sizeof(key), "text/article-%05lu.html#sec-%lu", i / 20, i % 20);
		assert_true(bd_fpset_has(s, key));
		snprintf(key, sizeof(key), "text/article-%05lu.html#sec-%lu", i / 20, 20 + i % 20);
		false_members += bd_fpset_has(s, key);
	}
	assert_int_equal(false_members, 0);
	assert_false(bd_fpset_has(s, ""));
	assert_false(bd_fpset_has(NULL, "x"));
	bd_fpset_free(s);
}

/* Each thread makes its first map and fills it: the seed must be the same
 * for both, set once, or a map would lose keys hashed before it changed. */
static void *fill(void *arg)
{
	const char *prefix = arg;
	struct bd_map *m = bd_map_new();
	char key[32];
	uintptr_t missing = 0;

	for (uintptr_t i = 1; i <= MANY; i++) {
		snprintf(key, sizeof(key), "%s%lu", prefix, (unsigned long)i);
		bd_map_add(m, key, (void *)i);
	}
	for (uintptr_t i = 1; i <= MANY; i++) {
		snprintf(key, sizeof(key), "%s%lu", prefix, (unsigned long)i);
		if (bd_map_get(m, key) != (void *)i)
			missing++;
	}
	bd_map_free(m);
	return (void *)missing;
}

static void test_two_threads(void **state)
{
	pthread_t a, b;
	void *missing_a, *missing_b;

	(void)state;
	assert_int_equal(pthread_create(&a, NULL, fill, "a"), 0);
	assert_int_equal(pthread_create(&b, NULL, fill, "b"), 0);
	assert_int_equal(pthread_join(a, &missing_a), 0);
	assert_int_equal(pthread_join(b, &missing_b), 0);
	assert_null(missing_a);
	assert_null(missing_b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		/* First: the threads must be the first to make maps. */
		cmocka_unit_test(test_two_threads),
		cmocka_unit_test(test_grows_and_finds),
		cmocka_unit_test(test_first_value_wins),
		cmocka_unit_test(test_pairs),
		cmocka_unit_test(test_fingerprints),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
