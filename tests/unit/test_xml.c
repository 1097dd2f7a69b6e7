/* Unit tests for xml.c: the safe parser and its positions. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "xml.h"

static xmlDocPtr parse(const char *text, struct bd_diag *d, unsigned flags)
{
	return bd_xml_parse(text, strlen(text), "t.xml", flags, d);
}

static void test_positions(void **state)
{
	struct bd_diag d;
	const char *text = "<a>\n  <b x='1'\n     y='2'/>\n\t<c>é<d/></c></a>";
	xmlDocPtr doc;
	xmlNodePtr a, b, c, dd;

	(void)state;
	bd_diag_init(&d);
	doc = parse(text, &d, 0);
	assert_non_null(doc);
	a = xmlDocGetRootElement(doc);
	b = bd_xml_first_element(a);
	c = bd_xml_next_element(b);
	dd = bd_xml_first_element(c);
	assert_int_equal(bd_xml_line(a), 1);
	assert_int_equal(bd_xml_col(a), 1);
	assert_int_equal(bd_xml_line(b), 2);
	assert_int_equal(bd_xml_col(b), 3);
	assert_int_equal(bd_xml_line(c), 4);
	assert_int_equal(bd_xml_col(c), 2);
	/* columns count characters, not bytes */
	assert_int_equal(bd_xml_col(dd), 6);
	xmlFreeDoc(doc);
	bd_diag_fini(&d);
}

static void test_syntax_error_located(void **state)
{
	struct bd_diag d;

	(void)state;
	bd_diag_init(&d);
	assert_null(parse("<a>\n<b></a>", &d, 0));
	assert_true(bd_diag_errors(&d) >= 1);
	assert_string_equal(d.msgs[0].file, "t.xml");
	assert_int_equal(d.msgs[0].line, 2);
	assert_string_equal(d.msgs[0].rule, "xml-syntax");
	bd_diag_fini(&d);
}

static void test_entities_refused(void **state)
{
	struct bd_diag d;
	const char *bomb = "<!DOCTYPE a [<!ENTITY x \"xxxxxxxx\"><!ENTITY y \"&x;&x;&x;&x;\">]><a>&y;</a>";
	const char *xxe = "<!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><a>&x;</a>";
	xmlDocPtr doc;

	(void)state;
	bd_diag_init(&d);
	assert_null(parse(bomb, &d, BD_XML_ALLOW_DOCTYPE));
	assert_string_equal(d.msgs[0].rule, "xml-entity");
	bd_diag_fini(&d);
	bd_diag_init(&d);
	assert_null(parse(xxe, &d, BD_XML_ALLOW_DOCTYPE));
	assert_string_equal(d.msgs[0].rule, "xml-entity");
	bd_diag_fini(&d);
	bd_diag_init(&d);
	assert_null(parse("<!DOCTYPE a><a/>", &d, 0));
	assert_string_equal(d.msgs[0].rule, "xml-doctype");
	bd_diag_fini(&d);
	bd_diag_init(&d);
	doc = parse("<!DOCTYPE html><html/>", &d, BD_XML_ALLOW_DOCTYPE);
	assert_non_null(xmlDocGetRootElement(doc));
	xmlFreeDoc(doc);
	bd_diag_fini(&d);
}

static void test_not_utf8(void **state)
{
	struct bd_diag d;

	(void)state;
	bd_diag_init(&d);
	assert_null(parse("<?xml version='1.0' encoding='ISO-8859-1'?>\n<a>caf\xe9</a>", &d, 0));
	assert_string_equal(d.msgs[0].rule, "encoding");
	bd_diag_fini(&d);
	bd_diag_init(&d);
	assert_null(parse("<a>\ncaf\xe9</a>", &d, 0));
	assert_int_equal(d.msgs[0].line, 2);
	assert_string_equal(d.msgs[0].rule, "xml-syntax");
	bd_diag_fini(&d);
}

static void test_deep_nesting(void **state)
{
	struct bd_diag d;
	char buf[4000 * 7 + 1];
	size_t n = 0;

	(void)state;
	for (int i = 0; i < 2000; i++)
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "<a>");
	for (int i = 0; i < 2000; i++)
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "</a>");
	bd_diag_init(&d);
	assert_null(parse(buf, &d, 0));
	assert_true(bd_diag_errors(&d) >= 1);
	bd_diag_fini(&d);
}

static void test_schema_error_located(void **state)
{
	struct bd_diag d;
	const char *text = "<glossary>\n  <entry id='a'>\n    <term>x</term>\n    <bogus/>\n  </entry>\n</glossary>";
	xmlDocPtr doc;

	(void)state;
	bd_diag_init(&d);
	doc = parse(text, &d, 0);
	assert_non_null(doc);
	assert_false(bd_xml_validate(doc, BD_SCHEMA_GLOSSARY, "t.xml", &d));
	assert_true(bd_diag_errors(&d) >= 1);
	assert_string_equal(d.msgs[0].rule, "schema");
	assert_int_equal(d.msgs[0].line, 4);
	assert_int_equal(d.msgs[0].col, 5);
	xmlFreeDoc(doc);
	bd_diag_fini(&d);
}

/* Positions stay exact far into a large document, and with a BOM. */
static void test_positions_large(void **state)
{
	struct bd_diag d;
	size_t n = 200000, len = 0;
	char *text = malloc(n * 8 + 64);
	xmlDocPtr doc;
	xmlNodePtr root, last = NULL;

	(void)state;
	len += (size_t)sprintf(text, "\xEF\xBB\xBF<r>\n");
	for (size_t i = 0; i < n; i++)
		len += (size_t)sprintf(text + len, "<e/>\n");
	len += (size_t)sprintf(text + len, "  <last/></r>");
	bd_diag_init(&d);
	doc = bd_xml_parse(text, len, "big.xml", 0, &d);
	assert_non_null(doc);
	root = xmlDocGetRootElement(doc);
	assert_int_equal(bd_xml_line(root), 1);
	assert_int_equal(bd_xml_col(root), 1);
	for (xmlNodePtr c = bd_xml_first_element(root); c; c = bd_xml_next_element(c))
		last = c;
	assert_int_equal(bd_xml_line(last), n + 2);
	assert_int_equal(bd_xml_col(last), 3);
	xmlFreeDoc(doc);
	bd_diag_fini(&d);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_positions),
		cmocka_unit_test(test_positions_large),
		cmocka_unit_test(test_syntax_error_located),
		cmocka_unit_test(test_entities_refused),
		cmocka_unit_test(test_not_utf8),
		cmocka_unit_test(test_deep_nesting),
		cmocka_unit_test(test_schema_error_located),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	bd_xml_cleanup();
	return rc;
}
