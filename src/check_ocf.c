/* check_ocf.c - the files in META-INF against the content models of OCF
 * (EPUB 3.3 section 4.2.6): container.xml, encryption.xml (with its ids,
 * compression properties and font obfuscation) and signatures.xml; and no
 * publication resource inside META-INF.
 *
 * The content models are small, so they are checked here as tables of the
 * children each element may have, on the trees libxml2 parsed; the schemas
 * of XML Encryption and Signature beyond the elements OCF names are not
 * checked (their own elements are open to extension). */
#include "check_internal.h"

#include "alloc.h"
#include "xml.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define NS_OCF "urn:oasis:names:tc:opendocument:xmlns:container"
#define NS_ENC "http://www.w3.org/2001/04/xmlenc#"
#define NS_DSIG "http://www.w3.org/2000/09/xmldsig#"
#define NS_COMPRESSION "http://www.idpf.org/2016/encryption#compression"
/* Font obfuscation: IDPF's algorithm and Adobe's. */
#define ALG_IDPF "http://www.idpf.org/2008/embedding"
#define ALG_ADOBE "http://ns.adobe.com/pdf/enc#RC"

static void report(struct bd_check *ck, const char *display, const xmlNode *n, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void report(struct bd_check *ck, const char *display, const xmlNode *n, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	bd_diag_vreport(ck->diag, BD_R_OCF_CONTENT_MODEL, display, bd_xml_line(n), bd_xml_col(n), fmt, ap);
	va_end(ap);
}

static const char *name_of(const xmlNode *n)
{
	return (const char *)n->name;
}

/* ---- container.xml ---------------------------------------------------------- */

/* Each child of parent must be called child (in the OCF namespace), at
 * least once; each must have the attributes named in required. */
static void only_children(struct bd_check *ck, const char *display, const xmlNode *parent, const char *child,
			  const char *const *required)
{
	size_t seen = 0;

	for (xmlNodePtr c = bd_xml_first_element(parent); c; c = bd_xml_next_element(c)) {
		if (!bd_check_is(c, child, NS_OCF)) {
			report(ck, display, c, "'%s' is not allowed in %s", name_of(c), name_of(parent));
			continue;
		}
		seen++;
		for (const char *const *r = required; *r; r++) {
			xmlChar *v = xmlGetNoNsProp(c, BAD_CAST *r);

			if (!v)
				report(ck, display, c, "%s has no %s attribute", child, *r);
			xmlFree(v);
		}
		if (bd_xml_first_element(c))
			report(ck, display, bd_xml_first_element(c), "'%s' is not allowed in %s",
			       name_of(bd_xml_first_element(c)), child);
	}
	if (!seen)
		report(ck, display, parent, "%s needs at least one %s", name_of(parent), child);
}

void bd_check_ocf_container(struct bd_check *ck, xmlDocPtr doc, const char *display)
{
	static const char *const rootfile_attrs[] = { "full-path", "media-type", NULL };
	static const char *const link_attrs[] = { "href", "rel", NULL };
	xmlNodePtr root = xmlDocGetRootElement(doc);
	size_t rootfiles = 0, links = 0;
	xmlChar *version;

	if (!bd_check_is(root, "container", NS_OCF)) {
		report(ck, display, root, "the root element is '%s'; it must be container in the namespace %s",
		       root ? name_of(root) : "", NS_OCF);
		return;
	}
	version = xmlGetNoNsProp(root, BAD_CAST "version");
	if (!version || strcmp((const char *)version, "1.0") != 0)
		report(ck, display, root, "container version is '%s'; it must be %s",
		       version ? (const char *)version : "", "1.0");
	xmlFree(version);
	for (xmlNodePtr c = bd_xml_first_element(root); c; c = bd_xml_next_element(c)) {
		if (bd_check_is(c, "rootfiles", NS_OCF) && !rootfiles++ && !links) {
			only_children(ck, display, c, "rootfile", rootfile_attrs);
		} else if (bd_check_is(c, "links", NS_OCF) && !links++) {
			only_children(ck, display, c, "link", link_attrs);
		} else {
			report(ck, display, c, "'%s' is not allowed here in %s (container holds rootfiles, then "
			       "optionally links)", name_of(c), "container");
		}
	}
}

/* ---- encryption.xml --------------------------------------------------------- */

static bool font_type(const char *type)
{
	static const char *const fonts[] = { "font/ttf", "font/otf", "font/woff", "font/woff2",
					     "application/font-sfnt", "application/font-woff",
					     "application/vnd.ms-opentype", "application/x-font-ttf" };

	for (size_t i = 0; i < sizeof(fonts) / sizeof(*fonts); i++)
		if (type && strcmp(type, fonts[i]) == 0)
			return true;
	return false;
}

static bool digits(const char *s)
{
	return s && *s && strspn(s, "0123456789") == strlen(s);
}

/* The Compression property of an EncryptedData: Method 0 or 8, and the
 * original length as a whole number. */
static void check_compression(struct bd_check *ck, const char *display, const xmlNode *n)
{
	xmlChar *method = xmlGetNoNsProp(n, BAD_CAST "Method");
	xmlChar *length = xmlGetNoNsProp(n, BAD_CAST "OriginalLength");

	if (!method || (strcmp((const char *)method, "0") != 0 && strcmp((const char *)method, "8") != 0))
		report(ck, display, n, "Compression Method is '%s'; it must be %s", method ? (const char *)method : "",
		       "0 (stored) or 8 (deflated)");
	if (!digits((const char *)length))
		report(ck, display, n, "Compression OriginalLength is '%s'; it must be %s",
		       length ? (const char *)length : "", "the uncompressed size in bytes");
	xmlFree(method);
	xmlFree(length);
}

/* The obfuscated resource must be a font. */
static void check_obfuscation(struct bd_check *ck, const char *display, const xmlNode *data)
{
	for (xmlNodePtr n = bd_xml_first_element(data); n; n = bd_check_next(n, data)) {
		xmlChar *uri;
		char *path;
		const struct bd_check_item *it;

		if (!bd_check_is(n, "CipherReference", NS_ENC))
			continue;
		uri = xmlGetNoNsProp(n, BAD_CAST "URI");
		path = uri ? bd_check_resolve("", (const char *)uri, NULL) : NULL;
		it = bd_check_item_find(ck, path);
		if (it && !font_type(it->media_type))
			bd_diag_report(ck->diag, BD_R_OBFUSCATION_NOT_FONT, display, bd_xml_line(n), bd_xml_col(n),
				      "'%s' is obfuscated but is %s; only fonts of a core media type may be",
				      (const char *)uri, it->media_type);
		free(path);
		xmlFree(uri);
	}
}

/* META-INF/NAME.xml parsed, when it is there and its root is NAME in the
 * OCF namespace (reported otherwise); *display gets its name for messages
 * (the caller frees it), or NULL when the file is absent. */
static xmlDocPtr read_ocf_file(struct bd_check *ck, const char *name, char **display, xmlNodePtr *root)
{
	char *path = bd_asprintf("META-INF/%s.xml", name);
	struct bd_check_entry *e = bd_check_entry_find(ck, path);
	xmlDocPtr doc = NULL;

	free(path);
	*display = NULL;
	if (!e)
		return NULL;
	*display = bd_check_display(ck, e->name);
	doc = bd_check_read_xml(ck, e, *display);
	if (!doc)
		return NULL;
	*root = xmlDocGetRootElement(doc);
	if (!bd_check_is(*root, name, NS_OCF)) {
		report(ck, *display, *root, "the root element is '%s'; it must be %s in the namespace %s",
		       *root ? name_of(*root) : "", name, NS_OCF);
		xmlFreeDoc(doc);
		return NULL;
	}
	return doc;
}

static void check_encryption(struct bd_check *ck)
{
	struct bd_map *ids = NULL;
	char *display;
	xmlNodePtr root = NULL;
	xmlDocPtr doc = read_ocf_file(ck, "encryption", &display, &root);

	if (!doc)
		goto out;
	if (!bd_xml_first_element(root))
		report(ck, display, root, "%s is empty; it needs %s", "encryption",
		       "EncryptedKey or EncryptedData elements");
	for (xmlNodePtr c = bd_xml_first_element(root); c; c = bd_xml_next_element(c)) {
		xmlChar *alg = NULL;

		if (!bd_check_is(c, "EncryptedKey", NS_ENC) && !bd_check_is(c, "EncryptedData", NS_ENC) &&
		    !bd_check_is(c, "Signature", NS_DSIG)) {
			report(ck, display, c, "'%s' is not allowed in %s (only EncryptedKey, EncryptedData and "
			       "Signature)", name_of(c), "encryption");
			continue;
		}
		if (!bd_check_is(c, "EncryptedData", NS_ENC))
			continue;
		for (xmlNodePtr m = bd_xml_first_element(c); m; m = bd_xml_next_element(m))
			if (bd_check_is(m, "EncryptionMethod", NS_ENC) && !alg)
				alg = xmlGetNoNsProp(m, BAD_CAST "Algorithm");
		if (alg && (strcmp((const char *)alg, ALG_IDPF) == 0 || strcmp((const char *)alg, ALG_ADOBE) == 0))
			check_obfuscation(ck, display, c);
		xmlFree(alg);
	}
	/* Ids are unique; Compression properties are well-formed. */
	ids = bd_map_new();
	for (xmlNodePtr n = root; n; n = bd_check_next(n, root)) {
		xmlChar *id = xmlGetNoNsProp(n, BAD_CAST "Id");

		if (id && bd_map_add(ids, (const char *)id, n) < 0)
			bd_diag_report(ck->diag, BD_R_DUPLICATE_ID, display, bd_xml_line(n), bd_xml_col(n),
				      "the Id '%s' is used more than once in encryption.xml", (const char *)id);
		xmlFree(id);
		if (bd_check_is(n, "Compression", NS_COMPRESSION))
			check_compression(ck, display, n);
	}
out:
	if (ids)
		bd_map_free(ids);
	if (doc)
		xmlFreeDoc(doc);
	free(display);
}

/* ---- signatures.xml ------------------------------------------------------- */

static void check_signatures(struct bd_check *ck)
{
	char *display;
	xmlNodePtr root = NULL;
	xmlDocPtr doc = read_ocf_file(ck, "signatures", &display, &root);

	if (!doc)
		goto out;
	for (xmlNodePtr c = bd_xml_first_element(root); c; c = bd_xml_next_element(c))
		if (!bd_check_is(c, "Signature", NS_DSIG))
			report(ck, display, c, "'%s' is not allowed in %s (only Signature)", name_of(c), "signatures");
out:
	if (doc)
		xmlFreeDoc(doc);
	free(display);
}

void bd_check_ocf(struct bd_check *ck)
{
	check_encryption(ck);
	check_signatures(ck);
	for (size_t i = 0; i < ck->nitems; i++) {
		const struct bd_check_item *it = &ck->items[i];

		if (it->path && strncmp(it->path, "META-INF/", 9) == 0)
			bd_diag_report(ck->diag, BD_R_META_INF_RESOURCE, ck->opf_display, it->line, it->col,
				      "'%s' is a publication resource inside META-INF; move it out (META-INF holds only "
				      "the container's own files)",
				      it->href);
	}
}
