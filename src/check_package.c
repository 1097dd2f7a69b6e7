/* check_package.c - package document rules (EPUB 3.3 section 5).
 *
 * Parses the package document once and builds the shared package: manifest
 * items (href resolved to a container path and matched to its ZIP entry),
 * the spine, and every metadata property for the accessibility rules.
 * Checks metadata, manifest and spine here; the manifest properties that
 * depend on content (svg, scripted, mathml, remote-resources) are compared
 * after the content rule sets have recorded what each document holds. */
#include "check_internal.h"

#include "alloc.h"
#include "lang.h"
#include "xml.h"

#include <stdlib.h>
#include <string.h>

static void add_meta(struct bd_check *ck, const xmlNode *n, char *property, char *value)
{
	struct bd_check_meta *m;

	bd_grow(&ck->metas, &ck->metas_cap, ck->nmetas + 1, sizeof(*ck->metas));
	m = &ck->metas[ck->nmetas++];
	m->property = property;
	m->value = value;
	m->refines = bd_xml_attr(n, "refines");
	m->link = false;
	m->named = false;
	m->media_type = NULL;
	m->line = bd_xml_line(n);
	m->col = bd_xml_col(n);
}

void bd_check_dc_language(struct bd_check *ck, xmlNodePtr n)
{
	char *t = bd_xml_text(n);
	struct bd_lang_result lang;

	if (bd_lang_check(t, &lang) != BD_LANG_VALID) {
		char *msg = bd_lang_message("dc:language ", "'", t, &lang);

		bd_diag_report(ck->diag, BD_R_LANGUAGE_INVALID, ck->opf_display, bd_xml_line(n), bd_xml_col(n), "%s", msg);
		free(msg);
	}
	free(t);
}

static void check_metadata(struct bd_check *ck, xmlNodePtr package, xmlNodePtr metadata)
{
	char *uid_ref = bd_xml_attr(package, "unique-identifier");
	const char *disp = ck->opf_display;
	size_t titles = 0, languages = 0, modified = 0;

	for (xmlNodePtr n = bd_xml_first_element(metadata); n; n = bd_xml_next_element(n)) {
		if (bd_check_is(n, "identifier", BD_NS_DC)) {
			char *id = bd_xml_attr(n, "id");

			if (uid_ref && id && strcmp(id, uid_ref) == 0 && !ck->unique_id) {
				ck->unique_id = bd_xml_text(n);
				if (!*ck->unique_id)
					bd_diag_report(ck->diag, BD_R_UNIQUE_IDENTIFIER, disp, bd_xml_line(n), bd_xml_col(n),
						      "the unique identifier is empty");
			}
			free(id);
		} else if (bd_check_is(n, "title", BD_NS_DC)) {
			char *t = bd_xml_text(n);

			titles += *t != '\0';
			free(t);
		} else if (bd_check_is(n, "language", BD_NS_DC)) {
			languages++;
			bd_check_dc_language(ck, n);
		} else if (bd_xml_is(n, "meta")) {
			char *property = bd_xml_attr(n, "property");

			if (property) {
				char *refines = bd_xml_attr(n, "refines");
				char *value = bd_xml_text(n);

				if (strcmp(property, "dcterms:modified") == 0 && !refines) {
					if (++modified > 1)
						bd_diag_report(ck->diag, BD_R_MODIFIED_MULTIPLE, disp, bd_xml_line(n), bd_xml_col(n),
							      "there must be exactly one dcterms:modified");
					else if (!bd_datetime_valid(value, NULL))
						bd_diag_report(ck->diag, BD_R_MODIFIED_FORMAT, disp, bd_xml_line(n), bd_xml_col(n),
							      "dcterms:modified '%s' is not of the form "
							      "CCYY-MM-DDThh:mm:ssZ",
							      value);
				}
				free(refines);
				add_meta(ck, n, property, value);
			} else if ((property = bd_xml_attr(n, "name"))) {
				/* EPUB 2 style, still seen for schema: properties. */
				char *content = bd_xml_attr(n, "content");

				add_meta(ck, n, property, content ? content : bd_strdup(""));
				ck->metas[ck->nmetas - 1].named = true;
			}
		} else if (bd_xml_is(n, "link")) {
			char *rel = bd_xml_attr(n, "rel");

			if (rel) {
				char *href = bd_xml_attr(n, "href");

				add_meta(ck, n, rel, href ? href : bd_strdup(""));
				ck->metas[ck->nmetas - 1].link = true;
				ck->metas[ck->nmetas - 1].media_type = bd_xml_attr(n, "media-type");
			}
		}
	}
	if (!uid_ref)
		bd_diag_report(ck->diag, BD_R_UNIQUE_IDENTIFIER, disp, bd_xml_line(package), bd_xml_col(package),
			      "the package element has no unique-identifier attribute");
	else if (!ck->unique_id)
		bd_diag_report(ck->diag, BD_R_UNIQUE_IDENTIFIER, disp, bd_xml_line(package), bd_xml_col(package),
			      "unique-identifier '%s' names no dc:identifier", uid_ref);
	if (!titles)
		bd_diag_report(ck->diag, BD_R_TITLE_MISSING, disp, bd_xml_line(metadata), bd_xml_col(metadata), "the package has no non-empty dc:title");
	if (!languages)
		bd_diag_report(ck->diag, BD_R_LANGUAGE_MISSING, disp, bd_xml_line(metadata), bd_xml_col(metadata), "the package has no dc:language");
	if (!modified)
		bd_diag_report(ck->diag, BD_R_MODIFIED_MISSING, disp, bd_xml_line(metadata), bd_xml_col(metadata),
			      "the package has no meta property=\"dcterms:modified\"");
	free(uid_ref);
}

/* ---- manifest ------------------------------------------------------------- */

/* An attribute of type ID or IDREF, as XML Schema's whitespace collapse
 * reads it (" ncx " is "ncx"). */
static char *id_attr(const xmlNode *n, const char *name)
{
	char *v = bd_xml_attr(n, name), *t;

	if (!v)
		return NULL;
	t = bd_text_collapse(v);
	free(v);
	return t;
}

static void read_item(struct bd_check *ck, struct bd_check_item *it, xmlNodePtr n, struct bd_map * by_id)
{
	it->id = id_attr(n, "id");
	it->href = bd_xml_attr(n, "href");
	it->media_type = bd_xml_attr(n, "media-type");
	it->properties = bd_xml_attr(n, "properties");
	it->fallback = id_attr(n, "fallback");
	it->media_overlay = id_attr(n, "media-overlay");
	it->line = bd_xml_line(n);
	it->col = bd_xml_col(n);
	it->spine_index = -1;
	if (!it->media_type)
		it->media_type = bd_strdup("");
	if (it->id && bd_map_add(by_id, it->id, it) < 0)
		bd_diag_report(ck->diag, BD_R_MANIFEST_ID_DUPLICATE, ck->opf_display, it->line, it->col,
			      "the id '%s' is used twice in the manifest", it->id);
	if (!it->href || !*it->href) {
		bd_diag_report(ck->diag, BD_R_MANIFEST_HREF_INVALID, ck->opf_display, it->line, it->col,
			      "a manifest item has no href");
		return;
	}
	switch (bd_check_ref_kind(it->href)) {
	case BD_REF_REMOTE:
		it->remote = true;
		bd_map_add(ck->item_by_remote, it->href, it);
		return;
	case BD_REF_OTHER:
		if (bd_check_file_url(it->href)) {
			bd_diag_report(ck->diag, BD_R_URL_FILE, ck->opf_display, it->line, it->col,
				      "the manifest href '%s' is a file: URL; put the file in the EPUB and name it "
				      "with a relative URL", it->href);
			return;
		}
		/* fall through */
	case BD_REF_SAME_DOC:
		bd_diag_report(ck->diag, BD_R_MANIFEST_HREF_INVALID, ck->opf_display, it->line, it->col,
			      "the manifest href '%s' names no file", it->href);
		return;
	case BD_REF_LOCAL:
		break;
	}
	if (it->href[0] == '/')
		bd_diag_report(ck->diag, BD_R_URL_ABSOLUTE_PATH, ck->opf_display, it->line, it->col,
			      "the manifest href '%s' is an absolute path; make it relative to the package document",
			      it->href);
	it->path = bd_check_resolve(ck->opf_path, it->href, NULL);
	if (!it->path) {
		bd_diag_report(ck->diag, BD_R_MANIFEST_HREF_INVALID, ck->opf_display, it->line, it->col,
			      "the manifest href '%s' points outside the container", it->href);
		return;
	}
	it->display = bd_check_display(ck, it->path);
	if (ck->opf_path && strcmp(it->path, ck->opf_path) == 0) {
		bd_diag_report(ck->diag, BD_R_MANIFEST_SELF, ck->opf_display, it->line, it->col,
			      "the manifest lists the package document itself ('%s'); remove the item", it->href);
		return;
	}
	if (bd_map_add(ck->item_by_path, it->path, it) < 0) {
		bd_diag_report(ck->diag, BD_R_MANIFEST_HREF_DUPLICATE, ck->opf_display, it->line, it->col,
			      "two manifest items name the same resource '%s'", it->href);
	}
	it->entry = bd_check_entry_find(ck, it->path);
	if (!it->entry) {
		bd_diag_report(ck->diag, BD_R_MANIFEST_FILE_MISSING, ck->opf_display, it->line, it->col,
			      "the manifest item '%s' names '%s', which is not in the container",
			      it->id ? it->id : "", it->href);
		return;
	}
	it->entry->in_manifest = true;
	/* Images are only scanned: count bytes, check the CRC, sniff the type. */
	if (strncmp(it->media_type, "image/", 6) == 0 && strcmp(it->media_type, "image/svg+xml") != 0 &&
	    bd_check_scan(ck, it->entry, it->display) == 0 && !bd_media_sniff_ok(it->media_type, it->entry->head, it->entry->head_len))
		bd_diag_report(ck->diag, BD_R_MEDIA_TYPE_MISMATCH, ck->opf_display, it->line, it->col,
			      "'%s' is declared as %s but its bytes are not", it->href, it->media_type);
}

static void check_manifest(struct bd_check *ck, xmlNodePtr manifest, struct bd_map * by_id)
{
	size_t count = 0, navs = 0;

	for (xmlNodePtr n = bd_xml_first_element(manifest); n; n = bd_xml_next_element(n))
		count += bd_xml_is(n, "item");
	/* Allocated once: the rule sets keep pointers to items. */
	ck->items = bd_calloc(count, sizeof(*ck->items));
	ck->item_by_path = bd_map_new();
	ck->item_by_remote = bd_map_new();
	for (xmlNodePtr n = bd_xml_first_element(manifest); n; n = bd_xml_next_element(n)) {
		struct bd_check_item *it;

		if (!bd_xml_is(n, "item"))
			continue;
		it = &ck->items[ck->nitems++];
		read_item(ck, it, n, by_id);
		bd_check_item_properties(ck, it);
		if (bd_check_has_word(it->properties, "nav")) {
			if (++navs == 1)
				ck->nav = it;
			else
				bd_diag_report(ck->diag, BD_R_NAV_MULTIPLE, ck->opf_display, it->line, it->col,
					      "more than one manifest item has properties=\"nav\"");
		}
		if (strcmp(it->media_type, "application/x-dtbncx+xml") == 0 && !ck->ncx)
			ck->ncx = it;
	}
	if (!navs && ck->version == 3)
		bd_diag_report(ck->diag, BD_R_NAV_MISSING, ck->opf_display, bd_xml_line(manifest), bd_xml_col(manifest),
			      "no manifest item has properties=\"nav\" (the navigation document)");
	for (size_t i = 0; i < ck->nentries; i++) {
		const struct bd_check_entry *e = &ck->entries[i];

		if (e->in_manifest || e->is_dir || strcmp(e->name, "mimetype") == 0 ||
		    strncmp(e->name, "META-INF/", 9) == 0 || (ck->opf_path && strcmp(e->name, ck->opf_path) == 0))
			continue;
		{
			char *shown = bd_check_printable(e->name);

			bd_diag_report(ck->diag, BD_R_FILE_NOT_IN_MANIFEST, ck->opf_display, bd_xml_line(manifest), bd_xml_col(manifest),
					"the file '%s' is in the container but not in the manifest", shown);
			free(shown);
		}
	}
}

/* ---- spine ------------------------------------------------------------- */

static void check_spine(struct bd_check *ck, xmlNodePtr spine, struct bd_map * by_id)
{
	bool linear = false;

	if (!spine) {
		bd_diag_report(ck->diag, BD_R_SPINE_MISSING, ck->opf_display, 0, 0, "the package has no spine");
		return;
	}
	for (xmlNodePtr n = bd_xml_first_element(spine); n; n = bd_xml_next_element(n)) {
		char *idref, *lin;
		struct bd_check_item *it;
		struct bd_check_itemref *ref;

		if (!bd_xml_is(n, "itemref"))
			continue;
		idref = id_attr(n, "idref");
		lin = bd_xml_attr(n, "linear");
		it = idref ? bd_map_get(by_id, idref) : NULL;
		bd_grow(&ck->spine, &ck->spine_cap, ck->nspine + 1, sizeof(*ck->spine));
		ref = &ck->spine[ck->nspine];
		ref->item = NULL;
		ref->linear = !lin || strcmp(lin, "no") != 0;
		if (!it) {
			bd_diag_report(ck->diag, BD_R_SPINE_IDREF_UNKNOWN, ck->opf_display, bd_xml_line(n), bd_xml_col(n),
				      "the spine itemref '%s' names no manifest item", idref ? idref : "");
		} else if (it->spine_index >= 0) {
			bd_diag_report(ck->diag, BD_R_SPINE_IDREF_DUPLICATE, ck->opf_display, bd_xml_line(n), bd_xml_col(n),
				      "the manifest item '%s' is in the spine twice", idref);
		} else {
			char *props = bd_xml_attr(n, "properties");

			if (props && bd_check_has_word(props, "rendition:layout-pre-paginated"))
				it->layout = 1;
			else if (props && bd_check_has_word(props, "rendition:layout-reflowable"))
				it->layout = -1;
			free(props);
			ref->item = it;
			it->spine_index = (long)ck->nspine;
			linear |= ref->linear;
			if (strcmp(it->media_type, "application/xhtml+xml") != 0 &&
			    strcmp(it->media_type, "image/svg+xml") != 0 && !it->fallback &&
			    !(ck->version == 2 && (strcmp(it->media_type, "application/x-dtbook+xml") == 0 ||
						   strcmp(it->media_type, "text/x-oeb1-document") == 0)))
				bd_diag_report(ck->diag, BD_R_SPINE_ITEM_TYPE, ck->opf_display, bd_xml_line(n), bd_xml_col(n),
					      "the spine item '%s' is %s, not a content document, and has no fallback",
					      idref, it->media_type);
		}
		ck->nspine++;
		free(idref);
		free(lin);
	}
	if (ck->nspine == 0)
		bd_diag_report(ck->diag, BD_R_SPINE_MISSING, ck->opf_display, bd_xml_line(spine), bd_xml_col(spine), "the spine is empty");
	else if (!linear)
		bd_diag_report(ck->diag, BD_R_SPINE_NO_LINEAR, ck->opf_display, bd_xml_line(spine), bd_xml_col(spine),
			      "no spine item is linear; at least one must be");
	if (!ck->ncx) {
		char *toc = id_attr(spine, "toc");
		struct bd_check_item *it = toc ? bd_map_get(by_id, toc) : NULL;

		if (it && strcmp(it->media_type, "application/x-dtbncx+xml") == 0)
			ck->ncx = it;
		free(toc);
	}
}

/* Every id in the package document is unique (manifest ids checked apart). */
static void check_ids(struct bd_check *ck, xmlNodePtr root)
{
	struct bd_map * seen = bd_map_new();

	for (xmlNodePtr sec = bd_xml_first_element(root); sec; sec = bd_xml_next_element(sec)) {
		if (bd_xml_is(sec, "manifest"))
			continue;
		for (xmlNodePtr n = bd_xml_first_element(sec); n; n = bd_xml_next_element(n)) {
			char *id = bd_xml_attr(n, "id");

			if (id && bd_map_add(seen, id, n) < 0)
				bd_diag_report(ck->diag, BD_R_MANIFEST_ID_DUPLICATE, ck->opf_display, bd_xml_line(n), bd_xml_col(n),
					      "the id '%s' is used twice in the package document", id);
			free(id);
		}
	}
	bd_map_free(seen);
}

/* The manifest, the spine and the ids, in any version; the manifest's id
 * map is kept as ck->item_by_id for the later rule sets (fallbacks). */
static void check_items(struct bd_check *ck, xmlNodePtr root)
{
	struct bd_map *by_id = bd_map_new();

	check_manifest(ck, bd_xml_child(root, "manifest"), by_id);
	check_spine(ck, bd_xml_child(root, "spine"), by_id);
	check_ids(ck, root);
	ck->item_by_id = by_id;
}

int bd_check_package(struct bd_check *ck)
{
	struct bd_check_entry *e = bd_check_entry_find(ck, ck->opf_path);
	xmlDocPtr doc;
	xmlNodePtr root, metadata;
	char *version = NULL;
	int rc = -1;

	ck->opf_display = bd_check_display(ck, ck->opf_path);
	doc = bd_check_read_xml(ck, e, ck->opf_display);
	if (!doc)
		return -1;
	root = xmlDocGetRootElement(doc);
	if (!bd_check_is(root, "package", BD_NS_OPF)) {
		bd_diag_report(ck->diag, BD_R_OPF_INVALID, ck->opf_display, bd_xml_line(root), bd_xml_col(root),
			      "the root element is not package in the namespace " BD_NS_OPF);
		goto out;
	}
	version = bd_xml_attr(root, "version");
	if (version && strcmp(version, "2.0") == 0) {
		ck->version = 2;
		bd_diag_report(ck->diag, BD_R_PACKAGE_EPUB2, ck->opf_display, bd_xml_line(root), bd_xml_col(root),
			     "package is EPUB 2; checked against OPF 2.0.1, the NCX and XHTML 1.1");
		bd_check_epub2_package(ck, doc);
		check_items(ck, root);
		bd_check_epub2_links(ck, doc);
		rc = 0;
		goto out;
	}
	ck->version = 3;
	if (!version || strcmp(version, "3.0") != 0)
		bd_diag_report(ck->diag, BD_R_PACKAGE_VERSION, ck->opf_display, bd_xml_line(root), bd_xml_col(root),
			      "the package version is '%s'; it must be 3.0", version ? version : "");
	metadata = bd_xml_child(root, "metadata");
	if (!metadata) {
		bd_diag_report(ck->diag, BD_R_OPF_INVALID, ck->opf_display, bd_xml_line(root), bd_xml_col(root), "the package has no metadata");
		goto out;
	}
	check_metadata(ck, root, metadata);
	check_items(ck, root);
	rc = 0;
out:
	free(version);
	if (ck->keep_opf)
		ck->opf_doc = doc;
	else
		xmlFreeDoc(doc);
	return rc;
}

void bd_check_package_properties(struct bd_check *ck)
{
	static const char *const names[] = { "svg", "scripted", "mathml", "remote-resources", "switch" };

	for (size_t i = 0; i < ck->nitems; i++) {
		struct bd_check_item *it = &ck->items[i];
		bool applies[5];

		if (!it->facts.parsed)
			continue;
		applies[0] = it->facts.svg;
		applies[1] = it->facts.script;
		applies[2] = it->facts.math;
		applies[3] = it->facts.remote;
		applies[4] = it->facts.epub_switch;
		for (int k = 0; k < 5; k++) {
			bool declared = bd_check_has_word(it->properties, names[k]);

			if (applies[k] && !declared)
				bd_diag_report(ck->diag, BD_R_MANIFEST_PROPERTY_MISSING, ck->opf_display, it->line, it->col,
					      "'%s' needs properties=\"%s\" in the manifest", it->href, names[k]);
			/* A script may fetch what no markup names: only a warning (OPF-018). */
			else if (declared && !applies[k] && k == 3)
				bd_diag_report(ck->diag, BD_R_REMOTE_RESOURCES_UNNEEDED, ck->opf_display, it->line, it->col,
					      "'%s' is declared remote-resources but no remote reference was found in it",
					      it->href);
			else if (declared && !applies[k] && k < 4)
				bd_diag_report(ck->diag, BD_R_MANIFEST_PROPERTY_UNNEEDED, ck->opf_display, it->line, it->col,
					      "'%s' is declared %s but does not need it", it->href, names[k]);
		}
	}
}

void bd_check_package_fini(struct bd_check *ck)
{
	for (size_t i = 0; i < ck->nitems; i++) {
		struct bd_check_item *it = &ck->items[i];

		free(it->id);
		free(it->href);
		free(it->media_type);
		free(it->properties);
		free(it->fallback);
		free(it->media_overlay);
		free(it->path);
		free(it->display);
	}
	free(ck->items);
	if (ck->item_by_path)
		bd_map_free(ck->item_by_path);
	if (ck->item_by_id)
		bd_map_free(ck->item_by_id);
	if (ck->item_by_remote)
		bd_map_free(ck->item_by_remote);
	free(ck->spine);
	for (size_t i = 0; i < ck->nmetas; i++) {
		free(ck->metas[i].property);
		free(ck->metas[i].value);
		free(ck->metas[i].refines);
		free(ck->metas[i].media_type);
	}
	free(ck->metas);
	free(ck->opf_path);
	free(ck->opf_display);
	free(ck->unique_id);
	xmlFreeDoc(ck->opf_doc);
}
