/* check_container.c - container rules (EPUB 3.3 section 4, OCF).
 *
 * Two raw checks read the file's own bytes with stdio, because libzip hides
 * them: the first local header (the mimetype file must come first, stored,
 * without an extra field) and the size of the central directory (refused
 * before libzip loads a huge one).  Then, over the entry table: file names,
 * compression methods, encryption, and META-INF/container.xml, which names
 * the package document for the next rule set. */
#include "check_internal.h"

#include "alloc.h"
#include "xml.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define MIMETYPE "application/epub+zip"
#define MIMETYPE_LEN (sizeof(MIMETYPE) - 1)
/* A central directory this large means over 150,000 entries: libzip would
 * need hundreds of MiB to load it, and no book has that many files. */
#define CENTRAL_MAX ((uint64_t)8 << 20)
#define ENTRIES_MAX 100000

static uint16_t le16(const unsigned char *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t le64(const unsigned char *p)
{
	return (uint64_t)le32(p) | (uint64_t)le32(p + 4) << 32;
}

/* Reads exactly n bytes at offset off; false on a short read. */
static bool read_at(FILE *f, long off, unsigned char *buf, size_t n)
{
	return fseek(f, off, SEEK_SET) == 0 && fread(buf, 1, n, f) == n;
}

int bd_check_central_size(struct bd_check *ck, FILE *f)
{
	unsigned char *tail = NULL;
	long size, start;
	size_t n;
	uint64_t cd_size = 0, entries = 0;
	int rc = 0;

	if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 22)
		return 0; /* libzip will say what is wrong */
	/* The end record is 22 bytes plus a comment of up to 65535. */
	start = size > 22 + 65535 ? size - 22 - 65535 : 0;
	n = (size_t)(size - start);
	tail = bd_malloc(n);
	if (!read_at(f, start, tail, n))
		goto out;
	for (size_t i = n - 22 + 1; i-- > 0;) {
		if (memcmp(tail + i, "PK\5\6", 4) != 0)
			continue;
		entries = le16(tail + i + 10);
		cd_size = le32(tail + i + 12);
		if ((entries == 0xFFFF || cd_size == 0xFFFFFFFF) && i >= 20 &&
		    memcmp(tail + i - 20, "PK\6\7", 4) == 0) {
			unsigned char z[56];
			uint64_t off = le64(tail + i - 20 + 8);

			if (off < (uint64_t)size - 56 && read_at(f, (long)off, z, sizeof(z)) &&
			    memcmp(z, "PK\6\6", 4) == 0) {
				entries = le64(z + 32);
				cd_size = le64(z + 40);
			}
		}
		break;
	}
	if (cd_size > CENTRAL_MAX || entries > ENTRIES_MAX) {
		bd_diag_report(ck->diag, BD_R_ZIP_TOO_LARGE, ck->path, 0, 0,
			      "the central directory claims %llu entries in %llu bytes; more than this checker "
			      "loads (%d entries, %llu bytes)",
			      (unsigned long long)entries, (unsigned long long)cd_size, ENTRIES_MAX,
			      (unsigned long long)CENTRAL_MAX);
		rc = -1;
	}
out:
	free(tail);
	return rc;
}

void bd_check_mimetype(struct bd_check *ck, FILE *f)
{
	unsigned char h[30];
	unsigned char content[MIMETYPE_LEN];
	unsigned char name[8];
	uint16_t flags, method, name_len, extra_len;
	uint32_t csize;
	struct bd_check_entry *e;

	if (!read_at(f, 0, h, sizeof(h)) || memcmp(h, "PK\3\4", 4) != 0) {
		bd_diag_report(ck->diag, BD_R_MIMETYPE_NOT_FIRST, ck->path, 0, 0,
			      "the file does not start with a ZIP local file header, so 'mimetype' is not first");
		return;
	}
	flags = le16(h + 6);
	method = le16(h + 8);
	csize = le32(h + 18);
	name_len = le16(h + 26);
	extra_len = le16(h + 28);
	if (name_len != sizeof(name) || !read_at(f, 30, name, sizeof(name)) ||
	    memcmp(name, "mimetype", sizeof(name)) != 0) {
		bd_diag_report(ck->diag, BD_R_MIMETYPE_NOT_FIRST, ck->path, 0, 0,
			      "the first entry of the ZIP is not the file 'mimetype'");
		return;
	}
	if (method != ZIP_CM_STORE)
		bd_diag_report(ck->diag, BD_R_MIMETYPE_COMPRESSED, ck->path, 0, 0,
			      "'mimetype' is compressed (method %u); it must be stored", method);
	if (extra_len != 0)
		bd_diag_report(ck->diag, BD_R_MIMETYPE_EXTRA_FIELD, ck->path, 0, 0,
			      "'mimetype' has a %u-byte extra field in its local header; it must have none",
			      extra_len);
	if (method != ZIP_CM_STORE)
		return;
	/* With a data descriptor (flag bit 3) the local sizes are zero; the
	 * central directory has the real one. */
	e = bd_check_entry_find(ck, "mimetype");
	if ((flags & 8) && e)
		csize = e->size > UINT32_MAX ? UINT32_MAX : (uint32_t)e->size;
	if (csize != MIMETYPE_LEN || !read_at(f, 30L + name_len + extra_len, content, sizeof(content)) ||
	    memcmp(content, MIMETYPE, MIMETYPE_LEN) != 0)
		bd_diag_report(ck->diag, BD_R_MIMETYPE_CONTENT, ck->path, 0, 0,
			      "'mimetype' must contain exactly '" MIMETYPE "' (no newline, no spaces)");
}

/* ---- file names ---------------------------------------------------------- */

/* EPUB 3.3 section 4.2.3: characters a file name must not use.  Of the
 * tags, only U+E0001 (language tag): the others make emoji tag sequences. */
static bool forbidden_char(utf8proc_int32_t c)
{
	if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F))
		return true;
	if (c < 0x80)
		return strchr("\"*:<>?\\|", (int)c) != NULL;
	return (c >= 0xE000 && c <= 0xF8FF) || (c >= 0xFDD0 && c <= 0xFDEF) || (c >= 0xFFF0 && c <= 0xFFFF) ||
	       c == 0xE0001 || c >= 0xF0000 || (c & 0xFFFE) == 0xFFFE;
}

/* Checks one name; returns false when it is not UTF-8 (no folding then). */
static bool check_name(struct bd_check *ck, const struct bd_check_entry *e)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)e->name;
	size_t left = strlen(e->name);
	char *shown = bd_check_printable(e->name);
	bool bad_char = false, ok = true;

	for (utf8proc_ssize_t k; left > 0; p += k, left -= (size_t)k) {
		utf8proc_int32_t c;

		k = utf8proc_iterate(p, (utf8proc_ssize_t)left, &c);
		if (k <= 0) {
			bd_diag_report(ck->diag, BD_R_FILENAME_NOT_UTF8, ck->path, 0, 0,
				      "the file name '%s' is not valid UTF-8", shown);
			ok = false;
			goto out;
		}
		if (!bad_char && forbidden_char(c)) {
			bd_diag_report(ck->diag, BD_R_FILENAME_FORBIDDEN_CHAR, ck->path, 0, 0,
				      "the file name '%s' contains U+%04X, which EPUB file names must not use",
				      shown, (unsigned)c);
			bad_char = true;
		}
	}
	if (e->name[0] == '/') {
		bd_diag_report(ck->diag, BD_R_FILENAME_TRAVERSAL, ck->path, 0, 0,
			      "the file name '%s' is an absolute path", shown);
		goto out;
	}
	for (const char *seg = e->name; *seg;) {
		size_t len = strcspn(seg, "/");
		bool last = seg[len] == '\0';

		if ((len == 0 && !last) || (len == 1 && seg[0] == '.') ||
		    (len == 2 && seg[0] == '.' && seg[1] == '.')) {
			bd_diag_report(ck->diag, BD_R_FILENAME_TRAVERSAL, ck->path, 0, 0,
				      "the file name '%s' has an empty, '.' or '..' segment", shown);
			break;
		}
		if (len > 255) {
			bd_diag_report(ck->diag, BD_R_FILENAME_TOO_LONG, ck->path, 0, 0,
				      "a segment of the file name '%.60s...' is %zu bytes; the limit is 255", shown,
				      len);
			break;
		}
		if (len > 0 && seg[len - 1] == '.' && !bad_char) {
			bd_diag_report(ck->diag, BD_R_FILENAME_FORBIDDEN_CHAR, ck->path, 0, 0,
				      "the file name '%s' has a segment ending in '.'", shown);
			bad_char = true;
		}
		seg += last ? len : len + 1;
	}
out:
	free(shown);
	return ok;
}

static void check_names(struct bd_check *ck)
{
	struct bd_map * folded = bd_map_new();

	for (size_t i = 0; i < ck->nentries; i++) {
		const struct bd_check_entry *e = &ck->entries[i];
		char *key;
		const struct bd_check_entry *other;

		if (!check_name(ck, e))
			continue;
		/* The same key the builder gives image names (rules.c). */
		key = bd_filename_key(e->name);
		if (!key)
			continue;
		other = bd_map_get(folded, key);
		if (other) {
			char *a = bd_check_printable(other->name), *b = bd_check_printable(e->name);

			bd_diag_report(ck->diag, BD_R_FILENAME_DUPLICATE, ck->path, 0, 0,
				      strcmp(a, b) == 0 ? "the file name '%s' is stored twice%.0s"
							: "the file names '%s' and '%s' are the same after case "
							  "folding and Unicode normalization",
				      a, b);
			free(a);
			free(b);
		} else {
			bd_map_add(folded, key, (void *)e);
		}
		free(key);
	}
	bd_map_free(folded);
}

/* ---- methods and encryption ---------------------------------------------- */

/* Collects the URIs META-INF/encryption.xml declares as encrypted. */
static struct bd_map * declared_encrypted(struct bd_check *ck)
{
	struct bd_check_entry *e = bd_check_entry_find(ck, "META-INF/encryption.xml");
	struct bd_map * set = bd_map_new();
	char *display;
	xmlDocPtr doc;
	xmlNodePtr root, n;

	if (!e)
		return set;
	display = bd_check_display(ck, e->name);
	doc = bd_check_read_xml(ck, e, display);
	free(display);
	if (!doc)
		return set;
	/* CipherReference elements can sit at any depth under EncryptedData. */
	root = xmlDocGetRootElement(doc);
	for (n = root; n; n = bd_check_next(n, root)) {
		if (bd_xml_is(n, "CipherReference")) {
			char *uri = bd_xml_attr(n, "URI");
			char *path = uri ? bd_check_resolve("", uri, NULL) : NULL;

			if (path)
				bd_map_add(set, path, (void *)1);
			free(path);
			free(uri);
		}
	}
	xmlFreeDoc(doc);
	return set;
}

static void check_methods(struct bd_check *ck)
{
	struct bd_map * declared = NULL;

	for (size_t i = 0; i < ck->nentries; i++) {
		struct bd_check_entry *e = &ck->entries[i];
		char *display;

		if (e->is_dir)
			continue;
		display = bd_check_display(ck, e->name);
		if (e->method != ZIP_CM_STORE && e->method != ZIP_CM_DEFLATE)
			bd_diag_report(ck->diag, BD_R_COMPRESSION_METHOD, display, 0, 0,
				      "compression method %u is used; EPUB allows only stored (0) and deflated (8)",
				      e->method);
		if (e->encrypted) {
			if (!declared)
				declared = declared_encrypted(ck);
			if (!bd_map_get(declared, e->name))
				bd_diag_report(ck->diag, BD_R_ENCRYPTION_UNDECLARED, display, 0, 0,
					      "the entry is encrypted but META-INF/encryption.xml does not declare it");
		}
		free(display);
	}
	if (declared)
		bd_map_free(declared);
}

/* ---- META-INF/container.xml ---------------------------------------------- */

static void check_container_xml(struct bd_check *ck)
{
	struct bd_check_entry *e = bd_check_entry_find(ck, "META-INF/container.xml");
	char *display = bd_check_display(ck, "META-INF/container.xml");
	xmlDocPtr doc = NULL;
	xmlNodePtr root, rootfiles, rf;
	bool any = false;

	if (!e) {
		bd_diag_report(ck->diag, BD_R_CONTAINER_MISSING, ck->path, 0, 0,
			      "META-INF/container.xml is missing, so the package document cannot be found");
		goto out;
	}
	doc = bd_check_read_xml(ck, e, display);
	if (!doc)
		goto out;
	root = xmlDocGetRootElement(doc);
	bd_check_ocf_container(ck, doc, display);
	rootfiles = bd_xml_is(root, "container") ? bd_xml_child(root, "rootfiles") : NULL;
	for (rf = bd_xml_first_element(rootfiles); rf; rf = bd_xml_next_element(rf)) {
		char *full_path, *media_type, *path;

		if (!bd_xml_is(rf, "rootfile"))
			continue;
		any = true;
		full_path = bd_xml_attr(rf, "full-path");
		media_type = bd_xml_attr(rf, "media-type");
		path = full_path && *full_path ? bd_check_resolve("", full_path, NULL) : NULL;
		if (!path || !*path) {
			bd_diag_report(ck->diag, BD_R_CONTAINER_INVALID, display, bd_xml_line(rf), bd_xml_col(rf),
				      "rootfile has no usable full-path attribute");
		} else if (!media_type || strcmp(media_type, "application/oebps-package+xml") != 0) {
			bd_diag_report(ck->diag, BD_R_ROOTFILE_MEDIA_TYPE, display, bd_xml_line(rf), bd_xml_col(rf),
				      "rootfile media-type is '%s'; it must be application/oebps-package+xml",
				      media_type ? media_type : "");
		} else if (!bd_check_entry_find(ck, path)) {
			char *shown = bd_check_printable(path);

			bd_diag_report(ck->diag, BD_R_ROOTFILE_MISSING, display, bd_xml_line(rf), bd_xml_col(rf),
				      "the package document '%s' named by rootfile is not in the container", shown);
			free(shown);
		} else if (!ck->opf_path) {
			ck->opf_path = path;
			path = NULL;
		}
		free(path);
		free(full_path);
		free(media_type);
	}
	if (!any)
		bd_diag_report(ck->diag, BD_R_CONTAINER_INVALID, display, root ? bd_xml_line(root) : 0, root ? bd_xml_col(root) : 0, "container.xml has no container/rootfiles/rootfile element");
out:
	if (doc)
		xmlFreeDoc(doc);
	free(display);
}

void bd_check_container(struct bd_check *ck)
{
	check_names(ck);
	check_methods(ck);
	check_container_xml(ck);
}
