/* check_smil.c - media overlays (EPUB 3.3 section 9; Media Overlays 3.3).
 *
 * Runs after the content rule sets, when every content document's ids are
 * known.  Reads each overlay (application/smil+xml) once with libxml2 and
 * checks its structure (smil, head, body, seq and par as the SMIL profile
 * of Media Overlays allows them), its text references (a content document
 * of the manifest, the fragment an id there), its audio (a core media type,
 * no fragment), and that overlays and content documents point at each
 * other: a document an overlay reads must name that overlay in its
 * media-overlay attribute, once, and the other way round.  A book that
 * declares media:active-class or media:playback-active-class must style the
 * documents its overlays read. */
#include "check_internal.h"

#include "alloc.h"
#include "xml.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define BD_NS_SMIL "http://www.w3.org/ns/SMIL"

struct smil_state {
	struct bd_check *ck;
	struct bd_check_item *smil;
	/* content document path -> the overlay that first read it */
	struct bd_map *reader;
};

static bool is_smil(const xmlNode *n, const char *name)
{
	return bd_check_is(n, name, BD_NS_SMIL);
}

static bool audio_core_type(const char *type)
{
	static const char *const core[] = { "audio/mpeg", "audio/mp4", "audio/ogg", "audio/opus" };

	for (size_t i = 0; i < sizeof(core) / sizeof(*core); i++) {
		size_t n = strlen(core[i]);

		if (strncmp(type, core[i], n) == 0 && (type[n] == '\0' || type[n] == ';' || type[n] == ' '))
			return true;
	}
	return false;
}

static void report_node(struct smil_state *st, enum bd_rule rule, const xmlNode *n, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void report_node(struct smil_state *st, enum bd_rule rule, const xmlNode *n, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	bd_diag_vreport(st->ck->diag, rule, st->smil->display, bd_xml_line(n), bd_xml_col(n), fmt, ap);
	va_end(ap);
}

/* The manifest item with that id (the first, as the package reads them). */
static struct bd_check_item *item_with_id(const struct bd_check *ck, const char *id)
{
	return ck->item_by_id ? bd_map_get(ck->item_by_id, id) : NULL;
}

/* True when id is a manifest item of type application/smil+xml (else the
 * media-overlay attribute is reported as such, and only that). */
static bool names_overlay(const struct bd_check *ck, const char *id)
{
	const struct bd_check_item *it = item_with_id(ck, id);

	return it && strcmp(it->media_type, "application/smil+xml") == 0;
}

/* A text src, or (textref) an epub:textref of body or seq: the same
 * reference, but only a text makes the overlay read the document. */
static void check_text(struct smil_state *st, xmlNodePtr n, bool textref)
{
	struct bd_check *ck = st->ck;
	char *src = textref ? bd_xml_ns_attr(n, "textref", BD_NS_OPS) : bd_xml_attr(n, "src");
	char *fragment = NULL, *path = NULL, *shown = NULL;
	struct bd_check_item *to;
	struct bd_check_item *first;

	if (!src) {
		if (!textref)
			report_node(st, BD_R_SMIL_STRUCTURE, n, "text has no src; it names the element read aloud");
		goto out;
	}
	if (bd_check_ref_kind(src) != BD_REF_LOCAL || !(path = bd_check_resolve(st->smil->path, src, &fragment)))
		goto out;
	shown = bd_check_printable(src);
	to = bd_check_item_find(ck, path);
	if (!to) {
		report_node(st, BD_R_LINK_BROKEN, n, "text src '%s' names no file of the manifest", shown);
		goto out;
	}
	/* The fragment: an id (scheme-based pointers such as xpointer() or
	 * svgView() are not ids). */
	if (fragment && *fragment && !strchr(fragment, '(') && strcmp(to->media_type, "application/xhtml+xml") == 0 &&
	    to->facts.parsed && to->facts.ids_complete && !bd_map_get2(ck->ids, to->path, fragment))
		report_node(st, BD_R_FRAGMENT_BROKEN, n, "%s '%s': the fragment names no id in '%s'",
			    textref ? "epub:textref" : "text src", shown, to->href);
	if (textref)
		goto out;
	/* Which overlay reads which document, for the media-overlay attributes. */
	first = bd_map_get(st->reader, to->path);
	if (!first) {
		bd_map_add(st->reader, to->path, st->smil);
		if (!to->media_overlay)
			report_node(st, BD_R_MEDIA_OVERLAY_ATTR_MISSING, n,
				    "'%s' is read by this overlay but its manifest item has no media-overlay=\"%s\"",
				    to->href, st->smil->id ? st->smil->id : "");
		else if ((!st->smil->id || strcmp(to->media_overlay, st->smil->id) != 0) && names_overlay(ck, to->media_overlay))
			report_node(st, BD_R_MEDIA_OVERLAY_ATTR_WRONG, n,
				    "'%s' is read by this overlay but its manifest item names the overlay '%s'", to->href,
				    to->media_overlay);
	} else if (first != st->smil) {
		report_node(st, BD_R_MEDIA_OVERLAY_MULTIPLE, n,
			    "'%s' is read by this overlay and by '%s'; a content document has one overlay", to->href,
			    first->href);
	}
out:
	free(shown);
	free(path);
	free(fragment);
	free(src);
}

static void check_audio(struct smil_state *st, xmlNodePtr n)
{
	struct bd_check *ck = st->ck;
	char *src = bd_xml_attr(n, "src"), *fragment = NULL, *path = NULL, *shown = NULL;
	struct bd_check_item *to;

	if (!src) {
		report_node(st, BD_R_SMIL_STRUCTURE, n, "audio has no src");
		goto out;
	}
	shown = bd_check_printable(src);
	if (strchr(src, '#'))
		report_node(st, BD_R_SMIL_AUDIO, n, "audio src '%s' has a fragment; give the clip with clipBegin and clipEnd",
			    shown);
	/* Remote audio makes the overlay need remote-resources (checked with
	 * the other manifest properties). */
	if (bd_check_ref_kind(src) == BD_REF_REMOTE)
		st->smil->facts.remote = true;
	if (bd_check_ref_kind(src) != BD_REF_LOCAL || !(path = bd_check_resolve(st->smil->path, src, &fragment)))
		goto out;
	to = bd_check_item_find(ck, path);
	if (!to)
		report_node(st, BD_R_LINK_BROKEN, n, "audio src '%s' names no file of the manifest", shown);
	else if (!audio_core_type(to->media_type))
		report_node(st, BD_R_SMIL_AUDIO, n,
			    "audio src '%s' is %s; overlays play audio/mpeg, audio/mp4 or audio/ogg (Opus)", shown,
			    to->media_type);
out:
	free(shown);
	free(path);
	free(fragment);
	free(src);
}

/* The children a seq or par may have (Media Overlays 3.3 section 2.4). */
static void check_container(struct smil_state *st, xmlNodePtr n, bool par)
{
	size_t texts = 0, audios = 0, children = 0;

	for (xmlNodePtr c = bd_xml_first_element(n); c; c = bd_xml_next_element(c)) {
		const char *name = (const char *)c->name;

		children++;
		if (!is_smil(c, name)) {
			report_node(st, BD_R_SMIL_STRUCTURE, c, "'%s' is not a SMIL element of media overlays", name);
			continue;
		}
		if (par) {
			if (strcmp(name, "text") == 0) {
				if (++texts == 2)
					report_node(st, BD_R_SMIL_STRUCTURE, c, "a par holds one text, not more");
			} else if (strcmp(name, "audio") == 0) {
				if (++audios == 2)
					report_node(st, BD_R_SMIL_STRUCTURE, c, "a par holds one audio, not more");
			} else {
				report_node(st, BD_R_SMIL_STRUCTURE, c, "'%s' is not allowed in par (only text and audio)",
					    name);
			}
		} else if (strcmp(name, "seq") != 0 && strcmp(name, "par") != 0) {
			report_node(st, BD_R_SMIL_STRUCTURE, c,
				    "'%s' is not allowed in %s; put text and audio in a par", name,
				    bd_xml_is(n, "body") ? "body" : "seq");
		}
	}
	if (par && !texts)
		report_node(st, BD_R_SMIL_STRUCTURE, n, "a par needs a text");
	else if (!par && !children)
		report_node(st, BD_R_SMIL_STRUCTURE, n, "'%s' is empty; it needs a par or seq", (const char *)n->name);
}

static void check_overlay(struct smil_state *st)
{
	xmlDocPtr doc = bd_check_read_xml(st->ck, st->smil->entry, st->smil->display);
	xmlNodePtr root, body = NULL;

	if (!doc)
		return;
	root = xmlDocGetRootElement(doc);
	st->smil->facts.parsed = true;
	if (!is_smil(root, "smil")) {
		report_node(st, BD_R_SMIL_STRUCTURE, root, "the root element is not smil in the namespace " BD_NS_SMIL);
		goto out;
	}
	for (xmlNodePtr c = bd_xml_first_element(root); c; c = bd_xml_next_element(c)) {
		if (is_smil(c, "body") && !body) {
			body = c;
		} else if (is_smil(c, "head") && !body) {
			for (xmlNodePtr h = bd_xml_first_element(c); h; h = bd_xml_next_element(h))
				if (!is_smil(h, "metadata"))
					report_node(st, BD_R_SMIL_STRUCTURE, h, "'%s' is not allowed in head (only metadata)",
						    (const char *)h->name);
		} else {
			report_node(st, BD_R_SMIL_STRUCTURE, c, "'%s' is not allowed in smil (head, then body)",
				    (const char *)c->name);
		}
	}
	if (!body) {
		report_node(st, BD_R_SMIL_STRUCTURE, root, "the overlay has no body");
		goto out;
	}
	for (xmlNodePtr n = body; n; n = bd_check_next(n, body)) {
		if (!is_smil(n, (const char *)n->name))
			continue;
		if (n == body || bd_xml_is(n, "seq")) {
			check_container(st, n, false);
			check_text(st, n, true);
		}
		else if (bd_xml_is(n, "par"))
			check_container(st, n, true);
		else if (bd_xml_is(n, "text"))
			check_text(st, n, false);
		else if (bd_xml_is(n, "audio"))
			check_audio(st, n);
	}
out:
	xmlFreeDoc(doc);
}

static bool active_class_declared(const struct bd_check *ck)
{
	for (size_t i = 0; i < ck->nmetas; i++) {
		const struct bd_check_meta *m = &ck->metas[i];

		if (!m->link && !m->refines && m->property &&
		    (strcmp(m->property, "media:active-class") == 0 ||
		     strcmp(m->property, "media:playback-active-class") == 0))
			return true;
	}
	return false;
}

void bd_check_smil(struct bd_check *ck)
{
	struct smil_state st = { .ck = ck };
	bool active = active_class_declared(ck);

	st.reader = bd_map_new();
	for (size_t i = 0; i < ck->nitems && !ck->over_total; i++) {
		struct bd_check_item *it = &ck->items[i];

		if (it->entry && strcmp(it->media_type, "application/smil+xml") == 0) {
			st.smil = it;
			check_overlay(&st);
		}
	}
	/* The other way round: a media-overlay attribute names an overlay that
	 * reads this document. */
	for (size_t i = 0; i < ck->nitems; i++) {
		struct bd_check_item *it = &ck->items[i];
		struct bd_check_item *mo;

		if (!it->media_overlay)
			continue;
		mo = item_with_id(ck, it->media_overlay);
		if (!mo || strcmp(mo->media_type, "application/smil+xml") != 0) {
			bd_diag_report(ck->diag, BD_R_MEDIA_OVERLAY_TYPE, ck->opf_display, it->line, it->col,
				       "media-overlay=\"%s\" of '%s' names no manifest item of type application/smil+xml",
				       it->media_overlay, it->href);
			continue;
		}
		if (it->path && mo->entry && mo->facts.parsed && !bd_map_get(st.reader, it->path))
			bd_diag_report(ck->diag, BD_R_MEDIA_OVERLAY_UNREFERENCED, ck->opf_display, it->line, it->col,
				       "'%s' names the overlay '%s', which does not read it", it->href, mo->href);
		if (active && it->entry && it->facts.parsed && !it->facts.css)
			bd_diag_report(ck->diag, BD_R_MEDIA_ACTIVE_CLASS_CSS, it->display, 0, 0,
				       "the book declares media:active-class or media:playback-active-class, but this "
				       "document has no CSS to style it; link a style sheet");
	}
	bd_map_free(st.reader);
}
