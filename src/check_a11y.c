/* check_a11y.c - accessibility rules (EPUB Accessibility 1.1) and glossaries.
 *
 * Checks the schema.org accessibility metadata in the package: present,
 * values from their vocabularies, a well-formed conformance claim with its
 * certifier; then compares the claims with what the content rule sets
 * found (alt text, images, long descriptions, a toc).  Findings are
 * warnings, errors under --werror.  Also checks that a search key map
 * (EPUB Dictionaries and Glossaries) points into glossary documents. */
#include "check_internal.h"

#include "alloc.h"
#include "xml.h"

#include <stdlib.h>
#include <string.h>

static const char *const access_modes[] = {
	"auditory", "chartOnVisual", "chemOnVisual", "colorDependent", "diagramOnTactile", "mathOnVisual",
	"musicOnVisual", "tactile", "textOnVisual", "textual", "visual", NULL,
};

static const char *const hazards[] = {
	"flashing", "noFlashingHazard", "motionSimulation", "noMotionSimulationHazard", "sound",
	"noSoundHazard", "none", "unknown", NULL,
};

/* The schema.org list; "glossary" is deliberately absent (not a feature). */
static const char *const features[] = {
	"alternativeText", "annotations", "ARIA", "bookmarks", "citations", "describedMath",
	"displayTransformability", "highContrastAudio", "highContrastDisplay", "index", "largePrint",
	"latex", "longDescription", "MathML", "none", "printPageNumbers", "pageBreakMarkers",
	"pageNavigation", "readingOrder", "rubyAnnotations", "signLanguage", "structuralNavigation",
	"synchronizedAudioText", "tableOfContents", "taggedPDF", "tactileGraphic", "tactileObject",
	"timingControl", "transcript", "ttsMarkup", "unlocked", "fullRubyAnnotations", "horizontalWriting",
	"verticalWriting", "withAdditionalWordSegmentation", "withoutAdditionalWordSegmentation", "unknown",
	NULL,
};

static const char *const conformance[] = {
	"EPUB Accessibility 1.1 - WCAG 2.0 Level A",
	"EPUB Accessibility 1.1 - WCAG 2.0 Level AA",
	"EPUB Accessibility 1.1 - WCAG 2.0 Level AAA",
	"EPUB Accessibility 1.1 - WCAG 2.1 Level A",
	"EPUB Accessibility 1.1 - WCAG 2.1 Level AA",
	"EPUB Accessibility 1.1 - WCAG 2.1 Level AAA",
	"EPUB Accessibility 1.1 - WCAG 2.2 Level A",
	"EPUB Accessibility 1.1 - WCAG 2.2 Level AA",
	"EPUB Accessibility 1.1 - WCAG 2.2 Level AAA",
	"http://www.idpf.org/epub/a11y/accessibility-20170105.html#wcag-a",
	"http://www.idpf.org/epub/a11y/accessibility-20170105.html#wcag-aa",
	"http://www.idpf.org/epub/a11y/accessibility-20170105.html#wcag-aaa",
	NULL,
};

static bool in_list(const char *const *list, const char *s, size_t n)
{
	for (; *list; list++)
		if (strlen(*list) == n && strncmp(*list, s, n) == 0)
			return true;
	return false;
}

/* Trims white space off value[0..*n) in place; returns the start. */
static const char *trimmed(const char *s, size_t *n)
{
	while (*n > 0 && strchr(" \t\r\n", *s))
		s++, (*n)--;
	while (*n > 0 && strchr(" \t\r\n", s[*n - 1]))
		(*n)--;
	return s;
}

static void finding(struct bd_check *ck, const struct bd_check_meta *m, enum bd_rule rule, const char *text)
{
	bd_diag_report(ck->diag, rule, ck->opf_display, m ? m->line : 0, m ? m->col : 0, "%s", text);
}

/* Checks a value, or each comma-separated part when sep is ',', against list. */
static void check_value(struct bd_check *ck, const struct bd_check_meta *m, const char *const *list,
			bool comma_list)
{
	const char *p = m->value;

	for (;;) {
		size_t n = comma_list ? strcspn(p, ",") : strlen(p);
		size_t k = n;
		const char *v = trimmed(p, &k);

		if (!in_list(list, v, k)) {
			char *bad = bd_strndup(v, k);
			char *shown = bd_check_printable(bad);

			bd_diag_report(ck->diag, BD_R_A11Y_VALUE_INVALID, ck->opf_display, m->line, m->col, "'%s' is not a valid value of %s", shown, m->property);
			free(shown);
			free(bad);
		}
		if (!p[n])
			break;
		p += n + 1;
	}
}

static bool claims(const struct bd_check *ck, const char *property, const char *value)
{
	for (size_t i = 0; i < ck->nmetas; i++) {
		const struct bd_check_meta *m = &ck->metas[i];
		size_t n = strlen(m->value);
		const char *v = trimmed(m->value, &n);

		if (!m->refines && strcmp(m->property, property) == 0 && strlen(value) == n &&
		    strncmp(v, value, n) == 0)
			return true;
	}
	return false;
}

void bd_check_a11y(struct bd_check *ck)
{
	static const char *const required[] = {
		"schema:accessMode", "schema:accessModeSufficient", "schema:accessibilityFeature",
		"schema:accessibilityHazard", "schema:accessibilitySummary",
	};
	size_t found[5] = { 0 }, conforms = 0, conform_kind[2] = { 0 }, certified = 0;
	const struct bd_check_meta *claim = NULL;

	for (size_t i = 0; i < ck->nmetas; i++) {
		const struct bd_check_meta *m = &ck->metas[i];

		/* The certifier may refine the claim it certifies. */
		if (strcmp(m->property, "a11y:certifiedBy") == 0)
			certified++;
		if (m->refines)
			continue;
		for (int k = 0; k < 5; k++)
			found[k] += strcmp(m->property, required[k]) == 0;
		if (strcmp(m->property, "schema:accessMode") == 0)
			check_value(ck, m, access_modes, false);
		else if (strcmp(m->property, "schema:accessModeSufficient") == 0)
			check_value(ck, m, access_modes, true);
		else if (strcmp(m->property, "schema:accessibilityFeature") == 0)
			check_value(ck, m, features, false);
		else if (strcmp(m->property, "schema:accessibilityHazard") == 0)
			check_value(ck, m, hazards, false);
		else if (strcmp(m->property, "dcterms:conformsTo") == 0) {
			size_t n = strlen(m->value);
			const char *v = trimmed(m->value, &n);

			/* A 1.0 link beside a 1.1 meta is the recommended way to
			 * serve older reading systems; two of one kind is not. */
			if (conforms++ == 0)
				claim = m;
			if (conform_kind[m->link]++ > 0)
				finding(ck, m, BD_R_A11Y_CONFORMANCE_INVALID,
					"there is more than one dcterms:conformsTo; there must be exactly one");
			if (!in_list(conformance, v, n)) {
				char *shown = bd_check_printable(m->value);

				bd_diag_report(ck->diag, BD_R_A11Y_CONFORMANCE_INVALID, ck->opf_display, m->line, m->col,
					    "dcterms:conformsTo '%s' is not an EPUB Accessibility conformance identifier",
					    shown);
				free(shown);
			}
		}
	}
	for (int k = 0; k < 5; k++)
		if (!found[k])
			bd_diag_report(ck->diag, BD_R_A11Y_METADATA_MISSING, ck->opf_display, 0, 0, "the package has no %s metadata", required[k]);
	if (!conforms)
		finding(ck, NULL, BD_R_A11Y_CONFORMANCE_INVALID,
			"the package has no dcterms:conformsTo conformance claim");
	else if (!certified)
		finding(ck, claim, BD_R_A11Y_CERTIFIER_MISSING,
			"a conformance claim needs an a11y:certifiedBy naming who evaluated it");

	/* Past the size limit some content was never read (zip-too-large says
	 * so): comparing the claims with it would report what is not there. */
	if (ck->over_total)
		return;
	if (claims(ck, "schema:accessibilityFeature", "alternativeText") && ck->imgs_without_alt)
		bd_diag_report(ck->diag, BD_R_A11Y_ALT_CLAIM, ck->opf_display, 0, 0,
			    "alternativeText is claimed but %zu of %zu img elements have no or empty alt",
			    ck->imgs_without_alt, ck->imgs);
	if (ck->imgs && !claims(ck, "schema:accessMode", "visual"))
		bd_diag_report(ck->diag, BD_R_A11Y_VISUAL_MISSING, ck->opf_display, 0, 0,
			    "the book has %zu images but schema:accessMode 'visual' is not declared", ck->imgs);
	if (claims(ck, "schema:accessibilityFeature", "longDescription") && !ck->long_descriptions)
		finding(ck, NULL, BD_R_A11Y_LONGDESC_CLAIM,
			"longDescription is claimed but no image has a long description (aria-details, "
			"aria-describedby, or details in a figure)");
	if (claims(ck, "schema:accessibilityFeature", "tableOfContents") && !ck->toc_nav)
		finding(ck, NULL, BD_R_A11Y_TOC_CLAIM, "tableOfContents is claimed but there is no toc nav");
}

/* ---- glossaries ------------------------------------------------------------ */

static void check_key_map(struct bd_check *ck, struct bd_check_item *map)
{
	xmlDocPtr doc = bd_check_read_xml(ck, map->entry, map->display);
	xmlNodePtr root;

	if (!doc)
		return;
	root = xmlDocGetRootElement(doc);
	for (xmlNodePtr n = root; n; n = bd_check_next(n, root)) {
		char *href, *path, *fragment = NULL, *shown;
		struct bd_check_item *to;
		const char *why = NULL;

		if (!bd_xml_is(n, "search-key-group") && !bd_xml_is(n, "match"))
			continue;
		href = bd_xml_attr(n, "href");
		if (!href)
			continue;
		path = bd_check_resolve(map->path, href, &fragment);
		to = bd_check_item_find(ck, path);
		if (!to || !to->entry)
			why = "names no file in the manifest";
		else if (!bd_check_has_word(to->properties, "glossary") && !to->facts.glossary)
			why = "is not a glossary (no properties=\"glossary\" or epub:type=\"glossary\")";
		else if (fragment && *fragment && to->facts.parsed && to->facts.ids_complete &&
			 !bd_map_get2(ck->ids, to->path, fragment))
			why = "has a fragment that names no element";
		if (why) {
			shown = bd_check_printable(href);
			bd_diag_report(ck->diag, BD_R_GLOSSARY_LINK_BROKEN, map->display, bd_xml_line(n), bd_xml_col(n),
				      "'%s' %s", shown, why);
			free(shown);
		}
		free(href);
		free(path);
		free(fragment);
	}
	xmlFreeDoc(doc);
}

void bd_check_glossary(struct bd_check *ck)
{
	for (size_t i = 0; i < ck->nitems && !ck->over_total; i++) {
		struct bd_check_item *it = &ck->items[i];

		if (it->entry && strcmp(it->media_type, "application/vnd.epub.search-key-map+xml") == 0)
			check_key_map(ck, it);
	}
}
