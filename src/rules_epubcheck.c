/* rules_epubcheck.c - the closest EPUBCheck message ids of each checker rule.
 *
 * Kept apart from the rule table (rules.h) so that a rule's row stays one
 * line that every branch can edit.  Ids are EPUBCheck 5's
 * (MessageBundle.properties); several, closest first, only where one of our
 * rules covers what EPUBCheck splits into several messages.  "none": the
 * rule has no EPUBCheck counterpart (bindery's own limits, Ace's
 * accessibility checks).  test_rules_epubcheck requires an entry for every
 * CHECK and BOTH rule, so a new checker rule needs a line here. */
#include "rules_epubcheck.h"

static const char *const ids[BD_R_COUNT] = {
	/* Reading any file, XML */
	[BD_R_IO] = "PKG-008",
	[BD_R_INTERNAL] = "none",
	[BD_R_NOT_A_FILE] = "PKG-018",
	[BD_R_XML_SYNTAX] = "RSC-016",
	[BD_R_XML] = "RSC-017",
	[BD_R_XML_ENTITY] = "HTM-003",
	[BD_R_XML_DOCTYPE] = "HTM-004",
	[BD_R_XML_EXTERNAL] = "OPF-073",
	[BD_R_ENCODING] = "RSC-028",
	[BD_R_XML_TOO_LARGE] = "none",
	[BD_R_XML_TOO_COMPLEX] = "none",
	[BD_R_DUPLICATE_ID] = "RSC-005",
	[BD_R_LANGUAGE_INVALID] = "OPF-092",
	/* The ZIP and the container */
	[BD_R_EPUB_UNREADABLE] = "PKG-008",
	[BD_R_ZIP_INVALID] = "PKG-004,PKG-003,PKG-008",
	[BD_R_ZIP_STRUCTURE] = "PKG-004",
	[BD_R_ZIP_TOO_LARGE] = "none",
	[BD_R_ZIP_ENTRY_CORRUPT] = "PKG-008",
	[BD_R_MIMETYPE_NOT_FIRST] = "PKG-006",
	[BD_R_MIMETYPE_COMPRESSED] = "PKG-007",
	[BD_R_MIMETYPE_EXTRA_FIELD] = "PKG-005",
	[BD_R_MIMETYPE_CONTENT] = "PKG-007",
	[BD_R_CONTAINER_MISSING] = "RSC-002",
	[BD_R_CONTAINER_INVALID] = "RSC-003,OPF-016,OPF-017",
	[BD_R_ROOTFILE_MISSING] = "OPF-002",
	[BD_R_ROOTFILE_MEDIA_TYPE] = "RSC-003",
	[BD_R_COMPRESSION_METHOD] = "none",
	[BD_R_ENCRYPTION_UNDECLARED] = "RSC-004",
	[BD_R_FILENAME_NOT_UTF8] = "PKG-027",
	[BD_R_FILENAME_FORBIDDEN_CHAR] = "PKG-009",
	[BD_R_FILENAME_TOO_LONG] = "none",
	[BD_R_FILENAME_TRAVERSAL] = "RSC-026",
	[BD_R_FILENAME_DUPLICATE] = "OPF-060",
	/* The package document */
	[BD_R_OPF_INVALID] = "RSC-005,RSC-016",
	[BD_R_PACKAGE_EPUB2] = "none",
	[BD_R_PACKAGE_VERSION] = "OPF-001",
	[BD_R_UNIQUE_IDENTIFIER] = "OPF-030,OPF-048",
	[BD_R_TITLE_MISSING] = "RSC-005",
	[BD_R_LANGUAGE_MISSING] = "RSC-005",
	[BD_R_MODIFIED_MISSING] = "RSC-005",
	[BD_R_MODIFIED_MULTIPLE] = "RSC-005",
	[BD_R_MODIFIED_FORMAT] = "RSC-005",
	[BD_R_MANIFEST_ID_DUPLICATE] = "RSC-005",
	[BD_R_MANIFEST_HREF_DUPLICATE] = "OPF-074",
	[BD_R_MANIFEST_FILE_MISSING] = "RSC-001",
	[BD_R_MANIFEST_HREF_INVALID] = "RSC-026,RSC-020",
	[BD_R_MEDIA_TYPE_MISMATCH] = "OPF-029,PKG-021,MED-004",
	[BD_R_FILE_NOT_IN_MANIFEST] = "OPF-003",
	[BD_R_NAV_MISSING] = "RSC-005",
	[BD_R_NAV_MULTIPLE] = "RSC-005",
	[BD_R_MANIFEST_PROPERTY_MISSING] = "OPF-014",
	[BD_R_MANIFEST_PROPERTY_UNNEEDED] = "OPF-015",
	[BD_R_SPINE_MISSING] = "RSC-005",
	[BD_R_SPINE_IDREF_UNKNOWN] = "OPF-049",
	[BD_R_SPINE_IDREF_DUPLICATE] = "OPF-034",
	[BD_R_SPINE_NO_LINEAR] = "OPF-033",
	[BD_R_SPINE_ITEM_TYPE] = "OPF-043,OPF-042",
	/* Links and resources */
	[BD_R_LINK_BROKEN] = "RSC-007",
	[BD_R_FRAGMENT_BROKEN] = "RSC-012",
	[BD_R_LINK_TARGET_NOT_IN_SPINE] = "RSC-011",
	[BD_R_RESOURCE_NOT_IN_MANIFEST] = "RSC-008",
	[BD_R_REMOTE_RESOURCE_FORBIDDEN] = "RSC-006",
	[BD_R_CHECK_INCOMPLETE] = "none",
	[BD_R_FALLBACK_MISSING] = "RSC-032",
	[BD_R_FALLBACK_CHAIN] = "OPF-045,OPF-040",
	[BD_R_PICTURE_FOREIGN] = "MED-003,MED-007",
	[BD_R_REMOTE_RESOURCES_UNNEEDED] = "OPF-018",
	[BD_R_URL_ABSOLUTE_PATH] = "RSC-026",
	[BD_R_URL_FILE] = "RSC-030",
	[BD_R_MANIFEST_SELF] = "OPF-099",
	[BD_R_MANIFEST_PROPERTY_UNKNOWN] = "OPF-027",
	[BD_R_LINK_MEDIA_TYPE_MISSING] = "OPF-093",
	[BD_R_SPINE_NONLINEAR_UNREACHABLE] = "OPF-096",
	[BD_R_OCF_CONTENT_MODEL] = "RSC-005",
	[BD_R_OBFUSCATION_NOT_FONT] = "PKG-026",
	[BD_R_META_INF_RESOURCE] = "PKG-025",
	/* Content documents and navigation */
	[BD_R_IMG_ALT_MISSING] = "RSC-005",
	[BD_R_IMG_ALT_FIGCAPTION] = "none",
	[BD_R_HTML_LANG_MISSING] = "none",
	[BD_R_NAV_TOC_MISSING] = "RSC-005",
	[BD_R_NAV_TOC_MULTIPLE] = "RSC-005",
	[BD_R_NAV_STRUCTURE] = "RSC-005",
	[BD_R_NAV_LABEL_EMPTY] = "RSC-005",
	[BD_R_NAV_LINK_NOT_IN_SPINE] = "RSC-011,NAV-010,RSC-010",
	[BD_R_NAV_TOC_ORDER] = "NAV-011",
	[BD_R_NAV_LANDMARKS] = "RSC-005",
	[BD_R_NCX_LINK_BROKEN] = "RSC-007,RSC-012",
	[BD_R_NCX_UID_MISMATCH] = "NCX-001",
	/* Accessibility: Ace's checks, not EPUBCheck's */
	[BD_R_A11Y_METADATA_MISSING] = "none",
	[BD_R_A11Y_VALUE_INVALID] = "none",
	[BD_R_A11Y_CONFORMANCE_INVALID] = "none",
	[BD_R_A11Y_CERTIFIER_MISSING] = "none",
	[BD_R_A11Y_ALT_CLAIM] = "none",
	[BD_R_A11Y_VISUAL_MISSING] = "none",
	[BD_R_A11Y_LONGDESC_CLAIM] = "none",
	[BD_R_A11Y_TOC_CLAIM] = "none",
	/* Dictionaries */
	[BD_R_GLOSSARY_LINK_BROKEN] = "RSC-021,OPF-081",
	/* CSS, fixed layout, media overlays, EPUB 2 and markup (check-b) */
	[BD_R_CSS_SYNTAX] = "CSS-008",
	[BD_R_CSS_PROPERTY_FORBIDDEN] = "CSS-001",
	[BD_R_CSS_ENCODING] = "CSS-004,CSS-003",
	[BD_R_CSS_UTF16] = "CSS-003",
	[BD_R_CSS_FONT_FACE_EMPTY] = "CSS-019",
	[BD_R_CSS_FONT_FACE_SRC_EMPTY] = "CSS-002",
	[BD_R_FXL_VIEWPORT_MISSING] = "HTM-046",
	[BD_R_FXL_VIEWPORT_SYNTAX] = "HTM-047",
	[BD_R_FXL_VIEWPORT_DIMENSION] = "HTM-056,HTM-057",
	[BD_R_FXL_VIEWPORT_DUPLICATE] = "HTM-059",
	[BD_R_FXL_SVG_VIEWBOX] = "HTM-048",
	[BD_R_OPF2_SCHEMA] = "RSC-005",
	[BD_R_EPUB2_TOC] = "OPF-050,RSC-005,NCX-002",
	[BD_R_GUIDE_REFERENCE] = "OPF-031,OPF-032,RSC-007",
	[BD_R_XHTML11_CONTENT] = "RSC-005",
	[BD_R_NCX_SCHEMA] = "RSC-005",
	[BD_R_NCX_PLAY_ORDER] = "RSC-005",
	[BD_R_NCX_LINK_TYPE] = "RSC-010",
	[BD_R_SMIL_STRUCTURE] = "RSC-005",
	[BD_R_SMIL_AUDIO] = "MED-005,MED-014",
	[BD_R_MEDIA_OVERLAY_TYPE] = "RSC-005",
	[BD_R_MEDIA_OVERLAY_ATTR_MISSING] = "MED-010",
	[BD_R_MEDIA_OVERLAY_ATTR_WRONG] = "MED-012",
	[BD_R_MEDIA_OVERLAY_MULTIPLE] = "MED-011",
	[BD_R_MEDIA_OVERLAY_UNREFERENCED] = "MED-013",
	[BD_R_MEDIA_ACTIVE_CLASS_CSS] = "CSS-030",
	[BD_R_HTML_DATA_ATTRIBUTE] = "HTM-061",
	[BD_R_HTML_LANG_MISMATCH] = "RSC-005",
	[BD_R_LINK_STYLESHEET_FRAGMENT] = "RSC-013",
	[BD_R_SVG_USE_FRAGMENT] = "RSC-015",
	[BD_R_DOCTYPE_EXTERNAL_ID] = "OPF-073",
};

const char *bd_rule_epubcheck(enum bd_rule rule)
{
	if (rule <= BD_R_NONE || rule >= BD_R_COUNT)
		return NULL;
	return ids[rule];
}

void bd_rules_list_epubcheck(FILE *out)
{
	static const char *const names[] = { "note", "warning", "error", "warning*" };
	bool a11y = false;

	for (int r = BD_R_NONE + 1; r < BD_R_COUNT; r++) {
		const struct bd_rule_info *info = bd_rule_get((enum bd_rule)r);
		const char *id = ids[r];

		if (!(info->scope & BD_RSCOPE_CHECK))
			continue;
		if (!id || !*id || id[0] == 'n')
			id = "-";
		fprintf(out, "%-28s %-9s %-8s %s\n", info->name, names[info->severity], id, info->text);
		a11y |= info->severity == BD_RS_A11Y;
	}
	if (a11y)
		fputs("(* an error with --werror)\n", out);
}
