/* check_resources.c - foreign resources and fallbacks, remote resources,
 * reachability (EPUB 3.3 sections 3.2 to 3.6).
 *
 * A publication resource that is not a core media type (a "foreign"
 * resource) may be used where a reading system must render it (an image,
 * audio, an embedded object) only with a fallback: in the markup (the
 * sources of audio, the content of object) or in the manifest (a fallback
 * chain that reaches a core media type).  The chains are resolved once,
 * after the package, so that each use costs one lookup.  Remote resources:
 * only audio, video and fonts may be; a remote manifest item of another
 * type that no markup uses is an error unless a script may fetch it. */
#include "check_internal.h"

#include "alloc.h"
#include "xml.h"

#include <ctype.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* ---- media types ------------------------------------------------------------ */

/* type without parameters and white space, lower case, into buf. */
static const char *essence(const char *type, char *buf, size_t size)
{
	size_t n = 0;

	while (*type == ' ' || *type == '\t')
		type++;
	for (; *type && *type != ';' && *type != ' ' && *type != '\t' && n + 1 < size; type++)
		buf[n++] = (char)tolower((unsigned char)*type);
	buf[n] = '\0';
	return buf;
}

/* audio/ogg with codecs=opus, the one core type with a parameter. */
static bool ogg_opus(const char *type)
{
	const char *p = strchr(type, ';');

	if (!p)
		return false;
	p++;
	while (*p == ' ' || *p == '\t')
		p++;
	return strncasecmp(p, "codecs=opus", 11) == 0;
}

static bool core_image(const char *e)
{
	static const char *const images[] = { "image/gif", "image/jpeg", "image/png", "image/svg+xml",
					      "image/webp" };

	for (size_t i = 0; i < sizeof(images) / sizeof(*images); i++)
		if (strcmp(e, images[i]) == 0)
			return true;
	return false;
}

bool bd_check_core_media_type(const char *type)
{
	static const char *const core[] = {
		"audio/mpeg", "audio/mp4", "text/css", "font/ttf", "font/otf", "font/woff", "font/woff2",
		"application/font-sfnt", "application/font-woff", "application/vnd.ms-opentype",
		"application/x-font-ttf", "application/xhtml+xml", "application/javascript",
		"application/ecmascript", "text/javascript", "application/x-dtbncx+xml",
		"application/smil+xml", "application/pls+xml",
	};
	char buf[128];
	const char *e;

	if (!type)
		return false;
	e = essence(type, buf, sizeof(buf));
	if (core_image(e) || strncmp(e, "video/", 6) == 0)
		return true;
	if (strcmp(e, "audio/ogg") == 0)
		return ogg_opus(type);
	for (size_t i = 0; i < sizeof(core) / sizeof(*core); i++)
		if (strcmp(e, core[i]) == 0)
			return true;
	return false;
}

bool bd_check_file_url(const char *href)
{
	href += strspn(href, " \t\r\n\f");
	return strncasecmp(href, "file:", 5) == 0;
}

struct bd_check_item *bd_check_remote_item(const struct bd_check *ck, const char *href)
{
	size_t n = strcspn(href, "#");
	struct bd_check_item *it;
	char *bare;

	if (!ck->item_by_remote)
		return NULL;
	if (!href[n])
		return bd_map_get(ck->item_by_remote, href);
	bare = bd_strndup(href, n);
	it = bd_map_get(ck->item_by_remote, bare);
	free(bare);
	return it;
}

/* ---- fallback chains --------------------------------------------------------- */

static struct bd_check_item *fallback_of(const struct bd_check *ck, const struct bd_check_item *it)
{
	return it->fallback && ck->item_by_id ? bd_map_get(ck->item_by_id, it->fallback) : NULL;
}

/* Each chain is walked once: items are marked while on the walk (1) and
 * when resolved (2), so loops are found and long chains cost O(n). */
void bd_check_fallbacks(struct bd_check *ck)
{
	unsigned char *state = ck->nitems ? bd_calloc(ck->nitems, 1) : NULL;
	struct bd_check_item **walk = ck->nitems ? bd_calloc(ck->nitems, sizeof(*walk)) : NULL;

	for (size_t i = 0; i < ck->nitems; i++) {
		struct bd_check_item *it = &ck->items[i];
		size_t n = 0;
		bool ok = false;

		if (state[i] || !it->fallback)
			continue;
		/* Walk until a core type, a resolved item, a missing id or a loop. */
		for (struct bd_check_item *cur = it; cur;) {
			size_t k = (size_t)(cur - ck->items);
			struct bd_check_item *next;

			if (state[k] == 2) {
				ok = cur->core_fallback || bd_check_core_media_type(cur->media_type);
				break;
			}
			if (state[k] == 1) {
				bd_diag_report(ck->diag, BD_R_FALLBACK_CHAIN, ck->opf_display, cur->line, cur->col,
					      "the fallback chain of item '%s' loops back to it", cur->id ? cur->id : "");
				break;
			}
			state[k] = 1;
			walk[n++] = cur;
			if (cur != it && bd_check_core_media_type(cur->media_type)) {
				ok = true;
				break;
			}
			next = fallback_of(ck, cur);
			if (!next && cur->fallback)
				bd_diag_report(ck->diag, BD_R_FALLBACK_CHAIN, ck->opf_display, cur->line, cur->col,
					      "the fallback '%s' of item '%s' names no manifest item", cur->fallback,
					      cur->id ? cur->id : "");
			cur = next;
		}
		/* Backwards: an item falls back to a core type when the next does
		 * or the next is one. */
		while (n > 0) {
			struct bd_check_item *cur = walk[--n];

			cur->core_fallback = ok;
			state[cur - ck->items] = 2;
			ok = ok || bd_check_core_media_type(cur->media_type);
		}
	}
	free(walk);
	free(state);
}

/* ---- uses of foreign resources ----------------------------------------------- */

/* The manifest item href names from from, remote or local; NULL when none. */
static const struct bd_check_item *target_item(struct bd_check *ck, const struct bd_check_item *from,
					       const char *href)
{
	const struct bd_check_item *to = NULL;
	char *path;

	if (bd_check_ref_kind(href) == BD_REF_REMOTE)
		return bd_check_remote_item(ck, href);
	if (bd_check_ref_kind(href) != BD_REF_LOCAL)
		return NULL;
	path = bd_check_resolve(from->path, href, NULL);
	to = bd_check_item_find(ck, path);
	free(path);
	return to;
}

/* bd_check_target_type, and in *to the manifest item (NULL for a data: URL). */
static const char *target(struct bd_check *ck, const struct bd_check_item *from, const char *href, char *buf,
			  size_t size, const struct bd_check_item **to)
{
	*to = NULL;
	if (bd_check_ref_kind(href) == BD_REF_OTHER) {
		while (*href == ' ' || *href == '\t' || *href == '\n' || *href == '\r')
			href++;
		if (strncasecmp(href, "data:", 5) != 0)
			return NULL;
		/* data:[type][;params][;base64],...; no type is text/plain. */
		href += 5;
		essence(href, buf, size);
		if (strchr(buf, ','))
			*strchr(buf, ',') = '\0';
		if (!*buf)
			snprintf(buf, size, "text/plain");
		return buf;
	}
	*to = target_item(ck, from, href);
	if (!*to)
		return NULL;
	snprintf(buf, size, "%s", (*to)->media_type);
	return buf;
}

const char *bd_check_target_type(struct bd_check *ck, const struct bd_check_item *from, const char *href,
				 char *buf, size_t size)
{
	const struct bd_check_item *to;

	return target(ck, from, href, buf, size, &to);
}

void bd_check_foreign_use(struct bd_check *ck, struct bd_check_item *from, unsigned line, unsigned col,
			  const char *href, bool intrinsic)
{
	char buf[128];
	const char *type;
	const struct bd_check_item *to;
	char *shown;

	if (intrinsic || !href)
		return;
	/* One resolution gives the type and the item whose fallback counts. */
	type = target(ck, from, href, buf, sizeof(buf), &to);
	if (!type || bd_check_core_media_type(type))
		return;
	if (to && to->core_fallback)
		return;
	shown = bd_check_printable(href);
	bd_diag_report(ck->diag, BD_R_FALLBACK_MISSING, from->display, line, col,
		      "'%s' is %s, not a core media type, and has no fallback; give its manifest item a "
		      "fallback to a core type, or use a core type",
		      strlen(shown) > 80 ? "a data: URL" : shown, type);
	free(shown);
}

void bd_check_picture_use(struct bd_check *ck, struct bd_check_item *from, unsigned line, unsigned col,
			  const char *href, bool source, const char *type_attr)
{
	char buf[128], ebuf[128];
	const char *type = bd_check_target_type(ck, from, href, buf, sizeof(buf));
	char *shown;

	if (!type || core_image(essence(type, ebuf, sizeof(ebuf))))
		return;
	if (source && type_attr && type_attr[strspn(type_attr, " \t\r\n")])
		return;
	shown = bd_check_printable(href);
	bd_diag_report(ck->diag, BD_R_PICTURE_FOREIGN, from->display, line, col,
		      source ? "a picture source names '%s' (%s) with no type attribute; say its type, or use a "
			       "core image type"
			     : "the img of a picture names '%s' (%s); it must be a core image type (GIF, JPEG, PNG, "
			       "SVG, WebP)",
		      strlen(shown) > 80 ? "a data: URL" : shown, type);
	free(shown);
}

static bool is_audio(const char *type)
{
	return type && strncasecmp(type, "audio/", 6) == 0;
}

void bd_check_media_uses(struct bd_check *ck, struct bd_check_item *from, xmlNodePtr media)
{
	char buf[128];
	char *src = bd_xml_attr(media, "src");
	bool intrinsic = false;

	/* A core source among the sources is the fallback of the others. */
	for (xmlNodePtr c = bd_xml_first_element(media); c && !intrinsic; c = bd_xml_next_element(c)) {
		char *s;
		const char *type;

		if (!bd_check_is(c, "source", BD_NS_XHTML))
			continue;
		s = bd_xml_attr(c, "src");
		type = s ? bd_check_target_type(ck, from, s, buf, sizeof(buf)) : NULL;
		intrinsic = type && bd_check_core_media_type(type);
		free(s);
	}
	/* Only audio needs one: video has no core types and is exempt. */
	if (src && is_audio(bd_check_target_type(ck, from, src, buf, sizeof(buf))))
		bd_check_foreign_use(ck, from, bd_xml_line(media), bd_xml_col(media), src, false);
	for (xmlNodePtr c = bd_xml_first_element(media); c; c = bd_xml_next_element(c)) {
		char *s;

		if (!bd_check_is(c, "source", BD_NS_XHTML))
			continue;
		s = bd_xml_attr(c, "src");
		if (s && is_audio(bd_check_target_type(ck, from, s, buf, sizeof(buf))))
			bd_check_foreign_use(ck, from, bd_xml_line(c), bd_xml_col(c), s, intrinsic);
		free(s);
	}
	free(src);
}

/* ---- after content --------------------------------------------------------- */

bool bd_check_remote_allowed(const char *type)
{
	char buf[64];
	const char *e = essence(type, buf, sizeof(buf));

	return strncmp(e, "audio/", 6) == 0 || strncmp(e, "video/", 6) == 0 || strncmp(e, "font/", 5) == 0 ||
	       strcmp(e, "application/x-shockwave-flash") == 0 ||
	       strncmp(e, "application/font-", 17) == 0 || strcmp(e, "application/vnd.ms-opentype") == 0 ||
	       strcmp(e, "application/x-font-ttf") == 0;
}

void bd_check_resources(struct bd_check *ck)
{
	bool scripted = false;

	for (size_t i = 0; i < ck->nitems; i++)
		scripted |= ck->items[i].facts.script;
	for (size_t i = 0; i < ck->nitems; i++) {
		struct bd_check_item *it = &ck->items[i];

		if (it->remote && !bd_check_remote_allowed(it->media_type)) {
			if (it->spine_index >= 0)
				bd_diag_report(ck->diag, BD_R_REMOTE_RESOURCE_FORBIDDEN, ck->opf_display, it->line, it->col,
					      "the spine item '%s' is remote; content documents must be in the container",
					      it->href);
			/* A script may fetch it: then it cannot be judged. */
			else if (!it->referenced && !scripted)
				bd_diag_report(ck->diag, BD_R_REMOTE_RESOURCE_FORBIDDEN, ck->opf_display, it->line, it->col,
					      "the manifest item '%s' is remote and %s; only audio, video and fonts may be "
					      "outside the container",
					      it->href, it->media_type);
		}
		/* Non-linear content must be reachable: a hyperlink (the nav's
		 * included) or, maybe, a script. */
		if (it->spine_index >= 0 && !ck->spine[it->spine_index].linear && !it->hyperlinked && !scripted &&
		    it->entry && it->facts.parsed)
			bd_diag_report(ck->diag, BD_R_SPINE_NONLINEAR_UNREACHABLE, ck->opf_display, it->line, it->col,
				      "the non-linear spine item '%s' is not reached by any hyperlink; link to it "
				      "(from the navigation document or a content document)",
				      it->href);
	}
	/* A package link to a resource in the container says what it is. */
	for (size_t i = 0; i < ck->nmetas; i++) {
		const struct bd_check_meta *m = &ck->metas[i];

		if (m->link && (!m->media_type || !*m->media_type) && *m->value &&
		    bd_check_ref_kind(m->value) == BD_REF_LOCAL)
			bd_diag_report(ck->diag, BD_R_LINK_MEDIA_TYPE_MISSING, ck->opf_display, m->line, m->col,
				      "the link to '%s' in the container has no media-type attribute", m->value);
	}
}

/* ---- manifest properties --------------------------------------------------- */

void bd_check_item_properties(struct bd_check *ck, const struct bd_check_item *it)
{
	/* EPUB 3.3's, and those of Region-Based Navigation, Dictionaries and
	 * Glossaries, and Indexes. */
	static const char *const known[] = { "cover-image", "mathml", "nav", "remote-resources", "scripted",
					     "svg", "switch", "data-nav", "dictionary", "glossary", "index",
					     "search-key-map" };
	const char *p = it->properties;

	while (p && *p) {
		size_t n;
		bool ok = false;

		p += strspn(p, " \t\r\n");
		n = strcspn(p, " \t\r\n");
		if (!n)
			break;
		for (size_t i = 0; i < sizeof(known) / sizeof(*known) && !ok; i++)
			ok = strlen(known[i]) == n && strncmp(p, known[i], n) == 0;
		/* Prefixed properties belong to other vocabularies (checked with
		 * the prefixes); rendition's has none for manifest items. */
		if (!ok && memchr(p, ':', n) && !(n > 10 && strncmp(p, "rendition:", 10) == 0))
			ok = true;
		if (!ok)
			bd_diag_report(ck->diag, BD_R_MANIFEST_PROPERTY_UNKNOWN, ck->opf_display, it->line, it->col,
				      "the manifest item property '%.*s' is not defined for manifest items (EPUB 3.3 "
				      "has cover-image, mathml, nav, remote-resources, scripted, svg, switch)",
				      (int)n, p);
		p += n;
	}
}
