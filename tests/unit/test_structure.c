/* Unit tests for structure.c: the table against the .rng files in schemas/, both ways,
 * and the messages on small documents. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "structure.h"
#include "xml.h"

/* ---- The table against the schema ----
 *
 * Each <element> of a schema is flattened into the shape the table uses:
 * attributes (required, optional, or conditional when they sit in a
 * <choice>), text (none, any, at least one character) and slots in order
 * (one per element, optional, zeroOrMore or oneOrMore, a <choice> of
 * elements making one slot).  Then the schema's start element and the
 * table's root are compared, and every child pair after them, so each
 * context (a <title> in <book> or in <section>) is compared with its own
 * entry. */

enum { USE_REQ, USE_OPT, USE_COND };

struct s_attr {
	const char *name;
	int use;
	bool nonempty;
	const char *values[8];
	int nvalues;
};

struct s_slot {
	enum bd_structure_occurs occurs;
	const char *names[16];
	xmlNodePtr pats[16];
	int n;
};

struct s_model {
	enum bd_structure_text text;
	struct s_attr attrs[16];
	int nattrs;
	struct s_slot slots[32];
	int nslots;
	bool has_element_branch, has_text_branch;
};

struct schema_ctx {
	xmlDocPtr doc;
	const char *file;
	/* pairs compared already: schema <element> and table entry */
	xmlNodePtr seen_pat[256];
	const struct bd_structure_elem *seen_elem[256];
	int nseen;
	int failures;
};

static enum bd_structure_occurs combine(enum bd_structure_occurs outer, enum bd_structure_occurs inner)
{
	if (outer == BD_OCCURS_ONE)
		return inner;
	if (inner == BD_OCCURS_ONE)
		return outer;
	if (outer == inner)
		return outer;
	return BD_OCCURS_ANY;
}

static bool rng(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, BAD_CAST name);
}

static const char *prop(const xmlNode *n, const char *name)
{
	/* Kept in the document's dictionary-free attribute nodes. */
	for (xmlAttrPtr a = n->properties; a; a = a->next)
		if (xmlStrEqual(a->name, BAD_CAST name) && a->children)
			return (const char *)a->children->content;
	return NULL;
}

static xmlNodePtr find_define(struct schema_ctx *c, const char *name)
{
	xmlNodePtr g = xmlDocGetRootElement(c->doc);

	for (xmlNodePtr d = g->children; d; d = d->next)
		if (rng(d, "define") && strcmp(prop(d, "name"), name) == 0)
			return d;
	fail_msg("%s: no define %s", c->file, name);
	return NULL;
}

static void walk(struct schema_ctx *c, struct s_model *m, xmlNodePtr pat, enum bd_structure_occurs occ);

static void walk_seq(struct schema_ctx *c, struct s_model *m, xmlNodePtr first, enum bd_structure_occurs occ)
{
	for (xmlNodePtr p = first; p; p = p->next)
		if (p->type == XML_ELEMENT_NODE)
			walk(c, m, p, occ);
}

/* Does an attribute's pattern ask for at least one character, and which values? */
static void attr_content(struct schema_ctx *c, struct s_attr *a, xmlNodePtr pat)
{
	for (xmlNodePtr p = pat; p; p = p->next) {
		if (rng(p, "ref"))
			attr_content(c, a, find_define(c, prop(p, "name"))->children);
		else if (rng(p, "choice"))
			attr_content(c, a, p->children);
		else if (rng(p, "value") && a->nvalues < 8)
			a->values[a->nvalues++] = (const char *)p->children->content;
		else if (rng(p, "data"))
			for (xmlNodePtr q = p->children; q; q = q->next)
				if (rng(q, "param") && strcmp(prop(q, "name"), "minLength") == 0)
					a->nonempty = true;
	}
}

static void add_attr(struct s_model *m, const struct s_attr *a)
{
	for (int i = 0; i < m->nattrs; i++)
		if (strcmp(m->attrs[i].name, a->name) == 0) {
			/* The same attribute in two branches: values add up. */
			for (int v = 0; v < a->nvalues; v++)
				m->attrs[i].values[m->attrs[i].nvalues++] = a->values[v];
			if (a->use != USE_REQ)
				m->attrs[i].use = a->use;
			return;
		}
	m->attrs[m->nattrs++] = *a;
}

static void walk(struct schema_ctx *c, struct s_model *m, xmlNodePtr p, enum bd_structure_occurs occ)
{
	if (rng(p, "element")) {
		struct s_slot *s = &m->slots[m->nslots++];
		s->occurs = occ;
		s->names[0] = prop(p, "name");
		s->pats[0] = p;
		s->n = 1;
		m->has_element_branch = true;
	} else if (rng(p, "attribute")) {
		struct s_attr a = { .name = prop(p, "name"), .use = occ == BD_OCCURS_ONE ? USE_REQ : USE_OPT };
		attr_content(c, &a, p->children);
		add_attr(m, &a);
	} else if (rng(p, "optional")) {
		walk_seq(c, m, p->children, combine(occ, BD_OCCURS_OPTIONAL));
	} else if (rng(p, "zeroOrMore")) {
		walk_seq(c, m, p->children, combine(occ, BD_OCCURS_ANY));
	} else if (rng(p, "oneOrMore")) {
		walk_seq(c, m, p->children, combine(occ, BD_OCCURS_SOME));
	} else if (rng(p, "group")) {
		walk_seq(c, m, p->children, occ);
	} else if (rng(p, "ref")) {
		walk_seq(c, m, find_define(c, prop(p, "name"))->children, occ);
	} else if (rng(p, "text") || rng(p, "value")) {
		if (m->text == BD_TEXT_NO)
			m->text = BD_TEXT_YES;
		m->has_text_branch = true;
	} else if (rng(p, "data")) {
		bool min = false;
		for (xmlNodePtr q = p->children; q; q = q->next)
			min = min || (rng(q, "param") && strcmp(prop(q, "name"), "minLength") == 0);
		m->text = min ? BD_TEXT_NONEMPTY : BD_TEXT_YES;
		m->has_text_branch = true;
	} else if (rng(p, "empty")) {
		/* nothing */
	} else if (rng(p, "choice")) {
		/* Each branch on its own, then merged: elements into one slot,
		 * attributes required only when every branch requires them. */
		struct s_model *b = calloc(1, sizeof(*b));
		struct s_slot slot = { .occurs = occ };
		int nbranches = 0, attr_in[16] = { 0 };
		bool text = false;
		struct s_attr merged[16];
		int nmerged = 0;

		for (xmlNodePtr q = p->children; q; q = q->next) {
			if (q->type != XML_ELEMENT_NODE)
				continue;
			memset(b, 0, sizeof(*b));
			walk(c, b, q, BD_OCCURS_ONE);
			nbranches++;
			text = text || b->has_text_branch;
			for (int s = 0; s < b->nslots; s++)
				for (int i = 0; i < b->slots[s].n; i++) {
					slot.names[slot.n] = b->slots[s].names[i];
					slot.pats[slot.n++] = b->slots[s].pats[i];
				}
			for (int i = 0; i < b->nattrs; i++) {
				int j;
				for (j = 0; j < nmerged; j++)
					if (strcmp(merged[j].name, b->attrs[i].name) == 0)
						break;
				if (j == nmerged)
					merged[nmerged++] = b->attrs[i];
				else
					for (int v = 0; v < b->attrs[i].nvalues; v++)
						merged[j].values[merged[j].nvalues++] = b->attrs[i].values[v];
				if (b->attrs[i].use == USE_REQ)
					attr_in[j]++;
			}
		}
		for (int j = 0; j < nmerged; j++) {
			merged[j].use = attr_in[j] == nbranches && occ == BD_OCCURS_ONE ? USE_REQ : USE_COND;
			add_attr(m, &merged[j]);
		}
		if (text) {
			/* Mixed content: text, and the elements any number of times. */
			m->has_text_branch = true;
			if (m->text == BD_TEXT_NO)
				m->text = BD_TEXT_YES;
			slot.occurs = BD_OCCURS_ANY;
		}
		if (slot.n > 0) {
			m->slots[m->nslots++] = slot;
			m->has_element_branch = true;
		}
		free(b);
	} else {
		fail_msg("%s: pattern <%s> is not handled by this test", c->file, (const char *)p->name);
	}
}

static int use_of(const struct bd_structure_attr *a)
{
	return a->use == BD_ATTR_REQUIRED ? USE_REQ : a->use == BD_ATTR_OPTIONAL ? USE_OPT : USE_COND;
}

static bool same_values(const struct s_attr *s, const struct bd_structure_attr *t)
{
	int n = 0;

	while (t->values && t->values[n])
		n++;
	if (n != s->nvalues)
		return false;
	for (int i = 0; i < n; i++) {
		bool found = false;
		for (int j = 0; j < s->nvalues; j++)
			found = found || strcmp(s->values[j], t->values[i]) == 0;
		if (!found)
			return false;
	}
	return true;
}

static const char *occurs_name(enum bd_structure_occurs o)
{
	return o == BD_OCCURS_ONE ? "1" : o == BD_OCCURS_OPTIONAL ? "?" : o == BD_OCCURS_ANY ? "*" : "+";
}

#define MISMATCH(c, path, ...)                                         \
	do {                                                           \
		print_message("%s: %s: ", (c)->file, (path));          \
		print_message(__VA_ARGS__);                            \
		print_message("\n");                                   \
		(c)->failures++;                                       \
	} while (0)

static void compare(struct schema_ctx *c, xmlNodePtr pat, const struct bd_structure_elem *el, const char *parent)
{
	struct s_model *m;
	char path[512];
	int nattrs = 0, nslots = 0;

	for (int i = 0; i < c->nseen; i++)
		if (c->seen_pat[i] == pat && c->seen_elem[i] == el)
			return;
	assert_true(c->nseen < 256);
	c->seen_pat[c->nseen] = pat;
	c->seen_elem[c->nseen++] = el;

	snprintf(path, sizeof(path), "%s/%s", parent, prop(pat, "name"));
	if (strcmp(el->name, prop(pat, "name")) != 0) {
		MISMATCH(c, path, "the table has <%s> here", el->name);
		return;
	}
	m = calloc(1, sizeof(*m));
	walk_seq(c, m, pat->children, BD_OCCURS_ONE);

	if (m->text != el->text)
		MISMATCH(c, path, "text is %d in the schema, %d in the table", (int)m->text, (int)el->text);

	/* Attributes, both ways. */
	for (const struct bd_structure_attr *a = el->attrs; a && a->name; a++)
		nattrs++;
	for (int i = 0; i < m->nattrs; i++) {
		const struct bd_structure_attr *t = NULL;
		for (const struct bd_structure_attr *a = el->attrs; a && a->name; a++)
			if (strcmp(a->name, m->attrs[i].name) == 0)
				t = a;
		if (!t) {
			MISMATCH(c, path, "attribute %s is not in the table", m->attrs[i].name);
			continue;
		}
		if (use_of(t) != m->attrs[i].use)
			MISMATCH(c, path, "attribute %s: use %d in the schema, %d in the table", t->name, m->attrs[i].use,
				 use_of(t));
		if (t->nonempty != m->attrs[i].nonempty)
			MISMATCH(c, path, "attribute %s: nonempty differs", t->name);
		if (!same_values(&m->attrs[i], t))
			MISMATCH(c, path, "attribute %s: the values differ", t->name);
	}
	if (nattrs != m->nattrs)
		MISMATCH(c, path, "%d attributes in the schema, %d in the table", m->nattrs, nattrs);

	/* Slots, in order, each the same set of names; then each child pair. */
	while (el->slots && el->slots[nslots].elems)
		nslots++;
	if (nslots != m->nslots) {
		MISMATCH(c, path, "%d slots in the schema, %d in the table", m->nslots, nslots);
		goto out;
	}
	for (int s = 0; s < nslots; s++) {
		const struct bd_structure_slot *ts = &el->slots[s];
		int n = 0;

		while (ts->elems[n])
			n++;
		if (ts->occurs != m->slots[s].occurs)
			MISMATCH(c, path, "slot %d (<%s>): occurs %s in the schema, %s in the table", s, ts->elems[0]->name,
				 occurs_name(m->slots[s].occurs), occurs_name(ts->occurs));
		if (n != m->slots[s].n)
			MISMATCH(c, path, "slot %d: %d elements in the schema, %d in the table", s, m->slots[s].n, n);
		for (int i = 0; i < m->slots[s].n; i++) {
			const struct bd_structure_elem *t = NULL;
			for (int j = 0; j < n; j++)
				if (strcmp(ts->elems[j]->name, m->slots[s].names[i]) == 0)
					t = ts->elems[j];
			if (!t) {
				MISMATCH(c, path, "slot %d: <%s> is not in the table", s, m->slots[s].names[i]);
				continue;
			}
			compare(c, m->slots[s].pats[i], t, path);
		}
	}
	/* The check finds a child's slot by name: one slot per name. */
	for (int s = 0; s < nslots; s++)
		for (int i = 0; el->slots[s].elems[i]; i++)
			for (int s2 = s + 1; s2 < nslots; s2++)
				for (int j = 0; el->slots[s2].elems[j]; j++)
					if (strcmp(el->slots[s].elems[i]->name, el->slots[s2].elems[j]->name) == 0)
						MISMATCH(c, path, "<%s> is in two slots", el->slots[s].elems[i]->name);
out:
	free(m);
}

static void count_unseen(struct schema_ctx *c, xmlNodePtr n)
{
	for (; n; n = n->next) {
		if (rng(n, "element")) {
			bool seen = false;
			for (int i = 0; i < c->nseen; i++)
				seen = seen || c->seen_pat[i] == n;
			if (!seen) {
				print_message("%s: <element name=\"%s\"> line %ld was never compared\n", c->file,
					      prop(n, "name"), xmlGetLineNo(n));
				c->failures++;
			}
		}
		count_unseen(c, n->children);
	}
}

/* A file's bytes (the process's entity loader refuses files once bd_xml
 * has parsed anything, so libxml2 is handed memory). */
static char *slurp(const char *path, int *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	long n;

	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (int)n;
	return buf;
}

static void check_schema(const char *name, enum bd_schema which)
{
	struct schema_ctx c = { .file = name };
	char path[1024];
	xmlNodePtr start;
	char *text;
	int len;

	snprintf(path, sizeof(path), "%s/schemas/%s", BD_SOURCE_DIR, name);
	text = slurp(path, &len);
	c.doc = xmlReadMemory(text, len, name, NULL, XML_PARSE_NONET | XML_PARSE_NOBLANKS);
	free(text);
	assert_non_null(c.doc);
	start = xmlDocGetRootElement(c.doc)->children;
	while (!rng(start, "start"))
		start = start->next;
	start = start->children;
	while (!rng(start, "element"))
		start = start->next;
	compare(&c, start, bd_structure_root(which), "");
	count_unseen(&c, xmlDocGetRootElement(c.doc));
	xmlFreeDoc(c.doc);
	assert_int_equal(c.failures, 0);
}

static void test_table_book(void **state)
{
	(void)state;
	check_schema("book.rng", BD_SCHEMA_BOOK);
}

static void test_table_article(void **state)
{
	(void)state;
	check_schema("article.rng", BD_SCHEMA_ARTICLE);
}

static void test_table_glossary(void **state)
{
	(void)state;
	check_schema("glossary.rng", BD_SCHEMA_GLOSSARY);
}

static void test_table_edition(void **state)
{
	(void)state;
	check_schema("edition.rng", BD_SCHEMA_EDITION);
}

/* ---- Messages ---- */

/* Parses text, validates it (structure first, then the schema) and returns
 * the messages as "LINE:COL: TEXT [RULE]" lines. */
static char *messages(const char *text, enum bd_schema which, bool *valid)
{
	struct bd_diag d;
	xmlDocPtr doc;
	char *out = calloc(1, 1);
	size_t len = 0;

	bd_diag_init(&d);
	doc = bd_xml_parse(text, strlen(text), "t.xml", BD_XML_DEFAULT, &d);
	if (doc)
		*valid = bd_xml_validate(doc, which, "t.xml", &d);
	else
		*valid = false;
	for (size_t i = 0; i < d.len; i++) {
		char line[1024];
		int n = snprintf(line, sizeof(line), "%u:%u: %s [%s]\n", d.msgs[i].line, d.msgs[i].col, d.msgs[i].text,
				 d.msgs[i].rule);
		out = realloc(out, len + (size_t)n + 1);
		memcpy(out + len, line, (size_t)n + 1);
		len += (size_t)n;
	}
	xmlFreeDoc(doc);
	bd_diag_fini(&d);
	return out;
}

static void expect(const char *text, enum bd_schema which, const char *want)
{
	bool valid;
	char *got = messages(text, which, &valid);

	if (strcmp(got, want) != 0)
		print_message("document:\n%s\nwant:\n%sgot:\n%s", text, want, got);
	assert_string_equal(got, want);
	assert_int_equal(valid, want[0] == '\0');
	free(got);
}

#define ART_HEAD "<article id='a'>\n<title>T</title>\n"

static void test_article_messages(void **state)
{
	(void)state;
	expect(ART_HEAD "<summary>S</summary>\n<p>x</p>\n</article>", BD_SCHEMA_ARTICLE, "");
	expect(ART_HEAD "<p>x</p>\n</article>", BD_SCHEMA_ARTICLE,
	       "2:1: <article> needs a <summary> after its <title> [structure]\n");
	expect("<article id='a'>\n<summary>S</summary>\n</article>", BD_SCHEMA_ARTICLE,
	       "2:1: <article> needs a <title> before its <summary> [structure]\n");
	expect("<article id='a'/>", BD_SCHEMA_ARTICLE,
	       "1:1: <article> needs a <title> [structure]\n1:1: <article> needs a <summary> [structure]\n");
	expect(ART_HEAD "<summary>S</summary>\n<p>x <b>y</b></p>\n</article>", BD_SCHEMA_ARTICLE,
	       "4:6: '<b>' is not part of the source format; use <strong> or <emph> [structure]\n");
	expect(ART_HEAD "<summary>S</summary>\n<section id='s'><title>S</title></section>\n<p>x</p>\n</article>",
	       BD_SCHEMA_ARTICLE, "5:1: <p> must come before the first <section> in <article> [structure]\n");
	expect(ART_HEAD "<summary>S</summary>\n<section id='s'><title>A <term ref='t'>b</term></title></section>\n"
			"</article>",
	       BD_SCHEMA_ARTICLE, "4:26: <term> is not allowed in <title>, which holds only text and <emph> [structure]\n");
	expect(ART_HEAD "<summary>S</summary>\n<ul>loose<li>x</li></ul>\n</article>", BD_SCHEMA_ARTICLE,
	       "4:1: text is not allowed directly in <ul>; put it in an <li> [structure]\n");
	expect(ART_HEAD "<summary>S</summary>\nloose\n</article>", BD_SCHEMA_ARTICLE,
	       "1:1: text is not allowed directly in <article>; put it in a <p> [structure]\n");
	expect(ART_HEAD "<summary>S</summary>\n<callout type='warning'><p>x</p></callout>\n</article>",
	       BD_SCHEMA_ARTICLE, "4:1: type=\"warning\" is not allowed on <callout>; use urgent, note or tip [structure]\n");
	expect(ART_HEAD "<summary>S</summary>\n<callout type=' note '><p>x</p></callout>\n</article>",
	       BD_SCHEMA_ARTICLE, "");
	expect(ART_HEAD "<summary>S</summary>\n<callout><p>x</p></callout>\n</article>", BD_SCHEMA_ARTICLE,
	       "4:1: <callout> needs a type attribute [structure]\n");
	expect(ART_HEAD "<summary>S</summary>\n<p class='x'>x</p>\n</article>", BD_SCHEMA_ARTICLE,
	       "4:1: <p> has no attribute 'class'; it takes no attributes [structure]\n");
	expect(ART_HEAD "<summary>S</summary>\n<figure id='f' src='a.png' alt='x'><alt>A</alt></figure>\n</article>",
	       BD_SCHEMA_ARTICLE, "4:1: <figure> has no attribute 'alt'; write <alt> as a child element [structure]\n");
	expect(ART_HEAD "<summary>S</summary>\n<figure id='f' src='a.png' alt='x'/>\n</article>", BD_SCHEMA_ARTICLE,
	       "4:1: <figure> has no attribute 'alt'; write <alt> as a child element [structure]\n");
	expect(ART_HEAD "<summary>S</summary>\n<figure id='f' src='a.png'><caption>C</caption></figure>\n</article>",
	       BD_SCHEMA_ARTICLE, "4:28: <figure> needs an <alt> before its <caption> [structure]\n");
	expect(ART_HEAD "<summary>S</summary>\n<figure id='f' src='a.png'><alt></alt></figure>\n</article>",
	       BD_SCHEMA_ARTICLE, "4:28: <alt> is empty; write its text [structure]\n");
	expect(ART_HEAD "<summary>S</summary>\n<table><caption>C</caption><tbody><tr><td>x</td></tr></tbody></table>\n"
			"</article>",
	       BD_SCHEMA_ARTICLE, "4:8: <table> needs a <thead> after its <caption> [structure]\n");
	expect(ART_HEAD "<summary>S</summary>\n<callout type='note'><title>T</title></callout>\n</article>",
	       BD_SCHEMA_ARTICLE, "4:22: <callout> needs at least one <p>, <ul> or <ol> after its <title> [structure]\n");
	expect(ART_HEAD "<summary>S</summary><summary>S</summary>\n</article>", BD_SCHEMA_ARTICLE,
	       "3:21: <article> has a second <summary>; it takes only one [structure]\n");
	expect(ART_HEAD "<summary>S</summary>\n<section id='a'><title>1</title><section id='b'><title>2</title>"
			"<section id='c'><title>3</title><section id='d'><title>4</title></section></section></section>"
			"</section>\n</article>",
	       BD_SCHEMA_ARTICLE, "4:97: sections nest at most 3 levels deep; this <section> is a fourth level [structure]\n");
	/* An unknown child: no complaint about the parent's order as well. */
	expect(ART_HEAD "<h1>x</h1>\n<summary>S</summary>\n</article>", BD_SCHEMA_ARTICLE,
	       "3:1: '<h1>' is not part of the source format; start a <section id=\"...\"> with a <title> instead "
	       "[structure]\n");
	expect(ART_HEAD "<sumary>S</sumary>\n</article>", BD_SCHEMA_ARTICLE,
	       "3:1: '<sumary>' is not part of the source format; did you mean <summary>? [structure]\n");
	expect("<html/>", BD_SCHEMA_ARTICLE, "1:1: the root element must be <article>, not <html> [structure]\n");
	expect("<article xmlns='http://www.w3.org/1999/xhtml' id='a'/>", BD_SCHEMA_ARTICLE,
	       "1:1: <article> is in the namespace 'http://www.w3.org/1999/xhtml'; the source format uses no "
	       "namespaces (remove xmlns) [structure]\n");
	expect(ART_HEAD "<summary>S</summary>\n<p xml:lang='en'>x</p>\n</article>", BD_SCHEMA_ARTICLE,
	       "4:1: <p> has no attribute 'xml:lang'; it takes no attributes [structure]\n");
	expect(ART_HEAD "<summary>S</summary>\n<cover src='a.png' alt='x'/>\n</article>", BD_SCHEMA_ARTICLE,
	       "4:1: <cover> is not allowed in <article>, which holds <title>, <short-title>, <summary>, <p>, <ul>, "
	       "<ol>, <figure>, <table>, <callout> and <section> [structure]\n");
}

#define BOOK_START "<book slug='s' lang='en'>\n<title>T</title>\n<edition>E</edition>\n"
#define BOOK_END                                                                                                 \
	"<creator role='aut'>A</creator>\n<publisher>P</publisher>\n<rights>R</rights>\n"                        \
	"<description>D</description>\n<subject scheme='keyword'>k</subject>\n<published>2026-01-02</published>\n" \
	"<modified>2026-01-02T03:04:05Z</modified>\n<review status='not-reviewed' next-due='2027-01-02'/>\n"     \
	"<accessibility><summary>S</summary><assessed-by>A</assessed-by></accessibility>\n"                      \
	"<cover src='c.png' alt='C'/>\n<stylesheet href='s.css'/>\n<glossary href='g.xml'/>\n"                   \
	"<contents><part id='p'><title>P</title><article ref='a'/></part></contents>\n</book>"

static char *with_review(const char *review);

static void test_book_messages(void **state)
{
	(void)state;
	expect(BOOK_START "<identifier uuid-name='x'/>\n" BOOK_END, BD_SCHEMA_BOOK, "");
	expect("<book slug='s' lang='en'>\n<title>T</title>\n<identifier uuid-name='x'/>\n" BOOK_END, BD_SCHEMA_BOOK,
	       "2:1: <book> needs an <edition> after its <title> [structure]\n");
	/* A stray element elsewhere does not hide a missing one. */
	expect("<book slug='s' lang='en'>\n<edition>E</edition>\n<identifier uuid-name='x'/>\n<Creator role='aut'>A"
	       "</Creator>\n" BOOK_END,
	       BD_SCHEMA_BOOK,
	       "4:1: '<Creator>' is not part of the source format; did you mean <creator>? [structure]\n"
	       "2:1: <book> needs a <title> before its <edition> [structure]\n");
	/* ... but one where the missing one goes does. */
	expect("<book slug='s' lang='en'>\n<h1>T</h1>\n<edition>E</edition>\n<identifier uuid-name='x'/>\n" BOOK_END,
	       BD_SCHEMA_BOOK, "2:1: '<h1>' is not part of the source format; <book> holds <title>, <subtitle>, "
	       "<edition>, <identifier>, <creator>, <contributor>, <publisher>, <contact>, <marc-organization>, <rights>, "
	       "<license>, <description>, "
	       "<subject>, <published>, <modified>, <review>, <accessibility>, <reading-level>, <cover>, "
	       "<stylesheet>, <glossary>, <contents> and <editions> [structure]\n");
	expect(BOOK_START "<identifier/>\n" BOOK_END, BD_SCHEMA_BOOK,
	       "4:1: <identifier> needs a uuid-name or an isbn attribute [structure]\n");
	expect(BOOK_START "<identifier uuid-name='x' isbn='9780000000000'/>\n" BOOK_END, BD_SCHEMA_BOOK,
	       "4:1: <identifier> takes either uuid-name or isbn, not both [structure]\n");
	expect(BOOK_START "<identifier uuid-name=''/>\n" BOOK_END, BD_SCHEMA_BOOK,
	       "4:1: the uuid-name attribute of <identifier> must not be empty [structure]\n");
	expect(BOOK_START "<identifier uuid-name='x'>text</identifier>\n" BOOK_END, BD_SCHEMA_BOOK,
	       "4:1: text is not allowed in <identifier>, which must be empty (<identifier .../>) [structure]\n");
	expect("<book slug='s' lang='en'>\n<title>T</title>\n<identifier uuid-name='x'/>\n<edition>E</edition>\n"
	       BOOK_END,
	       BD_SCHEMA_BOOK, "4:1: <edition> must come before <identifier> in <book> [structure]\n");
	expect(BOOK_START "<identifier uuid-name='x'/>\n" BOOK_END, BD_SCHEMA_BOOK, "");
}

/* A value's spelling is not the structure check's: the schema's message stays. */
static void test_schema_still_decides(void **state)
{
	bool valid;
	char *got;
	char *doc = with_review("<review status='not-reviewed' next-due='soon'/>");

	(void)state;
	got = messages(doc, BD_SCHEMA_BOOK, &valid);
	assert_false(valid);
	assert_non_null(strstr(got, "[schema]"));
	assert_null(strstr(got, "[structure]"));
	free(got);
	free(doc);
}

/* BOOK_START BOOK_END with its <review> replaced; a new string. */
static char *with_review(const char *review)
{
	const char *base = BOOK_START "<identifier uuid-name='x'/>\n" BOOK_END;
	const char *old = "<review status='not-reviewed' next-due='2027-01-02'/>";
	const char *at = strstr(base, old);
	char *out = malloc(strlen(base) + strlen(review) + 1);

	memcpy(out, base, (size_t)(at - base));
	strcpy(out + (at - base), review);
	strcat(out, at + strlen(old));
	return out;
}

static void test_review_attributes(void **state)
{
	static const char *const cases[][2] = {
		{ "<review status='reviewed' date='2026-01-01' reviewer='R' next-due='2027-01-02'/>", "" },
		{ "<review status='reviewed' next-due='2027-01-02'/>",
		  "12:1: <review status=\"reviewed\"> needs a date attribute [structure]\n"
		  "12:1: <review status=\"reviewed\"> needs a reviewer attribute [structure]\n" },
		{ "<review status='not-reviewed' date='2026-01-01' next-due='2027-01-02'/>",
		  "12:1: <review> takes date only with status=\"reviewed\" [structure]\n" },
		{ "<review status='done' next-due='2027-01-02'/>",
		  "12:1: status=\"done\" is not allowed on <review>; use not-reviewed or reviewed [structure]\n" },
		{ "<review next-due='2027-01-02'/>", "12:1: <review> needs a status attribute [structure]\n" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *doc = with_review(cases[i][0]);
		expect(doc, BD_SCHEMA_BOOK, cases[i][1]);
		free(doc);
	}
}

static void test_glossary_messages(void **state)
{
	(void)state;
	expect("<glossary><entry id='a'><term>A</term><definition>D <emph>x</emph></definition></entry></glossary>",
	       BD_SCHEMA_GLOSSARY, "");
	expect("<glossary>\n<entry id='a'><term>A</term></entry></glossary>", BD_SCHEMA_GLOSSARY,
	       "2:15: <entry> needs a <definition> after its <term> [structure]\n");
	expect("<glossary>\n<entry id='a'><term>A</term><definition>D <b>x</b></definition></entry></glossary>",
	       BD_SCHEMA_GLOSSARY, "2:43: '<b>' is not part of the source format; use <strong> or <emph> [structure]\n");
	expect("<glossary>\n<entry id='a'><term>A</term><definition>D <link href='x'>x</link></definition></entry>"
	       "</glossary>",
	       BD_SCHEMA_GLOSSARY,
	       "2:43: <link> is not allowed in <definition>, which holds text, <emph> and <strong> [structure]\n");
	expect("<glossary/>", BD_SCHEMA_GLOSSARY, "1:1: <glossary> needs at least one <entry> [structure]\n");
	/* White space is no text in an empty element, and is text where text must be. */
	expect("<glossary><entry id='a'><term> </term><definition/><see ref='a'>\n </see></entry></glossary>",
	       BD_SCHEMA_GLOSSARY, "");
	expect("<glossary>\n<entry id='a'><term/><definition/></entry></glossary>", BD_SCHEMA_GLOSSARY,
	       "2:15: <term> is empty; write its text [structure]\n");
}

/* Syntax errors: one message in plain words, no cascade. */
static void test_syntax_messages(void **state)
{
	(void)state;
	expect("<article>\n<callout type=\u201Cnote\u201D>hi</callout></article>", BD_SCHEMA_ARTICLE,
	       "2:15: an attribute value must be in straight quotes (\"...\"), not curly quotes [xml-syntax]\n");
	expect("<article x=\u2018y\u2019/>", BD_SCHEMA_ARTICLE,
	       "1:12: an attribute value must be in straight quotes (\"...\"), not curly quotes [xml-syntax]\n");
	expect("<article x=1/>", BD_SCHEMA_ARTICLE, "1:12: an attribute value must be in quotes: name=\"value\" [xml-syntax]\n");
	expect("<p>A & E</p>", BD_SCHEMA_ARTICLE, "1:7: a bare '&'; write '&amp;' [xml-syntax]\n");
	expect("<p>A &E more</p>", BD_SCHEMA_ARTICLE,
	       "1:8: a bare '&'; write '&amp;' (or end the entity reference with ';') [xml-syntax]\n");
	expect("<p>1 < 2</p>", BD_SCHEMA_ARTICLE, "1:7: a bare '<'; write '&lt;' [xml-syntax]\n");
	expect("<p>&nbsp;</p>", BD_SCHEMA_ARTICLE,
	       "1:10: '&nbsp;' is an HTML entity, not XML; write the character itself or '&#160;' [xml-syntax]\n");
	expect("<p>&foo;</p>", BD_SCHEMA_ARTICLE,
	       "1:9: '&foo;' is not defined; XML knows only &amp; &lt; &gt; &quot; and &apos; [xml-syntax]\n");
	expect("<a>\n<p>x</a>", BD_SCHEMA_ARTICLE, "2:9: <p> (line 2) is not closed before </a>; add </p> [xml-syntax]\n");
	expect("<a>\n<p>x", BD_SCHEMA_ARTICLE, "2:5: <p> (line 2) is never closed; add </p> [xml-syntax]\n");
	expect("<a><p x>y</p></a>", BD_SCHEMA_ARTICLE, "1:8: the attribute x needs a value: x=\"...\" [xml-syntax]\n");
	expect("<a x='1' x='2'/>", BD_SCHEMA_ARTICLE, "1:15: the attribute x is given twice; keep one [xml-syntax]\n");
	expect("<a/><b/>", BD_SCHEMA_ARTICLE,
	       "1:5: there is more after the root element ends; a file holds one root element [xml-syntax]\n");
}

/* The real book's sources have no structure problems. */
static void test_real_book_clean(void **state)
{
	const char *files[] = { "book/book.xml", "book/glossary.xml", "book/articles/about-this-book.xml" };
	const enum bd_schema kinds[] = { BD_SCHEMA_BOOK, BD_SCHEMA_GLOSSARY, BD_SCHEMA_ARTICLE };

	(void)state;
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		char path[1024];
		struct bd_diag d;
		xmlDocPtr doc;

		snprintf(path, sizeof(path), "%s/%s", BD_SOURCE_DIR, files[i]);
		bd_diag_init(&d);
		doc = bd_xml_read_file(path, files[i], BD_XML_SOURCE_MAX, BD_XML_DEFAULT, &d);
		if (!doc) {
			/* a renamed article: not this test's business */
			bd_diag_fini(&d);
			continue;
		}
		assert_int_equal(bd_structure_check(doc, kinds[i], files[i], &d), 0);
		assert_true(bd_xml_validate(doc, kinds[i], files[i], &d));
		xmlFreeDoc(doc);
		bd_diag_fini(&d);
	}
}

/* ---- The check and the schema agree on mutated documents ----
 *
 * Each element of a few valid sources is deleted, doubled, swapped with its
 * next sibling and renamed; the structure check must find a problem exactly
 * when the schema does (none of these changes a value's spelling). */

struct agree {
	xmlRelaxNGPtr schema;
	enum bd_schema which;
	int tried, disagreed;
};

static void judge(struct agree *a, xmlDocPtr doc, const char *what, const xmlNode *el)
{
	xmlRelaxNGValidCtxtPtr v = xmlRelaxNGNewValidCtxt(a->schema);
	struct bd_diag d;
	bool schema_ok, structure_ok;

	xmlRelaxNGSetValidStructuredErrors(v, NULL, NULL);
	schema_ok = xmlRelaxNGValidateDoc(v, doc) == 0;
	xmlRelaxNGFreeValidCtxt(v);
	bd_diag_init(&d);
	structure_ok = bd_structure_check(doc, a->which, "t.xml", &d) == 0;
	a->tried++;
	if (schema_ok != structure_ok) {
		a->disagreed++;
		print_message("%s <%s> at line %u: the schema says %s, the structure check %s%s\n", what,
			      (const char *)el->name, bd_xml_line(el), schema_ok ? "valid" : "invalid",
			      structure_ok ? "valid" : "invalid: ", d.len ? d.msgs[0].text : "");
	}
	bd_diag_fini(&d);
}

static void mutate_all(struct agree *a, xmlDocPtr doc, xmlNodePtr el)
{
	for (xmlNodePtr k = bd_xml_first_element(el); k; k = bd_xml_next_element(k))
		mutate_all(a, doc, k);
	{
		/* text at its start (libxml2 merges adjacent text nodes, so a
		 * first text node gets the text in front instead) */
		xmlNodePtr first = el->children;
		if (bd_xml_is(el, "published") || bd_xml_is(el, "modified")) {
			/* a date: its spelling is checked elsewhere */
		} else if (first && first->type == XML_TEXT_NODE) {
			xmlChar *old = xmlStrdup(first->content);
			xmlChar *with = xmlStrncatNew(BAD_CAST "x", old, -1);
			xmlNodeSetContent(first, with);
			judge(a, doc, "text in", el);
			xmlNodeSetContent(first, old);
			xmlFree(with);
			xmlFree(old);
		} else {
			xmlNodePtr text = xmlNewDocText(doc, BAD_CAST "x");
			if (first)
				xmlAddPrevSibling(first, text);
			else
				xmlAddChild(el, text);
			judge(a, doc, "text in", el);
			xmlUnlinkNode(text);
			xmlFreeNode(text);
		}
	}
	{
		/* an unknown attribute, and each attribute taken away */
		xmlAttrPtr bogus = xmlNewProp(el, BAD_CAST "bogus", BAD_CAST "1");
		judge(a, doc, "an attribute on", el);
		xmlRemoveProp(bogus);
		for (xmlAttrPtr at = el->properties; at; at = at->next) {
			xmlAttrPtr prev = at->prev;
			xmlAttrPtr next = at->next;
			/* unlink by hand: libxml2 has no call that keeps the node */
			if (prev)
				prev->next = next;
			else
				el->properties = next;
			if (next)
				next->prev = prev;
			judge(a, doc, "an attribute taken from", el);
			if (prev)
				prev->next = at;
			else
				el->properties = at;
			if (next)
				next->prev = at;
		}
	}
	if (el == xmlDocGetRootElement(doc))
		return;
	{
		/* delete */
		xmlNodePtr prev = el->prev, parent = el->parent;
		xmlUnlinkNode(el);
		judge(a, doc, "deleting", el);
		if (prev)
			xmlAddNextSibling(prev, el);
		else if (parent->children)
			xmlAddPrevSibling(parent->children, el);
		else
			xmlAddChild(parent, el);
	}
	{
		/* double */
		xmlNodePtr copy = xmlDocCopyNode(el, doc, 1);
		xmlAddNextSibling(el, copy);
		judge(a, doc, "doubling", el);
		xmlUnlinkNode(copy);
		xmlFreeNode(copy);
	}
	{
		/* swap with the next element */
		xmlNodePtr next = bd_xml_next_element(el);
		if (next) {
			xmlUnlinkNode(next);
			xmlAddPrevSibling(el, next);
			judge(a, doc, "swapping", el);
			xmlUnlinkNode(next);
			xmlAddNextSibling(el, next);
		}
	}
	{
		/* rename to each of a few names */
		static const char *const names[] = { "p", "title", "b", "section", "article", "emph", "li" };
		xmlChar *old = xmlStrdup(el->name);
		for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
			if (xmlStrEqual(old, BAD_CAST names[i]))
				continue;
			xmlNodeSetName(el, BAD_CAST names[i]);
			judge(a, doc, "renaming to", el);
		}
		xmlNodeSetName(el, old);
		xmlFree(old);
	}
}

static void check_agreement(const char *file, enum bd_schema which, const char *rng_file)
{
	char path[1024];
	struct agree a = { .which = which };
	xmlRelaxNGParserCtxtPtr pctxt;
	struct bd_diag d;
	xmlDocPtr doc;
	char *text;
	int len;

	snprintf(path, sizeof(path), "%s/schemas/%s", BD_SOURCE_DIR, rng_file);
	text = slurp(path, &len);
	pctxt = xmlRelaxNGNewMemParserCtxt(text, len);
	a.schema = xmlRelaxNGParse(pctxt);
	xmlRelaxNGFreeParserCtxt(pctxt);
	free(text);
	assert_non_null(a.schema);
	snprintf(path, sizeof(path), "%s/%s", BD_SOURCE_DIR, file);
	bd_diag_init(&d);
	doc = bd_xml_read_file(path, file, BD_XML_SOURCE_MAX, BD_XML_DEFAULT, &d);
	assert_non_null(doc);
	mutate_all(&a, doc, xmlDocGetRootElement(doc));
	xmlFreeDoc(doc);
	bd_diag_fini(&d);
	xmlRelaxNGFree(a.schema);
	print_message("%s: %d mutations, %d disagreements\n", file, a.tried, a.disagreed);
	assert_true(a.tried > 0);
	assert_int_equal(a.disagreed, 0);
}

static void test_agreement(void **state)
{
	(void)state;
	check_agreement("tests/bad/base/book.xml", BD_SCHEMA_BOOK, "book.rng");
	check_agreement("tests/bad/base/glossary.xml", BD_SCHEMA_GLOSSARY, "glossary.rng");
	check_agreement("tests/bad/base/articles/bones.xml", BD_SCHEMA_ARTICLE, "article.rng");
	check_agreement("book/book.xml", BD_SCHEMA_BOOK, "book.rng");
	check_agreement("book/glossary.xml", BD_SCHEMA_GLOSSARY, "glossary.rng");
	check_agreement("book/articles/about-this-book.xml", BD_SCHEMA_ARTICLE, "article.rng");
	check_agreement("book/articles/bone-medicines.xml", BD_SCHEMA_ARTICLE, "article.rng");
	check_agreement("book/editions/st-example.xml", BD_SCHEMA_EDITION, "edition.rng");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_book),
		cmocka_unit_test(test_table_article),
		cmocka_unit_test(test_table_glossary),
		cmocka_unit_test(test_table_edition),
		cmocka_unit_test(test_article_messages),
		cmocka_unit_test(test_book_messages),
		cmocka_unit_test(test_review_attributes),
		cmocka_unit_test(test_schema_still_decides),
		cmocka_unit_test(test_glossary_messages),
		cmocka_unit_test(test_syntax_messages),
		cmocka_unit_test(test_real_book_clean),
		cmocka_unit_test(test_agreement),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);

	bd_xml_cleanup();
	return rc;
}
