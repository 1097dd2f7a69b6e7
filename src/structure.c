/* structure.c - the source format as a table, and the check that walks it.
 *
 * The table mirrors schemas/book.rng, article.rng and glossary.rng, one
 * entry per element in each context (tests/unit/test_structure.c compares
 * the two both ways).  The check reports the first cause it can name: an
 * element that does not exist or stands in the wrong element, then the
 * order of the children, then a missing child; once a child is out of
 * place, its parent's order and completeness are not judged as well. */
#include "structure.h"

#include "alloc.h"
#include "rules.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
	/* book.xml */
	E_BOOK, E_BOOK_TITLE, E_SUBTITLE, E_EDITION, E_IDENTIFIER, E_CREATOR, E_CONTRIBUTOR, E_PUBLISHER, E_MARC_ORG,
	E_RIGHTS, E_LICENSE, E_BOOK_DESCRIPTION, E_SUBJECT, E_PUBLISHED, E_MODIFIED, E_REVIEW,
	E_ACCESSIBILITY, E_A11Y_SUMMARY, E_ASSESSED_BY, E_READING_LEVEL, E_COVER, E_STYLESHEET,
	E_BOOK_GLOSSARY, E_CONTENTS, E_FRONT, E_PART, E_PART_TITLE, E_BACK, E_ARTICLE_REF, E_BOOK_CONTACT,
	E_EDITIONS, E_EDITION_REF,
	/* articles */
	E_ARTICLE, E_TITLE, E_SHORT_TITLE, E_SUMMARY, E_SECTION1, E_SECTION2, E_SECTION3, E_P, E_UL, E_OL,
	E_LI, E_FIGURE, E_ALT, E_FIG_CAPTION, E_FIG_DESCRIPTION, E_TABLE, E_TABLE_CAPTION, E_THEAD, E_TBODY,
	E_TR, E_TH, E_TD, E_CALLOUT, E_CALLOUT_TITLE, E_EMPH_PLAIN, E_EMPH, E_STRONG, E_TERM, E_XREF, E_LINK,
	E_CONTACT,
	/* glossary.xml */
	E_GLOSSARY, E_ENTRY, E_GLOSS_TERM, E_VARIANT, E_DEFINITION, E_DEF_EMPH, E_DEF_STRONG, E_SEE,
	/* edition files */
	E_ED_ROOT, E_ED_NAME, E_ED_LOGO, E_ED_WEBSITE, E_ED_CONTACT, E_ED_ARTICLE,
	E_COUNT
};

static const struct bd_structure_elem elems[E_COUNT];

#define E(id) (&elems[E_##id])
#define LIST(...) ((const struct bd_structure_elem *const[]){ __VA_ARGS__, NULL })
#define ONE(...) { BD_OCCURS_ONE, LIST(__VA_ARGS__) }
#define OPT(...) { BD_OCCURS_OPTIONAL, LIST(__VA_ARGS__) }
#define ANY(...) { BD_OCCURS_ANY, LIST(__VA_ARGS__) }
#define SOME(...) { BD_OCCURS_SOME, LIST(__VA_ARGS__) }
#define SLOTS(...) ((const struct bd_structure_slot[]){ __VA_ARGS__, { .elems = NULL } })
#define ATTRS(...) ((const struct bd_structure_attr[]){ __VA_ARGS__, { .name = NULL } })
#define VALUES(...) ((const char *const[]){ __VA_ARGS__, NULL })
#define REQ(n) { .name = (n), .use = BD_ATTR_REQUIRED }
#define REQ_TEXT(n) { .name = (n), .use = BD_ATTR_REQUIRED, .nonempty = true }
#define OPT_ATTR(n) { .name = (n), .use = BD_ATTR_OPTIONAL }
#define OPT_TEXT(n) { .name = (n), .use = BD_ATTR_OPTIONAL, .nonempty = true }

#define TEXT_ONLY(n) { .name = (n), .text = BD_TEXT_NONEMPTY }
#define INLINE_PLAIN(n) { .name = (n), .text = BD_TEXT_YES, .slots = SLOTS(ANY(E(EMPH_PLAIN))) }
#define INLINE(n) { .name = (n), .text = BD_TEXT_YES, \
		    .slots = SLOTS(ANY(E(EMPH), E(STRONG), E(TERM), E(XREF), E(LINK), E(CONTACT))) }
#define BLOCK E(P), E(UL), E(OL), E(FIGURE), E(TABLE), E(CALLOUT)
#define SECTION(...) { .name = "section", .attrs = ATTRS(REQ("id")), .slots = SLOTS(ONE(E(TITLE)), __VA_ARGS__) }
#define CONTACT_KINDS VALUES("24h", "emergency", "team", "feedback")
/* A contact in book.xml or an edition file: the phone number's spelling is checked in edition.c. */
#define CONTACT_DEF { .name = "contact", \
		      .attrs = ATTRS({ .name = "kind", .use = BD_ATTR_REQUIRED, .values = CONTACT_KINDS }, \
				     REQ_TEXT("name"), REQ("phone")) }
#define PERSON(n) { .name = (n), .text = BD_TEXT_NONEMPTY, .attrs = ATTRS(REQ("role"), OPT_TEXT("file-as")) }

static const struct bd_structure_elem elems[E_COUNT] = {
	[E_BOOK] = { .name = "book", .attrs = ATTRS(REQ("slug"), REQ("lang")),
		     .slots = SLOTS(ONE(E(BOOK_TITLE)), OPT(E(SUBTITLE)), ONE(E(EDITION)), ONE(E(IDENTIFIER)),
				    SOME(E(CREATOR)), ANY(E(CONTRIBUTOR)), ONE(E(PUBLISHER)), ANY(E(BOOK_CONTACT)),
				    OPT(E(MARC_ORG)), ONE(E(RIGHTS)),
				    OPT(E(LICENSE)), ONE(E(BOOK_DESCRIPTION)), SOME(E(SUBJECT)), ONE(E(PUBLISHED)),
				    ONE(E(MODIFIED)), ONE(E(REVIEW)), ONE(E(ACCESSIBILITY)), OPT(E(READING_LEVEL)),
				    ONE(E(COVER)), SOME(E(STYLESHEET)), ONE(E(BOOK_GLOSSARY)), ONE(E(CONTENTS)),
				    OPT(E(EDITIONS))) },
	[E_BOOK_TITLE] = TEXT_ONLY("title"),
	[E_SUBTITLE] = TEXT_ONLY("subtitle"),
	[E_EDITION] = TEXT_ONLY("edition"),
	[E_IDENTIFIER] = { .name = "identifier",
			   .attrs = ATTRS({ .name = "uuid-name", .use = BD_ATTR_ONE_OF, .nonempty = true },
					  { .name = "isbn", .use = BD_ATTR_ONE_OF }) },
	[E_CREATOR] = PERSON("creator"),
	[E_CONTRIBUTOR] = PERSON("contributor"),
	[E_PUBLISHER] = TEXT_ONLY("publisher"),
	[E_MARC_ORG] = { .name = "marc-organization", .attrs = ATTRS(REQ_TEXT("code")) },
	[E_RIGHTS] = TEXT_ONLY("rights"),
	[E_LICENSE] = { .name = "license", .text = BD_TEXT_NONEMPTY, .attrs = ATTRS(REQ("href")) },
	[E_BOOK_DESCRIPTION] = TEXT_ONLY("description"),
	[E_SUBJECT] = { .name = "subject", .text = BD_TEXT_NONEMPTY,
			.attrs = ATTRS(REQ_TEXT("scheme"), OPT_TEXT("code"),
				       { .name = "type", .use = BD_ATTR_OPTIONAL, .values = VALUES("topic", "genre") }) },
	/* Dates: their spelling is checked elsewhere. */
	[E_PUBLISHED] = { .name = "published", .text = BD_TEXT_YES },
	[E_MODIFIED] = { .name = "modified", .text = BD_TEXT_YES },
	[E_REVIEW] = { .name = "review",
		       .attrs = ATTRS({ .name = "status", .use = BD_ATTR_REQUIRED,
					.values = VALUES("not-reviewed", "reviewed") },
				      { .name = "date", .use = BD_ATTR_WHEN, .when_attr = "status",
					.when_value = "reviewed" },
				      { .name = "reviewer", .use = BD_ATTR_WHEN, .nonempty = true,
					.when_attr = "status", .when_value = "reviewed" },
				      REQ("next-due")) },
	[E_ACCESSIBILITY] = { .name = "accessibility", .slots = SLOTS(ONE(E(A11Y_SUMMARY)), ONE(E(ASSESSED_BY))) },
	[E_A11Y_SUMMARY] = TEXT_ONLY("summary"),
	[E_ASSESSED_BY] = TEXT_ONLY("assessed-by"),
	[E_READING_LEVEL] = { .name = "reading-level",
			      .attrs = ATTRS({ .name = "formula", .use = BD_ATTR_OPTIONAL,
					       .values = VALUES("flesch-kincaid", "smog", "wiener-sachtextformel", "amstad",
								"kandel-moles", "szigriszt-pazos") },
					     { .name = "max-grade", .use = BD_ATTR_ONE_OF },
					     { .name = "min-ease", .use = BD_ATTR_ONE_OF }) },
	[E_COVER] = { .name = "cover",
		      .attrs = ATTRS(REQ("src"), OPT_TEXT("source"), REQ_TEXT("alt"),
				     { .name = "thumbnail", .use = BD_ATTR_OPTIONAL }) },
	[E_STYLESHEET] = { .name = "stylesheet", .attrs = ATTRS(REQ("href")) },
	[E_BOOK_GLOSSARY] = { .name = "glossary",
			      .attrs = ATTRS(REQ_TEXT("href"), { .name = "popups", .use = BD_ATTR_OPTIONAL,
								 .values = VALUES("yes", "no") }) },
	[E_CONTENTS] = { .name = "contents", .slots = SLOTS(OPT(E(FRONT)), SOME(E(PART)), OPT(E(BACK))) },
	[E_FRONT] = { .name = "front", .slots = SLOTS(SOME(E(ARTICLE_REF))) },
	[E_PART] = { .name = "part", .attrs = ATTRS(REQ("id")),
		     .slots = SLOTS(ONE(E(PART_TITLE)), SOME(E(ARTICLE_REF))) },
	[E_PART_TITLE] = TEXT_ONLY("title"),
	[E_BACK] = { .name = "back", .slots = SLOTS(SOME(E(ARTICLE_REF))) },
	[E_ARTICLE_REF] = { .name = "article", .attrs = ATTRS(REQ("ref")) },
	[E_BOOK_CONTACT] = CONTACT_DEF,
	[E_EDITIONS] = { .name = "editions", .slots = SLOTS(SOME(E(EDITION_REF))) },
	[E_EDITION_REF] = { .name = "edition", .attrs = ATTRS(REQ_TEXT("href")) },

	[E_ARTICLE] = { .name = "article",
			.attrs = ATTRS(REQ("id"),
				       { .name = "type", .use = BD_ATTR_OPTIONAL,
					 .values = VALUES("chapter", "preface", "introduction", "appendix", "colophon") },
				       { .name = "urgent", .use = BD_ATTR_OPTIONAL, .values = VALUES("yes") },
				       OPT_ATTR("updated")),
			.slots = SLOTS(ONE(E(TITLE)), OPT(E(SHORT_TITLE)), ONE(E(SUMMARY)), ANY(BLOCK),
				       ANY(E(SECTION1))) },
	[E_TITLE] = INLINE_PLAIN("title"),
	[E_SHORT_TITLE] = INLINE_PLAIN("short-title"),
	[E_SUMMARY] = INLINE("summary"),
	[E_SECTION1] = SECTION(ANY(BLOCK), ANY(E(SECTION2))),
	[E_SECTION2] = SECTION(ANY(BLOCK), ANY(E(SECTION3))),
	[E_SECTION3] = SECTION(ANY(BLOCK)),
	[E_P] = INLINE("p"),
	[E_UL] = { .name = "ul", .slots = SLOTS(SOME(E(LI))) },
	[E_OL] = { .name = "ol", .slots = SLOTS(SOME(E(LI))) },
	[E_LI] = INLINE("li"),
	[E_FIGURE] = { .name = "figure", .attrs = ATTRS(REQ("id"), REQ("src")),
		       .slots = SLOTS(ONE(E(ALT)), OPT(E(FIG_CAPTION)), OPT(E(FIG_DESCRIPTION))) },
	[E_ALT] = TEXT_ONLY("alt"),
	[E_FIG_CAPTION] = INLINE("caption"),
	[E_FIG_DESCRIPTION] = { .name = "description", .slots = SLOTS(SOME(E(P), E(UL), E(OL))) },
	[E_TABLE] = { .name = "table", .attrs = ATTRS(OPT_ATTR("id")),
		      .slots = SLOTS(ONE(E(TABLE_CAPTION)), ONE(E(THEAD)), ONE(E(TBODY))) },
	[E_TABLE_CAPTION] = INLINE("caption"),
	[E_THEAD] = { .name = "thead", .slots = SLOTS(ONE(E(TR))) },
	[E_TBODY] = { .name = "tbody", .slots = SLOTS(SOME(E(TR))) },
	[E_TR] = { .name = "tr", .slots = SLOTS(SOME(E(TH), E(TD))) },
	[E_TH] = INLINE("th"),
	[E_TD] = INLINE("td"),
	[E_CALLOUT] = { .name = "callout",
			.attrs = ATTRS({ .name = "type", .use = BD_ATTR_REQUIRED,
					 .values = VALUES("urgent", "note", "tip") }),
			.slots = SLOTS(OPT(E(CALLOUT_TITLE)), SOME(E(P), E(UL), E(OL))) },
	[E_CALLOUT_TITLE] = INLINE_PLAIN("title"),
	[E_EMPH_PLAIN] = INLINE_PLAIN("emph"),
	[E_EMPH] = INLINE("emph"),
	[E_STRONG] = INLINE("strong"),
	[E_TERM] = { .name = "term", .text = BD_TEXT_YES, .attrs = ATTRS(REQ("ref")) },
	[E_XREF] = { .name = "xref", .text = BD_TEXT_YES, .attrs = ATTRS(REQ("to")) },
	[E_LINK] = { .name = "link", .text = BD_TEXT_YES, .attrs = ATTRS(REQ("href")) },
	[E_CONTACT] = { .name = "contact",
			.attrs = ATTRS({ .name = "kind", .use = BD_ATTR_REQUIRED, .values = CONTACT_KINDS }) },

	[E_GLOSSARY] = { .name = "glossary", .slots = SLOTS(SOME(E(ENTRY))) },
	[E_ENTRY] = { .name = "entry", .attrs = ATTRS(REQ("id")),
		      .slots = SLOTS(ONE(E(GLOSS_TERM)), ANY(E(VARIANT)), ONE(E(DEFINITION)), ANY(E(SEE))) },
	[E_GLOSS_TERM] = TEXT_ONLY("term"),
	[E_VARIANT] = TEXT_ONLY("variant"),
	[E_DEFINITION] = { .name = "definition", .text = BD_TEXT_YES,
			   .slots = SLOTS(ANY(E(DEF_EMPH), E(DEF_STRONG))) },
	[E_DEF_EMPH] = { .name = "emph", .text = BD_TEXT_YES, .slots = SLOTS(ANY(E(DEF_EMPH), E(DEF_STRONG))) },
	[E_DEF_STRONG] = { .name = "strong", .text = BD_TEXT_YES,
			   .slots = SLOTS(ANY(E(DEF_EMPH), E(DEF_STRONG))) },
	[E_SEE] = { .name = "see", .attrs = ATTRS(REQ("ref")) },

	[E_ED_ROOT] = { .name = "edition", .attrs = ATTRS(REQ("id")),
			.slots = SLOTS(ONE(E(ED_NAME)), ONE(E(ED_LOGO)), ONE(E(ED_WEBSITE)), SOME(E(ED_CONTACT)),
				       OPT(E(ED_ARTICLE))) },
	[E_ED_NAME] = TEXT_ONLY("name"),
	[E_ED_LOGO] = { .name = "logo", .attrs = ATTRS(REQ_TEXT("src")) },
	[E_ED_WEBSITE] = { .name = "website", .attrs = ATTRS(REQ("href")) },
	[E_ED_CONTACT] = CONTACT_DEF,
	[E_ED_ARTICLE] = { .name = "article", .attrs = ATTRS(REQ_TEXT("src")) },
};

/* The first entry of each format in elems, and the end of the last. */
static const int format_start[BD_SCHEMA_COUNT + 1] = {
	[BD_SCHEMA_BOOK] = E_BOOK,
	[BD_SCHEMA_ARTICLE] = E_ARTICLE,
	[BD_SCHEMA_GLOSSARY] = E_GLOSSARY,
	[BD_SCHEMA_EDITION] = E_ED_ROOT,
	[BD_SCHEMA_COUNT] = E_COUNT,
};

/* What to write instead of common HTML and word-processor names. */
static const struct {
	const char *names;   /* space-separated, each between spaces */
	const char *advice;
	bool glossary;       /* the advice holds in the glossary as well */
} suggestions[] = {
	{ " b ", "use <strong> or <emph>", true },
	{ " i em cite u ", "use <emph>", true },
	{ " a ", "use <link href=\"...\"> for a web address or <xref to=\"...\"> for another article", false },
	{ " img image picture svg ", "use <figure id=\"...\" src=\"...\"> with an <alt> inside", false },
	{ " h1 h2 h3 h4 h5 h6 heading header ", "start a <section id=\"...\"> with a <title> instead", false },
	{ " div ", "use <section> or <p>", false },
	{ " span font small big mark ", "write the text without it, or use <emph>", false },
	{ " br ", "start a new <p> instead", false },
	{ " hr ", "start a new <section> instead", false },
	{ " dl dt dd ", "use <ul> with one <li> per item", false },
	{ " blockquote aside note warning tip important ", "use <callout type=\"note\"> (or urgent, tip)", false },
	{ " figcaption ", "use <caption> inside the <figure>", false },
	{ " tfoot colgroup col ", "a <table> holds <caption>, <thead> and <tbody> only", false },
	{ " abstract ", "use <summary>", false },
	{ " chapter ", "each chapter is an article file, listed in book.xml", false },
	{ " url href ", "use <link href=\"...\">", false },
};

/* The walk's state for one document. */
struct walk {
	const char *display;
	struct bd_diag *diag;
	enum bd_schema schema;
	size_t problems;
};

static void report(struct walk *w, const xmlNode *at, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void report(struct walk *w, const xmlNode *at, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	bd_diag_vreport(w->diag, BD_R_STRUCTURE, w->display, bd_xml_line(at), bd_xml_col(at), fmt, ap);
	va_end(ap);
	w->problems++;
}

const struct bd_structure_elem *bd_structure_root(enum bd_schema schema)
{
	return schema < BD_SCHEMA_COUNT ? &elems[format_start[schema]] : NULL;
}

/* "a" or "an" before a name, as it is read out: "an <li>", "a uuid-name". */
static const char *article_for(const char *name)
{
	static const char *const spelt[] = { "li", "ul", "ol", "xref", "href", "h1", "h2", "h3", "h4", "h5", "h6" };

	for (size_t i = 0; i < sizeof(spelt) / sizeof(spelt[0]); i++)
		if (strcmp(name, spelt[i]) == 0)
			return "an";
	return strchr("aeio", name[0]) ? "an" : "a";
}

static bool in_namespace(const xmlNode *node)
{
	return node->ns && node->ns->href && node->ns->href[0];
}

/* The slot of def that takes an element called name, or -1. */
static int slot_of(const struct bd_structure_elem *def, const char *name, const struct bd_structure_elem **match)
{
	for (int s = 0; def->slots && def->slots[s].elems; s++)
		for (int i = 0; def->slots[s].elems[i]; i++)
			if (strcmp(def->slots[s].elems[i]->name, name) == 0) {
				if (match)
					*match = def->slots[s].elems[i];
				return s;
			}
	return -1;
}

/* Whether any format has an element called name. */
static bool known_name(const char *name)
{
	for (int i = 0; i < E_COUNT; i++)
		if (strcmp(elems[i].name, name) == 0)
			return true;
	return false;
}

/* items[0..n) as "a, b or c" (last: " or ", " and "), each in angle
 * brackets when tags is set, after prefix; a new string. */
static char *join_list(const char *prefix, const char *const *items, int n, const char *last, bool tags)
{
	char *out = bd_strdup(prefix), *next, *item;

	for (int i = 0; i < n; i++) {
		item = tags ? bd_asprintf("<%s>", items[i]) : bd_strdup(items[i]);
		next = bd_asprintf("%s%s%s", out, i == 0 ? "" : i + 1 == n ? last : ", ", item);
		free(item);
		free(out);
		out = next;
	}
	return out;
}

/* The names of a slot as "<p>, <ul> or <ol>" (joiner "or") into a new string. */
static char *slot_names(const struct bd_structure_slot *slot, const char *joiner)
{
	const char *names[32];
	int n = 0;

	while (slot->elems[n] && n < 32) {
		names[n] = slot->elems[n]->name;
		n++;
	}
	return join_list("", names, n, joiner, true);
}

/* What def holds, as "holds only text and <emph>" or "must be empty"; a new string. */
static char *holds(const struct bd_structure_elem *def)
{
	const char *names[32];
	int n = 0;

	for (int s = 0; def->slots && def->slots[s].elems; s++)
		for (int i = 0; def->slots[s].elems[i] && n < 32; i++) {
			bool seen = false;
			for (int j = 0; j < n; j++)
				seen = seen || strcmp(names[j], def->slots[s].elems[i]->name) == 0;
			if (!seen)
				names[n++] = def->slots[s].elems[i]->name;
		}
	if (n == 0)
		return bd_strdup(def->text == BD_TEXT_NO ? "must be empty" : "holds only text");
	return join_list(def->text == BD_TEXT_NO ? (n == 1 ? "holds only " : "holds ")
						 : n == 1 ? "holds only text and " : "holds text, ",
			 names, n, " and ", true);
}

/* A name def holds that name is probably a misspelling of, or NULL.  The
 * source format's names are lower case, so "<Creator>" is <creator>. */
static const char *closest(const struct bd_structure_elem *def, const char *name)
{
	const char *names[32];
	char *lower = bd_strdup(name);
	int n = 0;
	long i;

	for (char *c = lower; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	for (int s = 0; def->slots && def->slots[s].elems; s++)
		for (int k = 0; def->slots[s].elems[k] && n < 32; k++)
			names[n++] = def->slots[s].elems[k]->name;
	for (i = 0; i < n && strcmp(names[i], lower) != 0; i++)
		;
	if (i == n)
		i = bd_closest(lower, names, (size_t)n);
	free(lower);
	return i >= 0 ? names[i] : NULL;
}

/* A child that this parent cannot hold: unknown anywhere, or known but not here. */
static void report_stray(struct walk *w, const xmlNode *child, const xmlNode *parent,
			 const struct bd_structure_elem *def)
{
	const char *name = (const char *)child->name;
	char *what = holds(def);

	if (in_namespace(child)) {
		report(w, child, "'<%s>' is in the namespace '%s'; the source format uses no namespaces", name,
		       (const char *)child->ns->href);
	} else if (!known_name(name)) {
		char key[64];
		const char *advice = NULL;

		snprintf(key, sizeof(key), " %s ", name);
		for (size_t i = 0; i < sizeof(suggestions) / sizeof(suggestions[0]) && !advice; i++)
			if (strstr(suggestions[i].names, key) &&
			    (w->schema == BD_SCHEMA_ARTICLE || (w->schema == BD_SCHEMA_GLOSSARY && suggestions[i].glossary)))
				advice = suggestions[i].advice;
		if (advice)
			report(w, child, "'<%s>' is not part of the source format; %s", name, advice);
		else if (closest(def, name))
			report(w, child, "'<%s>' is not part of the source format; did you mean <%s>?", name,
			       closest(def, name));
		else
			report(w, child, "'<%s>' is not part of the source format; <%s> %s", name,
			       (const char *)parent->name, what);
	} else if (def == &elems[E_SECTION3] && strcmp(name, "section") == 0) {
		report(w, child, "sections nest at most 3 levels deep; this <section> is a fourth level");
	} else {
		report(w, child, "<%s> is not allowed in <%s>, which %s", name, (const char *)parent->name, what);
	}
	free(what);
}

static bool blank(const xmlChar *s)
{
	for (; s && *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return false;
	return true;
}

static bool is_text(const xmlNode *n)
{
	return n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE;
}

/* Text where def allows none: one message, at the element. */
static void check_stray_text(struct walk *w, const xmlNode *node, const struct bd_structure_elem *def)
{
	const xmlNode *k;
	const struct bd_structure_elem *into = NULL;

	for (k = node->children; k; k = k->next)
		if (is_text(k) && !blank(k->content))
			break;
	if (!k)
		return;
	if (!def->slots) {
		report(w, node, "text is not allowed in <%s>, which must be empty (<%s .../>)", def->name, def->name);
		return;
	}
	/* Where the text probably belongs: a paragraph, or the one kind of
	 * child that holds text (<li> in a list). */
	if (slot_of(def, "p", &into) < 0) {
		into = NULL;
		if (!def->slots[1].elems && def->slots[0].elems[0]->text != BD_TEXT_NO)
			into = def->slots[0].elems[0];
	}
	if (into)
		report(w, node, "text is not allowed directly in <%s>; put it in %s <%s>", def->name,
		       article_for(into->name), into->name);
	else
		report(w, node, "text is not allowed directly in <%s>, which holds only elements", def->name);
}

static const struct bd_structure_attr *attr_def(const struct bd_structure_elem *def, const char *name)
{
	for (const struct bd_structure_attr *a = def->attrs; a && a->name; a++)
		if (strcmp(a->name, name) == 0)
			return a;
	return NULL;
}

/* A new string: "a, b or c". */
static char *value_list(const char *const *values)
{
	int n = 0;

	while (values[n])
		n++;
	return join_list("", values, n, " or ", false);
}

static char *attr_value(const xmlNode *node, const char *name)
{
	xmlChar *v = xmlGetNoNsProp(node, BAD_CAST name);
	char *copy = v ? bd_strdup((const char *)v) : NULL;

	xmlFree(v);
	return copy;
}

static void check_attrs(struct walk *w, const xmlNode *node, const struct bd_structure_elem *def)
{
	const char *one_of[4];
	int n_one_of = 0, present_one_of = 0;

	for (const xmlAttr *a = node->properties; a; a = a->next) {
		const char *name = (const char *)a->name;
		const struct bd_structure_attr *ad = a->ns ? NULL : attr_def(def, name);
		char *value = NULL, *names = NULL;

		if (!ad) {
			char *qname = a->ns && a->ns->prefix ? bd_asprintf("%s:%s", (const char *)a->ns->prefix, name)
							  : bd_strdup(name);
			if (slot_of(def, name, NULL) >= 0)
				report(w, node, "<%s> has no attribute '%s'; write <%s> as a child element", def->name,
				       qname, name);
			else if (!def->attrs)
				report(w, node, "<%s> has no attribute '%s'; it takes no attributes", def->name, qname);
			else {
				const char *list[8];
				int n = 0;
				for (const struct bd_structure_attr *x = def->attrs; x->name && n < 7; x++)
					list[n++] = x->name;
				list[n] = NULL;
				names = value_list(list);
				report(w, node, "<%s> has no attribute '%s'; it takes %s", def->name, qname, names);
			}
			free(qname);
			free(names);
			continue;
		}
		value = attr_value(node, name);
		if (!value)
			continue;
		if (ad->nonempty && !value[0]) {
			report(w, node, "the %s attribute of <%s> must not be empty", name, def->name);
		} else if (ad->values) {
			char *tok = bd_text_collapse(value);
			bool ok = false;

			for (int i = 0; ad->values[i]; i++)
				ok = ok || strcmp(ad->values[i], tok) == 0;
			if (!ok) {
				names = value_list(ad->values);
				report(w, node, "%s=\"%s\" is not allowed on <%s>; use %s", name, value, def->name, names);
			}
			free(tok);
		}
		free(names);
		free(value);
	}

	for (const struct bd_structure_attr *ad = def->attrs; ad && ad->name; ad++) {
		bool present = xmlHasNsProp(node, BAD_CAST ad->name, NULL) != NULL;

		switch (ad->use) {
		case BD_ATTR_REQUIRED:
			if (!present)
				report(w, node, "<%s> needs %s %s attribute", def->name,
				       article_for(ad->name), ad->name);
			break;
		case BD_ATTR_OPTIONAL:
			break;
		case BD_ATTR_ONE_OF:
			if (n_one_of < 4)
				one_of[n_one_of++] = ad->name;
			present_one_of += present;
			break;
		case BD_ATTR_WHEN: {
			char *v = attr_value(node, ad->when_attr);
			char *tok = v ? bd_text_collapse(v) : NULL;
			bool wanted = tok && strcmp(tok, ad->when_value) == 0;

			/* A missing or wrong condition has its own message. */
			if (!present && wanted)
				report(w, node, "<%s %s=\"%s\"> needs %s %s attribute", def->name, ad->when_attr,
				       ad->when_value, article_for(ad->name), ad->name);
			else if (present && tok && !wanted) {
				/* Only when the condition's value is a valid one. */
				const char *const *x = attr_def(def, ad->when_attr)->values;
				bool valid = !x;
				for (; x && *x; x++)
					valid = valid || strcmp(*x, tok) == 0;
				if (valid)
					report(w, node, "<%s> takes %s only with %s=\"%s\"", def->name, ad->name,
					       ad->when_attr, ad->when_value);
			}
			free(tok);
			free(v);
			break;
		}
		}
	}
	if (n_one_of == 2 && present_one_of == 0)
		report(w, node, "<%s> needs %s %s or %s %s attribute", def->name, article_for(one_of[0]), one_of[0],
		       article_for(one_of[1]), one_of[1]);
	else if (n_one_of == 2 && present_one_of > 1)
		report(w, node, "<%s> takes either %s or %s, not both", def->name, one_of[0], one_of[1]);
}

static void check_element(struct walk *w, const xmlNode *node, const struct bd_structure_elem *def);

/* A missing child of slot s: said at the child before the place where it
 * goes, or else the one after it, or else the parent. */
static void report_missing(struct walk *w, const xmlNode *node, const struct bd_structure_elem *def, int s,
			   const xmlNode *before, const xmlNode *after)
{
	const struct bd_structure_slot *slot = &def->slots[s];
	char *names = slot_names(slot, " or ");
	const char *what = slot->occurs == BD_OCCURS_SOME ? "at least one" : article_for(slot->elems[0]->name);

	if (before)
		report(w, before, "<%s> needs %s %s after its <%s>", def->name, what, names, (const char *)before->name);
	else if (after)
		report(w, after, "<%s> needs %s %s before its <%s>", def->name, what, names, (const char *)after->name);
	else
		report(w, node, "<%s> needs %s %s", def->name, what, names);
	free(names);
}

/* The slot of def that holds element k, or -1 when k cannot stand here. */
static int slot_here(const struct bd_structure_elem *def, const xmlNode *k, const struct bd_structure_elem **match)
{
	return in_namespace(k) ? -1 : slot_of(def, (const char *)k->name, match);
}

/* Element-only content: every child in a slot, slots in order, each filled
 * as often as it must be.  Children that cannot stand here are reported
 * once and left out of the rest. */
static void check_children(struct walk *w, const xmlNode *node, const struct bd_structure_elem *def)
{
	int nslots = 0;
	int *count = NULL;
	int cur = -1;
	const xmlNode *k;

	while (def->slots && def->slots[nslots].elems)
		nslots++;
	for (k = node->children; k; k = k->next)
		if (k->type == XML_ELEMENT_NODE && slot_here(def, k, NULL) < 0)
			report_stray(w, k, node, def);
	if (nslots == 0)
		goto children;

	/* Order first: a child that comes too late is one mistake, not a
	 * missing child plus an extra one. */
	for (k = node->children; k; k = k->next) {
		int s;

		if (k->type != XML_ELEMENT_NODE || (s = slot_here(def, k, NULL)) < 0)
			continue;
		if (s < cur) {
			const xmlNode *first = node->children;
			const struct bd_structure_slot *later;

			while (first->type != XML_ELEMENT_NODE || slot_here(def, first, NULL) <= s)
				first = first->next;
			later = &def->slots[slot_here(def, first, NULL)];
			report(w, k, "<%s> must come before %s<%s> in <%s>", (const char *)k->name,
			       later->occurs == BD_OCCURS_ANY || later->occurs == BD_OCCURS_SOME ? "the first " : "",
			       (const char *)first->name, def->name);
			goto children;
		}
		cur = s;
	}

	count = bd_calloc((size_t)nslots, sizeof(*count));
	for (k = node->children; k; k = k->next) {
		int s;

		if (k->type != XML_ELEMENT_NODE || (s = slot_here(def, k, NULL)) < 0)
			continue;
		if (++count[s] == 2 &&
		    (def->slots[s].occurs == BD_OCCURS_ONE || def->slots[s].occurs == BD_OCCURS_OPTIONAL))
			report(w, k, "<%s> has a second <%s>; it takes only one", def->name, (const char *)k->name);
	}
	for (int s = 0; s < nslots; s++) {
		const xmlNode *before = NULL, *after = NULL;
		bool stray_here = false;

		if (count[s] > 0 || def->slots[s].occurs == BD_OCCURS_OPTIONAL || def->slots[s].occurs == BD_OCCURS_ANY)
			continue;
		/* <figure alt="..."> was already told to make alt a child. */
		if (xmlHasNsProp(node, BAD_CAST def->slots[s].elems[0]->name, NULL))
			continue;
		/* The last child before slot s and the first after it, and
		 * whether a stray element stands between them. */
		for (k = node->children; k && !after; k = k->next) {
			int ks;

			if (k->type != XML_ELEMENT_NODE)
				continue;
			ks = slot_here(def, k, NULL);
			if (ks < 0)
				stray_here = true;
			else if (ks < s)
				before = k, stray_here = false;
			else
				after = k;
		}
		/* <h1> where the <title> goes: the <h1> was the message. */
		if (!stray_here)
			report_missing(w, node, def, s, before, after);
	}

children:
	free(count);
	for (k = node->children; k; k = k->next) {
		const struct bd_structure_elem *match = NULL;

		if (k->type == XML_ELEMENT_NODE && slot_here(def, k, &match) >= 0)
			check_element(w, k, match);
	}
}

static void check_element(struct walk *w, const xmlNode *node, const struct bd_structure_elem *def)
{
	check_attrs(w, node, def);
	if (def->text == BD_TEXT_NO) {
		check_stray_text(w, node, def);
		check_children(w, node, def);
		return;
	}
	/* Text, and the inline elements of the one slot in any order. */
	for (const xmlNode *k = node->children; k; k = k->next) {
		const struct bd_structure_elem *match = NULL;

		if (k->type != XML_ELEMENT_NODE)
			continue;
		if (in_namespace(k) || slot_of(def, (const char *)k->name, &match) < 0)
			report_stray(w, k, node, def);
		else
			check_element(w, k, match);
	}
	if (def->text == BD_TEXT_NONEMPTY && !bd_xml_first_element(node)) {
		const xmlNode *k = node->children;

		while (k && !(is_text(k) && k->content && k->content[0]))
			k = k->next;
		if (!k)
			report(w, node, "<%s> is empty; write its text", def->name);
	}
}

size_t bd_structure_check(const xmlDoc *doc, enum bd_schema schema, const char *display, struct bd_diag *diag)
{
	struct walk w = { .display = display, .diag = diag, .schema = schema };
	const struct bd_structure_elem *root = bd_structure_root(schema);
	const xmlNode *el = doc ? xmlDocGetRootElement((xmlDocPtr)doc) : NULL;

	if (!root || !el)
		return 0;
	if (in_namespace(el))
		report(&w, el, "<%s> is in the namespace '%s'; the source format uses no namespaces (remove xmlns)",
		       (const char *)el->name, (const char *)el->ns->href);
	else if (strcmp((const char *)el->name, root->name) != 0)
		report(&w, el, "the root element must be <%s>, not <%s>", root->name, (const char *)el->name);
	else
		check_element(&w, el, root);
	return w.problems;
}

/* Quotes a word processor puts in for '"' and '\'': U+201C, U+201D, U+2018,
 * U+2019, U+201E, U+00AB and U+00BB. */
static bool curly_quote(const xmlChar *p, const xmlChar *end)
{
	if (end - p >= 3 && p[0] == 0xE2 && p[1] == 0x80 &&
	    (p[2] == 0x9C || p[2] == 0x9D || p[2] == 0x98 || p[2] == 0x99 || p[2] == 0x9E))
		return true;
	return end - p >= 2 && p[0] == 0xC2 && (p[1] == 0xAB || p[1] == 0xBB);
}

char *bd_structure_syntax_message(const xmlError *err)
{
	const xmlParserCtxt *ctxt = err->domain == XML_FROM_PARSER ? err->ctxt : NULL;
	const xmlChar *cur = ctxt && ctxt->input ? ctxt->input->cur : NULL;
	const xmlChar *base = ctxt && ctxt->input ? ctxt->input->base : NULL;
	const xmlChar *end = ctxt && ctxt->input ? ctxt->input->end : NULL;

	switch (err->code) {
	case XML_ERR_ATTRIBUTE_NOT_STARTED:
		if (cur && curly_quote(cur, end))
			return bd_strdup("an attribute value must be in straight quotes (\"...\"), not curly quotes");
		return bd_strdup("an attribute value must be in quotes: name=\"value\"");
	case XML_ERR_NAME_REQUIRED:
		/* The parser stands just past the character it could not go on from. */
		if (cur && cur > base && cur[-1] == '&')
			return bd_strdup("a bare '&'; write '&amp;'");
		if (cur && cur > base && cur[-1] == '<')
			return bd_strdup("a bare '<'; write '&lt;'");
		return NULL;
	case XML_ERR_ENTITYREF_SEMICOL_MISSING:
		return bd_strdup("a bare '&'; write '&amp;' (or end the entity reference with ';')");
	case XML_ERR_UNDECLARED_ENTITY: {
		const htmlEntityDesc *html = err->str1 ? htmlEntityLookup(BAD_CAST err->str1) : NULL;

		if (html)
			return bd_asprintf("'&%s;' is an HTML entity, not XML; write the character itself or '&#%u;'",
					   err->str1, html->value);
		return bd_asprintf("'&%s;' is not defined; XML knows only &amp; &lt; &gt; &quot; and &apos;",
				   err->str1 ? err->str1 : "?");
	}
	case XML_ERR_TAG_NAME_MISMATCH:
		if (err->str1 && err->str2)
			return bd_asprintf("<%s> (line %d) is not closed before </%s>; add </%s>", err->str1, err->int1,
					   err->str2, err->str1);
		return NULL;
	case XML_ERR_TAG_NOT_FINISHED:
		if (err->str1)
			return bd_asprintf("<%s> (line %d) is never closed; add </%s>", err->str1, err->int1, err->str1);
		return NULL;
	case XML_ERR_ATTRIBUTE_WITHOUT_VALUE:
		return bd_asprintf("the attribute %s needs a value: %s=\"...\"", err->str1 ? err->str1 : "",
				   err->str1 ? err->str1 : "name");
	case XML_ERR_ATTRIBUTE_REDEFINED:
		return bd_asprintf("the attribute %s is given twice; keep one", err->str1 ? err->str1 : "");
	case XML_ERR_DOCUMENT_END:
		return bd_strdup("there is more after the root element ends; a file holds one root element");
	case XML_ERR_INVALID_CHAR:
		if (err->message && strncmp(err->message, "Input is not proper UTF-8", 25) == 0)
			return cur && cur < end ? bd_asprintf("the byte 0x%02X is not UTF-8; save the file as UTF-8", *cur)
						: bd_strdup("the file is not UTF-8; save it as UTF-8");
		return NULL;
	default:
		return NULL;
	}
}
