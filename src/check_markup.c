/* check_markup.c - rules of HTML and EPUB 3.3 on single elements and
 * attributes of content documents, which EPUBCheck checks with its
 * schemas: data-* attribute names, lang beside xml:lang, srcset
 * candidates, fragments on style sheet links and svg use, and the external
 * identifiers a DOCTYPE may carry.  check_content.c calls these while it
 * walks each document once. */
#include "check_internal.h"

#include "alloc.h"
#include "xml.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* HTML: a custom data attribute's name is "data-" and at least one
 * character, XML-compatible, with no ASCII upper-case letters. */
static bool data_name_ok(const char *name)
{
	const char *rest = name + 5;

	if (!*rest)
		return false;
	for (const char *p = rest; *p; p++)
		if ((*p >= 'A' && *p <= 'Z') || *p == ':')
			return false;
	/* XML-compatible: libxml2 parsed it as a name already; "xml" may
	 * not start it (names beginning with xml are reserved). */
	return strncasecmp(name, "xml", 3) != 0;
}

void bd_check_markup_attrs(struct bd_check *ck, const struct bd_check_item *it, const xmlNode *n)
{
	const char *lang = NULL, *xml_lang = NULL;

	for (const xmlAttr *a = n->properties; a; a = a->next) {
		const char *name = (const char *)a->name;
		const xmlNode *t = a->children;
		const char *value = t && !t->next && t->type == XML_TEXT_NODE ? (const char *)t->content : NULL;

		if (!a->ns) {
			if (strncmp(name, "data-", 5) == 0 && !data_name_ok(name))
				bd_diag_report(ck->diag, BD_R_HTML_DATA_ATTRIBUTE, it->display, bd_xml_line(n), bd_xml_col(n),
					       "'%s' is not a valid custom data attribute name (data- and then lower "
					       "case, no colon)",
					       name);
			else if (strcmp(name, "lang") == 0)
				lang = value ? value : "";
		} else if (a->ns->href && strcmp((const char *)a->ns->href, BD_NS_XML) == 0 && strcmp(name, "lang") == 0) {
			xml_lang = value ? value : "";
		}
	}
	if (lang && xml_lang && strcasecmp(lang, xml_lang) != 0)
		bd_diag_report(ck->diag, BD_R_HTML_LANG_MISMATCH, it->display, bd_xml_line(n), bd_xml_col(n),
			       "lang=\"%s\" and xml:lang=\"%s\" differ; HTML wants the same value in both", lang,
			       xml_lang);
}

void bd_check_markup_srcset(struct bd_check *ck, struct bd_check_item *it, const xmlNode *n, const char *srcset)
{
	const char *p = srcset;

	/* HTML's srcset: URL, optional descriptors, comma; a URL may hold commas
	 * but not end with one. */
	for (;;) {
		size_t len;
		char *url;

		p += strspn(p, " \t\n\r\f,");
		if (!*p)
			break;
		size_t end;

		len = end = strcspn(p, " \t\n\r\f");
		while (len > 0 && p[len - 1] == ',')
			len--;
		url = bd_strndup(p, len);
		/* A data: URL may hold commas and white space that split it into
		 * what would read as more candidates: stop rather than guess. */
		if (bd_check_ref_kind(url) == BD_REF_OTHER) {
			free(url);
			break;
		}
		bd_check_content_link(ck, it, bd_xml_line(n), bd_xml_col(n), url, BD_LINK_RESOURCE);
		free(url);
		p += end;
		/* The descriptors, up to the next comma, unless a comma ended the URL. */
		if (len == end)
			p += strcspn(p, ",");
	}
}

void bd_check_markup_stylesheet(struct bd_check *ck, const struct bd_check_item *it, const xmlNode *n,
				const char *rel, const char *href)
{
	if (rel && href && bd_check_has_word(rel, "stylesheet") && strchr(href, '#')) {
		char *shown = bd_check_printable(href);

		bd_diag_report(ck->diag, BD_R_LINK_STYLESHEET_FRAGMENT, it->display, bd_xml_line(n), bd_xml_col(n),
			       "the style sheet link '%s' has a fragment; name the style sheet file alone", shown);
		free(shown);
	}
}

void bd_check_markup_svg_use(struct bd_check *ck, const struct bd_check_item *it, const xmlNode *n, const char *href)
{
	if (href && !strchr(href, '#')) {
		char *shown = bd_check_printable(href);

		bd_diag_report(ck->diag, BD_R_SVG_USE_FRAGMENT, it->display, bd_xml_line(n), bd_xml_col(n),
			       "svg use href '%s' has no fragment; it must name an element (file.svg#id)", shown);
		free(shown);
	}
}

void bd_check_markup_doctype(struct bd_check *ck, const struct bd_check_item *it, const xmlDoc *doc)
{
	/* EPUB 3.3 section 6.1 (XML conformance): the only external
	 * identifiers, each for its media type. */
	static const struct {
		const char *type, *public_id, *system_id;
	} allowed[] = {
		{ "image/svg+xml", "-//W3C//DTD SVG 1.1//EN", "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd" },
		{ "application/mathml+xml", "-//W3C//DTD MathML 3.0//EN", "http://www.w3.org/Math/DTD/mathml3/mathml3.dtd" },
		{ "application/mathml-presentation+xml", "-//W3C//DTD MathML 3.0//EN",
		  "http://www.w3.org/Math/DTD/mathml3/mathml3.dtd" },
		{ "application/mathml-content+xml", "-//W3C//DTD MathML 3.0//EN",
		  "http://www.w3.org/Math/DTD/mathml3/mathml3.dtd" },
		{ "application/x-dtbncx+xml", "-//NISO//DTD ncx 2005-1//EN",
		  "http://www.daisy.org/z3986/2005/ncx-2005-1.dtd" },
	};
	const xmlDtd *dtd = doc ? doc->intSubset : NULL;
	const char *pub, *sys;
	char *shown;

	/* XHTML's own DOCTYPEs are judged elsewhere (EPUB 2 and legacy forms). */
	if (ck->version != 3 || !dtd || (!dtd->ExternalID && !dtd->SystemID) ||
	    strcmp(it->media_type, "application/xhtml+xml") == 0)
		return;
	pub = dtd->ExternalID ? (const char *)dtd->ExternalID : "";
	sys = dtd->SystemID ? (const char *)dtd->SystemID : "";
	for (size_t i = 0; i < sizeof(allowed) / sizeof(*allowed); i++)
		if (strcmp(it->media_type, allowed[i].type) == 0 && strcmp(pub, allowed[i].public_id) == 0 &&
		    strcmp(sys, allowed[i].system_id) == 0)
			return;
	shown = bd_text_shown(*pub ? pub : sys);
	bd_diag_report(ck->diag, BD_R_DOCTYPE_EXTERNAL_ID, it->display, 1, 1,
		       "the DOCTYPE's external identifier '%s' is not one EPUB allows for %s; remove it", shown,
		       it->media_type);
	free(shown);
}
