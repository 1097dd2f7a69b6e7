/* article.c - reading one article source into the model.
 *
 * The same walk serves both passes: the first validates the source and
 * indexes what other documents need (headings, anchors, glossary uses,
 * images, cross-references), then drops the tree; the second only builds the
 * tree for the renderer. */
#include "read.h"

#include "alloc.h"
#include "l10n.h"
#include "edition.h"
#include "cssrefs.h"
#include "terms.h"
#include "xml.h"

#include <errno.h>
#include <libxml/xpath.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <utf8proc.h>

struct walk {
	struct bd_book *book;          /* NULL in the second pass */
	const struct bd_article *art;
	struct bd_article *index_art;  /* the article being indexed, first pass only */
	size_t index;
	struct bd_diag *diag;
	struct bd_xref_list *xrefs;
	xmlHashTablePtr ids;           /* id -> line, for duplicate ids */
	xmlHashTablePtr terms_seen;    /* glossary ids already used in this article */
	const struct bd_l10n *l10n;    /* the book's catalogue: a <contact>'s default words */
};

static const struct {
	const char *name;
	enum bd_node_type type;
} element_types[] = {
	{ "title", BD_N_TITLE },     { "summary", BD_N_SUMMARY }, { "section", BD_N_SECTION },
	{ "p", BD_N_P },             { "ul", BD_N_UL },           { "ol", BD_N_OL },
	{ "li", BD_N_LI },           { "figure", BD_N_FIGURE },   { "alt", BD_N_ALT },
	{ "caption", BD_N_CAPTION }, { "description", BD_N_DESCRIPTION },
	{ "table", BD_N_TABLE },     { "thead", BD_N_THEAD },     { "tbody", BD_N_TBODY },
	{ "tr", BD_N_TR },           { "th", BD_N_TH },           { "td", BD_N_TD },
	{ "callout", BD_N_CALLOUT }, { "emph", BD_N_EMPH },       { "strong", BD_N_STRONG },
	{ "term", BD_N_TERM },       { "xref", BD_N_XREF },       { "link", BD_N_LINK },
	{ "contact", BD_N_CONTACT },
};

static bool type_of(const xmlNode *el, enum bd_node_type *type)
{
	for (size_t i = 0; i < sizeof(element_types) / sizeof(element_types[0]); i++) {
		if (bd_xml_is(el, element_types[i].name)) {
			*type = element_types[i].type;
			return true;
		}
	}
	return false;
}

static struct bd_loc loc_of(const struct walk *w, const xmlNode *el)
{
	struct bd_loc loc = { w->art->display, bd_xml_line(el), bd_xml_col(el) };
	return loc;
}

/* ---- Lexical rules (read.h) ----------------------------------------------
 * Plain loops instead of the schemas' old XSD patterns: those cost a regular
 * expression compiled per value, and saw the value only after white space
 * was collapsed. */

static bool is_lower(char c)
{
	return c >= 'a' && c <= 'z';
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* [a-z][a-z0-9-]* over exactly the n bytes at s. */
static bool id_span(const char *s, size_t n)
{
	if (n == 0 || !is_lower(s[0]))
		return false;
	for (size_t i = 1; i < n; i++)
		if (!is_lower(s[i]) && !is_digit(s[i]) && s[i] != '-')
			return false;
	return true;
}

bool bd_lex_id(const char *s)
{
	return id_span(s, strlen(s));
}

bool bd_lex_xref(const char *s)
{
	const char *hash = strchr(s, '#');

	if (!hash)
		return bd_lex_id(s);
	return id_span(s, (size_t)(hash - s)) && bd_lex_id(hash + 1);
}

bool bd_lex_link(const char *s)
{
	static const char *const schemes[] = { "http:", "https:", "mailto:" };
	size_t skip = 0;

	for (size_t i = 0; i < sizeof(schemes) / sizeof(schemes[0]) && !skip; i++)
		if (strncmp(s, schemes[i], strlen(schemes[i])) == 0)
			skip = strlen(schemes[i]);
	/* XML white space: an address never holds it, and a reader cannot see it. */
	return skip && s[skip] && s[strcspn(s, " \t\r\n")] == '\0';
}

bool bd_lex_image_src(const char *s)
{
	const char *dot = strrchr(s, '.');
	size_t seg = 0;   /* length of the current path segment */

	if (!dot || (strcmp(dot, ".svg") != 0 && strcmp(dot, ".png") != 0 && strcmp(dot, ".jpg") != 0 &&
		     strcmp(dot, ".jpeg") != 0))
		return false;
	for (const char *p = s; p < dot; p++) {
		if (*p == '/') {
			if (seg == 0)
				return false;
			seg = 0;
		} else if (is_lower(*p) || (*p >= 'A' && *p <= 'Z') || is_digit(*p) || *p == '_' || *p == '-') {
			seg++;
		} else {
			return false;   /* '.' too, so no ".." */
		}
	}
	return seg > 0;
}

static void lex_error(struct bd_diag *diag, struct bd_loc at, enum bd_rule rule, const char *what,
		      const char *value, const char *must)
{
	char *v = bd_text_shown(value);

	bd_diag_report(diag, rule, at.file, at.line, at.col, "the %s '%s' must %s", what, v, must);
	free(v);
}

bool bd_lex_check_id(struct bd_diag *diag, struct bd_loc at, const char *what, const char *value)
{
	if (!value || bd_lex_id(value))
		return true;
	lex_error(diag, at, BD_R_ID_SYNTAX, what, value,
		  "start with a lowercase letter and use only a-z, 0-9 and '-'");
	return false;
}

bool bd_text_check_visible(struct bd_diag *diag, struct bd_loc at, const char *what, const char *raw,
			   const char *why)
{
	size_t len = raw ? strlen(raw) : 0;
	unsigned hidden;

	if (!bd_text_is_blank(raw ? raw : "", len))
		return true;
	hidden = bd_text_first_invisible(raw ? raw : "", len);
	if (hidden)
		bd_diag_report(diag, BD_R_TEXT_EMPTY, at.file, at.line, at.col,
			       "%s shows nothing: it holds only U+%04X and white space; %s", what, hidden, why);
	else
		bd_diag_report(diag, BD_R_TEXT_EMPTY, at.file, at.line, at.col, "%s is empty; %s", what, why);
	return false;
}

bool bd_text_check_element(struct bd_diag *diag, struct bd_loc at, const char *what, const xmlNode *el,
			   const char *why)
{
	xmlChar *raw = el ? xmlNodeGetContent(el) : NULL;
	bool ok = bd_text_check_visible(diag, at, what, (const char *)raw, why);

	xmlFree(raw);
	return ok;
}

/* What a reader loses when an element that must show text shows none. */
static void check_visible(struct walk *w, enum bd_node_type type, const xmlNode *el, const struct bd_node *node)
{
	const struct bd_node *parent = node->parent;

	switch (type) {
	case BD_N_TITLE:
		if (parent && parent->type == BD_N_CALLOUT)
			bd_text_check_element(w->diag, node->loc, "<title>", el,
					      "write the box's heading, or leave the <title> out");
		else
			bd_text_check_element(w->diag, node->loc, "<title>", el,
					      "readers would see a blank heading and a blank entry in the contents");
		break;
	case BD_N_ALT:
		bd_text_check_element(w->diag, node->loc, "<alt>", el,
				      "describe the picture in a few words for readers who cannot see it");
		break;
	case BD_N_SUMMARY:
		bd_text_check_element(w->diag, node->loc, "<summary>", el,
				      "give the article's main message in a sentence or two");
		break;
	case BD_N_CAPTION:
		bd_text_check_element(w->diag, node->loc, "<caption>", el, "write a caption, or leave it out");
		break;
	default:
		break;
	}
}

/* The number of bytes of href's last character when it is probably the end
 * of the sentence pasted in with the address: a quote (straight or curly),
 * sentence punctuation, or a closing bracket the address never opens
 * ("https://en.wikipedia.org/wiki/Bone_(disambiguation)" keeps its own).  0
 * otherwise. */
static size_t stray_end(const char *href)
{
	static const char pairs[][2] = { { '(', ')' }, { '[', ']' }, { '{', '}' } };
	size_t len = strlen(href), start = len;
	utf8proc_int32_t cp = -1;
	char c;

	if (!len)
		return 0;
	while (start > 0 && ((unsigned char)href[start - 1] & 0xC0) == 0x80)
		start--;
	start -= start > 0;
	if (utf8proc_iterate((const utf8proc_uint8_t *)href + start, (utf8proc_ssize_t)(len - start), &cp) < 0)
		return 0;
	if (cp >= 0x80) {
		utf8proc_category_t cat = utf8proc_category(cp);

		/* Initial and final quotes (‘ ’ “ ” « » ‹ ›), and the ellipsis. */
		return cat == UTF8PROC_CATEGORY_PI || cat == UTF8PROC_CATEGORY_PF || cp == 0x2026 ? len - start : 0;
	}
	c = (char)cp;
	if (strchr("\"'.,;:!?", c))
		return 1;
	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		size_t open = 0, close = 0;

		if (c != pairs[i][1])
			continue;
		for (const char *p = href; *p; p++) {
			open += *p == pairs[i][0];
			close += *p == pairs[i][1];
		}
		return close > open ? 1 : 0;
	}
	return 0;
}

static void check_link_end(struct bd_diag *diag, struct bd_loc at, const char *href)
{
	size_t n = stray_end(href);
	char *v, *end;

	if (!n)
		return;
	v = bd_text_shown(href);
	end = bd_strndup(href + strlen(href) - n, n);
	bd_diag_report(diag, BD_R_LINK_HREF_PUNCTUATION, at.file, at.line, at.col,
			"the link address '%s' ends in '%s', which is probably not part of the address; "
			"remove it from href",
			v, end);
	free(end);
	free(v);
}

/* The spelling of node's id and reference, in either pass (the second
 * sees a source only when it changed since the first).  Returns whether
 * node->ref may be followed: a misspelt one would only add follow-on
 * errors (or, for a figure, open a file outside the book). */
static bool spelled_right(struct walk *w, enum bd_node_type type, const struct bd_node *node)
{
	const char *ref = node->ref;

	bd_lex_check_id(w->diag, node->loc, "id", node->id);
	if (!ref)
		return true;
	switch (type) {
	case BD_N_TERM:
		return bd_lex_check_id(w->diag, node->loc, "term reference", ref);
	case BD_N_XREF:
		if (bd_lex_xref(ref))
			return true;
		lex_error(w->diag, node->loc, BD_R_XREF_SYNTAX, "cross-reference", ref,
			  "be ARTICLE or ARTICLE#ID, each starting with a lowercase letter and using only "
			  "a-z, 0-9 and '-'");
		return false;
	case BD_N_LINK:
		if (bd_lex_link(ref)) {
			/* The first pass warns; the second would repeat it. */
			if (w->index_art)
				check_link_end(w->diag, node->loc, ref);
			return true;
		}
		lex_error(w->diag, node->loc, BD_R_LINK_HREF, "link address", ref,
			  "start with http:, https: or mailto: and contain no white space");
		return false;
	case BD_N_FIGURE:
		if (bd_lex_image_src(ref))
			return true;
		lex_error(w->diag, node->loc, BD_R_IMAGE_SRC, "figure source", ref,
			  "be a path relative to the book folder, of A-Z, a-z, 0-9, '_', '-' and '/', "
			  "ending in .svg, .png, .jpg or .jpeg");
		return false;
	default:
		return true;
	}
}

/* Records an id for the duplicate check and as a cross-reference target. */
static void register_id(struct walk *w, const char *id, struct bd_loc loc)
{
	size_t first_line = (size_t)(uintptr_t)xmlHashLookup(w->ids, BAD_CAST id);
	char *key;

	if (first_line) {
		bd_diag_report(w->diag, BD_R_DUPLICATE_ID, loc.file, loc.line, loc.col,
			      "id '%s' is already used on line %zu", id, first_line);
		return;
	}
	xmlHashAddEntry(w->ids, BAD_CAST id, (void *)(uintptr_t)(loc.line ? loc.line : 1));
	key = bd_asprintf("%s#%s", w->art->id, id);
	xmlHashAddEntry(w->book->anchor_by_key, BAD_CAST key, (void *)(uintptr_t)(w->index + 1));
	free(key);
}

static void add_heading(struct walk *w, const struct bd_node *section, const xmlNode *el)
{
	struct bd_article *a = w->index_art;
	struct bd_heading *h;

	/* An article has few headings; growing by one keeps the struct simple. */
	a->headings = bd_realloc(a->headings, (a->nheadings + 1) * sizeof(*a->headings));
	h = &a->headings[a->nheadings++];
	h->id = bd_strdup(section->id);
	h->title = bd_xml_text(bd_xml_child(el, "title"));
	h->level = section->depth;
	h->loc = section->loc;
}

static void use_term(struct walk *w, struct bd_node *term)
{
	struct bd_gloss_entry *e = bd_book_gloss(w->book, term->ref);

	if (!e) {
		const char *near;

		/* A glossary that is missing or broken has its own error. */
		if (w->book->glossary_unusable)
			return;
		near = bd_book_gloss_nearest(w->book, term->ref);
		if (near)
			bd_diag_report(w->diag, BD_R_GLOSSARY_UNDEFINED, term->loc.file, term->loc.line, term->loc.col,
				       "glossary term '%s' is not defined in %s; did you mean '%s'?", term->ref,
				       w->book->glossary_display, near);
		else
			bd_diag_report(w->diag, BD_R_GLOSSARY_UNDEFINED, term->loc.file, term->loc.line, term->loc.col,
				       "glossary term '%s' is not defined in %s; add an <entry id=\"%s\"> there, or "
				       "correct the ref", term->ref, w->book->glossary_display, term->ref);
		return;
	}
	if (e->nused == 0 || e->used_in[e->nused - 1] != w->index) {
		bd_grow(&e->used_in, &e->capused, e->nused + 1, sizeof(*e->used_in));
		e->used_in[e->nused++] = w->index;
	}
}

/* ---- References in what the book ships (read.h) --------------------------- */

/* One reference at at, seen as what ("this SVG's style attribute").  import:
 * it loads a style sheet.  self_contained: the file is an SVG figure, which
 * may point only inside itself. */
static bool ref_ok(struct bd_diag *diag, struct bd_loc at, const char *what, bool import, const char *url,
		   bool self_contained)
{
	enum bd_cssrefs_where where = bd_cssrefs_where(url);
	char *v = NULL;

	if (where == BD_CSSREFS_FRAGMENT || (!self_contained && where != BD_CSSREFS_REMOTE))
		return true;
	v = bd_text_shown(url);
	if (where == BD_CSSREFS_REMOTE)
		bd_diag_report(diag, BD_R_REMOTE_REFERENCE, at.file, at.line, at.col,
			      "%s %s '%s', outside the book; an ebook must work offline, so remove the reference", what,
			      import ? "imports" : "refers to", v);
	else if (where == BD_CSSREFS_LOCAL)
		bd_diag_report(diag, BD_R_IMAGE_SVG_UNSAFE, at.file, at.line, at.col,
			      "%s %s another file, '%s'; figures must be self-contained pictures", what,
			      import ? "imports" : "refers to", v);
	else
		bd_diag_report(diag, BD_R_IMAGE_SVG_UNSAFE, at.file, at.line, at.col,
			      "%s embeds a data: URL; figures must be self-contained pictures, so draw it in the SVG itself",
			      what);
	free(v);
	return false;
}

struct css_check {
	struct bd_diag *diag;
	struct bd_loc at;
	enum bd_css_place place;
	const char *what;
	bool self_contained, ok;
};

static void css_ref(const struct bd_cssref *ref, void *data)
{
	struct css_check *c = data;
	struct bd_loc at = c->at;

	if (c->place == BD_CSS_FILE) {
		at.line = ref->line;
		at.col = ref->col;
	} else if (c->place == BD_CSS_ELEMENT && ref->line > 1) {
		/* The text starts on the element's line; where on it is unknown. */
		at.line += ref->line - 1;
		at.col = ref->col;
	}
	c->ok = ref_ok(c->diag, at, c->what, ref->import, ref->url, c->self_contained) && c->ok;
}

bool bd_source_check_css(struct bd_diag *diag, struct bd_loc at, enum bd_css_place place, const char *what,
			 const char *css, size_t len, bool self_contained)
{
	struct css_check c = { diag, at, place, what, self_contained, true };

	bd_cssrefs_scan(css, len, css_ref, &c);
	return c.ok;
}

/* Every reference an SVG element and those below it make: href, xlink:href
 * and src, CSS in style and presentation attributes (fill="url(...)"), and
 * <style> elements.  Namespace declarations are not attributes here, and
 * attributes in other namespaces (rdf:resource...) are names, not loads. */
static bool svg_refs_ok(struct bd_diag *diag, const char *display, const xmlNode *el)
{
	struct bd_loc at = { display, bd_xml_line(el), bd_xml_col(el) };
	bool ok = true;

	for (const xmlAttr *a = el->properties; a; a = a->next) {
		const char *name = (const char *)a->name;
		bool link = strcmp(name, "href") == 0 || strcmp(name, "src") == 0;
		xmlChar *v;
		char *what;

		/* Text for people, never CSS. */
		if (!link && (a->ns || strncmp(name, "aria-", 5) == 0 || strcmp(name, "id") == 0))
			continue;
		v = xmlNodeListGetString(a->doc, a->children, 1);
		if (!v)
			continue;
		what = bd_asprintf("this SVG's %s%s%s attribute", a->ns && a->ns->prefix ? (const char *)a->ns->prefix : "",
				   a->ns && a->ns->prefix ? ":" : "", name);
		if (link)
			ok = ref_ok(diag, at, what, false, (const char *)v, true) && ok;
		else
			ok = bd_source_check_css(diag, at, BD_CSS_ATTRIBUTE, what, (const char *)v,
						 strlen((const char *)v), true) && ok;
		free(what);
		xmlFree(v);
	}
	if (bd_xml_is(el, "style")) {
		xmlChar *css = xmlNodeGetContent(el);

		if (css)
			ok = bd_source_check_css(diag, at, BD_CSS_ELEMENT, "this SVG's <style> element", (const char *)css,
						 strlen((const char *)css), true) && ok;
		xmlFree(css);
	}
	for (const xmlNode *c = bd_xml_first_element(el); c; c = bd_xml_next_element(c))
		ok = svg_refs_ok(diag, display, c) && ok;
	return ok;
}

/* An SVG image (a figure, an edition's logo) is XML from outside the project: parse it as safely as a
 * source, and refuse what would make the EPUB scripted or fetch anything. */
bool bd_image_svg_safe(const char *path, const char *display, struct bd_diag *diag)
{
	static const char *const forbidden[][2] = {
		{ "//*[local-name()='script']", "contains a script" },
		{ "//*[local-name()='foreignObject']", "contains foreign HTML content" },
	};
	xmlDocPtr doc = bd_xml_read_file(path, display, BD_XML_SOURCE_MAX, BD_XML_ALLOW_DOCTYPE, diag);
	xmlXPathContextPtr ctx = doc ? xmlXPathNewContext(doc) : NULL;
	bool ok = doc != NULL;

	for (size_t i = 0; ctx && i < sizeof(forbidden) / sizeof(forbidden[0]); i++) {
		xmlXPathObjectPtr found = xmlXPathEvalExpression(BAD_CAST forbidden[i][0], ctx);
		if (found && found->nodesetval && found->nodesetval->nodeNr > 0) {
			xmlNodePtr n = found->nodesetval->nodeTab[0];
			bd_diag_report(diag, BD_R_IMAGE_SVG_UNSAFE, display, bd_xml_line(n), bd_xml_col(n),
				      "this SVG %s; figures must be self-contained pictures", forbidden[i][1]);
			ok = false;
		}
		xmlXPathFreeObject(found);
	}
	if (doc)
		ok = svg_refs_ok(diag, display, xmlDocGetRootElement(doc)) && ok;
	xmlXPathFreeContext(ctx);
	xmlFreeDoc(doc);
	return ok;
}

static bool svg_is_safe(struct walk *w, const struct bd_node *figure, const char *path)
{
	char *display = bd_asprintf("%s/%s", w->book->dir, figure->ref);
	bool ok = bd_image_svg_safe(path, display, w->diag);

	free(display);
	return ok;
}

static void use_image(struct walk *w, const struct bd_node *figure)
{
	struct bd_book *b = w->book;
	const struct bd_image *clash;
	char *path;
	const char *type, *kind;
	enum bd_infile_status status;

	if (xmlHashLookup(b->image_by_src, BAD_CAST figure->ref))
		return;
	path = bd_asprintf("%s/%s", b->dir, figure->ref);
	type = bd_image_media_type(path, &status, &kind);
	if (!type) {
		if (status == BD_INFILE_MISSING)
			bd_diag_report(w->diag, BD_R_IMAGE_MISSING, figure->loc.file, figure->loc.line, figure->loc.col,
				       "image '%s' does not exist", figure->ref);
		else if (status == BD_INFILE_NOT_REGULAR)
			bd_diag_report(w->diag, BD_R_NOT_A_FILE, figure->loc.file, figure->loc.line, figure->loc.col,
				       "image '%s' is %s, not a regular file", figure->ref, kind);
		else if (status == BD_INFILE_ERROR)
			bd_diag_report(w->diag, BD_R_IO, figure->loc.file, figure->loc.line, figure->loc.col,
				       "image '%s' cannot be read: %s", figure->ref, strerror(errno));
		else
			bd_diag_report(w->diag, BD_R_IMAGE_TYPE, figure->loc.file, figure->loc.line, figure->loc.col,
				       "image '%s' is not an SVG, PNG or JPEG file of the type its name says", figure->ref);
		free(path);
		return;
	}
	if (strcmp(type, "image/svg+xml") == 0 && !svg_is_safe(w, figure, path)) {
		free(path);
		return;
	}
	free(path);
	clash = bd_book_add_image(b, figure->ref, type, false);
	if (clash) {
		const char *mine = strrchr(figure->ref, '/'), *theirs = strrchr(clash->src, '/');

		mine = mine ? mine + 1 : figure->ref;
		theirs = theirs ? theirs + 1 : clash->src;
		bd_diag_report(w->diag, BD_R_IMAGE_NAME_CLASH, figure->loc.file, figure->loc.line, figure->loc.col,
			       "image '%s' has the same file name as '%s'%s; rename one of them (images share one "
			       "folder in the EPUB)", figure->ref, clash->src,
			       strcmp(mine, theirs) == 0 ? "" : " once case is ignored");
	}
}

static void build(struct walk *w, const xmlNode *el, struct bd_node *parent, int depth);

static void build_children(struct walk *w, const xmlNode *el, struct bd_node *node, int depth)
{
	for (const xmlNode *c = el->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			struct bd_node *t;
			/* White space between blocks means nothing; inside inline content it does. */
			if (xmlIsBlankNode((xmlNodePtr)c) && node->type != BD_N_P && node->type != BD_N_LI &&
			    node->type != BD_N_SUMMARY && node->type != BD_N_CAPTION && node->type != BD_N_TH &&
			    node->type != BD_N_TD && node->type != BD_N_TITLE && node->type != BD_N_EMPH &&
			    node->type != BD_N_STRONG && node->type != BD_N_TERM && node->type != BD_N_XREF &&
			    node->type != BD_N_LINK)
				continue;
			t = bd_node_add(node, BD_N_TEXT, node->loc);
			t->text = bd_strdup((const char *)c->content);
		} else if (c->type == XML_ELEMENT_NODE) {
			build(w, c, node, depth);
		}
	}
}

static void build(struct walk *w, const xmlNode *el, struct bd_node *parent, int depth)
{
	enum bd_node_type type;
	struct bd_node *node;
	bool ref_ok;

	if (bd_xml_is(el, "short-title") || !type_of(el, &type))
		return;
	node = bd_node_add(parent, type, loc_of(w, el));
	switch (type) {
	case BD_N_SECTION:
		node->id = bd_xml_attr(el, "id");
		node->depth = depth + 1;
		depth++;
		break;
	case BD_N_FIGURE:
		node->id = bd_xml_attr(el, "id");
		node->ref = bd_xml_attr(el, "src");
		break;
	case BD_N_TABLE:
		node->id = bd_xml_attr(el, "id");
		break;
	case BD_N_CALLOUT:
		node->ref = bd_xml_attr(el, "type");
		break;
	case BD_N_TERM:
		node->ref = bd_xml_attr(el, "ref");
		break;
	case BD_N_XREF:
		node->ref = bd_xml_attr(el, "to");
		break;
	case BD_N_LINK:
		node->ref = bd_xml_attr(el, "href");
		break;
	case BD_N_CONTACT:
		/* The book's own words are its text; an edition's renderer may
		 * replace them (edition.c), the report measures them. */
		node->ref = bd_xml_attr(el, "kind");
		if (node->ref && bd_contact_default(w->l10n, node->ref))
			bd_node_add(node, BD_N_TEXT, node->loc)->text = bd_strdup(bd_contact_default(w->l10n, node->ref));
		return;
	case BD_N_ALT:
		node->text = bd_xml_text(el);
		if (w->index_art)
			check_visible(w, type, el, node);
		return;
	default:
		break;
	}
	ref_ok = spelled_right(w, type, node);
	if (w->index_art)
		check_visible(w, type, el, node);
	if (type == BD_N_TERM && node->ref) {
		/* The first use in each article is the one a pop-up or a back link targets. */
		if (!xmlHashLookup(w->terms_seen, BAD_CAST node->ref)) {
			xmlHashAddEntry(w->terms_seen, BAD_CAST node->ref, (void *)1);
			node->depth = 1;
		}
	}
	if (w->index_art) {
		if (node->id)
			register_id(w, node->id, node->loc);
		if (type == BD_N_SECTION && node->id)
			add_heading(w, node, el);
		else if (type == BD_N_FIGURE) {
			w->index_art->nfigures++;
			if (bd_xml_child(el, "description"))
				w->index_art->nfigures_described++;
			if (node->ref && ref_ok)
				use_image(w, node);
		} else if (type == BD_N_TABLE)
			w->index_art->ntables++;
		else if (type == BD_N_TERM && node->ref && ref_ok)
			use_term(w, node);
		else if (type == BD_N_XREF && node->ref && ref_ok) {
			struct bd_xref_list *x = w->xrefs;
			bd_grow(&x->items, &x->cap, x->len + 1, sizeof(*x->items));
			x->items[x->len].key = bd_strdup(node->ref);
			x->items[x->len].loc = node->loc;
			x->len++;
		}
	}
	build_children(w, el, node, depth);
}

/* Parses the article file and validates it, unless these are the very bytes
 * the first pass validated (same SHA-256): the second pass re-validates only
 * a source that changed in between.  digest receives the bytes' SHA-256,
 * *known whether they are the first pass's.  Returns the document or NULL. */
static xmlDocPtr open_article(const struct bd_article *art, bool first_pass,
			      unsigned char digest[BD_XML_DIGEST_LEN], bool *known, struct bd_diag *diag)
{
	xmlDocPtr doc;

	memset(digest, 0, BD_XML_DIGEST_LEN);
	doc = bd_xml_read_file_digest(art->path, art->display, BD_XML_SOURCE_MAX, BD_XML_DEFAULT, digest, diag);
	*known = !first_pass && art->validated && memcmp(digest, art->digest, BD_XML_DIGEST_LEN) == 0;
	if (doc && !*known && !bd_xml_validate(doc, BD_SCHEMA_ARTICLE, art->display, diag)) {
		xmlFreeDoc(doc);
		return NULL;
	}
	return doc;
}

struct bd_article_source *bd_article_open(const struct bd_article *art, bool first_pass, struct bd_diag *diag)
{
	struct bd_article_source *src = bd_calloc(1, sizeof(*src));

	if (first_pass) {
		/* A listed article that is not there is the book's error,
		 * reported by the caller.  Only look: opening a FIFO would block. */
		struct stat st;

		if (stat(art->path, &st) != 0 && (errno == ENOENT || errno == ENOTDIR)) {
			src->missing = true;
			return src;
		}
	}
	src->doc = open_article(art, first_pass, src->digest, &src->known, diag);
	return src;
}

void bd_article_source_free(struct bd_article_source *src)
{
	if (!src)
		return;
	xmlFreeDoc(src->doc);
	free(src);
}

void *bd_article_open_first(size_t index, void *book, struct bd_diag *diag)
{
	return bd_article_open(&((const struct bd_book *)book)->articles[index], true, diag);
}

void *bd_article_open_second(size_t index, void *book, struct bd_diag *diag)
{
	return bd_article_open(&((const struct bd_book *)book)->articles[index], false, diag);
}

void bd_article_source_release(void *src)
{
	bd_article_source_free(src);
}

static struct bd_node *walk_article(struct walk *w, xmlDocPtr doc)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	struct bd_node *tree;

	w->ids = xmlHashCreate(32);
	w->terms_seen = xmlHashCreate(32);
	tree = bd_node_add(NULL, BD_N_ARTICLE, loc_of(w, root));
	tree->id = bd_xml_attr(root, "id");
	/* The first pass holds the id to the file name, which book.xml spells
	 * right; the second sees a changed source, so checks it here. */
	if (!w->index_art)
		bd_lex_check_id(w->diag, tree->loc, "id", tree->id);
	build_children(w, root, tree, 0);
	xmlHashFree(w->ids, NULL);
	xmlHashFree(w->terms_seen, NULL);
	return tree;
}

static enum bd_article_type article_type(const char *value)
{
	if (!value)
		return BD_ART_CHAPTER;
	if (strcmp(value, "preface") == 0)
		return BD_ART_PREFACE;
	if (strcmp(value, "introduction") == 0)
		return BD_ART_INTRODUCTION;
	if (strcmp(value, "appendix") == 0)
		return BD_ART_APPENDIX;
	if (strcmp(value, "colophon") == 0)
		return BD_ART_COLOPHON;
	return BD_ART_CHAPTER;
}

void bd_article_index(struct bd_book *book, size_t index, const struct bd_article_source *src,
		      struct bd_xref_list *xrefs, struct bd_diag *diag)
{
	struct bd_article *art = &book->articles[index];
	struct walk w = { .book = book, .art = art, .index_art = art, .index = index, .diag = diag, .xrefs = xrefs,
			  .l10n = bd_l10n_for(book->lang) };
	xmlDocPtr doc = src->doc;
	xmlNodePtr root;
	struct bd_node *tree;
	char *id, *type, *urgent;

	art->validated = false;
	if (!doc)
		return;
	memcpy(art->digest, src->digest, sizeof(art->digest));
	/* All zero: hashing failed, so the second pass validates again. */
	for (size_t i = 0; i < sizeof(art->digest) && !art->validated; i++)
		art->validated = src->digest[i] != 0;
	root = xmlDocGetRootElement(doc);
	art->at = loc_of(&w, root);
	id = bd_xml_attr(root, "id");
	if (id && strcmp(id, art->id) != 0)
		bd_diag_report(diag, BD_R_ARTICLE_ID, art->display, bd_xml_line(root), bd_xml_col(root),
			      "the article's id '%s' differs from its file name '%s'", id, art->id);
	free(id);
	type = bd_xml_attr(root, "type");
	art->type = article_type(type);
	free(type);
	urgent = bd_xml_attr(root, "urgent");
	art->urgent = urgent != NULL;
	free(urgent);
	art->updated = bd_xml_attr(root, "updated");
	art->title = bd_xml_text(bd_xml_child(root, "title"));
	if (bd_xml_child(root, "short-title")) {
		xmlNodePtr st = bd_xml_child(root, "short-title");

		art->short_title = bd_xml_text(st);
		bd_text_check_element(diag, loc_of(&w, st), "<short-title>", st,
				      "readers would see a blank link in the glossary; write it, or leave it out");
	}
	tree = walk_article(&w, doc);
	/* Glossary words left unmarked, and which variants the book uses. */
	bd_terms_check_article(book, art, tree, diag);
	bd_node_free(tree);
	art->loaded_ok = true;
}

struct bd_node *bd_article_load_source(const struct bd_book *book, const struct bd_article *art,
				       const struct bd_article_source *src, struct bd_diag *diag)
{
	struct walk w = { .art = art, .diag = diag, .l10n = bd_l10n_for(book->lang) };
	struct bd_node *tree;

	if (!src->doc)
		return NULL;
	tree = walk_article(&w, src->doc);
	/* What the first pass kept about these bytes (art->terms) holds for this tree. */
	tree->depth = src->known && art->loaded_ok;
	return tree;
}

struct bd_node *bd_article_load(const struct bd_book *book, const struct bd_article *art,
				struct bd_diag *diag)
{
	/* Validated in the first pass; validated again if the file changed since. */
	struct bd_article_source *src = bd_article_open(art, false, diag);
	struct bd_node *tree = bd_article_load_source(book, art, src, diag);

	(void)book;
	bd_article_source_free(src);
	return tree;
}
