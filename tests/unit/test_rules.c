/* test_rules.c - the spelling rules the builder and the checker share. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "rules.h"

#include <stdlib.h>
#include <string.h>

static bool blank(const char *s)
{
	return bd_text_is_blank(s, strlen(s));
}

static void test_blank_text(void **state)
{
	(void)state;
	assert_true(blank(""));
	assert_true(blank(" \t\r\n "));
	assert_true(blank("\xC2\xA0"));              /* U+00A0 no-break space */
	assert_true(blank("\xE2\x80\x8B"));          /* U+200B zero-width space */
	assert_true(blank(" \xE2\x80\x8C\xE2\x80\x8D ")); /* U+200C, U+200D */
	assert_true(blank("\xE2\x81\xA0"));          /* U+2060 word joiner */
	assert_true(blank("\xC2\xAD"));              /* U+00AD soft hyphen */
	assert_true(blank("\xEF\xBB\xBF"));          /* U+FEFF */
	assert_true(blank("\xE3\x80\x80"));          /* U+3000 ideographic space */
	assert_true(blank("\xE2\x80\xA8"));          /* U+2028 line separator */
	assert_false(blank("a"));
	assert_false(blank(" \xC2\xA0x"));
	assert_false(blank("\xC3\xA9"));             /* é */
	assert_false(blank("\xFF"));                 /* invalid UTF-8 is not hidden text */
	assert_int_equal(bd_text_first_invisible(" \xE2\x80\x8B", 4), 0x200B);
	assert_int_equal(bd_text_first_invisible("\t\xC2\xA0", 3), 0x00A0);
	assert_int_equal(bd_text_first_invisible("  ", 2), 0);
}

static void test_filename_key(void **state)
{
	char *a, *b, *c;

	(void)state;
	a = bd_filename_key("images/Fig.SVG");
	b = bd_filename_key("images/fig.svg");
	assert_string_equal(a, b);
	free(a);
	free(b);
	/* NFC: e + combining acute equals precomposed é; folding: ß is ss */
	a = bd_filename_key("images/cafe\xCC\x81.png");
	b = bd_filename_key("images/caf\xC3\xA9.png");
	c = bd_filename_key("images/STRASSE.png");
	assert_string_equal(a, b);
	free(b);
	b = bd_filename_key("images/stra\xC3\x9F" "e.png");
	assert_string_equal(b, c);
	free(a);
	free(b);
	free(c);
	assert_null(bd_filename_key("bad\xFF"));
}

static void test_media_sniff(void **state)
{
	(void)state;
	assert_true(bd_media_sniff_ok("image/png", (const unsigned char *)"\x89PNG\r\n\x1a\n....", 12));
	assert_false(bd_media_sniff_ok("image/png", (const unsigned char *)"GIF89a......", 12));
	assert_true(bd_media_sniff_ok("image/jpeg", (const unsigned char *)"\xFF\xD8\xFF\xE0", 4));
	assert_false(bd_media_sniff_ok("image/jpeg", (const unsigned char *)"\x89PNG", 4));
	assert_true(bd_media_sniff_ok("image/gif", (const unsigned char *)"GIF87a", 6));
	assert_true(bd_media_sniff_ok("image/webp", (const unsigned char *)"RIFF\0\0\0\0WEBP", 12));
	assert_true(bd_media_sniff_ok("image/svg+xml", (const unsigned char *)"\xEF\xBB\xBF  <svg", 9));
	assert_false(bd_media_sniff_ok("image/svg+xml", (const unsigned char *)"GIF89a", 6));
	assert_true(bd_media_sniff_ok("text/css", (const unsigned char *)"anything", 8));
}

static void test_dates(void **state)
{
	long long t = -1;

	(void)state;
	assert_true(bd_date_valid("2026-12-06"));
	assert_true(bd_date_valid("2024-02-29"));
	assert_false(bd_date_valid("2026-02-29"));
	assert_false(bd_date_valid("2026-13-01"));
	assert_false(bd_date_valid("2026-04-31"));
	assert_false(bd_date_valid("1900-02-29"));
	assert_true(bd_date_valid("2000-02-29"));
	assert_false(bd_date_valid("2026-1-01"));
	assert_false(bd_date_valid(" 2026-01-01"));
	assert_false(bd_date_valid(NULL));
	assert_true(bd_datetime_valid("1970-01-01T00:00:00Z", &t));
	assert_int_equal(t, 0);
	assert_true(bd_datetime_valid("2026-01-02T03:04:05Z", &t));
	assert_int_equal(t, 1767323045LL);
	assert_true(bd_datetime_valid("9999-12-31T23:59:59Z", &t));
	assert_int_equal(t, 253402300799LL);
	assert_false(bd_datetime_valid("2026-02-30T03:04:05Z", NULL));
	assert_false(bd_datetime_valid("2026-01-02T24:00:00Z", NULL));
	assert_false(bd_datetime_valid("2026-01-02T03:04:05", NULL));
	assert_false(bd_datetime_valid("2026-01-02 03:04:05Z", NULL));
}

static void test_closest(void **state)
{
	const char *ids[] = { "local-treatment", "bone", "sre", "spinal-cord-compression", NULL };

	(void)state;
	assert_int_equal(bd_closest("loacl-treatment", ids, 5), 0);  /* a swap */
	assert_int_equal(bd_closest("boen", ids, 5), 1);
	assert_int_equal(bd_closest("spinal-cord-compresion", ids, 5), 3);
	assert_int_equal(bd_closest("xyz", ids, 5), -1);
	assert_int_equal(bd_closest("radiation", ids, 5), -1);
	assert_int_equal(bd_closest("bone", ids, 5), -1);             /* itself is no suggestion */
	assert_int_equal(bd_closest("bone", ids, 0), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_blank_text),
		cmocka_unit_test(test_filename_key),
		cmocka_unit_test(test_media_sniff),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_closest),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
