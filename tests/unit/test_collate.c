/* Unit tests for collate.c: the glossary's order and letters in English,
 * French, German, Spanish and Arabic (ICU collation and index characters). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "collate.h"

/* The letter TERM is filed under in language TAG, "other" for none. */
static void expect_letter(const char *tag, const char *term, const char *want)
{
	struct bd_collate *c = bd_collate_open(tag);
	size_t at;
	const char *got;

	assert_non_null(c);
	at = bd_collate_file(c, term);
	got = at == bd_collate_nletters(c) ? "other" : bd_collate_letter(c, at);
	if (strcmp(got, want) != 0)
		fail_msg("%s: '%s' filed under '%s', want '%s'", tag, term, got, want);
	bd_collate_free(c);
}

/* TERMS, given in the order TAG sorts them, come out of the keys in that order. */
static void expect_order(const char *tag, const char *const *terms, size_t n)
{
	struct bd_collate *c = bd_collate_open(tag);
	char *prev = NULL;

	assert_non_null(c);
	for (size_t i = 0; i < n; i++) {
		char *key = bd_collate_key(c, terms[i]);
		if (prev && strcmp(prev, key) >= 0)
			fail_msg("%s: '%s' does not sort before '%s'", tag, terms[i - 1], terms[i]);
		free(prev);
		prev = key;
	}
	free(prev);
	bd_collate_free(c);
}

static void test_english_and_french(void **state)
{
	static const char *const en[] = { "oedema", "\xc5\x92" "dema", "oesophagus", "scan" };
	/* French: cœur, côte, épaule, Œdème, os. */
	static const char *const fr[] = { "c\xc5\x93ur", "c\xc3\xb4te", "\xc3\xa9paule", "\xc5\x92" "d\xc3\xa8me", "os" };

	(void)state;
	expect_letter("en-GB", "\xc5\x92" "dema", "O");   /* Œdema */
	expect_letter("en-GB", "oesophagus", "O");
	expect_letter("en-GB", "zoledronic acid", "Z");
	expect_letter("en-GB", "\xc3\xa9" "clat", "E");   /* éclat */
	expect_letter("en-GB", "5-FU", "other");
	expect_letter("en-GB", "\xce\xb1-blocker", "other"); /* a Greek letter after Z: not under Z */
	expect_letter("fr", "\xc5\x92" "d\xc3\xa8me", "O"); /* Œdème */
	expect_letter("fr", "\xc3\xa9paule", "E");           /* épaule */
	expect_order("en-GB", en, sizeof(en) / sizeof(en[0]));
	expect_order("fr", fr, sizeof(fr) / sizeof(fr[0]));
}

static void test_german(void **state)
{
	static const char *const de[] = { "Arm", "\xc3\x84rztin", "Auge", "Magen", "M\xc3\xbc" "digkeit", "Muskel",
					  "Schulter", "Stra\xc3\x9f" "e", "\xc3\x9c" "belkeit", "Zunge" };
	(void)state;
	expect_letter("de", "\xc3\x84rztin", "A");     /* Ärztin */
	expect_letter("de", "\xc3\xa4rger", "A");      /* ärger */
	expect_letter("de", "\xc3\x9c" "belkeit", "U"); /* Übelkeit */
	expect_letter("de-CH", "\xc3\x96l", "O");      /* Öl */
	expect_order("de", de, sizeof(de) / sizeof(de[0]));
}

static void test_spanish(void **state)
{
	static const char *const es[] = { "nariz", "nuca", "\xc3\xb1" "and\xc3\xba", "o\xc3\xad" "do", "ojo" };
	struct bd_collate *c = bd_collate_open("es");
	size_t n, enie = 0, ene = 0, o = 0;

	(void)state;
	expect_letter("es", "\xc3\x91" "and\xc3\xba", "\xc3\x91"); /* Ñandú under Ñ */
	expect_letter("es", "\xc3\xb1" "u", "\xc3\x91");
	expect_letter("es", "nuca", "N");
	expect_letter("es", "\xc3\xa1rbol", "A");                  /* árbol */
	expect_order("es", es, sizeof(es) / sizeof(es[0]));
	/* Ñ is a letter of its own, between N and O. */
	assert_non_null(c);
	n = bd_collate_nletters(c);
	for (size_t i = 0; i < n; i++) {
		if (strcmp(bd_collate_letter(c, i), "N") == 0)
			ene = i;
		if (strcmp(bd_collate_letter(c, i), "\xc3\x91") == 0)
			enie = i;
		if (strcmp(bd_collate_letter(c, i), "O") == 0)
			o = i;
	}
	assert_int_equal(enie, ene + 1);
	assert_int_equal(o, enie + 1);
	bd_collate_free(c);
}

static void test_arabic(void **state)
{
	/* قلب (heart), كبد (liver), معدة (stomach), أنف (nose), عين (eye) */
	static const char *const order[] = { "\xd8\xa3\xd9\x86\xd9\x81", "\xd8\xb9\xd9\x8a\xd9\x86",
					     "\xd9\x82\xd9\x84\xd8\xa8", "\xd9\x83\xd8\xa8\xd8\xaf",
					     "\xd9\x85\xd8\xb9\xd8\xaf\xd8\xa9" };
	struct bd_collate *c = bd_collate_open("ar");

	(void)state;
	assert_non_null(c);
	assert_true(bd_collate_nletters(c) >= 28);
	assert_string_equal(bd_collate_letter(c, 0), "\xd8\xa7"); /* alif first */
	bd_collate_free(c);
	expect_letter("ar", "\xd9\x82\xd9\x84\xd8\xa8", "\xd9\x82"); /* قلب under ق */
	expect_letter("ar", "\xd8\xa3\xd9\x86\xd9\x81", "\xd8\xa7"); /* أنف under ا */
	expect_letter("ar", "MRI", "other");
	expect_order("ar", order, sizeof(order) / sizeof(order[0]));
}

static void test_unknown_language(void **state)
{
	(void)state;
	/* No ICU data: English letters, whatever the machine's locale. */
	expect_letter("tlh", "\xc5\x92" "dema", "O");
	expect_letter("und", "zebra", "Z");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_english_and_french),
		cmocka_unit_test(test_german),
		cmocka_unit_test(test_spanish),
		cmocka_unit_test(test_arabic),
		cmocka_unit_test(test_unknown_language),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
