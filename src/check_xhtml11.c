/* check_xhtml11.c - EPUB 2 content documents against XHTML 1.1's content
 * model (OPS 2.0.1 section 2.2, the XHTML 1.1 modules it takes).
 *
 * A table compiled from XHTML 1.1's module definitions (the abstract
 * modules of Modularization of XHTML, as XHTML 1.1 assembles them): for
 * each element what it may contain, whether it is a block or an inline,
 * and which attributes it takes.  Elements of other namespaces (SVG, OPS
 * islands) are let through where content may go and not looked into, and
 * attributes of other namespaces are not judged: only what XHTML 1.1
 * itself forbids is reported.  One message per element for its content,
 * one per attribute. */
#include "check_internal.h"

#include "alloc.h"
#include "xml.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

enum cm {
	CM_EMPTY, CM_TEXT, CM_INLINE, CM_FLOW, CM_BLOCK, CM_LI, CM_DL, CM_HTML, CM_HEAD, CM_TABLE,
	CM_ROWS, CM_ROW, CM_COLGROUP, CM_OBJECT, CM_MAP, CM_PRE, CM_A, CM_ANY,
};

enum { K_BLOCK = 1, K_INLINE = 2 };
/* Attribute collections of Modularization of XHTML. */
enum { A_CORE = 1, A_I18N = 2, A_EVENTS = 4, A_COMMON = 7 };

struct xelem {
	const char *name;
	unsigned char cm, kind, attrs;
	const char *more;     /* further attributes, space separated */
	const char *required; /* required attributes, space separated */
};

#define CELLALIGN "align char charoff valign"

/* Sorted by name (bsearch). */
static const struct xelem elems[] = {
	{ "a", CM_A, K_INLINE, A_COMMON, "accesskey charset href hreflang rel rev tabindex type shape coords target", NULL },
	{ "abbr", CM_INLINE, K_INLINE, A_COMMON, NULL, NULL },
	{ "acronym", CM_INLINE, K_INLINE, A_COMMON, NULL, NULL },
	{ "address", CM_INLINE, K_BLOCK, A_COMMON, NULL, NULL },
	{ "area", CM_EMPTY, 0, A_COMMON, "accesskey tabindex shape coords href nohref alt target", "alt" },
	{ "b", CM_INLINE, K_INLINE, A_COMMON, NULL, NULL },
	{ "base", CM_EMPTY, 0, 0, "id href", "href" },
	{ "bdo", CM_INLINE, K_INLINE, A_CORE | A_EVENTS, "lang dir", "dir" },
	{ "big", CM_INLINE, K_INLINE, A_COMMON, NULL, NULL },
	{ "blockquote", CM_BLOCK, K_BLOCK, A_COMMON, "cite", NULL },
	{ "body", CM_BLOCK, 0, A_COMMON, "onload onunload", NULL },
	{ "br", CM_EMPTY, K_INLINE, A_CORE, NULL, NULL },
	{ "caption", CM_INLINE, 0, A_COMMON, NULL, NULL },
	{ "cite", CM_INLINE, K_INLINE, A_COMMON, NULL, NULL },
	{ "code", CM_INLINE, K_INLINE, A_COMMON, NULL, NULL },
	{ "col", CM_EMPTY, 0, A_COMMON, "span width " CELLALIGN, NULL },
	{ "colgroup", CM_COLGROUP, 0, A_COMMON, "span width " CELLALIGN, NULL },
	{ "dd", CM_FLOW, 0, A_COMMON, NULL, NULL },
	{ "del", CM_FLOW, K_BLOCK | K_INLINE, A_COMMON, "cite datetime", NULL },
	{ "dfn", CM_INLINE, K_INLINE, A_COMMON, NULL, NULL },
	{ "div", CM_FLOW, K_BLOCK, A_COMMON, NULL, NULL },
	{ "dl", CM_DL, K_BLOCK, A_COMMON, NULL, NULL },
	{ "dt", CM_INLINE, 0, A_COMMON, NULL, NULL },
	{ "em", CM_INLINE, K_INLINE, A_COMMON, NULL, NULL },
	{ "h1", CM_INLINE, K_BLOCK, A_COMMON, NULL, NULL },
	{ "h2", CM_INLINE, K_BLOCK, A_COMMON, NULL, NULL },
	{ "h3", CM_INLINE, K_BLOCK, A_COMMON, NULL, NULL },
	{ "h4", CM_INLINE, K_BLOCK, A_COMMON, NULL, NULL },
	{ "h5", CM_INLINE, K_BLOCK, A_COMMON, NULL, NULL },
	{ "h6", CM_INLINE, K_BLOCK, A_COMMON, NULL, NULL },
	{ "head", CM_HEAD, 0, A_I18N, "id profile", NULL },
	{ "hr", CM_EMPTY, K_BLOCK, A_COMMON, NULL, NULL },
	{ "html", CM_HTML, 0, A_I18N, "id version", NULL },
	{ "i", CM_INLINE, K_INLINE, A_COMMON, NULL, NULL },
	{ "img", CM_EMPTY, K_INLINE, A_COMMON, "src alt longdesc height width usemap ismap", "src" },
	{ "ins", CM_FLOW, K_BLOCK | K_INLINE, A_COMMON, "cite datetime", NULL },
	{ "kbd", CM_INLINE, K_INLINE, A_COMMON, NULL, NULL },
	{ "li", CM_FLOW, 0, A_COMMON, NULL, NULL },
	{ "link", CM_EMPTY, 0, A_COMMON, "charset href hreflang type rel rev media", NULL },
	{ "map", CM_MAP, K_INLINE, A_I18N | A_EVENTS, "id class title name", "id" },
	{ "meta", CM_EMPTY, 0, A_I18N, "id http-equiv name content scheme", "content" },
	{ "noscript", CM_BLOCK, K_BLOCK | K_INLINE, A_COMMON, NULL, NULL },
	{ "object", CM_OBJECT, K_INLINE, A_COMMON,
	  "declare classid codebase data type codetype archive standby height width usemap name tabindex", NULL },
	{ "ol", CM_LI, K_BLOCK, A_COMMON, NULL, NULL },
	{ "p", CM_INLINE, K_BLOCK, A_COMMON, NULL, NULL },
	{ "param", CM_EMPTY, 0, 0, "id name value valuetype type", "name" },
	{ "pre", CM_PRE, K_BLOCK, A_COMMON, NULL, NULL },
	{ "q", CM_INLINE, K_INLINE, A_COMMON, "cite", NULL },
	{ "rb", CM_ANY, 0, A_COMMON, NULL, NULL },
	{ "rbc", CM_ANY, 0, A_COMMON, NULL, NULL },
	{ "rp", CM_ANY, 0, A_COMMON, NULL, NULL },
	{ "rt", CM_ANY, 0, A_COMMON, "rbspan", NULL },
	{ "rtc", CM_ANY, 0, A_COMMON, NULL, NULL },
	{ "ruby", CM_ANY, K_INLINE, A_COMMON, NULL, NULL },
	{ "samp", CM_INLINE, K_INLINE, A_COMMON, NULL, NULL },
	{ "script", CM_TEXT, K_BLOCK | K_INLINE, 0, "id charset type src defer", "type" },
	{ "small", CM_INLINE, K_INLINE, A_COMMON, NULL, NULL },
	{ "span", CM_INLINE, K_INLINE, A_COMMON, NULL, NULL },
	{ "strong", CM_INLINE, K_INLINE, A_COMMON, NULL, NULL },
	{ "style", CM_TEXT, 0, A_I18N, "id type media title", "type" },
	{ "sub", CM_INLINE, K_INLINE, A_COMMON, NULL, NULL },
	{ "sup", CM_INLINE, K_INLINE, A_COMMON, NULL, NULL },
	{ "table", CM_TABLE, K_BLOCK, A_COMMON, "summary width border frame rules cellspacing cellpadding", NULL },
	{ "tbody", CM_ROWS, 0, A_COMMON, CELLALIGN, NULL },
	{ "td", CM_FLOW, 0, A_COMMON, "abbr axis headers scope rowspan colspan " CELLALIGN, NULL },
	{ "tfoot", CM_ROWS, 0, A_COMMON, CELLALIGN, NULL },
	{ "th", CM_FLOW, 0, A_COMMON, "abbr axis headers scope rowspan colspan " CELLALIGN, NULL },
	{ "thead", CM_ROWS, 0, A_COMMON, CELLALIGN, NULL },
	{ "title", CM_TEXT, 0, A_I18N, "id", NULL },
	{ "tr", CM_ROW, 0, A_COMMON, CELLALIGN, NULL },
	{ "tt", CM_INLINE, K_INLINE, A_COMMON, NULL, NULL },
	{ "ul", CM_LI, K_BLOCK, A_COMMON, NULL, NULL },
	{ "var", CM_INLINE, K_INLINE, A_COMMON, NULL, NULL },
};

static const char core_attrs[] = "id class title style";
/* XHTML 1.1 has only xml:lang; lang is let through as EPUBCheck's OPS schema does. */
static const char i18n_attrs[] = "lang dir";
static const char event_attrs[] = "onclick ondblclick onmousedown onmouseup onmouseover onmousemove onmouseout "
				  "onkeypress onkeydown onkeyup";

static int by_name(const void *key, const void *el)
{
	return strcmp(key, ((const struct xelem *)el)->name);
}

static const struct xelem *find(const char *name)
{
	return bsearch(name, elems, sizeof(elems) / sizeof(*elems), sizeof(*elems), by_name);
}

struct xstate {
	struct bd_check *ck;
	const struct bd_check_item *it;
};

static void report(struct xstate *st, const xmlNode *n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void report(struct xstate *st, const xmlNode *n, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	bd_diag_vreport(st->ck->diag, BD_R_XHTML11_CONTENT, st->it->display, bd_xml_line(n), bd_xml_col(n), fmt, ap);
	va_end(ap);
}

static bool attr_allowed(const struct xelem *e, const char *name)
{
	return ((e->attrs & A_CORE) && bd_check_has_word(core_attrs, name)) ||
	       ((e->attrs & A_I18N) && bd_check_has_word(i18n_attrs, name)) ||
	       ((e->attrs & A_EVENTS) && bd_check_has_word(event_attrs, name)) ||
	       (e->more && bd_check_has_word(e->more, name));
}

static void check_attrs(struct xstate *st, const xmlNode *n, const struct xelem *e)
{
	for (const xmlAttr *a = n->properties; a; a = a->next) {
		const char *name = (const char *)a->name;

		/* xml:lang, xml:space, and other namespaces' attributes pass. */
		if (a->ns)
			continue;
		if (!attr_allowed(e, name))
			report(st, n, "the attribute '%s' is not allowed on '%s' in XHTML 1.1 (EPUB 2); remove it", name,
			       e->name);
	}
	if (e->required) {
		for (const char *p = e->required; *p;) {
			size_t len = strcspn(p, " ");
			char name[16];

			if (len < sizeof(name)) {
				memcpy(name, p, len);
				name[len] = '\0';
				if (!xmlHasProp(n, (const xmlChar *)name))
					report(st, n, "'%s' needs the attribute '%s' in XHTML 1.1 (EPUB 2)", e->name, name);
			}
			p += len;
			p += *p == ' ';
		}
	}
}

static bool blank(const xmlNode *t)
{
	for (const xmlChar *c = t->content; c && *c; c++)
		if (*c != ' ' && *c != '\t' && *c != '\n' && *c != '\r')
			return false;
	return true;
}

static bool is_xhtml(const xmlNode *n)
{
	return n->ns && n->ns->href && strcmp((const char *)n->ns->href, BD_NS_XHTML) == 0;
}

/* Whether child c (an XHTML element of table entry ce) may sit in parent
 * element p of content model cm. */
static bool child_ok(const struct xelem *pe, const char *cname, const struct xelem *ce)
{
	switch (pe->cm) {
	case CM_ANY:
		return true;
	case CM_EMPTY:
	case CM_TEXT:
		return false;
	case CM_INLINE:
		return ce->kind & K_INLINE;
	case CM_A:
		return (ce->kind & K_INLINE) && strcmp(cname, "a") != 0;
	case CM_PRE:
		return (ce->kind & K_INLINE) && !bd_check_has_word("img object big small sub sup", cname);
	case CM_FLOW:
		return ce->kind & (K_INLINE | K_BLOCK);
	case CM_OBJECT:
		return (ce->kind & (K_INLINE | K_BLOCK)) || strcmp(cname, "param") == 0;
	case CM_BLOCK:
		return ce->kind & K_BLOCK;
	case CM_MAP:
		return (ce->kind & K_BLOCK) || strcmp(cname, "area") == 0;
	case CM_LI:
		return strcmp(cname, "li") == 0;
	case CM_DL:
		return strcmp(cname, "dt") == 0 || strcmp(cname, "dd") == 0;
	case CM_HTML:
		return strcmp(cname, "head") == 0 || strcmp(cname, "body") == 0;
	case CM_HEAD:
		return bd_check_has_word("title base meta link style script object", cname);
	case CM_TABLE:
		return bd_check_has_word("caption col colgroup thead tfoot tbody tr", cname);
	case CM_ROWS:
		return strcmp(cname, "tr") == 0;
	case CM_ROW:
		return strcmp(cname, "th") == 0 || strcmp(cname, "td") == 0;
	case CM_COLGROUP:
		return strcmp(cname, "col") == 0;
	}
	return true;
}

static const char *what_fits(unsigned char cm)
{
	switch (cm) {
	case CM_EMPTY:
		return "nothing";
	case CM_TEXT:
		return "text only";
	case CM_INLINE:
	case CM_A:
	case CM_PRE:
		return "text and inline elements";
	case CM_BLOCK:
		return "block elements (p, div, h1...)";
	case CM_MAP:
		return "block elements and area";
	case CM_LI:
		return "li";
	case CM_DL:
		return "dt and dd";
	case CM_HTML:
		return "head and body";
	case CM_HEAD:
		return "title, base, meta, link, style, script and object";
	case CM_TABLE:
		return "caption, col, colgroup, thead, tfoot, tbody and tr";
	case CM_ROWS:
		return "tr";
	case CM_ROW:
		return "th and td";
	case CM_COLGROUP:
		return "col";
	default:
		return "text, block and inline elements";
	}
}

/* The children of element n (table entry e): their kinds, text, and what
 * must be there. */
static void check_children(struct xstate *st, const xmlNode *n, const struct xelem *e)
{
	size_t elements = 0, titles = 0, rows = 0;
	bool text_ok = e->cm == CM_INLINE || e->cm == CM_A || e->cm == CM_PRE || e->cm == CM_FLOW ||
		       e->cm == CM_OBJECT || e->cm == CM_TEXT || e->cm == CM_ANY;

	for (const xmlNode *c = n->children; c; c = c->next) {
		if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && !text_ok && !blank(c)) {
			report(st, n, "text directly in '%s' is not allowed in XHTML 1.1 (EPUB 2): '%s' holds %s",
			       e->name, e->name, what_fits(e->cm));
			return;
		}
		if (c->type == XML_ENTITY_REF_NODE && !text_ok) {
			report(st, n, "text directly in '%s' is not allowed in XHTML 1.1 (EPUB 2): '%s' holds %s",
			       e->name, e->name, what_fits(e->cm));
			return;
		}
		if (c->type != XML_ELEMENT_NODE)
			continue;
		elements++;
		if (!is_xhtml(c)) {
			/* SVG and other islands: where content goes, not inside lists or tables. */
			if (e->cm == CM_EMPTY || e->cm == CM_TEXT || e->cm == CM_LI || e->cm == CM_DL ||
			    e->cm == CM_HTML || e->cm == CM_TABLE || e->cm == CM_ROWS || e->cm == CM_ROW ||
			    e->cm == CM_COLGROUP) {
				report(st, c, "'%s' is not allowed in '%s' in XHTML 1.1 (EPUB 2): '%s' holds %s",
				       (const char *)c->name, e->name, e->name, what_fits(e->cm));
				return;
			}
			continue;
		}
		{
			const struct xelem *ce = find((const char *)c->name);

			if (!ce)
				continue; /* reported at the element itself */
			if (!child_ok(e, ce->name, ce)) {
				report(st, c, "'%s' is not allowed in '%s' in XHTML 1.1 (EPUB 2): '%s' holds %s", ce->name,
				       e->name, e->name, what_fits(e->cm));
				return;
			}
			titles += strcmp(ce->name, "title") == 0;
			rows += strcmp(ce->name, "tr") == 0 || strcmp(ce->name, "tbody") == 0;
		}
	}
	switch (e->cm) {
	case CM_BLOCK:
	case CM_LI:
	case CM_DL:
	case CM_ROWS:
	case CM_ROW:
	case CM_MAP:
		if (!elements)
			report(st, n, "'%s' is empty; XHTML 1.1 (EPUB 2) wants at least one of %s in it", e->name,
			       what_fits(e->cm));
		break;
	case CM_HEAD:
		if (titles != 1)
			report(st, n, "'head' must hold exactly one title in XHTML 1.1 (EPUB 2); it holds %zu", titles);
		break;
	case CM_TABLE:
		if (!rows)
			report(st, n, "'table' has no rows; XHTML 1.1 (EPUB 2) wants tr or tbody in it");
		break;
	case CM_HTML:
		if (elements != 2 || !bd_xml_child(n, "head") || !bd_xml_child(n, "body"))
			report(st, n, "'html' must hold head and then body in XHTML 1.1 (EPUB 2)");
		break;
	default:
		break;
	}
}

void bd_check_xhtml11(struct bd_check *ck, const struct bd_check_item *it, xmlNodePtr root)
{
	struct xstate st = { ck, it };
	xmlNodePtr n = root;

	while (n) {
		const struct xelem *e = is_xhtml(n) ? find((const char *)n->name) : NULL;

		if (!is_xhtml(n)) {
			/* Not ours to judge: skip the whole island. */
		} else if (!e) {
			report(&st, n, "'%s' is not an XHTML 1.1 element, and EPUB 2 content documents are XHTML 1.1 "
				       "(use div or span, or make the book EPUB 3)",
			       (const char *)n->name);
		} else {
			check_attrs(&st, n, e);
			check_children(&st, n, e);
		}
		/* Next in document order, not descending into islands. */
		if (is_xhtml(n) && bd_xml_first_element(n)) {
			n = bd_xml_first_element(n);
			continue;
		}
		while (n && n != root && !bd_xml_next_element(n))
			n = n->parent;
		n = n && n != root ? bd_xml_next_element(n) : NULL;
	}
}
