/* article.c - reading one article source into the model.
 *
 * The same walk serves both passes: the first validates the source and
 * indexes what other documents need (headings, anchors, glossary uses,
 * images, cross-references), then drops the tree; the second only builds the
 * tree for the renderer. */
#include "read.h"

#include "alloc.h"
#include "terms.h"
#include "xml.h"

#include <libxml/xpath.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct walk {
	struct bd_book *book;          /* NULL in the second pass */
	const struct bd_article *art;
	struct bd_article *index_art;  /* the article being indexed, first pass only */
	size_t index;
	struct bd_diag *diag;
	struct bd_xref_list *xrefs;
	xmlHashTablePtr ids;           /* id -> line, for duplicate ids */
	xmlHashTablePtr terms_seen;    /* glossary ids already used in this article */
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

/* Records an id for the duplicate check and as a cross-reference target. */
static void register_id(struct walk *w, const char *id, struct bd_loc loc)
{
	size_t first_line = (size_t)(uintptr_t)xmlHashLookup(w->ids, BAD_CAST id);
	char *key;

	if (first_line) {
		bd_diag_error(w->diag, loc.file, loc.line, loc.col, "duplicate-id",
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
		bd_diag_error(w->diag, term->loc.file, term->loc.line, term->loc.col, "glossary-undefined",
			      "glossary term '%s' is not defined in %s", term->ref,
			      w->book->glossary_display ? w->book->glossary_display : "the glossary");
		return;
	}
	if (e->nused == 0 || e->used_in[e->nused - 1] != w->index) {
		bd_grow(&e->used_in, &e->capused, e->nused + 1, sizeof(*e->used_in));
		e->used_in[e->nused++] = w->index;
	}
}

/* An SVG figure is XML from outside the project: parse it as safely as a
 * source, and refuse what would make the EPUB scripted or fetch anything. */
static bool svg_is_safe(struct walk *w, const struct bd_node *figure, const char *path)
{
	static const char *const forbidden[][2] = {
		{ "//*[local-name()='script']", "contains a script" },
		{ "//*[local-name()='foreignObject']", "contains foreign HTML content" },
		{ "//@*[local-name()='href'][not(starts-with(normalize-space(.), '#'))]",
		  "refers to another file or a web address" },
		{ "//*[local-name()='style'][contains(., 'url(') or contains(., '@import')]",
		  "loads a resource from its style sheet" },
	};
	char *display = bd_asprintf("%s/%s", w->book->dir, figure->ref);
	xmlDocPtr doc = bd_xml_read_file(path, display, BD_XML_SOURCE_MAX, BD_XML_ALLOW_DOCTYPE, w->diag);
	xmlXPathContextPtr ctx = doc ? xmlXPathNewContext(doc) : NULL;
	bool ok = doc != NULL;

	for (size_t i = 0; ctx && i < sizeof(forbidden) / sizeof(forbidden[0]); i++) {
		xmlXPathObjectPtr found = xmlXPathEvalExpression(BAD_CAST forbidden[i][0], ctx);
		if (found && found->nodesetval && found->nodesetval->nodeNr > 0) {
			xmlNodePtr n = found->nodesetval->nodeTab[0];
			if (n->type == XML_ATTRIBUTE_NODE)
				n = n->parent;
			bd_diag_error(w->diag, display, bd_xml_line(n), bd_xml_col(n), "image-svg-unsafe",
				      "this SVG %s; figures must be self-contained pictures", forbidden[i][1]);
			ok = false;
		}
		xmlXPathFreeObject(found);
	}
	xmlXPathFreeContext(ctx);
	xmlFreeDoc(doc);
	free(display);
	return ok;
}

static void use_image(struct walk *w, const struct bd_node *figure)
{
	struct bd_book *b = w->book;
	const struct bd_image *clash;
	char *path;
	const char *type;

	if (xmlHashLookup(b->image_by_src, BAD_CAST figure->ref))
		return;
	path = bd_asprintf("%s/%s", b->dir, figure->ref);
	type = bd_image_media_type(path);
	if (!type) {
		FILE *f = fopen(path, "rb");
		if (!f)
			bd_diag_error(w->diag, figure->loc.file, figure->loc.line, figure->loc.col, "image-missing",
				      "image '%s' does not exist", figure->ref);
		else
			bd_diag_error(w->diag, figure->loc.file, figure->loc.line, figure->loc.col, "image-type",
				      "image '%s' is not an SVG, PNG or JPEG file of the type its name says", figure->ref);
		if (f)
			fclose(f);
		free(path);
		return;
	}
	if (strcmp(type, "image/svg+xml") == 0 && !svg_is_safe(w, figure, path)) {
		free(path);
		return;
	}
	free(path);
	clash = bd_book_add_image(b, figure->ref, type, false);
	if (clash)
		bd_diag_error(w->diag, figure->loc.file, figure->loc.line, figure->loc.col, "image-name-clash",
			      "image '%s' has the same file name as '%s'", figure->ref, clash->src);
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
	case BD_N_ALT:
		node->text = bd_xml_text(el);
		return;
	default:
		break;
	}
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
			if (node->ref)
				use_image(w, node);
		} else if (type == BD_N_TABLE)
			w->index_art->ntables++;
		else if (type == BD_N_TERM && node->ref)
			use_term(w, node);
		else if (type == BD_N_XREF && node->ref) {
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
		/* A listed article that is not there is the book's error, reported by the caller. */
		FILE *f = fopen(art->path, "rb");
		if (!f) {
			src->missing = true;
			return src;
		}
		fclose(f);
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

static struct bd_node *walk_article(struct walk *w, xmlDocPtr doc)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	struct bd_node *tree;

	w->ids = xmlHashCreate(32);
	w->terms_seen = xmlHashCreate(32);
	tree = bd_node_add(NULL, BD_N_ARTICLE, loc_of(w, root));
	tree->id = bd_xml_attr(root, "id");
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
	struct walk w = { .book = book, .art = art, .index_art = art, .index = index, .diag = diag, .xrefs = xrefs };
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
		bd_diag_error(diag, art->display, bd_xml_line(root), bd_xml_col(root), "article-id",
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
	if (bd_xml_child(root, "short-title"))
		art->short_title = bd_xml_text(bd_xml_child(root, "short-title"));
	tree = walk_article(&w, doc);
	/* Glossary words left unmarked, and which variants the book uses. */
	bd_terms_check_article(book, art, tree, diag);
	bd_node_free(tree);
	art->loaded_ok = true;
}

struct bd_node *bd_article_load_source(const struct bd_article *art, const struct bd_article_source *src,
				       struct bd_diag *diag)
{
	struct walk w = { .art = art, .diag = diag };
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
	struct bd_node *tree = bd_article_load_source(art, src, diag);

	(void)book;
	bd_article_source_free(src);
	return tree;
}
