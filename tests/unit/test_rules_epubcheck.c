/* test_rules_epubcheck.c - every checker rule has its EPUBCheck ids. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "rules_epubcheck.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "none", or AAA-000 ids (an optional lower-case letter after) joined by commas. */
static bool well_formed(const char *ids)
{
	const char *p = ids;

	if (strcmp(ids, "none") == 0)
		return true;
	for (;;) {
		for (int i = 0; i < 3; i++)
			if (!isupper((unsigned char)*p++))
				return false;
		if (*p++ != '-')
			return false;
		for (int i = 0; i < 3; i++)
			if (!isdigit((unsigned char)*p++))
				return false;
		if (islower((unsigned char)*p))
			p++;
		if (!*p)
			return true;
		if (*p++ != ',')
			return false;
	}
}

static void test_every_check_rule_mapped(void **state)
{
	(void)state;
	for (int r = BD_R_NONE + 1; r < BD_R_COUNT; r++) {
		const struct bd_rule_info *info = bd_rule_get((enum bd_rule)r);
		const char *ids = bd_rule_epubcheck((enum bd_rule)r);

		if (!(info->scope & BD_RSCOPE_CHECK))
			continue;
		if (!ids)
			fail_msg("rule %s has no entry in src/rules_epubcheck.c (an id, or \"none\")", info->name);
		if (!well_formed(ids))
			fail_msg("rule %s: \"%s\" is not a list of EPUBCheck ids or \"none\"", info->name, ids);
	}
	assert_null(bd_rule_epubcheck(BD_R_NONE));
	assert_null(bd_rule_epubcheck(BD_R_COUNT));
	assert_string_equal(bd_rule_epubcheck(BD_R_MIMETYPE_NOT_FIRST), "PKG-006");
	assert_string_equal(bd_rule_epubcheck(BD_R_INTERNAL), "none");
}

static void test_list_has_the_column(void **state)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);

	(void)state;
	assert_non_null(out);
	bd_rules_list_epubcheck(out);
	fclose(out);
	assert_non_null(strstr(buf, "\nmimetype-not-first"));
	assert_non_null(strstr(buf, " PKG-006 "));
	assert_non_null(strstr(buf, "\ninternal                     error     -        "));
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_check_rule_mapped),
		cmocka_unit_test(test_list_has_the_column),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
