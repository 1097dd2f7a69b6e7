/* Unit tests for xml.c: the safe parser and its positions. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdint.h>
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
	/* The structure check names it first; the schema's words are dropped. */
	assert_string_equal(d.msgs[0].rule, "structure");
	assert_int_equal(bd_diag_errors(&d), 1);
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

/* Element positions of a tree in document order, for comparing two parses. */
static void same_positions(xmlNodePtr a, xmlNodePtr b)
{
	while (a || b) {
		assert_non_null(a);
		assert_non_null(b);
		assert_int_equal(bd_xml_line(a), bd_xml_line(b));
		assert_int_equal(bd_xml_col(a), bd_xml_col(b));
		same_positions(bd_xml_first_element(a), bd_xml_first_element(b));
		a = bd_xml_next_element(a);
		b = bd_xml_next_element(b);
	}
}

/* Parses text from memory and in chunks into a compact tree; the messages,
 * the tree and its positions must be the same. */
static void same_both_ways(const char *text, size_t len, unsigned flags)
{
	struct bd_diag d1, d2;
	xmlDocPtr a, b;

	bd_diag_init(&d1);
	bd_diag_init(&d2);
	a = bd_xml_parse(text, len, "t.xml", flags, &d1);
	b = bd_xml_parse(text, len, "t.xml", flags | BD_XML_CHUNKED | BD_XML_READ_ONLY, &d2);
	assert_int_equal(a != NULL, b != NULL);
	assert_int_equal(d1.len, d2.len);
	for (size_t i = 0; i < d1.len; i++) {
		assert_int_equal(d1.msgs[i].severity, d2.msgs[i].severity);
		assert_int_equal(d1.msgs[i].line, d2.msgs[i].line);
		assert_int_equal(d1.msgs[i].col, d2.msgs[i].col);
		assert_string_equal(d1.msgs[i].rule, d2.msgs[i].rule);
		assert_string_equal(d1.msgs[i].text, d2.msgs[i].text);
	}
	if (a && b) {
		xmlChar *s1 = NULL, *s2 = NULL;
		int n1 = 0, n2 = 0;

		xmlDocDumpMemory(a, &s1, &n1);
		xmlDocDumpMemory(b, &s2, &n2);
		assert_int_equal(n1, n2);
		assert_memory_equal(s1, s2, (size_t)n1);
		xmlFree(s1);
		xmlFree(s2);
		same_positions(xmlDocGetRootElement(a), xmlDocGetRootElement(b));
	}
	xmlFreeDoc(a);
	xmlFreeDoc(b);
	bd_diag_fini(&d1);
	bd_diag_fini(&d2);
}

static const char *const chunk_cases[] = {
	"<a/>",
	"\xEF\xBB\xBF<a>x</a>",
	"<?xml version='1.0' encoding='ISO-8859-1'?><a>\xE9</a>",
	"<?xml version='1.0' encoding='utf-8'?><a>\xC3\xA9</a>",
	"<!DOCTYPE html><html xmlns='http://www.w3.org/1999/xhtml'><p>x</p></html>",
	"<!DOCTYPE a [<!ENTITY e 'x'>]><a>&e;</a>",
	"<!DOCTYPE a SYSTEM 'http://example.com/a.dtd'><a/>",
	"<a><b></a>",
	"<a>\xFF</a>",
	"<a>&unknown;</a>",
	"<a/><b/>",
	"<a/>trailing",
	"<a><![CDATA[x]]><!-- c --><?pi x?></a>",
	"",
	"   ",
	"<a",
};

/* Builds a document whose multi-byte characters, bad bytes, NULs and long
 * tokens fall on every side of libxml2's 4,000-byte reads. */
static size_t chunk_doc(char *out, size_t pad, int variant)
{
	size_t n = (size_t)sprintf(out, "<r>");

	for (size_t i = 0; i < pad; i++)
		out[n++] = ' ';
	for (int k = 0; k < 12; k++) {
		n += (size_t)sprintf(out + n, "\n  <e id='i%d' t='\xE2\x82\xAC\xC3\xA9'>", k);
		for (int j = 0; j < 220; j++)
			n += (size_t)sprintf(out + n, "\xE2\x82\xAC%c", 'a' + j % 26);
		if (variant == 1 && k == 5)
			out[n++] = '\xC3';          /* a lone lead byte */
		if (variant == 2 && k == 7)
			out[n++] = '\0';
		if (variant == 3 && k == 3) {
			n += (size_t)sprintf(out + n, "<l v='");
			for (int j = 0; j < 9000; j++)
				out[n++] = 'v';
			n += (size_t)sprintf(out + n, "'/><!--");
			for (int j = 0; j < 9000; j++)
				out[n++] = 'c';
			n += (size_t)sprintf(out + n, "-->");
		}
		n += (size_t)sprintf(out + n, "</e>");
	}
	if (variant == 4)
		n -= 3;                            /* cut inside the last end tag */
	else
		n += (size_t)sprintf(out + n, "\n</r>");
	return n;
}

static void test_chunked_compact_same(void **state)
{
	char *buf = malloc(200000);
	uint32_t seed = 12345;

	(void)state;
	for (size_t i = 0; i < sizeof(chunk_cases) / sizeof(*chunk_cases); i++) {
		same_both_ways(chunk_cases[i], strlen(chunk_cases[i]), 0);
		same_both_ways(chunk_cases[i], strlen(chunk_cases[i]), BD_XML_ALLOW_DOCTYPE);
	}
	for (int variant = 0; variant <= 4; variant++)
		for (size_t pad = 0; pad < 6; pad++)
			same_both_ways(buf, chunk_doc(buf, pad, variant), BD_XML_ALLOW_DOCTYPE);
	/* Random damage to a valid document. */
	for (int round = 0; round < 200; round++) {
		size_t len = chunk_doc(buf, (size_t)round % 4, 0);

		for (int k = 0; k < 1 + round % 3; k++) {
			seed = seed * 1103515245u + 12345u;
			buf[(seed >> 8) % len] = (char)(seed >> 3);
		}
		same_both_ways(buf, len, BD_XML_ALLOW_DOCTYPE);
	}
	free(buf);
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
		cmocka_unit_test(test_chunked_compact_same),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	bd_xml_cleanup();
	return rc;
}
