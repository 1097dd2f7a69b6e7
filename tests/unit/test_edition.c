/* Unit tests for edition.c: phone numbers, the words table, the edition's identifier. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "edition.h"
#include "l10n.h"
#include "read.h"
#include "xml.h"

/* Parses written; returns the error (a new string) or checks the two forms. */
static char *parse(const char *written, const char *want_e164, const char *want_local)
{
	char *e164 = NULL, *local = NULL;
	char *why = bd_phone_parse(written, &e164, &local);

	if (!why) {
		assert_string_equal(e164, want_e164);
		assert_string_equal(local, want_local);
	} else {
		assert_null(e164);
		assert_null(local);
	}
	free(e164);
	free(local);
	return why;
}

static void expect_ok(const char *written, const char *e164, const char *local)
{
	char *why = parse(written, e164, local);

	if (why)
		fail_msg("%s: %s", written, why);
}

static void expect_error(const char *written, const char *fragment)
{
	char *why = parse(written, NULL, NULL);

	assert_non_null(why);
	if (!strstr(why, fragment))
		fail_msg("%s: '%s' does not say '%s'", written, why, fragment);
	free(why);
}

static void test_phone_valid(void **state)
{
	(void)state;
	/* The drama ranges: UK 020 7946 0000-0999, North America 555-0100-0199. */
	expect_ok("+44 20 7946 0123", "+442079460123", "020 7946 0123");
	expect_ok("+44-20-7946-0999", "+442079460999", "020-7946-0999");
	expect_ok(" +1 202 555 0123", "+12025550123", "202 555 0123");
	expect_ok("+353 1 555 0123", "+35315550123", "01 555 0123");
	/* A country bindery has no national rules for: dialled as written. */
	expect_ok("+420 212 345 678", "+420212345678", "+420 212 345 678");
}

static void test_phone_invalid(void **state)
{
	(void)state;
	expect_error("020 7946 0123", "not in international form");
	expect_error("", "not in international form");
	expect_error("+", "no digits");
	expect_error("+44 (0)20 7946 0123", "brackets");
	expect_error("+44 20 7946 0123 ext 4", "has 'e'");
	expect_error("+44 20 7946\xC2\xA0" "0123", "a character that is not a digit");
	expect_error("+0 20 7946 0123", "country calling code");
	expect_error("+44 020 7946 0123", "keeps the trunk 0");
	expect_error("+44 20 7946 01234", "11 digits after +44");
	expect_error("+44 20 7946", "6 digits after +44");
	expect_error("+1 555 0123", "7 digits after +1");
	expect_error("+1 102 555 0123", "area code and exchange");
	expect_error("+420 12", "only 2 digits");
	expect_error("+44 2079 4601 2345 6789", "more than 15 digits");
}

static void test_texts(void **state)
{
	const struct bd_l10n *en = bd_l10n_for("en-GB"), *de = bd_l10n_for("de");

	(void)state;
	assert_string_equal(bd_contact_default(en, "24h"), "the number your care team gave you for day and night");
	assert_string_equal(bd_contact_default(en, "emergency"), "your local emergency number");
	assert_string_equal(bd_contact_default(en, "team"), "your care team");
	assert_string_equal(bd_contact_default(en, "feedback"), "the care team who gave you this book");
	assert_string_equal(bd_contact_default(de, "emergency"), "Ihre örtliche Notrufnummer");
	assert_null(bd_contact_default(en, "night"));
	assert_null(bd_contact_default(en, "a-kind-much-longer-than-any-key"));
}

/* The real book's sample edition reads cleanly, and its contacts are the drama numbers. */
static void test_sample_edition(void **state)
{
	struct bd_diag diag;
	struct bd_edition *ed = NULL;
	const char *path = BD_SOURCE_DIR "/book/editions/st-example.xml";

	(void)state;
	bd_diag_init(&diag);
	assert_int_equal(bd_edition_read(path, path, (struct bd_loc){ 0 }, &diag, &ed), 0);
	assert_int_equal(bd_diag_errors(&diag), 0);
	assert_non_null(ed);
	assert_string_equal(ed->id, "st-example");
	assert_string_equal(ed->logo_type, "image/svg+xml");
	assert_true(ed->ncontacts >= 2);
	for (size_t i = 0; i < ed->ncontacts; i++)
		assert_int_equal(strncmp(ed->contacts[i].e164, "+44207946", 9), 0);
	bd_edition_free(ed);
	bd_diag_fini(&diag);
	bd_xml_cleanup();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_phone_valid),
		cmocka_unit_test(test_phone_invalid),
		cmocka_unit_test(test_texts),
		cmocka_unit_test(test_sample_edition),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
