/* Unit tests for l10n.c: every catalogue has exactly the keys and
 * placeholders of English; fallback by BCP 47; placeholders filled; ICU's
 * dates and lists in the book's language, the same on every machine. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "l10n.h"

/* TEXT's placeholders, sorted, as one string "{a}{b}". */
static char *placeholders(const char *text)
{
	const char *found[32];
	size_t n = 0, len = 1;
	char *out;

	for (const char *p = strchr(text, '{'); p; p = strchr(p + 1, '{')) {
		assert_non_null(strchr(p, '}'));
		assert_true(n < 32);
		found[n++] = p;
	}
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && strcmp(found[j - 1], found[j]) > 0; j--) {
			const char *t = found[j];
			found[j] = found[j - 1];
			found[j - 1] = t;
		}
	for (size_t i = 0; i < n; i++)
		len += (size_t)(strchr(found[i], '}') - found[i]) + 1;
	out = calloc(1, len);
	for (size_t i = 0; i < n; i++)
		strncat(out, found[i], (size_t)(strchr(found[i], '}') - found[i]) + 1);
	return out;
}

static bool has_key(const struct bd_l10n *cat, const char *key)
{
	for (size_t i = 0; bd_l10n_key(cat, i); i++)
		if (strcmp(bd_l10n_key(cat, i), key) == 0)
			return true;
	return false;
}

static void test_catalogues_match_english(void **state)
{
	const struct bd_l10n *en = bd_l10n_at(0);
	const char *want[] = { "en", "de", "fr", "es", "ar" };
	size_t nen = 0;

	(void)state;
	assert_non_null(en);
	assert_string_equal(bd_l10n_lang(en), "en");
	while (bd_l10n_key(en, nen))
		nen++;
	assert_true(nen > 50);
	for (size_t w = 0; w < sizeof(want) / sizeof(want[0]); w++) {
		bool shipped = false;
		for (size_t i = 0; bd_l10n_at(i); i++)
			shipped = shipped || strcmp(bd_l10n_lang(bd_l10n_at(i)), want[w]) == 0;
		if (!shipped)
			fail_msg("no catalogue l10n/%s.txt", want[w]);
	}
	for (size_t c = 1; bd_l10n_at(c); c++) {
		const struct bd_l10n *cat = bd_l10n_at(c);
		size_t n = 0;

		for (const char *key; (key = bd_l10n_key(cat, n)); n++) {
			char *mine, *english;
			if (!has_key(en, key))
				fail_msg("l10n/%s.txt: key '%s' is not in en.txt", bd_l10n_lang(cat), key);
			for (size_t k = 0; k < n; k++)
				if (strcmp(bd_l10n_key(cat, k), key) == 0)
					fail_msg("l10n/%s.txt: key '%s' twice", bd_l10n_lang(cat), key);
			mine = placeholders(bd_l10n_text(cat, key));
			english = placeholders(bd_l10n_text(en, key));
			if (strcmp(mine, english) != 0)
				fail_msg("l10n/%s.txt: '%s' has placeholders %s, en.txt has %s", bd_l10n_lang(cat), key,
					 mine, english);
			if (!*bd_l10n_text(cat, key))
				fail_msg("l10n/%s.txt: '%s' is empty", bd_l10n_lang(cat), key);
			free(mine);
			free(english);
		}
		for (size_t i = 0; i < nen; i++)
			if (!has_key(cat, bd_l10n_key(en, i)))
				fail_msg("l10n/%s.txt: key '%s' is missing", bd_l10n_lang(cat), bd_l10n_key(en, i));
		assert_int_equal(n, nen);
	}
}

static void expect_match(const char *tag, const char *want)
{
	const struct bd_l10n *cat = bd_l10n_find(tag);

	if (!want) {
		if (cat)
			fail_msg("'%s' matched %s, want none", tag ? tag : "(null)", bd_l10n_lang(cat));
		assert_string_equal(bd_l10n_lang(bd_l10n_for(tag)), "en");
		return;
	}
	if (!cat)
		fail_msg("'%s' matched nothing, want %s", tag, want);
	assert_string_equal(bd_l10n_lang(cat), want);
}

static void test_fallback(void **state)
{
	(void)state;
	expect_match("en", "en");
	expect_match("en-GB", "en");
	expect_match("de", "de");
	expect_match("de-CH", "de");
	expect_match("DE-at", "de");
	expect_match("fr-CA", "fr");
	expect_match("es-419", "es");
	expect_match("ar-EG", "ar");
	expect_match("sr-Latn-RS", NULL);
	expect_match("nl", NULL);
	expect_match("", NULL);
	expect_match(NULL, NULL);
	expect_match("not a tag", NULL);
}

static void test_format(void **state)
{
	const struct bd_l10n *de = bd_l10n_find("de"), *en = bd_l10n_find("en");
	char *s, *before, *after;

	(void)state;
	assert_string_equal(bd_l10n_text(de, "nav.contents"), "Inhalt");
	assert_string_equal(bd_l10n_text(de, "no.such.key"), "no.such.key");
	s = bd_l10n_format(en, "title.reviewed", "due", "3 May 2027", "reviewer", "Dr Ada", "date", "1 May 2026",
			   NULL);
	assert_string_equal(s, "Medically reviewed on 1 May 2026 by Dr Ada. Next review due 3 May 2027.");
	free(s);
	/* A placeholder without a value stays visible rather than vanishing. */
	s = bd_l10n_format(en, "nav.get-help-now", NULL);
	assert_string_equal(s, "Get help now: {title}");
	free(s);
	bd_l10n_split(de, "title.published", "date", &before, &after, NULL);
	assert_string_equal(before, "Veröffentlicht am ");
	assert_string_equal(after, "");
	free(before);
	free(after);
	bd_l10n_split(en, "landing.check-report-formats", "json", &before, &after, NULL);
	assert_string_equal(before, "(text; also as ");
	assert_string_equal(after, ")");
	free(before);
	free(after);
}

static void expect_date(const char *tag, const char *iso, const char *want)
{
	char *got = bd_l10n_date(tag, iso);

	if (strcmp(got, want) != 0)
		fail_msg("%s %s: '%s', want '%s'", tag, iso, got, want);
	free(got);
}

static void test_dates(void **state)
{
	(void)state;
	expect_date("de", "2026-12-06", "6. Dezember 2026");
	expect_date("de-CH", "2026-12-06", "6. Dezember 2026");
	expect_date("es", "2026-12-06", "6 de diciembre de 2026");
	expect_date("en-GB", "2026-12-06", "6 December 2026");
	expect_date("en-GB", "2026-11-26", "26 November 2026");
	expect_date("fr", "2026-12-06", "6 décembre 2026");
	expect_date("en", "2026-01-02", "January 2, 2026");
	expect_date("ar", "2026-12-06", "٦ ديسمبر ٢٠٢٦");
	/* The first and last day of a year, far from the epoch: no time zone shifts them. */
	expect_date("en-GB", "1969-12-31", "31 December 1969");
	expect_date("en-GB", "2100-01-01", "1 January 2100");
	/* Not a date: shown as written. */
	expect_date("en-GB", "soon", "soon");
	/* A language ICU has no data for: English, never the machine's locale. */
	expect_date("tlh", "2026-12-06", "December 6, 2026");
}

static void test_lists_and_direction(void **state)
{
	const char *three[] = { "A", "B", "C" }, *one[] = { "A" };
	char *s, **glue;

	(void)state;
	s = bd_l10n_list("en-GB", three, 3);
	assert_string_equal(s, "A, B and C");
	free(s);
	s = bd_l10n_list("de", three, 3);
	assert_string_equal(s, "A, B und C");
	free(s);
	s = bd_l10n_list("es", one, 1);
	assert_string_equal(s, "A");
	free(s);
	glue = bd_l10n_list_glue("fr", 2);
	assert_string_equal(glue[0], "");
	assert_string_equal(glue[1], " et ");
	assert_string_equal(glue[2], "");
	bd_l10n_glue_free(glue, 2);
	glue = bd_l10n_list_glue("fr", 0);
	assert_string_equal(glue[0], "");
	bd_l10n_glue_free(glue, 0);
	assert_true(bd_l10n_rtl("ar"));
	assert_true(bd_l10n_rtl("he-IL"));
	assert_false(bd_l10n_rtl("en-GB"));
	assert_false(bd_l10n_rtl("de"));
	assert_false(bd_l10n_rtl(NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_catalogues_match_english),
		cmocka_unit_test(test_fallback),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_lists_and_direction),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
