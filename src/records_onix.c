/* records_onix.c - an ONIX 3.0 product record for the e-book.
 *
 * Codes: ProductIDType 15 (ISBN-13), 01 (proprietary: the UUID URN);
 * ContributorRole from the MARC relator (list 17); ProductForm ED with
 * ProductFormDetail E101 (EPUB); EpubTechnicalProtection 00 (none).  The
 * accessibility ProductFormFeatures (type 09, code list 196; type 12, list
 * 143 for hazards) are written only where the package's accessibility
 * metadata gives the evidence:
 *   00 summary (the human-written text)      04 EPUB Accessibility 1.1
 *   10 no reading system options disabled    11 table of contents
 *   13 reading order                         14 short alternative text
 *   15 full alternative descriptions         36 all text can be modified
 *   52 all non-decorative content readable without sight
 *   80/81/82 WCAG 2.0/2.1/2.2                84/85/86 WCAG level A/AA/AAA
 *   90 compliance certification by (the certifier's name)
 *   list 143: 00 no known hazards
 * The EPUB version is ProductFormFeatureType 15 with its list 220 code:
 * 101F (EPUB 3.3) for bindery's own, 101A (2.0.1) or 101B (3.0) for a
 * package that says only version="2.0" or "3.0".  Subjects: MeSH as list 27's 06 (MeSH heading) with its code, the
 * keywords together in one Subject of scheme 20, separated by semicolons,
 * other schemes as 24 with their name.  The EPUB's address is WebsiteRole
 * 29 (download).  Open access (UnpricedItemType 01, free of charge) only
 * under an open licence; otherwise 04 (contact the supplier). */
#include "records.h"

#include "alloc.h"
#include "xhtml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void el(struct bd_out *o, const char *name, const char *text)
{
	if (text)
		bd_out_element(o, name, NULL, text);
}

static void feature(struct bd_out *o, const char *type, const char *value, const char *description)
{
	bd_out_start(o, "ProductFormFeature");
	el(o, "ProductFormFeatureType", type);
	el(o, "ProductFormFeatureValue", value);
	el(o, "ProductFormFeatureDescription", description);
	bd_out_end(o);
}

static const char *contributor_role(const char *relator)
{
	static const char *const roles[][2] = {
		{ "aut", "A01" }, { "cre", "A01" }, { "edt", "B01" }, { "ill", "A12" }, { "trl", "B06" },
		{ "pht", "A13" }, { "com", "C01" }, { "nrt", "E07" }, { "ctb", "Z99" },
		/* List 17 has no sponsor: an edition's organisation contributes
		 * its contacts and local page (A32); PublishingRole 03 says sponsor. */
		{ "spn", "A32" },
	};

	for (size_t i = 0; relator && i < sizeof(roles) / sizeof(roles[0]); i++)
		if (strcmp(roles[i][0], relator) == 0)
			return roles[i][1];
	return "Z99"; /* other */
}

static void accessibility(struct bd_out *o, const struct bd_record_meta *m)
{
	char *url = bd_record_conformance_url(m->conforms_to);
	const char *c = url ? url : "";
	size_t n = strlen(c);
	static const char *const by_feature[][2] = {
		{ "tableOfContents", "11" }, { "readingOrder", "13" }, { "alternativeText", "14" },
		{ "longDescription", "15" }, { "displayTransformability", "36" },
	};

	if (m->a11y_summary)
		feature(o, "09", "00", m->a11y_summary);
	if (strstr(c, "epub-a11y-11"))
		feature(o, "09", "04", NULL);
	/* No DRM and a stylesheet the reader may override: nothing is disabled. */
	if (bd_strlist_has(&m->features, "displayTransformability"))
		feature(o, "09", "10", NULL);
	for (size_t i = 0; i < sizeof(by_feature) / sizeof(by_feature[0]); i++)
		if (bd_strlist_has(&m->features, by_feature[i][0]))
			feature(o, "09", by_feature[i][1], NULL);
	if (bd_strlist_has(&m->sufficient, "textual"))
		feature(o, "09", "52", NULL);
	/* The claim, as its URL: ...#wcag-2.2-aa */
	if (strstr(c, "#wcag-2.0-"))
		feature(o, "09", "80", NULL);
	else if (strstr(c, "#wcag-2.1-"))
		feature(o, "09", "81", NULL);
	else if (strstr(c, "#wcag-2.2-"))
		feature(o, "09", "82", NULL);
	if (n > 4 && strcmp(c + n - 4, "-aaa") == 0)
		feature(o, "09", "86", NULL);
	else if (n > 3 && strcmp(c + n - 3, "-aa") == 0)
		feature(o, "09", "85", NULL);
	else if (n > 2 && strcmp(c + n - 2, "-a") == 0)
		feature(o, "09", "84", NULL);
	if (m->certified_by && m->conforms_to)
		feature(o, "09", "90", m->certified_by);
	if (bd_strlist_has(&m->hazards, "none"))
		feature(o, "12", "00", NULL);
	free(url);
}

static void contributor(struct bd_out *o, const struct bd_person *p, size_t seq, const char *default_role)
{
	char n[24];

	snprintf(n, sizeof(n), "%zu", seq);
	bd_out_start(o, "Contributor");
	el(o, "SequenceNumber", n);
	el(o, "ContributorRole", contributor_role(p->role ? p->role : default_role));
	/* As in MARC: a file-as without a comma marks a body, not a person. */
	if (!p->file_as || strstr(p->file_as, ", ")) {
		el(o, "PersonName", p->name);
		el(o, "PersonNameInverted", p->file_as);
	} else {
		el(o, "CorporateName", p->name);
	}
	bd_out_end(o);
}

/* List 220: the EPUB version code for a package version. */
static const char *epub_version_code(const char *version)
{
	if (!version || strncmp(version, "2.", 2) == 0)
		return "101A";
	if (strcmp(version, "3.3") == 0)
		return "101F";
	if (strcmp(version, "3.2") == 0)
		return "101E";
	if (strcmp(version, "3.1") == 0)
		return "101D";
	if (strcmp(version, "3.0.1") == 0)
		return "101C";
	return "101B";
}

static bool is_keyword(const struct bd_subject *s)
{
	return !s->scheme || strcmp(s->scheme, "keyword") == 0;
}

static void subjects(struct bd_out *o, const struct bd_record_meta *m)
{
	char *keywords = NULL;

	for (size_t i = 0; i < m->nsubjects; i++) {
		const struct bd_subject *s = &m->subjects[i];

		if (is_keyword(s)) {
			char *k = keywords ? bd_asprintf("%s; %s", keywords, s->label) : bd_strdup(s->label);

			free(keywords);
			keywords = k;
			continue;
		}
		bd_out_start(o, "Subject");
		if (strcmp(s->scheme, "MeSH") == 0) {
			el(o, "SubjectSchemeIdentifier", "06"); /* MeSH heading */
		} else {
			el(o, "SubjectSchemeIdentifier", "24"); /* proprietary, named */
			el(o, "SubjectSchemeName", s->scheme);
		}
		el(o, "SubjectCode", s->code);
		el(o, "SubjectHeadingText", s->label);
		bd_out_end(o);
	}
	if (keywords) {
		bd_out_start(o, "Subject");
		el(o, "SubjectSchemeIdentifier", "20"); /* keywords */
		el(o, "SubjectHeadingText", keywords);
		bd_out_end(o);
		free(keywords);
	}
}

/* YYYYMMDD from YYYY-MM-DD...; a new string. */
static char *onix_date(const char *iso)
{
	if (!iso || strlen(iso) < 10)
		return bd_strdup(iso);
	return bd_asprintf("%.4s%.2s%.2s", iso, iso + 5, iso + 8);
}

bool bd_records_write_onix(const struct bd_record_meta *m, const char *path, struct bd_diag *diag)
{
	struct bd_out o;
	const char *mod = m->modified ? m->modified : "";
	char sent[32] = "";
	char *published = onix_date(m->published);
	char *epub = bd_record_link(m, m->epub_name);
	char *cover = m->cover_name ? bd_record_link(m, m->cover_name) : NULL;
	size_t seq = 0;
	bool ok;

	if (!bd_out_open(&o, path, true, diag)) {
		ok = false;
		goto out;
	}
	/* The message's date is the book's last change, never the clock: an
	 * EPUB 2 without dcterms:modified gives its publication date. */
	if (strlen(mod) >= 19)
		snprintf(sent, sizeof(sent), "%.4s%.2s%.2sT%.2s%.2s%.2sZ", mod, mod + 5, mod + 8, mod + 11, mod + 14,
			 mod + 17);
	else if (published && strlen(published) == 8)
		snprintf(sent, sizeof(sent), "%s", published);
	bd_out_start(&o, "ONIXMessage");
	bd_out_attr(&o, "xmlns", "http://ns.editeur.org/onix/3.0/reference");
	bd_out_attr(&o, "release", "3.0");
	bd_out_start(&o, "Header");
	bd_out_start(&o, "Sender");
	el(&o, "SenderName", m->publisher ? m->publisher : "bindery");
	bd_out_end(&o);
	if (*sent)
		el(&o, "SentDateTime", sent);
	bd_out_end(&o);

	bd_out_start(&o, "Product");
	el(&o, "RecordReference", m->identifier);
	el(&o, "NotificationType", "03");
	if (m->isbn) {
		bd_out_start(&o, "ProductIdentifier");
		el(&o, "ProductIDType", "15");
		el(&o, "IDValue", m->isbn);
		bd_out_end(&o);
	}
	if (m->uuid) {
		bd_out_start(&o, "ProductIdentifier");
		el(&o, "ProductIDType", "01");
		el(&o, "IDTypeName", "UUID");
		el(&o, "IDValue", m->uuid);
		bd_out_end(&o);
	}
	if (!m->isbn && !m->uuid) {
		bd_out_start(&o, "ProductIdentifier");
		el(&o, "ProductIDType", "01");
		el(&o, "IDTypeName", "Package identifier");
		el(&o, "IDValue", m->identifier);
		bd_out_end(&o);
	}

	bd_out_start(&o, "DescriptiveDetail");
	el(&o, "ProductComposition", "00");
	el(&o, "ProductForm", "ED");
	el(&o, "ProductFormDetail", "E101");
	accessibility(&o, m);
	feature(&o, "15", epub_version_code(m->epub_version), NULL);
	el(&o, "EpubTechnicalProtection", "00");
	if (m->license_href || m->license_text) {
		bd_out_start(&o, "EpubLicense");
		el(&o, "EpubLicenseName", m->license_text ? m->license_text : m->license_href);
		if (m->license_href) {
			bd_out_start(&o, "EpubLicenseExpression");
			el(&o, "EpubLicenseExpressionType", "01"); /* human readable */
			el(&o, "EpubLicenseExpressionLink", m->license_href);
			bd_out_end(&o);
		}
		bd_out_end(&o);
	}
	bd_out_start(&o, "TitleDetail");
	el(&o, "TitleType", "01");
	bd_out_start(&o, "TitleElement");
	el(&o, "TitleElementLevel", "01");
	el(&o, "TitleText", m->title);
	el(&o, "Subtitle", m->subtitle);
	bd_out_end(&o);
	bd_out_end(&o);
	for (size_t i = 0; i < m->ncreators; i++)
		contributor(&o, &m->creators[i], ++seq, "aut");
	for (size_t i = 0; i < m->ncontributors; i++)
		contributor(&o, &m->contributors[i], ++seq, "ctb");
	el(&o, "EditionStatement", m->edition);
	bd_out_start(&o, "Language");
	el(&o, "LanguageRole", "01");
	el(&o, "LanguageCode", bd_record_lang3(m->lang));
	bd_out_end(&o);
	subjects(&o, m);
	bd_out_end(&o); /* DescriptiveDetail */

	if (m->description || cover) {
		bd_out_start(&o, "CollateralDetail");
		if (m->description) {
			bd_out_start(&o, "TextContent");
			el(&o, "TextType", "03"); /* description */
			el(&o, "ContentAudience", "00");
			el(&o, "Text", m->description);
			bd_out_end(&o);
		}
		if (cover) {
			bd_out_start(&o, "SupportingResource");
			el(&o, "ResourceContentType", "01"); /* front cover */
			el(&o, "ContentAudience", "00");
			el(&o, "ResourceMode", "03");        /* image */
			bd_out_start(&o, "ResourceVersion");
			el(&o, "ResourceForm", "02");        /* downloadable file */
			el(&o, "ResourceLink", cover);
			bd_out_end(&o);
			bd_out_end(&o);
		}
		bd_out_end(&o);
	}

	/* ONIX requires a publisher; an EPUB that names none gets RDA's
	 * wording for one that is not identified, never an invented name. */
	bd_out_start(&o, "PublishingDetail");
	bd_out_start(&o, "Publisher");
	el(&o, "PublishingRole", "01");
	el(&o, "PublisherName", m->publisher ? m->publisher : "[publisher not identified]");
	bd_out_end(&o);
	for (size_t i = 0; i < m->ncontributors; i++) {
		if (!m->contributors[i].role || strcmp(m->contributors[i].role, "spn") != 0)
			continue;
		bd_out_start(&o, "Publisher");
		el(&o, "PublishingRole", "03"); /* list 45: sponsor */
		el(&o, "PublisherName", m->contributors[i].name);
		bd_out_end(&o);
	}
	el(&o, "PublishingStatus", "04"); /* active */
	if (published) {
		bd_out_start(&o, "PublishingDate");
		el(&o, "PublishingDateRole", "01");
		el(&o, "Date", published);
		bd_out_end(&o);
	}
	/* Free to read and share anywhere (the book's licence says who may). */
	bd_out_start(&o, "SalesRights");
	el(&o, "SalesRightsType", "01");
	bd_out_start(&o, "Territory");
	el(&o, "RegionsIncluded", "WORLD");
	bd_out_end(&o);
	bd_out_end(&o);
	bd_out_end(&o);

	bd_out_start(&o, "ProductSupply");
	bd_out_start(&o, "SupplyDetail");
	bd_out_start(&o, "Supplier");
	el(&o, "SupplierRole", "01"); /* publisher to retailers */
	el(&o, "SupplierName", m->publisher ? m->publisher : "bindery");
	bd_out_start(&o, "Website");
	el(&o, "WebsiteRole", "29"); /* download the product */
	el(&o, "WebsiteLink", epub);
	bd_out_end(&o);
	bd_out_end(&o);
	el(&o, "ProductAvailability", "20"); /* available */
	el(&o, "UnpricedItemType", bd_record_open_licence(m) ? "01" : "04"); /* free, or contact supplier */
	bd_out_end(&o);
	bd_out_end(&o);

	bd_out_end(&o); /* Product */
	bd_out_end(&o); /* ONIXMessage */
	ok = bd_out_close(&o);
out:
	free(cover);
	free(epub);
	free(published);
	return ok;
}
