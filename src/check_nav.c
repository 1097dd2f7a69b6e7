/* check_nav.c - navigation rules (EPUB 3.3 section 7) and the EPUB 2 NCX.
 *
 * The navigation document is a content document too: check_content.c reads
 * it, checks its links like any other document's, and passes its tree here
 * for the navigation-specific rules: one toc nav, the ol/li/(a|span) shape,
 * non-empty labels, toc links into the spine in spine order, and a sound
 * landmarks nav.  The NCX, when there is one, is read after the content so
 * that fragment ids are known. */
#include "check_internal.h"

#include "alloc.h"
#include "xml.h"

#include <stdlib.h>
#include <string.h>

struct nav_state {
	struct bd_check *ck;
	struct bd_check_item *it;
	bool toc;             /* checking the toc nav: links go into the spine, in order */
	bool landmarks;
	long last_spine;      /* spine index of the last new document in the toc */
	bool order_reported;
	bool *seen;           /* spine items already linked from the toc */
	struct bd_map * landmark_seen; /* (epub:type, href) pairs */
};

static bool is_html(const xmlNode *n, const char *name)
{
	return bd_check_is(n, name, BD_NS_XHTML);
}

/* The label's text: text nodes plus img alt, as a reading system speaks it. */
static bool has_label(const xmlNode *n)
{
	char *t = bd_xml_text(n);
	bool ok = *t != '\0';

	free(t);
	for (xmlNodePtr c = bd_xml_first_element(n); c && !ok; c = bd_check_next(c, n)) {
		if (is_html(c, "img")) {
			char *alt = bd_xml_attr(c, "alt");

			ok = alt && *alt;
			free(alt);
		}
	}
	return ok;
}

static void toc_link(struct nav_state *st, xmlNodePtr a, const char *href)
{
	struct bd_check *ck = st->ck;
	char *path;
	struct bd_check_item *to;
	long idx;

	if (bd_check_ref_kind(href) != BD_REF_LOCAL && bd_check_ref_kind(href) != BD_REF_SAME_DOC) {
		bd_diag_report(ck->diag, BD_R_NAV_LINK_NOT_IN_SPINE, st->it->display, bd_xml_line(a), bd_xml_col(a),
			      "a toc link must point into the book, not to '%s'", href);
		return;
	}
	path = bd_check_resolve(st->it->path, href, NULL);
	to = bd_check_item_find(ck, path);
	free(path);
	if (!to)
		return; /* link-broken, reported with the document's links */
	idx = to->spine_index;
	if (idx < 0) {
		bd_diag_report(ck->diag, BD_R_NAV_LINK_NOT_IN_SPINE, st->it->display, bd_xml_line(a), bd_xml_col(a),
			      "the toc links to '%s', which is not in the spine", href);
		return;
	}
	if (st->seen[idx])
		return;
	st->seen[idx] = true;
	if (idx < st->last_spine && !st->order_reported) {
		bd_diag_report(ck->diag, BD_R_NAV_TOC_ORDER, st->it->display, bd_xml_line(a), bd_xml_col(a),
				"the toc reaches '%s' after a document that comes later in the spine", href);
		st->order_reported = true;
	}
	if (idx > st->last_spine)
		st->last_spine = idx;
}

static void landmark(struct nav_state *st, xmlNodePtr a, const char *href)
{
	char *type = bd_xml_ns_attr(a, "type", BD_NS_OPS);

	if (!type || !*type)
		bd_diag_report(st->ck->diag, BD_R_NAV_LANDMARKS, st->it->display, bd_xml_line(a), bd_xml_col(a),
			      "a landmarks link needs an epub:type");
	else if (bd_map_add2(st->landmark_seen, type, href, a) < 0)
		bd_diag_report(st->ck->diag, BD_R_NAV_LANDMARKS, st->it->display, bd_xml_line(a), bd_xml_col(a),
			      "two landmarks have epub:type '%s' and href '%s'", type, href);
	free(type);
}

static void check_ol(struct nav_state *st, xmlNodePtr ol);

/* li: (a | span) followed by an optional ol; a span must have the ol. */
static void check_li(struct nav_state *st, xmlNodePtr li)
{
	struct bd_check *ck = st->ck;
	xmlNodePtr label = bd_xml_first_element(li);
	xmlNodePtr sub = label ? bd_xml_next_element(label) : NULL;

	if (!is_html(label, "a") && !is_html(label, "span")) {
		bd_diag_report(ck->diag, BD_R_NAV_STRUCTURE, st->it->display, bd_xml_line(li), bd_xml_col(li),
			      "a nav li must start with an a or a span");
		return;
	}
	if (!has_label(label))
		bd_diag_report(ck->diag, BD_R_NAV_LABEL_EMPTY, st->it->display, bd_xml_line(label), bd_xml_col(label),
			      "this nav %s has no text", (const char *)label->name);
	if (is_html(label, "a")) {
		char *href = bd_xml_attr(label, "href");

		if (!href)
			bd_diag_report(ck->diag, BD_R_NAV_STRUCTURE, st->it->display, bd_xml_line(label), bd_xml_col(label),
				      "a nav link has no href");
		else if (st->toc)
			toc_link(st, label, href);
		else if (st->landmarks)
			landmark(st, label, href);
		free(href);
	} else if (!is_html(sub, "ol")) {
		bd_diag_report(ck->diag, BD_R_NAV_STRUCTURE, st->it->display, bd_xml_line(label), bd_xml_col(label),
			      "a nav span heading must be followed by an ol");
	}
	if (sub && !is_html(sub, "ol"))
		bd_diag_report(ck->diag, BD_R_NAV_STRUCTURE, st->it->display, bd_xml_line(sub), bd_xml_col(sub),
			      "only an ol may follow a nav li's label, not %s", (const char *)sub->name);
	else if (sub) {
		check_ol(st, sub);
		if (bd_xml_next_element(sub))
			bd_diag_report(ck->diag, BD_R_NAV_STRUCTURE, st->it->display, bd_xml_line(bd_xml_next_element(sub)), bd_xml_col(bd_xml_next_element(sub)),
				      "a nav li holds one label and at most one ol");
	}
}

static void check_ol(struct nav_state *st, xmlNodePtr ol)
{
	bool any = false;

	for (xmlNodePtr li = bd_xml_first_element(ol); li; li = bd_xml_next_element(li)) {
		if (!is_html(li, "li")) {
			bd_diag_report(st->ck->diag, BD_R_NAV_STRUCTURE, st->it->display, bd_xml_line(li), bd_xml_col(li),
				      "a nav ol may hold only li elements, not %s", (const char *)li->name);
			continue;
		}
		any = true;
		check_li(st, li);
	}
	if (!any)
		bd_diag_report(st->ck->diag, BD_R_NAV_STRUCTURE, st->it->display, bd_xml_line(ol), bd_xml_col(ol),
			      "a nav ol must hold at least one li");
}

/* nav: an optional heading, then exactly one ol. */
static void check_nav_element(struct nav_state *st, xmlNodePtr nav)
{
	xmlNodePtr c = bd_xml_first_element(nav);

	if (c && c->name && c->name[0] == 'h' && c->name[1] >= '1' && c->name[1] <= '6' && !c->name[2])
		c = bd_xml_next_element(c);
	if (!is_html(c, "ol")) {
		bd_diag_report(st->ck->diag, BD_R_NAV_STRUCTURE, st->it->display, bd_xml_line(c ? c : nav), bd_xml_col(c ? c : nav),
			      "a nav must hold an optional heading and then an ol");
		return;
	}
	check_ol(st, c);
	if (bd_xml_next_element(c))
		bd_diag_report(st->ck->diag, BD_R_NAV_STRUCTURE, st->it->display, bd_xml_line(bd_xml_next_element(c)), bd_xml_col(bd_xml_next_element(c)),
			      "a nav holds only one ol");
}

void bd_check_nav(struct bd_check *ck, struct bd_check_item *it, xmlDocPtr doc)
{
	struct nav_state st = { .ck = ck, .it = it, .last_spine = -1 };
	xmlNodePtr root = xmlDocGetRootElement(doc);
	size_t tocs = 0, landmarks = 0;

	st.seen = bd_calloc(ck->nspine ? ck->nspine : 1, sizeof(bool));
	st.landmark_seen = bd_map_new();
	for (xmlNodePtr n = root; n; n = bd_check_next(n, root)) {
		char *type;

		if (!is_html(n, "nav"))
			continue;
		type = bd_xml_ns_attr(n, "type", BD_NS_OPS);
		st.toc = bd_check_has_word(type, "toc");
		st.landmarks = bd_check_has_word(type, "landmarks");
		if (st.toc && ++tocs > 1)
			bd_diag_report(ck->diag, BD_R_NAV_TOC_MULTIPLE, it->display, bd_xml_line(n), bd_xml_col(n),
				      "the navigation document has more than one toc nav");
		else if (st.landmarks && ++landmarks > 1)
			bd_diag_report(ck->diag, BD_R_NAV_LANDMARKS, it->display, bd_xml_line(n), bd_xml_col(n),
				      "the navigation document has more than one landmarks nav");
		else if (st.toc || st.landmarks || bd_check_has_word(type, "page-list"))
			check_nav_element(&st, n);
		free(type);
	}
	if (!tocs)
		bd_diag_report(ck->diag, BD_R_NAV_TOC_MISSING, it->display, bd_xml_line(root), bd_xml_col(root),
			      "the navigation document has no nav epub:type=\"toc\"");
	ck->toc_nav = tocs > 0;
	free(st.seen);
	bd_map_free(st.landmark_seen);
}

/* ---- NCX ------------------------------------------------------------------- */

static void trim(char *s)
{
	size_t n = strlen(s), start = strspn(s, " \t\r\n");

	while (n > start && strchr(" \t\r\n", s[n - 1]))
		n--;
	memmove(s, s + start, n - start);
	s[n - start] = '\0';
}

/* The NCX is read as a stream (a 10,000-article book's NCX is 12 MB, over
 * 130 MiB as a tree).  The rules need only an element's attributes and its
 * parent, so they run at each start tag: the first <head> child of the root
 * holds the dtb:uid meta, and each <content> in a <navPoint> links to a
 * document.  Findings wait in two lists until the parse has succeeded, and
 * are then reported as the tree walk did: head first, then the links in
 * document order. */
struct ncx_state {
	struct bd_check *ck;
	struct bd_check_item *it;
	xmlNodePtr root, head;
	bool head_done;             /* an element after the head has started under the root */
	struct bd_diag meta, links;
	/* playOrder: one per target, and one target per playOrder. */
	struct bd_map *order_of_src, *src_of_order;
	char **owned;
	size_t nowned, owned_cap;
};

static char *keep(struct ncx_state *st, const char *s)
{
	bd_grow(&st->owned, &st->owned_cap, st->nowned + 1, sizeof(*st->owned));
	return st->owned[st->nowned++] = bd_strdup(s);
}

/* Targets and their playOrder agree both ways (EPUBCheck's NCX rules). */
static void ncx_play_order(struct ncx_state *st, xmlNodePtr content, const char *src)
{
	char *order = bd_xml_attr(content->parent, "playOrder");
	const char *other;

	if (!order)
		return;
	if (!st->order_of_src) {
		st->order_of_src = bd_map_new();
		st->src_of_order = bd_map_new();
	}
	if ((other = bd_map_get(st->order_of_src, src)) && strcmp(other, order) != 0)
		bd_diag_report(&st->links, BD_R_NCX_PLAY_ORDER, st->it->display, bd_xml_line(content->parent),
			       bd_xml_col(content->parent),
			       "'%s' has playOrder %s here and %s before; one target has one playOrder", src, order,
			       other);
	else if ((other = bd_map_get(st->src_of_order, order)) && strcmp(other, src) != 0)
		bd_diag_report(&st->links, BD_R_NCX_PLAY_ORDER, st->it->display, bd_xml_line(content->parent),
			       bd_xml_col(content->parent),
			       "playOrder %s is given to '%s' here and to '%s' before; number them apart", order, src,
			       other);
	if (!other) {
		bd_map_add(st->order_of_src, src, keep(st, order));
		bd_map_add(st->src_of_order, order, keep(st, src));
	}
	free(order);
}

static void ncx_meta(struct ncx_state *st, xmlNodePtr m)
{
	struct bd_check *ck = st->ck;
	char *name = bd_xml_attr(m, "name"), *content = bd_xml_attr(m, "content");

	if (name && content && strcmp(name, "dtb:uid") == 0 && ck->unique_id) {
		char *uid = bd_strdup(ck->unique_id);

		trim(content);
		trim(uid);
		if (strcmp(content, uid) != 0)
			bd_diag_report(&st->meta, BD_R_NCX_UID_MISMATCH, st->it->display, bd_xml_line(m), bd_xml_col(m),
				      "dtb:uid '%s' differs from the package's unique identifier '%s'", content, uid);
		free(uid);
	}
	free(name);
	free(content);
}

static void ncx_content(struct ncx_state *st, xmlNodePtr n)
{
	struct bd_check *ck = st->ck;
	char *src = bd_xml_attr(n, "src"), *path, *fragment = NULL;
	struct bd_check_item *to;

	if (src)
		ncx_play_order(st, n, src);
	path = src ? bd_check_resolve(st->it->path, src, &fragment) : NULL;
	to = bd_check_item_find(ck, path);
	if (!to || !to->entry)
		bd_diag_report(&st->links, BD_R_NCX_LINK_BROKEN, st->it->display, bd_xml_line(n), bd_xml_col(n),
			      "navPoint content src '%s' names no file in the manifest", src ? src : "");
	else if (!bd_check_epub2_content_type(to))
		bd_diag_report(&st->links, BD_R_NCX_LINK_TYPE, st->it->display, bd_xml_line(n), bd_xml_col(n),
			       "'%s' is %s; an NCX entry must point at a content document", src, to->media_type);
	else if (fragment && *fragment && to->facts.parsed && to->facts.ids_complete &&
		 !bd_map_get2(ck->ids, to->path, fragment))
		bd_diag_report(&st->links, BD_R_NCX_LINK_BROKEN, st->it->display, bd_xml_line(n), bd_xml_col(n),
			      "navPoint content src '%s': the fragment names no id", src);
	free(src);
	free(path);
	free(fragment);
}

static void ncx_element(xmlNodePtr node, void *data)
{
	struct ncx_state *st = data;

	if (!node->parent || node->parent->type != XML_ELEMENT_NODE) {
		st->root = node;
		bd_check_markup_doctype(st->ck, st->it, node->doc);
		return;
	}
	if (node->parent == st->root) {
		if (st->head)
			st->head_done = true;
		else if (bd_xml_is(node, "head"))
			st->head = node;
	} else if (st->head && !st->head_done && node->parent == st->head) {
		ncx_meta(st, node);
	}
	if (bd_xml_is(node, "content") && (bd_xml_is(node->parent, "navPoint") || bd_xml_is(node->parent, "navTarget") ||
					    bd_xml_is(node->parent, "pageTarget")))
		ncx_content(st, node);
}

void bd_check_ncx(struct bd_check *ck)
{
	struct ncx_state st;
	bool ok = false;

	if (!ck->ncx || !ck->ncx->entry || ck->over_total)
		return;
	memset(&st, 0, sizeof(st));
	st.ck = ck;
	st.it = ck->ncx;
	bd_diag_init(&st.meta);
	bd_diag_init(&st.links);
	if (ck->version == 2) {
		/* EPUB 2's navigation: read whole, for its schema. */
		xmlDocPtr doc = bd_check_read_xml(ck, st.it->entry, st.it->display);

		if (doc) {
			xmlNodePtr root = xmlDocGetRootElement(doc);

			bd_check_ncx_schema(ck, doc, st.it->display);
			for (xmlNodePtr n = root; n; n = bd_check_next(n, root))
				ncx_element(n, &st);
			ok = true;
			xmlFreeDoc(doc);
		}
	} else {
		ok = bd_check_stream_xml(ck, st.it->entry, st.it->display, ncx_element, &st);
	}
	if (ok) {
		bd_diag_move(ck->diag, &st.meta);
		bd_diag_move(ck->diag, &st.links);
	}
	bd_diag_fini(&st.meta);
	bd_diag_fini(&st.links);
	bd_map_free(st.order_of_src);
	bd_map_free(st.src_of_order);
	for (size_t i = 0; i < st.nowned; i++)
		free(st.owned[i]);
	free(st.owned);
}
