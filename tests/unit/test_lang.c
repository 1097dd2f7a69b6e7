/* Unit tests for lang.c: well-formed and valid BCP 47 tags, reasons,
 * suggestions, and the generated tables lang.c searches. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang.h"
#include "lang_subtags.h"

static void expect_verdict(const char *tag, enum bd_lang_verdict want)
{
	struct bd_lang_result r;
	enum bd_lang_verdict got = bd_lang_check(tag, &r);

	if (got != want || r.verdict != got)
		fail_msg("'%s': verdict %d, want %d (%s)", tag ? tag : "(null)", (int)got, (int)want, r.reason);
	if ((want == BD_LANG_VALID) != (r.reason[0] == '\0'))
		fail_msg("'%s': reason '%s'", tag ? tag : "(null)", r.reason);
}

static void expect_reason(const char *tag, enum bd_lang_verdict want, const char *reason, const char *suggestion)
{
	struct bd_lang_result r;

	assert_int_equal(bd_lang_check(tag, &r), want);
	assert_string_equal(r.reason, reason);
	assert_string_equal(r.suggestion, suggestion);
}

static void test_well_formed_and_valid(void **state)
{
	const char *good[] = {
		"en", "EN", "en-GB", "en-gb", "zh-Hant-TW", "sr-Latn-RS", "de-CH-1996", "de-CH-1901", "es-419",
		"zh-yue-HK", "x-private", "X-a-b", "en-a-bbb-x-ccc", "en-GB-oed", "i-klingon", "I-KLINGON",
		"zh-min-nan", "art-lojban", "en-US-u-ca-gregory", "ast", "sl-rozaj-biske", "qaa", "en-Qaaa-QM",
		"de-DE-x-a-b-c", "en-x-12345678",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		expect_verdict(good[i], BD_LANG_VALID);
}

static void test_malformed(void **state)
{
	const char *bad[] = {
		"", NULL, "en-a", "en--GB", "toolongsubtag", "en-", "-en", "x", "en-x", "i-foo", "1en", "e",
		"en-GB-Latn", "en-GB-US", "en-a1", "en GB", "en-a-x-b", "en_GB", "sr-Latn-RS-", "Français",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct bd_lang_result r;
		enum bd_lang_verdict v = bd_lang_check(bad[i], &r);

		if (v != BD_LANG_MALFORMED && !(v == BD_LANG_NAME && bad[i] && strcmp(bad[i], "Français") == 0))
			fail_msg("'%s' should be malformed, verdict %d", bad[i] ? bad[i] : "(null)", (int)v);
	}
}

static void test_unregistered(void **state)
{
	const char *bad[] = {
		"xx", "en-UK", "en-Latx", "de-CH-1997", "zh-abc", "en-yue", "de-1996-1996", "en-a-bb-a-cc", "abcd",
		"en-999",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		expect_verdict(bad[i], BD_LANG_UNREGISTERED);
}

static void test_reasons(void **state)
{
	(void)state;
	expect_reason("en-a", BD_LANG_MALFORMED,
		      "'a' starts an extension and needs a subtag of 2 to 8 letters or digits after it", "");
	expect_reason("en--GB", BD_LANG_MALFORMED, "'--' leaves an empty subtag", "");
	expect_reason("en-", BD_LANG_MALFORMED, "it ends with '-'", "");
	expect_reason("", BD_LANG_MALFORMED, "it is empty", "");
	expect_reason("toolongsubtag", BD_LANG_MALFORMED,
		      "'toolongsubtag' is longer than 8 characters, the most a subtag may have", "");
	expect_reason("en-x", BD_LANG_MALFORMED, "'x' starts private use and needs a subtag after it", "");
	expect_reason("en-GB-Latn", BD_LANG_MALFORMED,
		      "'Latn' is out of place: a script (4 letters) comes right after the language", "");
	expect_reason("xx", BD_LANG_UNREGISTERED, "'xx' is not a registered language subtag", "");
	expect_reason("en-UK", BD_LANG_UNREGISTERED, "'UK' is not a registered region subtag", "");
	expect_reason("en-Latx", BD_LANG_UNREGISTERED, "'Latx' is not a registered script subtag", "");
	expect_reason("de-CH-1997", BD_LANG_UNREGISTERED, "'1997' is not a registered variant subtag", "");
	expect_reason("en-yue", BD_LANG_UNREGISTERED, "'yue' is an extended language subtag of 'zh', not of 'en'",
		      "");
	expect_reason("de-1996-1996", BD_LANG_UNREGISTERED, "the variant '1996' appears twice", "");
	/* A syntax problem wins over a registration problem earlier in the tag. */
	expect_reason("xx-a", BD_LANG_MALFORMED,
		      "'a' starts an extension and needs a subtag of 2 to 8 letters or digits after it", "");
	expect_reason("en-é", BD_LANG_MALFORMED,
		      "U+00E9 is not allowed; a tag has only letters a-z, digits and '-'", "");
}

static void test_suggestions(void **state)
{
	(void)state;
	expect_reason("English", BD_LANG_NAME, "it is the name of a language; its code is 'en'", "en");
	expect_reason("german", BD_LANG_NAME, "it is the name of a language; its code is 'de'", "de");
	expect_reason("Français", BD_LANG_NAME, "it is the name of a language; its code is 'fr'", "fr");
	expect_reason("Swahili", BD_LANG_NAME, "it is the name of a language; its code is 'sw'", "sw");
	expect_reason("en_GB", BD_LANG_MALFORMED, "subtags are joined by '-', not '_'", "en-GB");
	expect_reason("sr_latn_rs", BD_LANG_MALFORMED, "subtags are joined by '-', not '_'", "sr-Latn-RS");
	expect_reason("xx_YY", BD_LANG_MALFORMED, "subtags are joined by '-', not '_'", "");
	/* The suggestion is ICU's canonical form: case, and preferred values for deprecated subtags. */
	expect_reason("zh_hant_tw", BD_LANG_MALFORMED, "subtags are joined by '-', not '_'", "zh-Hant-TW");
	expect_reason("iw_IL", BD_LANG_MALFORMED, "subtags are joined by '-', not '_'", "he-IL");
	expect_reason("en-a", BD_LANG_MALFORMED,
		      "'a' starts an extension and needs a subtag of 2 to 8 letters or digits after it", "");
	/* ISO 639's three-letter codes, where BCP 47 has two letters; an alias
	 * wins over a name ("mon" is also the name of the language mnw). */
	expect_reason("eng", BD_LANG_UNREGISTERED, "'eng' is an ISO 639 code; BCP 47 writes this language 'en'",
		      "en");
	expect_reason("ger-ch", BD_LANG_UNREGISTERED, "'ger' is an ISO 639 code; BCP 47 writes this language 'de'",
		      "de-CH");
	expect_reason("mon", BD_LANG_UNREGISTERED, "'mon' is an ISO 639 code; BCP 47 writes this language 'mn'",
		      "mn");
	/* A one-letter name reads as a mistyped code. */
	expect_reason("e", BD_LANG_MALFORMED,
		      "'e' is not a language subtag: a tag starts with a language of 2 to 8 letters, or with 'x-' "
		      "for private use", "");
}

static void expect_message(const char *tag, const char *want)
{
	struct bd_lang_result r;
	char *msg;

	bd_lang_check(tag, &r);
	msg = bd_lang_message("lang=", "\"", tag, &r);
	assert_string_equal(msg, want);
	free(msg);
}

static void test_messages(void **state)
{
	(void)state;
	expect_message("English", "lang=\"English\" is not a BCP 47 language tag; use lang=\"en\"");
	expect_message("en_GB", "lang=\"en_GB\" is not a well-formed BCP 47 language tag: subtags are joined by '-', "
				"not '_'; use lang=\"en-GB\"");
	expect_message("xx", "lang=\"xx\" is not a valid BCP 47 language tag: 'xx' is not a registered language subtag");
	expect_message("en\nGB", "lang=\"en\\x0AGB\" is not a well-formed BCP 47 language tag: U+000A is not allowed; "
				 "a tag has only letters a-z, digits and '-'");
}

static void expect_sorted(const char *table, size_t count, size_t width, const char *what)
{
	for (size_t i = 1; i < count; i++)
		if (strcmp(table + (i - 1) * width, table + i * width) >= 0)
			fail_msg("%s: '%s' is not before '%s'", what, table + (i - 1) * width, table + i * width);
}

/* The tables are generated: bsearch needs them sorted, and each name key
 * must fold to itself the way lang.c folds input, or it can never match. */
static void test_tables(void **state)
{
	(void)state;
	assert_true(bd_lang_languages_count > 8000);
	expect_sorted(bd_lang_languages[0], bd_lang_languages_count, sizeof(bd_lang_languages[0]), "languages");
	expect_sorted(bd_lang_scripts[0], bd_lang_scripts_count, sizeof(bd_lang_scripts[0]), "scripts");
	expect_sorted(bd_lang_regions[0], bd_lang_regions_count, sizeof(bd_lang_regions[0]), "regions");
	expect_sorted(bd_lang_variants[0], bd_lang_variants_count, sizeof(bd_lang_variants[0]), "variants");
	expect_sorted(bd_lang_grandfathered[0], bd_lang_grandfathered_count, sizeof(bd_lang_grandfathered[0]),
		      "grandfathered");
	expect_sorted(bd_lang_extlangs[0].subtag, bd_lang_extlangs_count, sizeof(bd_lang_extlangs[0]), "extlangs");
	expect_sorted(bd_lang_iso639[0].alias, bd_lang_iso639_count, sizeof(bd_lang_iso639[0]), "iso639");
	for (size_t i = 0; i < bd_lang_names_count; i++) {
		struct bd_lang_result r;
		enum bd_lang_verdict v;

		if (i > 0 && strcmp(bd_lang_names[i - 1].key, bd_lang_names[i].key) >= 0)
			fail_msg("names: '%s' is not before '%s'", bd_lang_names[i - 1].key, bd_lang_names[i].key);
		v = bd_lang_check(bd_lang_names[i].key, &r);
		/* A name that is itself a valid tag ("ga") is taken as the tag. */
		if (v != BD_LANG_VALID && (v != BD_LANG_NAME || strcmp(r.suggestion, bd_lang_names[i].code) != 0))
			fail_msg("name '%s' gives verdict %d, suggestion '%s', not '%s'", bd_lang_names[i].key, (int)v,
				 r.suggestion, bd_lang_names[i].code);
		expect_verdict(bd_lang_names[i].code, BD_LANG_VALID);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_well_formed_and_valid),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_unregistered),
		cmocka_unit_test(test_reasons),
		cmocka_unit_test(test_suggestions),
		cmocka_unit_test(test_messages),
		cmocka_unit_test(test_tables),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
