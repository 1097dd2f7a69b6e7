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
	static const char *const en[] = { "oedema", "Œdema", "oesophagus", "scan" };
	/* French: cœur, côte, épaule, Œdème, os. */
	static const char *const fr[] = { "cœur", "côte", "épaule", "Œdème", "os" };

	(void)state;
	expect_letter("en-GB", "Œdema", "O");
	expect_letter("en-GB", "oesophagus", "O");
	expect_letter("en-GB", "zoledronic acid", "Z");
	expect_letter("en-GB", "éclat", "E");
	expect_letter("en-GB", "5-FU", "other");
	expect_letter("en-GB", "α-blocker", "other"); /* a Greek letter after Z: not under Z */
	expect_letter("fr", "Œdème", "O");
	expect_letter("fr", "épaule", "E");
	expect_order("en-GB", en, sizeof(en) / sizeof(en[0]));
	expect_order("fr", fr, sizeof(fr) / sizeof(fr[0]));
}

static void test_german(void **state)
{
	static const char *const de[] = { "Arm", "Ärztin", "Auge", "Magen", "Müdigkeit", "Muskel",
					  "Schulter", "Straße", "Übelkeit", "Zunge" };
	(void)state;
	expect_letter("de", "Ärztin", "A");
	expect_letter("de", "ärger", "A");
	expect_letter("de", "Übelkeit", "U");
	expect_letter("de-CH", "Öl", "O");
	expect_order("de", de, sizeof(de) / sizeof(de[0]));
}

static void test_spanish(void **state)
{
	static const char *const es[] = { "nariz", "nuca", "ñandú", "oído", "ojo" };
	struct bd_collate *c = bd_collate_open("es");
	size_t n, enie = 0, ene = 0, o = 0;

	(void)state;
	expect_letter("es", "Ñandú", "Ñ");
	expect_letter("es", "ñu", "Ñ");
	expect_letter("es", "nuca", "N");
	expect_letter("es", "árbol", "A");
	expect_order("es", es, sizeof(es) / sizeof(es[0]));
	/* Ñ is a letter of its own, between N and O. */
	assert_non_null(c);
	n = bd_collate_nletters(c);
	for (size_t i = 0; i < n; i++) {
		if (strcmp(bd_collate_letter(c, i), "N") == 0)
			ene = i;
		if (strcmp(bd_collate_letter(c, i), "Ñ") == 0)
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
	static const char *const order[] = { "أنف", "عين",
					     "قلب", "كبد",
					     "معدة" };
	struct bd_collate *c = bd_collate_open("ar");

	(void)state;
	assert_non_null(c);
	assert_true(bd_collate_nletters(c) >= 28);
	assert_string_equal(bd_collate_letter(c, 0), "ا"); /* alif first */
	bd_collate_free(c);
	expect_letter("ar", "قلب", "ق");  /* heart, under qaf */
	expect_letter("ar", "أنف", "ا");  /* nose: alif with hamza under alif */
	expect_letter("ar", "MRI", "other");
	expect_order("ar", order, sizeof(order) / sizeof(order[0]));
}

static void test_unknown_language(void **state)
{
	(void)state;
	/* No ICU data: English letters, whatever the machine's locale. */
	expect_letter("tlh", "Œdema", "O");
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
