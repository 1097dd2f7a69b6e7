/* Unit tests for a11y.c: accessibility metadata follows the content. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "a11y.h"
#include "model.h"

static bool has(const char *const *list, size_t n, const char *value)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i], value) == 0)
			return true;
	return false;
}

static void test_text_only_book(void **state)
{
	struct bd_article art = { .nheadings = 2 };
	struct bd_book book = { .articles = &art, .narticles = 1 };
	struct bd_a11y a;

	(void)state;
	bd_a11y_derive(&book, &a);
	assert_int_equal(a.naccess_modes, 1);
	assert_string_equal(a.access_modes[0], "textual");
	assert_false(has(a.features, a.nfeatures, "alternativeText"));
	assert_false(has(a.features, a.nfeatures, "longDescription"));
	assert_true(has(a.features, a.nfeatures, "tableOfContents"));
	assert_true(has(a.features, a.nfeatures, "structuralNavigation"));
	assert_string_equal(a.hazard, "none");
}

static void test_images_make_it_visual(void **state)
{
	struct bd_article art = { .nfigures = 2, .nfigures_described = 0 };
	struct bd_book book = { .articles = &art, .narticles = 1, .cover_src = "c.png", .cover_alt = "Cover" };
	struct bd_a11y a;

	(void)state;
	bd_a11y_derive(&book, &a);
	assert_true(has(a.access_modes, a.naccess_modes, "visual"));
	assert_true(has(a.sufficient, a.nsufficient, "textual"));
	assert_true(has(a.features, a.nfeatures, "alternativeText"));
	/* no figure has a long description, so none is claimed */
	assert_false(has(a.features, a.nfeatures, "longDescription"));
	art.nfigures_described = 1;
	bd_a11y_derive(&book, &a);
	assert_true(has(a.features, a.nfeatures, "longDescription"));
}

static void test_cover_without_alt_is_not_alternative_text(void **state)
{
	struct bd_article art = { 0 };
	struct bd_book book = { .articles = &art, .narticles = 1, .cover_src = "c.png", .cover_alt = "" };
	struct bd_a11y a;

	(void)state;
	bd_a11y_derive(&book, &a);
	assert_false(has(a.features, a.nfeatures, "alternativeText"));
	assert_false(has(a.sufficient, a.nsufficient, "textual"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_only_book),
		cmocka_unit_test(test_images_make_it_visual),
		cmocka_unit_test(test_cover_without_alt_is_not_alternative_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
