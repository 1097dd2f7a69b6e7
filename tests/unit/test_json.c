/* Unit tests for json.c: the emitter's commas, line breaks and indentation
 * in each layout, compact and spaced, and empty containers. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>

#include "json.h"

struct sink {
	char *text;
	size_t len;
	FILE *f;
	struct bd_json j;
};

static void sink_open(struct sink *s, unsigned indent, bool compact)
{
	s->text = NULL;
	s->f = open_memstream(&s->text, &s->len);
	assert_non_null(s->f);
	bd_json_begin(&s->j, s->f, indent, compact);
}

static void sink_expect(struct sink *s, const char *want)
{
	bd_json_end(&s->j);
	fclose(s->f);
	assert_string_equal(s->text, want);
	free(s->text);
}

static void test_spaced_lines_and_inline(void **state)
{
	struct sink s;
	char *names[] = { "a", "b\"" };

	(void)state;
	sink_open(&s, 2, false);
	bd_json_object(&s.j, BD_JSON_LINES);
	bd_json_member(&s.j, "t", NULL);
	bd_json_member_number(&s.j, "n", "%d", 3);
	bd_json_member_strings(&s.j, "l", names, 2);
	bd_json_key(&s.j, "o");
	bd_json_object(&s.j, BD_JSON_INLINE);
	bd_json_key(&s.j, "x");
	bd_json_bool(&s.j, true);
	bd_json_key(&s.j, "y");
	bd_json_bool(&s.j, false);
	bd_json_close(&s.j);
	bd_json_key(&s.j, "rows");
	bd_json_array(&s.j, BD_JSON_LINES);
	bd_json_str(&s.j, "r");
	bd_json_close(&s.j);
	bd_json_key(&s.j, "empty");
	bd_json_array(&s.j, BD_JSON_LINES);
	bd_json_close(&s.j);
	bd_json_close(&s.j);
	sink_expect(&s, "{\n  \"t\": \"\",\n  \"n\": 3,\n  \"l\": [\"a\", \"b\\\"\"],\n  \"o\": {\"x\": true, \"y\": false},\n"
			"  \"rows\": [\n    \"r\"\n  ],\n  \"empty\": []\n}\n");
}

static void test_compact_rows(void **state)
{
	struct sink s;

	(void)state;
	sink_open(&s, 1, true);
	bd_json_array(&s.j, BD_JSON_LINES);
	for (int i = 0; i < 2; i++) {
		bd_json_object(&s.j, BD_JSON_INLINE);
		bd_json_key(&s.j, "m");
		bd_json_array(&s.j, BD_JSON_ROWS);
		for (int k = 0; k < i; k++)
			bd_json_number(&s.j, "%d", k);
		bd_json_close(&s.j);
		bd_json_member_number(&s.j, "e", "%d", i);
		bd_json_close(&s.j);
	}
	bd_json_close(&s.j);
	sink_expect(&s, "[\n {\"m\":[],\"e\":0},\n {\"m\":[\n  0],\"e\":1}\n]\n");
}

static void test_empty_top(void **state)
{
	struct sink s;

	(void)state;
	sink_open(&s, 1, true);
	bd_json_array(&s.j, BD_JSON_LINES);
	bd_json_close(&s.j);
	bd_json_close(&s.j); /* one close too many: ignored */
	sink_expect(&s, "[]\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spaced_lines_and_inline),
		cmocka_unit_test(test_compact_rows),
		cmocka_unit_test(test_empty_top),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
