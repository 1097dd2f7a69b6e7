/* check_epub2.c - EPUB 2.0.1 packages (OPF 2.0.1) and NCX schemas.
 *
 * An EPUB 2 package goes through the same manifest and spine rules as an
 * EPUB 3 one (check_package.c); this file adds what differs: the OPF 2.0.1
 * schema (schemas/opf20.rng, our own, embedded), its metadata (title,
 * language and identifier required, no dcterms:modified), the guide's
 * references, and the spine's toc, which must name the NCX.  The NCX is
 * validated against schemas/ncx.rng.  The schemas are compiled when an
 * EPUB 2 book needs them and freed after (a millisecond), so that checking
 * EPUB 3 pays nothing. */
#include "check_internal.h"

#include "alloc.h"
#include "lang.h"
#include "xml.h"

#include <libxml/relaxng.h>
#include <stdlib.h>
#include <string.h>

extern const char bd_schema_opf20_rng[];
extern const size_t bd_schema_opf20_rng_len;
extern const char bd_schema_ncx_rng[];
extern const size_t bd_schema_ncx_rng_len;

struct schema_run {
	struct bd_check *ck;
	const char *display;
	enum bd_rule rule;
	const xmlNode *mute[2]; /* errors on these elements and inside them are known already */
	bool reported;
	unsigned last_line, last_col; /* of the last message */
};

static bool within(const xmlNode *n, const xmlNode *ancestor)
{
	for (; n; n = n->parent)
		if (n == ancestor)
			return true;
	return false;
}

static void on_schema_error(void *data, xmlErrorPtr err)
{
	struct schema_run *r = data;
	const xmlNode *node = err->node;
	char *text;
	size_t n;

	if (err->level == XML_ERR_NONE || (err->domain != XML_FROM_RELAXNGV && err->domain != XML_FROM_RELAXNGP))
		return;
	/* After a specific complaint, RELAX NG blames the ancestors too, and an
	 * interleave restates what its branches said. */
	if (r->reported && (err->code == XML_RELAXNG_ERR_CONTENTVALID || err->code == XML_RELAXNG_ERR_INTERSEQ))
		return;
	for (int k = 0; k < 2; k++)
		if (r->mute[k] && node && within(node, r->mute[k]))
			return;
	/* One message per element, the first, which names the cause; none
	 * without a place once one was given. */
	if (r->reported && (!node || (bd_xml_line(node) == r->last_line && bd_xml_col(node) == r->last_col)))
		return;
	/* The OEBPS 1.2 form of metadata is a rarely meant branch. */
	if (err->message && strstr(err->message, "dc-metadata"))
		return;
	text = bd_strdup(err->message ? err->message : "does not match the schema");
	for (char *c = text; *c; c++)
		if (*c == '\n' || *c == '\r')
			*c = ' ';
	n = strlen(text);
	while (n > 0 && (text[n - 1] == ' ' || text[n - 1] == '.'))
		text[--n] = '\0';
	bd_diag_report(r->ck->diag, r->rule, r->display, node ? bd_xml_line(node) : (unsigned)(err->line > 0 ? err->line : 0),
		       node ? bd_xml_col(node) : 0, "%s", text);
	r->reported = true;
	r->last_line = node ? bd_xml_line(node) : 0;
	r->last_col = node ? bd_xml_col(node) : 0;
	free(text);
}

static void silent(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

/* Validates doc against an embedded schema; messages under rule. */
static bool validate(struct bd_check *ck, xmlDocPtr doc, const char *display, const char *rng, size_t rng_len,
		     enum bd_rule rule, const xmlNode *mute, const xmlNode *mute2)
{
	struct schema_run r = { .ck = ck, .display = display, .rule = rule, .mute = { mute, mute2 } };
	xmlRelaxNGParserCtxtPtr pctxt = NULL;
	xmlRelaxNGPtr schema = NULL;
	xmlRelaxNGValidCtxtPtr vctxt = NULL;
	int rc = -1;

	xmlSetGenericErrorFunc(NULL, silent);
	pctxt = xmlRelaxNGNewMemParserCtxt(rng, (int)rng_len);
	if (pctxt)
		schema = xmlRelaxNGParse(pctxt);
	if (schema)
		vctxt = xmlRelaxNGNewValidCtxt(schema);
	if (!vctxt) {
		bd_diag_report(ck->diag, BD_R_INTERNAL, display, 0, 0, "the embedded schema does not compile");
		goto out;
	}
	xmlRelaxNGSetValidStructuredErrors(vctxt, on_schema_error, &r);
	rc = xmlRelaxNGValidateDoc(vctxt, doc);
	if (rc != 0 && !r.reported && !mute && !mute2)
		bd_diag_report(ck->diag, rule, display, 0, 0, "the document does not match its schema");
out:
	if (vctxt)
		xmlRelaxNGFreeValidCtxt(vctxt);
	if (schema)
		xmlRelaxNGFree(schema);
	if (pctxt)
		xmlRelaxNGFreeParserCtxt(pctxt);
	return rc == 0;
}

static bool is_dc(const xmlNode *n, const char *name)
{
	return bd_check_is(n, name, BD_NS_DC);
}

/* Title, language and identifier, and the unique identifier; true when all
 * is well (else the schema's words on metadata are muted). */
static bool check_metadata(struct bd_check *ck, xmlNodePtr package, xmlNodePtr metadata)
{
	char *uid_ref = bd_xml_attr(package, "unique-identifier");
	const char *disp = ck->opf_display;
	size_t titles = 0, languages = 0;
	bool ok = true;
	xmlNodePtr dc = metadata;

	/* OEBPS 1.2 style: the Dublin Core sits in dc-metadata. */
	for (xmlNodePtr n = bd_xml_first_element(metadata); n; n = bd_xml_next_element(n))
		if (bd_check_is(n, "dc-metadata", BD_NS_OPF))
			dc = n;
	for (xmlNodePtr n = bd_xml_first_element(dc); n; n = bd_xml_next_element(n)) {
		if (is_dc(n, "identifier")) {
			char *id = bd_xml_attr(n, "id");

			if (uid_ref && id && strcmp(id, uid_ref) == 0 && !ck->unique_id)
				ck->unique_id = bd_xml_text(n);
			free(id);
		} else if (is_dc(n, "title")) {
			char *t = bd_xml_text(n);

			titles += *t != '\0';
			free(t);
		} else if (is_dc(n, "language")) {
			languages++;
			bd_check_dc_language(ck, n);
		}
	}
	if (uid_ref && !ck->unique_id) {
		bd_diag_report(ck->diag, BD_R_UNIQUE_IDENTIFIER, disp, bd_xml_line(package), bd_xml_col(package),
			       "unique-identifier '%s' names no dc:identifier", uid_ref);
		ok = false;
	} else if (ck->unique_id && !*ck->unique_id) {
		bd_diag_report(ck->diag, BD_R_UNIQUE_IDENTIFIER, disp, bd_xml_line(package), bd_xml_col(package),
			       "the unique identifier is empty");
		ok = false;
	}
	if (!titles) {
		bd_diag_report(ck->diag, BD_R_TITLE_MISSING, disp, bd_xml_line(metadata), bd_xml_col(metadata),
			       "the package has no non-empty dc:title");
		ok = false;
	}
	if (!languages) {
		bd_diag_report(ck->diag, BD_R_LANGUAGE_MISSING, disp, bd_xml_line(metadata), bd_xml_col(metadata),
			       "the package has no dc:language");
		ok = false;
	}
	free(uid_ref);
	return ok;
}

void bd_check_epub2_package(struct bd_check *ck, xmlDocPtr doc)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	xmlNodePtr metadata = bd_xml_child(root, "metadata"), spine = bd_xml_child(root, "spine");
	bool meta_ok = metadata ? check_metadata(ck, root, metadata) : true;
	bool toc = !spine || xmlHasProp(spine, (const xmlChar *)"toc");

	/* The schema would only say that spine "failed to validate attributes". */
	if (!toc)
		bd_diag_report(ck->diag, BD_R_EPUB2_TOC, ck->opf_display, bd_xml_line(spine), bd_xml_col(spine),
			       "the spine has no toc attribute; EPUB 2 needs one naming the NCX");
	validate(ck, doc, ck->opf_display, bd_schema_opf20_rng, bd_schema_opf20_rng_len, BD_R_OPF2_SCHEMA,
		 meta_ok ? NULL : metadata, toc ? NULL : spine);
}

bool bd_check_epub2_content_type(const struct bd_check_item *it)
{
	static const char *const types[] = { "application/xhtml+xml", "application/x-dtbook+xml",
					     "text/x-oeb1-document", "image/svg+xml" };

	for (size_t i = 0; i < sizeof(types) / sizeof(*types); i++)
		if (strcmp(it->media_type, types[i]) == 0)
			return true;
	/* A fallback leads to a content document (the fallback rules check it). */
	return it->fallback != NULL;
}

void bd_check_epub2_links(struct bd_check *ck, xmlDocPtr doc)
{
	xmlNodePtr root = xmlDocGetRootElement(doc);
	xmlNodePtr spine = bd_xml_child(root, "spine"), guide = bd_xml_child(root, "guide");
	char *raw = spine ? bd_xml_attr(spine, "toc") : NULL;
	char *toc = raw ? bd_text_collapse(raw) : NULL;

	/* The toc attribute (required by the schema) must name the NCX. */
	if (toc) {
		struct bd_check_item *ncx = bd_map_get(ck->item_by_id, toc);

		if (!ncx || strcmp(ncx->media_type, "application/x-dtbncx+xml") != 0)
			bd_diag_report(ck->diag, BD_R_EPUB2_TOC, ck->opf_display, bd_xml_line(spine), bd_xml_col(spine),
				       "the spine's toc '%s' names no manifest item of type application/x-dtbncx+xml", toc);
		else
			ck->ncx = ncx;
	}
	free(toc);
	free(raw);
	/* Each guide reference names a manifest item. */
	for (xmlNodePtr n = bd_xml_first_element(guide); n; n = bd_xml_next_element(n)) {
		char *href = bd_xml_is(n, "reference") ? bd_xml_attr(n, "href") : NULL;
		char *path = href && bd_check_ref_kind(href) == BD_REF_LOCAL ? bd_check_resolve(ck->opf_path, href, NULL) : NULL;

		const struct bd_check_item *to = path ? bd_check_item_find(ck, path) : NULL;

		if (path && (!to || !bd_check_epub2_content_type(to))) {
			char *shown = bd_check_printable(href);

			if (!to)
				bd_diag_report(ck->diag, BD_R_GUIDE_REFERENCE, ck->opf_display, bd_xml_line(n), bd_xml_col(n),
					       "the guide reference '%s' names no manifest item", shown);
			else
				bd_diag_report(ck->diag, BD_R_GUIDE_REFERENCE, ck->opf_display, bd_xml_line(n), bd_xml_col(n),
					       "the guide reference '%s' names %s, not a content document", shown,
					       to->media_type);
			free(shown);
		}
		free(path);
		free(href);
	}
}

bool bd_check_ncx_schema(struct bd_check *ck, xmlDocPtr doc, const char *display)
{
	return validate(ck, doc, display, bd_schema_ncx_rng, bd_schema_ncx_rng_len, BD_R_NCX_SCHEMA, NULL, NULL);
}
