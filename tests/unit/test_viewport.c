/* Unit tests for viewport.c: EPUBCheck's own table of valid and invalid
 * viewport meta tag values (viewport-syntax.feature), and the width and
 * height values. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "viewport.h"

struct props {
	char text[256];
	size_t len;
};

/* Joins the properties as EPUBCheck's test prints them: "n=v;n=v". */
static void collect(const char *name, size_t name_len, const char *value, size_t value_len, void *data)
{
	struct props *p = data;
	int n = snprintf(p->text + p->len, sizeof(p->text) - p->len, "%s%.*s=%.*s", p->len ? ";" : "", (int)name_len,
			 name, (int)value_len, value);

	assert_true(n > 0 && (size_t)n < sizeof(p->text) - p->len);
	p->len += (size_t)n;
}

static void valid(const char *s, const char *want)
{
	struct props p = { .len = 0 };

	p.text[0] = '\0';
	assert_int_equal(bd_viewport_parse(s, collect, &p), BD_VIEWPORT_OK);
	assert_string_equal(p.text, want);
}

static void invalid(const char *s, enum bd_viewport_error want)
{
	struct props p = { .len = 0 };

	assert_int_equal(bd_viewport_parse(s, collect, &p), want);
	assert_true(strlen(bd_viewport_error_text(want)) > 0);
}

static void test_valid(void **state)
{
	(void)state;
	valid("width=1200, height=600", "width=1200;height=600");
	valid("p1=v1", "p1=v1");
	valid("  p1  =  v1 ", "p1=v1");
	valid("\tp1\t=\tv1\t", "p1=v1");
	valid("p1=v1,p2=v2", "p1=v1;p2=v2");
	valid("p1=v1;p2=v2", "p1=v1;p2=v2");
	valid("p1=v1,,,p2=v2", "p1=v1;p2=v2");
	valid("p1=v1;;;p2=v2", "p1=v1;p2=v2");
	valid("p1=v1   p2=v2", "p1=v1;p2=v2");
	valid("p1=v1, ;p2=v2", "p1=v1;p2=v2");
	valid("p1=v1,p2=v2,p3=v3", "p1=v1;p2=v2;p3=v3");
	valid("p1", "p1=");
	valid("p1 ", "p1=");
	valid("p1,p2=v2", "p1=;p2=v2");
	valid("p1 ,p2=v2", "p1=;p2=v2");
	valid("p1=v1,p2", "p1=v1;p2=");
	valid("p1=v1 p2", "p1=v1;p2=");
	/* EPUBCheck joins repeated names; we hand each over. */
	valid("p1=v1a,p1=v1b", "p1=v1a;p1=v1b");
	valid("p1=v1a,p2=v2,p1=v1b", "p1=v1a;p2=v2;p1=v1b");
}

static void test_invalid(void **state)
{
	(void)state;
	invalid("", BD_VIEWPORT_EMPTY);
	invalid("p1==v1", BD_VIEWPORT_ASSIGN_UNEXPECTED);
	invalid("p1=v1=v", BD_VIEWPORT_ASSIGN_UNEXPECTED);
	invalid("p1 v1", BD_VIEWPORT_VALUE_EMPTY);
	invalid("p1=", BD_VIEWPORT_VALUE_EMPTY);
	invalid("p1= ", BD_VIEWPORT_VALUE_EMPTY);
	invalid("p1=v1,p2=", BD_VIEWPORT_VALUE_EMPTY);
	invalid("=value", BD_VIEWPORT_NAME_EMPTY);
	invalid("p1=v1,=v", BD_VIEWPORT_NAME_EMPTY);
	invalid("p1=v1, =v", BD_VIEWPORT_NAME_EMPTY);
	invalid(",p1=v1", BD_VIEWPORT_LEADING_SEPARATOR);
	invalid(";p1=v1", BD_VIEWPORT_LEADING_SEPARATOR);
	invalid("p1=v1,", BD_VIEWPORT_TRAILING_SEPARATOR);
	invalid("p1=v1;", BD_VIEWPORT_TRAILING_SEPARATOR);
}

static void test_dimensions(void **state)
{
	static const char *const ok[] = { "1200", "0", "12.5", "device-width" };
	static const char *const bad[] = { "", "1200px", "12.", ".5", "-1", "1e3", "device-height", " 12", "auto" };

	(void)state;
	for (size_t i = 0; i < sizeof(ok) / sizeof(*ok); i++)
		assert_true(bd_viewport_dimension_ok(ok[i], strlen(ok[i]), false));
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++)
		assert_false(bd_viewport_dimension_ok(bad[i], strlen(bad[i]), false));
	assert_true(bd_viewport_dimension_ok("device-height", 13, true));
	assert_false(bd_viewport_dimension_ok("device-width", 12, true));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_invalid),
		cmocka_unit_test(test_dimensions),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
