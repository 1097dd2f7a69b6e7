/* check_content.c - content document rules (EPUB 3.3 section 6).
 *
 * Reads each XHTML content document once, checks it, and records what the
 * later rule sets need: which documents hold svg, script, math or remote
 * resources (manifest properties), every id (fragments are resolved after
 * all documents are read, since a link may point forward), images and their
 * alt text, and long descriptions (accessibility).  CSS, both in style
 * sheets from the manifest and inline, is scanned for url() and @import.
 * Hands the navigation document's tree to check_nav.c while it is loaded. */
#include "check_internal.h"

#include "alloc.h"
#include "cssrefs.h"
#include "rules.h"
#include "xml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- references ------------------------------------------------------------- */

static void record_fragment(struct bd_check *ck, struct bd_check_item *from, struct bd_check_item *to,
			    const char *fragment, unsigned line, unsigned col)
{
	struct bd_check_link *l;

	if (ck->nlinks >= BD_CHECK_MAX_LINKS) {
		if (ck->links_complete)
			bd_diag_report(ck->diag, BD_R_CHECK_INCOMPLETE, from->display, line, col,
				     "more than %d links with fragments; the rest are not checked",
				     BD_CHECK_MAX_LINKS);
		ck->links_complete = false;
		return;
	}
	bd_grow(&ck->links, &ck->links_cap, ck->nlinks + 1, sizeof(*ck->links));
	l = &ck->links[ck->nlinks++];
	l->from = from;
	l->to = to;
	l->fragment = bd_strdup(fragment);
	l->line = line;
	l->col = col;
}

static bool is_xhtml(const struct bd_check_item *it)
{
	return strcmp(it->media_type, "application/xhtml+xml") == 0;
}

void bd_check_content_link(struct bd_check *ck, struct bd_check_item *from, unsigned line,
			   unsigned col, const char *href, enum bd_check_link_kind kind)
{
	const char *disp = from->display;
	char *path = NULL, *fragment = NULL, *shown = NULL, *trimmed = NULL;
	struct bd_check_item *to;
	size_t len = strlen(href);

	/* URL parsing drops leading and trailing ASCII white space. */
	if (len && (strchr(" \t\n\f\r", href[0]) || strchr(" \t\n\f\r", href[len - 1]))) {
		size_t lead = strspn(href, " \t\n\f\r");

		while (len > lead && strchr(" \t\n\f\r", href[len - 1]))
			len--;
		href = trimmed = bd_strndup(href + lead, len - lead);
	}
	/* shown (href made printable) is made only for a message. */
	switch (bd_check_ref_kind(href)) {
	case BD_REF_OTHER:
		if (bd_check_file_url(href)) {
			shown = bd_check_printable(href);
			bd_diag_report(ck->diag, BD_R_URL_FILE, disp, line, col,
				      "'%s' is a file: URL; put the file in the EPUB and name it with a relative URL",
				      shown);
		}
		goto out;
	case BD_REF_REMOTE:
		if (kind == BD_LINK_HYPER || kind == BD_LINK_CITE)
			goto out;
		to = bd_check_remote_item(ck, href);
		if (to)
			to->referenced = true;
		from->facts.remote = true;
		/* An object or embed may play remote audio or video, if the
		 * manifest says that is what it is. */
		if (kind == BD_LINK_RESOURCE && !(to && bd_check_remote_allowed(to->media_type))) {
			shown = bd_check_printable(href);
			bd_diag_report(ck->diag, BD_R_REMOTE_RESOURCE_FORBIDDEN, disp, line, col,
				      "'%s' is remote; only audio, video and fonts may be outside the container",
				      shown);
			goto out;
		}
		if (!to) {
			shown = bd_check_printable(href);
			bd_diag_report(ck->diag, BD_R_RESOURCE_NOT_IN_MANIFEST, disp, line, col,
				      "the remote resource '%s' is not in the manifest; declare it there", shown);
		}
		goto out;
	case BD_REF_SAME_DOC:
	case BD_REF_LOCAL:
		break;
	}
	if (href[0] == '/') {
		shown = bd_check_printable(href);
		bd_diag_report(ck->diag, BD_R_URL_ABSOLUTE_PATH, disp, line, col,
			      "'%s' is an absolute path; make it relative to this document", shown);
		goto out;
	}
	path = bd_check_resolve(from->path, href, &fragment);
	if (!path) {
		shown = bd_check_printable(href);
		bd_diag_report(ck->diag, BD_R_LINK_BROKEN, disp, line, col, "'%s' points outside the container", shown);
		goto out;
	}
	to = bd_check_item_find(ck, path);
	/* An EPUB CFI into the package document names a spine item. */
	if (!to && ck->opf_path && strcmp(path, ck->opf_path) == 0 && fragment &&
	    strncmp(fragment, "epubcfi(", 8) == 0)
		goto out;
	if (!to) {
		shown = bd_check_printable(href);
		if (!bd_check_entry_find(ck, path))
			bd_diag_report(ck->diag, BD_R_LINK_BROKEN, disp, line, col,
				      "'%s' names a file that is not in the container", shown);
		else
			bd_diag_report(ck->diag, BD_R_RESOURCE_NOT_IN_MANIFEST, disp, line, col,
				      "'%s' is in the container but not in the manifest", shown);
		goto out;
	}
	if (kind == BD_LINK_HYPER && to != from)
		to->hyperlinked = true;
	if (kind == BD_LINK_HYPER && to != from && is_xhtml(to) && to->spine_index < 0 && from != ck->nav) {
		shown = bd_check_printable(href);
		bd_diag_report(ck->diag, BD_R_LINK_TARGET_NOT_IN_SPINE, disp, line, col,
			      "'%s' links to a content document that is not in the spine", shown);
	}
	if (fragment && *fragment && is_xhtml(to) && strncmp(fragment, "epubcfi(", 8) != 0)
		record_fragment(ck, from, to, fragment, line, col);
out:
	free(path);
	free(fragment);
	free(shown);
	free(trimmed);
}

void bd_check_content_fragments(struct bd_check *ck)
{
	for (size_t i = 0; i < ck->nlinks; i++) {
		const struct bd_check_link *l = &ck->links[i];

		if (!l->to->facts.parsed || !l->to->facts.ids_complete)
			continue;
		if (!bd_map_get2(ck->ids, l->to->path, l->fragment)) {
			char *shown = bd_check_printable(l->fragment);

			bd_diag_report(ck->diag, BD_R_FRAGMENT_BROKEN, l->from->display, l->line, l->col,
				      "'#%s' names no id in '%s'", shown, l->to->href);
			free(shown);
		}
	}
}

/* ---- CSS ------------------------------------------------------------------- */

/* Where CSS text sits, for its references' positions. */
struct css_at {
	struct bd_check *ck;
	struct bd_check_item *from;
	unsigned line0, col0;   /* the element holding inline CSS; 0 for a style sheet file */
};

static void check_css_ref(const struct bd_cssref *ref, void *data)
{
	const struct css_at *at = data;
	/* Inline CSS comes folded or from an attribute: its lines are counted
	 * from the element, and only its first has a known column. */
	unsigned line = at->line0 ? at->line0 + ref->line - 1 : ref->line;
	unsigned col = at->line0 == 0 || ref->line > 1 ? 0 : at->col0;

	/* A reference inside @font-face may be remote (fonts may be). */
	bd_check_content_link(at->ck, at->from, line, col, ref->url,
			      ref->font_face && !ref->import ? BD_LINK_MEDIA : BD_LINK_RESOURCE);
}

/* Checks each url() and @import in CSS text (cssrefs.h).  Positions: line
 * and col of the element holding the text when line0 is given (inline CSS),
 * else counted in the text. */
static void scan_css(struct bd_check *ck, struct bd_check_item *from, const char *css, size_t len,
		     unsigned line0, unsigned col0)
{
	struct css_at at = { ck, from, line0, col0 };

	bd_cssrefs_scan(css, len, check_css_ref, &at);
}

/* CSS text's references (cssrefs.h) and its syntax (check_css.c). */
static void css_text(struct bd_check *ck, struct bd_check_item *from, const char *css, size_t len,
		     enum bd_check_css_kind kind, unsigned line0, unsigned col0)
{
	scan_css(ck, from, css, len, line0, col0);
	bd_check_css(ck, from, css, len, kind, line0, col0);
}

static void check_css_file(struct bd_check *ck, struct bd_check_item *it)
{
	char *buf = NULL;
	size_t len = 0;

	if (bd_check_read(ck, it->entry, it->display, &buf, &len) < 0)
		return;
	css_text(ck, it, buf, len, BD_CHECK_CSS_FILE, 0, 0);
	it->facts.parsed = true;
	it->facts.ids_complete = true;
	free(buf);
}

/* ---- XHTML ------------------------------------------------------------------ */

struct doc_state {
	struct bd_check *ck;
	struct bd_check_item *it;
	struct bd_map * local_ids;
	char **described;     /* aria-describedby / aria-details targets */
	size_t ndescribed, described_cap;
	bool dtd_attrs;       /* the DTD declares attributes (defaults count as present) */
	char *remote_base;    /* a remote <base href> or root xml:base: relative URLs are remote */
	const xmlNs *ns_seen[8]; /* ns_classify's memory */
	unsigned char ns_kind[8];
	size_t ns_next;
};

static bool is_html(const xmlNode *n, const char *name)
{
	return bd_check_is(n, name, BD_NS_XHTML);
}

/* True when img sits in a figure whose figcaption has text. */
static bool captioned(const xmlNode *img)
{
	for (const xmlNode *p = img->parent; p && p->type == XML_ELEMENT_NODE; p = p->parent) {
		if (is_html(p, "figure")) {
			for (xmlNodePtr c = bd_xml_first_element(p); c; c = bd_xml_next_element(c)) {
				if (is_html(c, "figcaption")) {
					char *t = bd_xml_text(c);
					bool ok = *t != '\0';

					free(t);
					return ok;
				}
			}
			return false;
		}
	}
	return false;
}

static bool inside(const xmlNode *n, const char *name)
{
	for (const xmlNode *p = n->parent; p && p->type == XML_ELEMENT_NODE; p = p->parent)
		if (is_html(p, name))
			return true;
	return false;
}

/* The attributes check_element reads, found in one pass over an element's
 * attributes.  Values point into the tree, or into owned[] when they had to
 * be put together (an attribute holding entity references) or came from a
 * DTD's defaults. */
enum el_attr {
	AT_ID, AT_XML_ID, AT_EPUB_TYPE, AT_STYLE, AT_ARIA_DESCRIBEDBY, AT_ARIA_DETAILS, AT_HREF,
	AT_XLINK_HREF, AT_SRC, AT_POSTER, AT_DATA, AT_TYPE, AT_ALT, AT_CITE, AT_SRCSET, AT_ALTIMG, AT_COUNT
};

struct el_attrs {
	const char *v[AT_COUNT];
	char *owned[AT_COUNT];
};

/* Namespaces the rules look at, told apart once per xmlNs (a document has
 * few) instead of comparing URIs on every element and attribute. */
enum ns_kind { NS_NONE, NS_XHTML, NS_SVG, NS_MATHML, NS_XML, NS_OPS, NS_XLINK, NS_OTHER };

#define BD_NS_XLINK "http://www.w3.org/1999/xlink"

static enum ns_kind ns_classify(struct doc_state *st, const xmlNs *ns)
{
	static const struct {
		const char *href;
		enum ns_kind kind;
	} known[] = {
		{ BD_NS_XHTML, NS_XHTML }, { BD_NS_SVG, NS_SVG }, { BD_NS_MATHML, NS_MATHML },
		{ BD_NS_XML, NS_XML },     { BD_NS_OPS, NS_OPS }, { BD_NS_XLINK, NS_XLINK },
	};
	enum ns_kind kind = NS_OTHER;

	if (!ns || !ns->href)
		return NS_NONE;
	for (size_t i = 0; i < sizeof(st->ns_seen) / sizeof(*st->ns_seen); i++)
		if (st->ns_seen[i] == ns)
			return st->ns_kind[i];
	for (size_t i = 0; i < sizeof(known) / sizeof(*known); i++)
		if (strcmp((const char *)ns->href, known[i].href) == 0)
			kind = known[i].kind;
	st->ns_seen[st->ns_next] = ns;
	st->ns_kind[st->ns_next] = kind;
	st->ns_next = (st->ns_next + 1) % (sizeof(st->ns_seen) / sizeof(*st->ns_seen));
	return kind;
}

/* The attribute the name and namespace stand for, or AT_COUNT. */
static enum el_attr attr_slot(const char *name, enum ns_kind ns)
{
	switch (ns) {
	case NS_NONE:
		switch (name[0]) {
		case 'a':
			if (strcmp(name, "alt") == 0)
				return AT_ALT;
			if (strcmp(name, "aria-describedby") == 0)
				return AT_ARIA_DESCRIBEDBY;
			if (strcmp(name, "aria-details") == 0)
				return AT_ARIA_DETAILS;
			if (strcmp(name, "altimg") == 0)
				return AT_ALTIMG;
			break;
		case 'c':
			return strcmp(name, "cite") == 0 ? AT_CITE : AT_COUNT;
		case 'd':
			return strcmp(name, "data") == 0 ? AT_DATA : AT_COUNT;
		case 'h':
			return strcmp(name, "href") == 0 ? AT_HREF : AT_COUNT;
		case 'i':
			return strcmp(name, "id") == 0 ? AT_ID : AT_COUNT;
		case 'p':
			return strcmp(name, "poster") == 0 ? AT_POSTER : AT_COUNT;
		case 's':
			if (strcmp(name, "src") == 0)
				return AT_SRC;
			if (strcmp(name, "style") == 0)
				return AT_STYLE;
			if (strcmp(name, "srcset") == 0)
				return AT_SRCSET;
			break;
		case 't':
			return strcmp(name, "type") == 0 ? AT_TYPE : AT_COUNT;
		}
		return AT_COUNT;
	case NS_XML:
		return strcmp(name, "id") == 0 ? AT_XML_ID : AT_COUNT;
	case NS_OPS:
		return strcmp(name, "type") == 0 ? AT_EPUB_TYPE : AT_COUNT;
	case NS_XLINK:
		return strcmp(name, "href") == 0 ? AT_XLINK_HREF : AT_COUNT;
	default:
		return AT_COUNT;
	}
}

/* An attribute's value as xmlGetNsProp gives it, without copying the
 * common case of one text child. */
static const char *attr_value(const xmlAttr *a, char **owned)
{
	const xmlNode *c = a->children;
	xmlChar *joined;

	if (!c)
		return "";
	if (!c->next && (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE))
		return (const char *)c->content;
	joined = xmlNodeListGetString(a->doc, c, 1);
	if (!joined)
		return "";
	*owned = bd_strdup((const char *)joined);
	xmlFree(joined);
	return *owned;
}

static void attrs_read(struct doc_state *st, const xmlNode *n, struct el_attrs *at)
{
	static const struct {
		const char *name, *ns;
	} names[AT_COUNT] = {
		[AT_ID] = { "id", NULL },
		[AT_XML_ID] = { "id", BD_NS_XML },
		[AT_EPUB_TYPE] = { "type", BD_NS_OPS },
		[AT_STYLE] = { "style", NULL },
		[AT_ARIA_DESCRIBEDBY] = { "aria-describedby", NULL },
		[AT_ARIA_DETAILS] = { "aria-details", NULL },
		[AT_HREF] = { "href", NULL },
		[AT_XLINK_HREF] = { "href", BD_NS_XLINK },
		[AT_SRC] = { "src", NULL },
		[AT_POSTER] = { "poster", NULL },
		[AT_DATA] = { "data", NULL },
		[AT_TYPE] = { "type", NULL },
		[AT_ALT] = { "alt", NULL },
		[AT_CITE] = { "cite", NULL },
		[AT_SRCSET] = { "srcset", NULL },
		[AT_ALTIMG] = { "altimg", NULL },
	};

	memset(at, 0, sizeof(*at));
	if (st->dtd_attrs) {
		/* libxml2's lookups also give a DTD's default values: ask them. */
		for (int k = 0; k < AT_COUNT; k++)
			at->v[k] = at->owned[k] = bd_xml_ns_attr(n, names[k].name, names[k].ns);
		return;
	}
	for (const xmlAttr *a = n->properties; a; a = a->next) {
		enum el_attr k = attr_slot((const char *)a->name, ns_classify(st, a->ns));

		/* The first one wins, as in libxml2's lookups (a:x and b:x may
		 * share a namespace in a document that still parses). */
		if (k != AT_COUNT && !at->v[k])
			at->v[k] = attr_value(a, &at->owned[k]);
	}
}

static void attrs_free(struct el_attrs *at)
{
	for (int k = 0; k < AT_COUNT; k++)
		free(at->owned[k]);
}

static void attr_link(struct doc_state *st, xmlNodePtr n, const char *v, enum bd_check_link_kind kind)
{
	char *joined;
	size_t dir;

	if (!v)
		return;
	if (!st->remote_base || bd_check_ref_kind(v) == BD_REF_REMOTE || bd_check_ref_kind(v) == BD_REF_OTHER) {
		bd_check_content_link(st->ck, st->it, bd_xml_line(n), bd_xml_col(n), v, kind);
		return;
	}
	/* Under a remote base a relative URL is remote too: base's folder + v
	 * (enough to judge it; the exact URL does not matter). */
	dir = (size_t)(strrchr(st->remote_base, '/') - st->remote_base) + 1;
	joined = bd_malloc(dir + strlen(v) + 1);
	memcpy(joined, st->remote_base, dir);
	strcpy(joined + dir, v[0] == '/' ? v + 1 : v);
	bd_check_content_link(st->ck, st->it, bd_xml_line(n), bd_xml_col(n), joined, kind);
	free(joined);
}

/* The document's base URL when it is remote (xml:base on the root, or the
 * first <base href> in head), else NULL. */
static char *remote_base(const xmlNode *root)
{
	char *base = bd_xml_ns_attr(root, "base", BD_NS_XML);
	xmlNodePtr head = bd_xml_child(root, "head");
	const char *host;
	char *slash;

	for (xmlNodePtr c = bd_xml_first_element(head); c && !base; c = bd_xml_next_element(c))
		if (is_html(c, "base"))
			base = bd_xml_attr(c, "href");
	if (!base || bd_check_ref_kind(base) != BD_REF_REMOTE) {
		free(base);
		return NULL;
	}
	/* "http://host" has no folder: make it "http://host/". */
	host = strstr(base, "//");
	if (host && strchr(host + 2, '/'))
		return base;
	slash = bd_malloc(strlen(base) + 2);
	snprintf(slash, strlen(base) + 2, "%s/", base);
	free(base);
	return slash;
}

/* Foreign images: src and each srcset candidate.  In picture, an img must
 * be a core image type and a foreign source must say its type; elsewhere
 * the manifest must give a fallback. */
static void image_uses(struct doc_state *st, xmlNodePtr n, const struct el_attrs *at, bool source)
{
	bool in_picture = n->parent && is_html(n->parent, "picture");
	const char *set = at->v[AT_SRCSET];

	if (!in_picture && source)
		return;
	for (int k = 0; k < 2; k++) {
		const char *p = k == 0 ? at->v[AT_SRC] : set;

		/* srcset: "url [descriptor], url [descriptor], ..." */
		while (p && *p) {
			size_t len;
			char *url;

			p += strspn(p, " \t\r\n,");
			len = k == 0 ? strlen(p) : strcspn(p, " \t\r\n,");
			if (!len)
				break;
			url = bd_strndup(p, len);
			if (in_picture)
				bd_check_picture_use(st->ck, st->it, bd_xml_line(n), bd_xml_col(n), url, source,
						     at->v[AT_TYPE]);
			else
				bd_check_foreign_use(st->ck, st->it, bd_xml_line(n), bd_xml_col(n), url, false);
			free(url);
			p += len;
			if (k == 1)
				p += strcspn(p, ",");
			else
				break;
		}
	}
}

/* Palpable content: text or an element other than param. */
static bool has_fallback_content(const xmlNode *n)
{
	for (const xmlNode *c = n->children; c; c = c->next) {
		if (c->type == XML_ELEMENT_NODE && !is_html(c, "param"))
			return true;
		if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content &&
		    !bd_text_is_blank((const char *)c->content, strlen((const char *)c->content)))
			return true;
	}
	return false;
}

static void check_img(struct doc_state *st, xmlNodePtr n, const struct el_attrs *at)
{
	struct bd_check *ck = st->ck;
	const char *alt = at->v[AT_ALT];

	ck->imgs++;
	if (!alt || !*alt)
		ck->imgs_without_alt++;
	if (!alt) {
		if (captioned(n))
			bd_diag_report(ck->diag, BD_R_IMG_ALT_FIGCAPTION, st->it->display, bd_xml_line(n), bd_xml_col(n),
					"img has no alt attribute; its figure's figcaption stands in for it");
		else
			bd_diag_report(ck->diag, BD_R_IMG_ALT_MISSING, st->it->display, bd_xml_line(n), bd_xml_col(n),
				      "img has no alt attribute (use alt=\"\" for a decorative image)");
	}
	attr_link(st, n, at->v[AT_SRC], BD_LINK_RESOURCE);
	image_uses(st, n, at, false);
}

static void record_id(struct doc_state *st, xmlNodePtr n, const char *id)
{
	struct bd_check *ck = st->ck;

	if (bd_map_add(st->local_ids, id, n) < 0) {
		bd_diag_report(ck->diag, BD_R_DUPLICATE_ID, st->it->display, bd_xml_line(n), bd_xml_col(n),
			      "the id '%s' is used more than once in this document", id);
		return;
	}
	if (ck->nids >= BD_CHECK_MAX_IDS) {
		if (st->it->facts.ids_complete)
			bd_diag_report(ck->diag, BD_R_CHECK_INCOMPLETE, st->it->display, bd_xml_line(n), bd_xml_col(n),
				     "more than %d ids in the book; links into this document are not checked",
				     BD_CHECK_MAX_IDS);
		st->it->facts.ids_complete = false;
		return;
	}
	if (bd_map_add2(ck->ids, st->it->path, id, (void *)1) == 0)
		ck->nids++;
}

static void check_html_element(struct doc_state *st, xmlNodePtr n, const char *name, const struct el_attrs *at)
{
	struct bd_check *ck = st->ck;
	struct bd_check_facts *f = &st->it->facts;

	if (n->properties)
		bd_check_markup_attrs(ck, st->it, n);
	if (at->v[AT_SRCSET] && (strcmp(name, "img") == 0 || strcmp(name, "source") == 0))
		bd_check_markup_srcset(ck, st->it, n, at->v[AT_SRCSET]);
	if (strcmp(name, "img") == 0) {
		check_img(st, n, at);
	} else if (strcmp(name, "a") == 0 || strcmp(name, "area") == 0) {
		attr_link(st, n, at->v[AT_HREF], BD_LINK_HYPER);
	} else if (strcmp(name, "link") == 0) {
		char *rel = bd_xml_attr(n, "rel");

		f->css |= rel && bd_check_has_word(rel, "stylesheet");
		bd_check_markup_stylesheet(ck, st->it, n, rel, at->v[AT_HREF]);
		free(rel);
		attr_link(st, n, at->v[AT_HREF], BD_LINK_RESOURCE);
	} else if (strcmp(name, "script") == 0) {
		const char *type = at->v[AT_TYPE];

		/* Data blocks (JSON-LD and the like) are not scripting. */
		if (!type || !*type || strstr(type, "javascript") || strstr(type, "ecmascript") ||
		    strcmp(type, "module") == 0)
			f->script = true;
		attr_link(st, n, at->v[AT_SRC], BD_LINK_RESOURCE);
	} else if (strcmp(name, "form") == 0) {
		f->script = true; /* EPUB 3.3: forms make a document scripted */
	} else if (strcmp(name, "audio") == 0 || strcmp(name, "video") == 0 || strcmp(name, "source") == 0 ||
		   strcmp(name, "track") == 0) {
		attr_link(st, n, at->v[AT_SRC], BD_LINK_MEDIA);
		attr_link(st, n, at->v[AT_POSTER], BD_LINK_RESOURCE);
		if (name[0] == 'a' || name[0] == 'v')
			bd_check_media_uses(ck, st->it, n);
		if (at->v[AT_POSTER])
			bd_check_foreign_use(ck, st->it, bd_xml_line(n), bd_xml_col(n), at->v[AT_POSTER], false);
		if (name[0] == 's')
			image_uses(st, n, at, true);
	} else if (strcmp(name, "iframe") == 0 || strcmp(name, "embed") == 0) {
		attr_link(st, n, at->v[AT_SRC], BD_LINK_RESOURCE);
		if (at->v[AT_SRC])
			bd_check_foreign_use(ck, st->it, bd_xml_line(n), bd_xml_col(n), at->v[AT_SRC], false);
	} else if (strcmp(name, "object") == 0) {
		attr_link(st, n, at->v[AT_DATA], BD_LINK_RESOURCE);
		if (at->v[AT_DATA])
			bd_check_foreign_use(ck, st->it, bd_xml_line(n), bd_xml_col(n), at->v[AT_DATA],
					     has_fallback_content(n));
	} else if (strcmp(name, "input") == 0) {
		const char *type = at->v[AT_TYPE];

		if (type && strcasecmp(type, "image") == 0 && at->v[AT_SRC]) {
			attr_link(st, n, at->v[AT_SRC], BD_LINK_RESOURCE);
			bd_check_foreign_use(ck, st->it, bd_xml_line(n), bd_xml_col(n), at->v[AT_SRC], false);
		}
	} else if (strcmp(name, "blockquote") == 0 || strcmp(name, "q") == 0 || strcmp(name, "ins") == 0 ||
		   strcmp(name, "del") == 0) {
		attr_link(st, n, at->v[AT_CITE], BD_LINK_CITE);
	} else if (strcmp(name, "style") == 0) {
		char *css = bd_xml_text(n);

		f->css = true;
		/* bd_xml_text folds white space; line numbers are then approximate,
		 * so point at the style element. */
		css_text(ck, st->it, css, strlen(css), BD_CHECK_CSS_ELEMENT, bd_xml_line(n), bd_xml_col(n));
		free(css);
	} else if (strcmp(name, "details") == 0 && inside(n, "figure")) {
		ck->long_descriptions = true;
	}
}

/* CSS in SVG beyond the style attribute: a <style> element, and the
 * presentation attributes that take a url() (fill, stroke, filter,
 * clip-path, mask, marker-*...), which can fetch a remote resource too. */
static void svg_styles(struct doc_state *st, xmlNodePtr n, const char *name)
{
	if (strcmp(name, "style") == 0) {
		xmlChar *css = xmlNodeGetContent(n);

		st->it->facts.css = true;
		if (css)
			css_text(st->ck, st->it, (const char *)css, strlen((const char *)css), BD_CHECK_CSS_ELEMENT,
				 bd_xml_line(n), bd_xml_col(n));
		xmlFree(css);
		return;
	}
	/* attr_value: no copy of each attribute on every SVG element. */
	for (xmlAttrPtr a = n->properties; a; a = a->next) {
		char *owned = NULL;
		const char *v;

		if (a->ns || strcmp((const char *)a->name, "style") == 0)
			continue;
		v = attr_value(a, &owned);
		if (strstr(v, "url("))
			scan_css(st->ck, st->it, v, strlen(v), bd_xml_line(n), bd_xml_col(n));
		free(owned);
	}
}

static void check_element(struct doc_state *st, xmlNodePtr n)
{
	struct bd_check *ck = st->ck;
	struct bd_check_facts *f = &st->it->facts;
	const char *name = (const char *)n->name;
	struct el_attrs at;
	const char *v;

	attrs_read(st, n, &at);
	if ((v = at.v[AT_ID] ? at.v[AT_ID] : at.v[AT_XML_ID]))
		record_id(st, n, v);
	if ((v = at.v[AT_EPUB_TYPE]) && bd_check_has_word(v, "glossary"))
		f->glossary = true;
	if ((v = at.v[AT_STYLE]))
		css_text(ck, st->it, v, strlen(v), BD_CHECK_CSS_ATTRIBUTE, bd_xml_line(n), bd_xml_col(n));
	for (int k = 0; k < 2; k++) {
		v = at.v[k ? AT_ARIA_DETAILS : AT_ARIA_DESCRIBEDBY];
		if (v) {
			bd_grow(&st->described, &st->described_cap, st->ndescribed + 1, sizeof(char *));
			st->described[st->ndescribed++] = bd_strdup(v);
		}
	}
	switch (ns_classify(st, n->ns)) {
	case NS_SVG:
		f->svg = true;
		svg_styles(st, n, name);
		if (strcmp(name, "use") == 0)
			bd_check_markup_svg_use(ck, st->it, n, at.v[AT_HREF] ? at.v[AT_HREF] : at.v[AT_XLINK_HREF]);
		if (strcmp(name, "image") == 0 || strcmp(name, "use") == 0) {
			attr_link(st, n, at.v[AT_XLINK_HREF], BD_LINK_RESOURCE);
			attr_link(st, n, at.v[AT_HREF], BD_LINK_RESOURCE);
			if (name[0] == 'i')
				bd_check_foreign_use(ck, st->it, bd_xml_line(n), bd_xml_col(n),
						     at.v[AT_HREF] ? at.v[AT_HREF] : at.v[AT_XLINK_HREF], false);
		} else if (strcmp(name, "font-face-uri") == 0) {
			/* SVG fonts may be remote, like CSS ones. */
			attr_link(st, n, at.v[AT_XLINK_HREF], BD_LINK_MEDIA);
		} else if (strcmp(name, "a") == 0) {
			attr_link(st, n, at.v[AT_XLINK_HREF], BD_LINK_HYPER);
		} else if (strcmp(name, "script") == 0) {
			f->script = true;
		}
		break;
	case NS_MATHML:
		if (strcmp(name, "math") == 0) {
			f->math = true;
			if (at.v[AT_ALTIMG]) {
				bd_check_foreign_use(ck, st->it, bd_xml_line(n), bd_xml_col(n), at.v[AT_ALTIMG], false);
				attr_link(st, n, at.v[AT_ALTIMG], BD_LINK_RESOURCE);
			}
		}
		break;
	case NS_OPS:
		if (strcmp(name, "switch") == 0)
			f->epub_switch = true;
		break;
	case NS_XHTML:
		check_html_element(st, n, name, &at);
		break;
	default:
		break;
	}
	attrs_free(&at);
}

/* <?xml-stylesheet href="..."?> before the root loads a style sheet as a
 * link does (pseudo-attributes: name="value" or name='value'). */
static void check_stylesheet_pis(struct doc_state *st, xmlDocPtr doc)
{
	for (xmlNodePtr n = doc->children; n; n = n->next) {
		const char *p;

		if (n->type != XML_PI_NODE || !xmlStrEqual(n->name, BAD_CAST "xml-stylesheet") || !n->content)
			continue;
		for (p = (const char *)n->content; *p;) {
			const char *name = p + strspn(p, " \t\r\n"), *eq;
			size_t len = strcspn(name, "= \t\r\n"), value;
			char quote[2] = { 0, 0 };

			eq = name + len + strspn(name + len, " \t\r\n");
			if (!len || *eq != '=')
				break;
			eq++;
			eq += strspn(eq, " \t\r\n");
			quote[0] = *eq;
			if (*quote != '"' && *quote != '\'')
				break;
			value = strcspn(eq + 1, quote);
			if (!eq[1 + value])
				break;
			if (len == 4 && strncmp(name, "href", 4) == 0) {
				char *href = bd_strndup(eq + 1, value);

				attr_link(st, n, href, BD_LINK_RESOURCE);
				free(href);
			}
			p = eq + 1 + value + 1;
		}
	}
}

static void check_xhtml(struct bd_check *ck, struct bd_check_item *it)
{
	struct doc_state st = { .ck = ck, .it = it };
	xmlDocPtr doc = bd_check_read_xml(ck, it->entry, it->display);
	xmlNodePtr root;
	char *lang, *xml_lang;

	if (!doc)
		return;
	root = xmlDocGetRootElement(doc);
	it->facts.parsed = true;
	it->facts.ids_complete = true;
	lang = bd_xml_attr(root, "lang");
	xml_lang = bd_xml_ns_attr(root, "lang", BD_NS_XML);
	if (!bd_check_is(root, "html", BD_NS_XHTML))
		bd_diag_report(ck->diag, BD_R_XML_SYNTAX, it->display, bd_xml_line(root), bd_xml_col(root),
			      "the root element is not html in the XHTML namespace");
	else if ((!lang || !*lang) && (!xml_lang || !*xml_lang))
		bd_diag_report(ck->diag, BD_R_HTML_LANG_MISSING, it->display, bd_xml_line(root),
			    bd_xml_col(root),
			    "the html element has neither lang nor xml:lang, so its language is unknown");
	free(lang);
	free(xml_lang);
	if (bd_check_fxl_fixed(ck, it))
		bd_check_fxl_xhtml(ck, it, root);
	if (ck->version == 2 && bd_check_is(root, "html", BD_NS_XHTML))
		bd_check_xhtml11(ck, it, root);
	st.dtd_attrs = (doc->intSubset && doc->intSubset->attributes) || (doc->extSubset && doc->extSubset->attributes);
	st.remote_base = remote_base(root);
	st.local_ids = bd_map_new();
	check_stylesheet_pis(&st, doc);
	for (xmlNodePtr n = root; n; n = bd_check_next(n, root))
		check_element(&st, n);
	/* A long description exists when aria-describedby or aria-details
	 * points at an element of this document. */
	for (size_t i = 0; i < st.ndescribed; i++) {
		const char *p = st.described[i];

		while (*p && !ck->long_descriptions) {
			size_t n = strcspn(p, " \t\n\r");
			char *id = bd_strndup(p, n);

			if (n && bd_map_get(st.local_ids, id))
				ck->long_descriptions = true;
			free(id);
			p += n;
			p += strspn(p, " \t\n\r");
		}
		free(st.described[i]);
	}
	free(st.described);
	free(st.remote_base);
	if (it == ck->nav)
		bd_check_nav(ck, it, doc);
	bd_map_free(st.local_ids);
	xmlFreeDoc(doc);
}

/* A standalone SVG: its ids, links and styles, as in an XHTML document.
 * (A remote reference in it fetches just as one in XHTML would.) */
static void check_svg(struct bd_check *ck, struct bd_check_item *it)
{
	struct doc_state st = { .ck = ck, .it = it };
	xmlDocPtr doc = bd_check_read_xml(ck, it->entry, it->display);
	struct bd_check_facts before = it->facts;
	xmlNodePtr root;

	if (!doc)
		return;
	root = xmlDocGetRootElement(doc);
	bd_check_markup_doctype(ck, it, doc);
	if (bd_check_fxl_fixed(ck, it))
		bd_check_fxl_svg(ck, it, root);
	st.local_ids = bd_map_new();
	check_stylesheet_pis(&st, doc);
	for (xmlNodePtr n = root; n; n = bd_check_next(n, root))
		check_element(&st, n);
	/* The manifest properties (svg, scripted, remote-resources...) are
	 * about content documents, not images: only the ids are kept. */
	before.remote = it->facts.remote;
	before.css = it->facts.css;
	for (xmlNodePtr c = doc->children; c; c = c->next)
		before.css |= c->type == XML_PI_NODE && xmlStrEqual(c->name, BAD_CAST "xml-stylesheet");
	it->facts = before;
	it->facts.parsed = true;
	it->facts.ids_complete = true;
	for (size_t i = 0; i < st.ndescribed; i++)
		free(st.described[i]);
	free(st.described);
	bd_map_free(st.local_ids);
	xmlFreeDoc(doc);
}

void bd_check_content(struct bd_check *ck)
{
	ck->ids = bd_map_new();
	for (size_t i = 0; i < ck->nitems; i++) {
		struct bd_check_item *it = &ck->items[i];

		if (!it->entry || ck->over_total)
			continue;
		if (is_xhtml(it)) {
			check_xhtml(ck, it);
		} else if (strcmp(it->media_type, "text/css") == 0) {
			check_css_file(ck, it);
		} else if (strcmp(it->media_type, "image/svg+xml") == 0) {
			check_svg(ck, it);
		}
	}
}
