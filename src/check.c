/* check.c - the EPUB checker's entry point.
 *
 * Opens the EPUB with libzip (read only, never written), builds the entry
 * table, and runs the rule sets in order: container, package, content and
 * navigation, accessibility.  Owns the limits that make hostile input safe:
 * every byte read goes through bd_check_read or bd_check_scan, which stop at
 * max_xml per XML entry and max_total for the whole file (zip bombs), and
 * trust no size the ZIP claims.  Also owns the rule table and the JSON form
 * of the results. */
#include "check_internal.h"
#include "infile.h"
#include "json.h"

#include "alloc.h"
#include "rules.h"
#include "rules_epubcheck.h"
#include "xml.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>
#include <utf8proc.h>

/* ---- JSON ---------------------------------------------------------------- */

/* "epubcheck":["RSC-003","OPF-016"]: the rule's closest EPUBCheck ids, so
 * that a report can be mapped; nothing when EPUBCheck has none. */
static void epubcheck_ids(struct bd_json *j, enum bd_rule rule)
{
	const char *ids = bd_rule_epubcheck(rule);

	if (!ids || strcmp(ids, "none") == 0)
		return;
	bd_json_key(j, "epubcheck");
	bd_json_csv(j, ids);
}

void bd_check_json_message(struct bd_json *j, const struct bd_diag_msg *m, const char *file)
{
	static const char *const names[] = { "note", "warning", "error" };

	bd_json_object(j, BD_JSON_INLINE);
	bd_json_member(j, "rule", m->rule);
	bd_json_member(j, "severity", names[m->severity]);
	epubcheck_ids(j, m->id);
	bd_json_member(j, "file", file);
	bd_json_member_number(j, "line", "%u", m->line);
	bd_json_member_number(j, "col", "%u", m->col);
	bd_json_member(j, "message", m->text);
	bd_json_close(j);
}

void bd_check_write_json(FILE *out, const char *const *files, const struct bd_diag *const *per_file,
			 size_t nfiles)
{
	struct bd_json j;

	bd_json_begin(&j, out, 1, true);
	bd_json_array(&j, BD_JSON_LINES);
	for (size_t f = 0; f < nfiles; f++) {
		const struct bd_diag *d = per_file[f];

		bd_json_object(&j, BD_JSON_INLINE);
		bd_json_member(&j, "file", files[f]);
		bd_json_key(&j, "messages");
		bd_json_array(&j, BD_JSON_ROWS);
		for (size_t i = 0; i < d->len; i++)
			bd_check_json_message(&j, &d->msgs[i], d->msgs[i].file);
		bd_json_close(&j);
		bd_json_member_number(&j, "errors", "%zu", d->count[BD_ERROR]);
		bd_json_member_number(&j, "warnings", "%zu", d->count[BD_WARNING]);
		bd_json_close(&j);
	}
	bd_json_close(&j);
	bd_json_end(&j);
}

/* ---- small helpers shared by the rule sets ---------------------------- */

char *bd_check_printable(const char *s)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	size_t left = strlen(s), n = 0;
	char *out = bd_malloc(left + 1);

	while (left > 0) {
		utf8proc_int32_t c;
		utf8proc_ssize_t k = utf8proc_iterate(p, (utf8proc_ssize_t)left, &c);

		if (k <= 0 || c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
			out[n++] = '?';
			k = k <= 0 ? 1 : k;
		} else {
			memcpy(out + n, p, (size_t)k);
			n += (size_t)k;
		}
		p += k, left -= (size_t)k;
	}
	out[n] = '\0';
	return out;
}

char *bd_check_display(const struct bd_check *ck, const char *entry)
{
	char *name = bd_check_printable(entry);
	char *display = bd_asprintf("%s!%s", ck->path, name);

	free(name);
	return display;
}

bool bd_check_is(const xmlNode *node, const char *name, const char *ns)
{
	return bd_xml_is(node, name) && node->ns && node->ns->href &&
	       strcmp((const char *)node->ns->href, ns) == 0;
}

xmlNodePtr bd_check_next(const xmlNode *n, const xmlNode *root)
{
	xmlNodePtr c = bd_xml_first_element(n);

	if (c)
		return c;
	for (; n && n != root; n = n->parent) {
		xmlNodePtr s = bd_xml_next_element(n);

		if (s)
			return s;
	}
	return NULL;
}

bool bd_check_has_word(const char *list, const char *word)
{
	size_t wlen = strlen(word);

	if (!list)
		return false;
	for (const char *p = list; *p;) {
		size_t n;

		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		n = strcspn(p, " \t\n\r");
		if (n == wlen && n > 0 && strncmp(p, word, n) == 0)
			return true;
		p += n;
	}
	return false;
}

enum bd_check_ref bd_check_ref_kind(const char *href)
{
	const char *p = href;

	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	if (*p == '\0' || *p == '#')
		return BD_REF_SAME_DOC;
	if (p[0] == '/' && p[1] == '/')
		return BD_REF_REMOTE;
	if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')) {
		const char *q = p + 1;

		while ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') || (*q >= '0' && *q <= '9') ||
		       *q == '+' || *q == '-' || *q == '.')
			q++;
		if (*q == ':') {
			size_t n = (size_t)(q - p);

			if ((n == 4 && strncasecmp(p, "http", 4) == 0) ||
			    (n == 5 && strncasecmp(p, "https", 5) == 0))
				return BD_REF_REMOTE;
			return BD_REF_OTHER;
		}
	}
	return BD_REF_LOCAL;
}

/* Percent-decodes len bytes of s into a new string. */
static char *percent_decode(const char *s, size_t len)
{
	char *out = bd_malloc(len + 1);
	size_t n = 0;

	for (size_t i = 0; i < len; i++) {
		int hi, lo;

		if (s[i] == '%' && i + 2 < len && (hi = bd_hex_digit(s[i + 1])) >= 0 && (lo = bd_hex_digit(s[i + 2])) >= 0 && hi * 16 + lo != 0) {
			out[n++] = (char)(hi * 16 + lo);
			i += 2;
		} else {
			out[n++] = s[i];
		}
	}
	out[n] = '\0';
	return out;
}

/* s in Unicode Normalization Form C (s is freed), so that a reference with
 * composed characters finds a name stored decomposed and the reverse; s as
 * it is when it is ASCII or not UTF-8. */
static char *nfc(char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	char *c;

	while (p && *p && *p < 0x80)
		p++;
	if (!p || !*p)
		return s;
	c = (char *)utf8proc_NFC((const utf8proc_uint8_t *)s);
	if (!c)
		return s;
	free(s);
	return c;
}

char *bd_check_resolve(const char *base, const char *href, char **fragment)
{
	size_t path_len = strcspn(href, "?#");
	const char *hash = strchr(href, '#');
	char *path = percent_decode(href, path_len);
	char *joined, *out = NULL;
	size_t n = 0;
	const char *slash;

	if (fragment)
		*fragment = hash ? percent_decode(hash + 1, strlen(hash + 1)) : NULL;
	if (path[0] == '\0') {
		free(path);
		return bd_strdup(base);
	}
	slash = strrchr(base, '/');
	if (path[0] == '/')
		joined = bd_strdup(path + 1);
	else if (slash) {
		size_t nbase = (size_t)(slash - base) + 1, npath = strlen(path);

		joined = bd_malloc(nbase + npath + 1);
		memcpy(joined, base, nbase);
		memcpy(joined + nbase, path, npath + 1);
	}
	else
		joined = bd_strdup(path);
	free(path);

	/* Remove "." and ".." segments; ".." above the root leaves the container. */
	out = bd_malloc(strlen(joined) + 1);
	for (const char *seg = joined; *seg;) {
		size_t len = strcspn(seg, "/");
		bool last = seg[len] == '\0';

		if (len == 2 && seg[0] == '.' && seg[1] == '.') {
			if (n == 0) {
				free(out);
				out = NULL;
				goto out;
			}
			/* out ends with "segment/": drop both. */
			n--;
			while (n > 0 && out[n - 1] != '/')
				n--;
		} else if (!(len == 1 && seg[0] == '.') && len > 0) {
			memcpy(out + n, seg, len);
			n += len;
			if (!last)
				out[n++] = '/';
		}
		seg += last ? len : len + 1;
	}
	out[n] = '\0';
	out = nfc(out);
out:
	free(joined);
	return out;
}

/* ---- reading entries ------------------------------------------------------ */

struct bd_check_entry *bd_check_entry_find(const struct bd_check *ck, const char *name)
{
	return name && ck->entry_by_name ? bd_map_get(ck->entry_by_name, name) : NULL;
}

struct bd_check_item *bd_check_item_find(const struct bd_check *ck, const char *path)
{
	return path && ck->item_by_path ? bd_map_get(ck->item_by_path, path) : NULL;
}

/* Counts n bytes toward max_total; false (after one error) past it. */
static bool count_bytes(struct bd_check *ck, uint64_t n, const char *display)
{
	if (ck->over_total)
		return false;
	if (n > ck->max_total - ck->total) {
		bd_diag_report(ck->diag, BD_R_ZIP_TOO_LARGE, display, 0, 0,
			      "reading this entry exceeds the limit of %llu uncompressed bytes for the whole file; "
			      "stopped reading (a zip bomb?)",
			      (unsigned long long)ck->max_total);
		ck->over_total = true;
		return false;
	}
	ck->total += n;
	return true;
}

static zip_file_t *open_entry(struct bd_check *ck, struct bd_check_entry *e, const char *display)
{
	zip_file_t *zf;

	if (e->read && e->corrupt)
		return NULL;
	/* Encrypted entries and other methods were reported by the container rules. */
	if (e->encrypted || (e->method != ZIP_CM_STORE && e->method != ZIP_CM_DEFLATE)) {
		e->read = e->corrupt = true;
		return NULL;
	}
	/* Refuse before inflating anything when the claimed size is over budget. */
	if (ck->over_total || e->size > ck->max_total - ck->total) {
		count_bytes(ck, e->size, display);
		return NULL;
	}
	zf = zip_fopen_index(ck->zip, e->index, 0);
	if (!zf) {
		bd_diag_report(ck->diag, BD_R_ZIP_ENTRY_CORRUPT, display, 0, 0, "cannot read this entry: %s",
			      zip_strerror(ck->zip));
		e->read = e->corrupt = true;
	}
	return zf;
}

static void read_failed(struct bd_check *ck, struct bd_check_entry *e, zip_file_t *zf, const char *display)
{
	bd_diag_report(ck->diag, BD_R_ZIP_ENTRY_CORRUPT, display, 0, 0, "cannot read this entry: %s",
		      zip_file_strerror(zf));
	e->corrupt = true;
}

int bd_check_read(struct bd_check *ck, struct bd_check_entry *e, const char *display, char **bufp,
		  size_t *lenp)
{
	zip_file_t *zf = NULL;
	char *buf = NULL;
	size_t len = 0, cap = 0;
	int rc = -1;

	*bufp = NULL;
	*lenp = 0;
	if (e->size > ck->max_xml) {
		bd_diag_report(ck->diag, BD_R_XML_TOO_LARGE, display, 0, 0,
			      "the entry is %llu bytes, more than the limit of %zu for one document",
			      (unsigned long long)e->size, ck->max_xml);
		goto out;
	}
	zf = open_entry(ck, e, display);
	if (!zf)
		goto out;
	e->read = true;
	/* The central directory's size is a claim, not a promise: grow as we go
	 * and stop one byte past the limit.  Sized first for the claim (and one
	 * byte to see the end and one for the NUL), so that a true claim needs no
	 * doubling: at 10,000 articles nav.xhtml is 8.4 MiB, in 16 MiB otherwise. */
	if (e->size < ck->max_xml) {
		cap = (size_t)e->size + 2;
		buf = bd_malloc(cap);
	}
	for (;;) {
		zip_int64_t n;
		size_t want;

		if (cap - len < 2)
			bd_grow(&buf, &cap, len + 65536 + 1, 1);
		want = cap - len - 1;
		if (want > ck->max_xml + 1 - len)
			want = ck->max_xml + 1 - len;
		n = zip_fread(zf, buf + len, want);
		if (n < 0) {
			read_failed(ck, e, zf, display);
			goto out;
		}
		if (n == 0)
			break;
		if (!count_bytes(ck, (uint64_t)n, display))
			goto out;
		len += (size_t)n;
		if (len > ck->max_xml) {
			bd_diag_report(ck->diag, BD_R_XML_TOO_LARGE, display, 0, 0,
				      "the entry is larger than the limit of %zu bytes for one document (its "
				      "central directory entry said %llu)",
				      ck->max_xml, (unsigned long long)e->size);
			goto out;
		}
	}
	buf[len] = '\0';
	memcpy(e->head, buf, len < BD_CHECK_SNIFF ? len : BD_CHECK_SNIFF);
	e->head_len = len < BD_CHECK_SNIFF ? len : BD_CHECK_SNIFF;
	*bufp = buf;
	*lenp = len;
	buf = NULL;
	rc = 0;
out:
	if (zf)
		zip_fclose(zf);
	free(buf);
	return rc;
}

int bd_check_scan(struct bd_check *ck, struct bd_check_entry *e, const char *display)
{
	char chunk[65536];
	zip_file_t *zf;
	int rc = -1;

	if (e->read)
		return e->corrupt ? -1 : 0;
	zf = open_entry(ck, e, display);
	if (!zf)
		return -1;
	e->read = true;
	for (;;) {
		zip_int64_t n = zip_fread(zf, chunk, sizeof(chunk));

		if (n < 0) {
			read_failed(ck, e, zf, display);
			goto out;
		}
		if (n == 0)
			break;
		if (e->head_len < BD_CHECK_SNIFF) {
			size_t k = BD_CHECK_SNIFF - e->head_len;

			if (k > (size_t)n)
				k = (size_t)n;
			memcpy(e->head + e->head_len, chunk, k);
			e->head_len += k;
		}
		if (!count_bytes(ck, (uint64_t)n, display))
			goto out;
	}
	rc = 0;
out:
	zip_fclose(zf);
	return rc;
}

/* A rough upper bound of what libxml2 and xml.c's line index need for a
 * document, so that a small file of "<a/><a/>..." cannot take gigabytes. */
#define BD_CHECK_PARSE_BUDGET ((uint64_t)192 << 20)

/* The most parse_cost can charge for one byte (a '<' starting a tag). */
#define BD_CHECK_BYTE_COST_MAX (4 + 2 * 200)

static uint64_t parse_cost(const char *buf, size_t len)
{
	uint64_t tags = 0, attrs = 0, lines = 0;
	size_t i = 0;

	/* In blocks of 255 bytes with byte-wide counters and no branches, a
	 * loop the compiler turns into vector code. */
	while (i + 1 < len) {
		size_t end = len - 1 - i > 255 ? i + 255 : len - 1;
		unsigned char t = 0, a = 0, l = 0;

		for (; i < end; i++) {
			/* An end tag makes no node. */
			t += (unsigned char)((buf[i] == '<') & (buf[i + 1] != '/'));
			a += (unsigned char)(buf[i] == '=');
			l += (unsigned char)(buf[i] == '\n');
		}
		tags += t, attrs += a, lines += l;
	}
	if (i < len) {
		tags += buf[i] == '<';
		attrs += buf[i] == '=';
		lines += buf[i] == '\n';
	}
	/* Our buffer, libxml2's copy of the input, the text in the tree, slack;
	 * nodes with their text neighbours; attributes; xml.c's line table
	 * (grown by doubling).  Measured: 63 MiB of plain text peaks at 260 MiB. */
	return (uint64_t)len * 4 + tags * 2 * 200 + attrs * 200 + lines * 16;
}

/* Reads an XML entry whose parse fits the memory budget; *buf is the
 * caller's.  The tree and the streaming reader share it, so a document
 * passes or fails alike whichever reads it. */
static bool read_parseable(struct bd_check *ck, struct bd_check_entry *e, const char *display, char **buf,
			   size_t *len)
{
	if (bd_check_read(ck, e, display, buf, len) < 0)
		return false;
	/* A document too small to exceed the budget even if every byte were a
	 * tag needs no count (most content documents: below 498,000 bytes). */
	if ((uint64_t)*len * BD_CHECK_BYTE_COST_MAX <= BD_CHECK_PARSE_BUDGET ||
	    parse_cost(*buf, *len) <= BD_CHECK_PARSE_BUDGET)
		return true;
	bd_diag_report(ck->diag, BD_R_XML_TOO_COMPLEX, display, 0, 0,
		      "the document has too many elements, attributes or lines to parse safely");
	free(*buf);
	*buf = NULL;
	return false;
}

xmlDocPtr bd_check_read_xml(struct bd_check *ck, struct bd_check_entry *e, const char *display)
{
	char *buf = NULL;
	size_t len = 0;
	xmlDocPtr doc;

	if (!read_parseable(ck, e, display, &buf, &len))
		return NULL;
	doc = bd_xml_parse(buf, len, display, BD_XML_ALLOW_DOCTYPE | BD_XML_CHUNKED | BD_XML_READ_ONLY, ck->diag);
	free(buf);
	return doc;
}

bool bd_check_stream_xml(struct bd_check *ck, struct bd_check_entry *e, const char *display,
			 void (*on_element)(xmlNodePtr node, void *data), void *data)
{
	char *buf = NULL;
	size_t len = 0;
	bool ok;

	if (!read_parseable(ck, e, display, &buf, &len))
		return false;
	ok = bd_xml_stream(buf, len, display, BD_XML_ALLOW_DOCTYPE | BD_XML_CHUNKED | BD_XML_READ_ONLY, on_element, data, ck->diag);
	free(buf);
	return ok;
}

/* ---- opening the ZIP ------------------------------------------------------ */

static void build_entries(struct bd_check *ck)
{
	zip_int64_t n = zip_get_num_entries(ck->zip, 0);
	uint64_t claimed = 0;

	if (n <= 0)
		return;
	ck->entries = bd_calloc((size_t)n, sizeof(*ck->entries));
	ck->entry_by_name = bd_map_new();
	for (zip_int64_t i = 0; i < n; i++) {
		struct bd_check_entry *e = &ck->entries[ck->nentries];
		zip_stat_t st;
		size_t len;

		zip_stat_init(&st);
		if (zip_stat_index(ck->zip, (zip_uint64_t)i, ZIP_FL_ENC_RAW, &st) < 0 || !st.name) {
			bd_diag_report(ck->diag, BD_R_ZIP_STRUCTURE, ck->path, 0, 0,
				      "entry %lld of the central directory cannot be read: %s", (long long)i,
				      zip_strerror(ck->zip));
			continue;
		}
		e->name = bd_strdup(st.name);
		e->index = (zip_uint64_t)i;
		e->size = (st.valid & ZIP_STAT_SIZE) ? st.size : 0;
		e->method = (st.valid & ZIP_STAT_COMP_METHOD) ? st.comp_method : ZIP_CM_STORE;
		e->encrypted = (st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE;
		len = strlen(e->name);
		e->is_dir = len > 0 && e->name[len - 1] == '/';
		if (claimed <= UINT64_MAX - e->size)
			claimed += e->size;
		else
			claimed = UINT64_MAX;
		/* A name stored twice keeps its first entry; the container rules report it. */
		bd_map_add(ck->entry_by_name, e->name, e);
		/* References resolve to NFC (bd_check_resolve): a decomposed name
		 * is found by its composed form too. */
		{
			char *composed = nfc(bd_strdup(e->name));

			if (strcmp(composed, e->name) != 0)
				bd_map_add(ck->entry_by_name, composed, e);
			free(composed);
		}
		ck->nentries++;
	}
	if (claimed > ck->max_total)
		bd_diag_report(ck->diag, BD_R_ZIP_TOO_LARGE, ck->path, 0, 0,
			      "the entries claim %llu uncompressed bytes, more than the limit of %llu; "
			      "reading stops at the limit",
			      (unsigned long long)claimed, (unsigned long long)ck->max_total);
}

/* Opens the ZIP, reporting what is wrong with it.  Returns 0 when the check
 * can go on, 1 when it cannot (reported), 3 when the file cannot be read. */
/* libzip reads through its own copy of the descriptor bd_infile_open
 * checked, never by opening the path again. */
static zip_t *open_fd(FILE *f, int flags, int *err)
{
	int fd = dup(fileno(f));
	zip_t *z;

	if (fd < 0) {
		*err = ZIP_ER_OPEN;
		return NULL;
	}
	z = zip_fdopen(fd, flags, err);
	if (!z)
		close(fd);
	return z;
}

static int open_zip(struct bd_check *ck, FILE *f)
{
	int err = 0;
	zip_error_t ze;

	ck->zip = open_fd(f, ZIP_RDONLY | ZIP_CHECKCONS, &err);
	if (!ck->zip && err == ZIP_ER_INCONS) {
		zip_error_init_with_code(&ze, err);
		bd_diag_report(ck->diag, BD_R_ZIP_STRUCTURE, ck->path, 0, 0, "the ZIP structure is inconsistent: %s",
			      zip_error_strerror(&ze));
		zip_error_fini(&ze);
		ck->zip = open_fd(f, ZIP_RDONLY, &err);
	}
	if (ck->zip)
		return 0;
	zip_error_init_with_code(&ze, err);
	if (err == ZIP_ER_OPEN || err == ZIP_ER_READ || err == ZIP_ER_MEMORY) {
		bd_diag_report(ck->diag, BD_R_EPUB_UNREADABLE, ck->path, 0, 0, "cannot read the file: %s",
			      zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return 3;
	}
	if (err == ZIP_ER_EXISTS)
		bd_diag_report(ck->diag, BD_R_FILENAME_DUPLICATE, ck->path, 0, 0,
			      "the ZIP stores a file name twice, so it cannot be read reliably; store each file once");
	else if (err == ZIP_ER_NOZIP)
		bd_diag_report(ck->diag, BD_R_ZIP_INVALID, ck->path, 0, 0,
			      "not a ZIP file (no end of central directory record: truncated, or not an EPUB)");
	else if (err != ZIP_ER_INCONS)
		bd_diag_report(ck->diag, BD_R_ZIP_INVALID, ck->path, 0, 0, "not a readable ZIP file: %s",
			      zip_error_strerror(&ze));
	zip_error_fini(&ze);
	return 1;
}

static void check_fini(struct bd_check *ck)
{
	bd_check_package_fini(ck);
	for (size_t i = 0; i < ck->nlinks; i++)
		free(ck->links[i].fragment);
	free(ck->links);
	if (ck->ids)
		bd_map_free(ck->ids);
	for (size_t i = 0; i < ck->nentries; i++)
		free(ck->entries[i].name);
	free(ck->entries);
	if (ck->entry_by_name)
		bd_map_free(ck->entry_by_name);
	if (ck->zip)
		zip_discard(ck->zip);
}

int bd_check_epub(const char *path, const struct bd_check_options *opts, struct bd_diag *diag)
{
	struct bd_check ck;
	FILE *f = NULL;
	int rc = 0, c;
	bool a11y_werror = diag->a11y_werror;
	enum bd_infile_status status;
	const char *kind;

	memset(&ck, 0, sizeof(ck));
	ck.path = path;
	ck.diag = diag;
	ck.max_total = opts && opts->max_total ? opts->max_total : BD_CHECK_DEFAULT_MAX_TOTAL;
	ck.max_xml = opts && opts->max_xml ? opts->max_xml : BD_CHECK_DEFAULT_MAX_XML;
	ck.links_complete = true;
	ck.keep_opf = opts && opts->on_done;

	f = bd_infile_open(path, &status, &kind);
	if (!f) {
		if (status == BD_INFILE_NOT_REGULAR)
			bd_diag_report(diag, BD_R_NOT_A_FILE, path, 0, 0, "this is %s, not an EPUB file", kind);
		else
			bd_diag_report(diag, BD_R_EPUB_UNREADABLE, path, 0, 0, "cannot open: %s",
				       strerror(status == BD_INFILE_MISSING ? ENOENT : errno));
		return 3;
	}
	/* Accessibility findings are errors under --werror, for this file only. */
	diag->a11y_werror = opts && opts->werror;
	c = getc(f);
	if (c == EOF) {
		if (ferror(f)) {
			bd_diag_report(diag, BD_R_EPUB_UNREADABLE, path, 0, 0, "cannot read: %s", strerror(errno));
			rc = 3;
		} else {
			bd_diag_report(diag, BD_R_ZIP_INVALID, path, 0, 0, "the file is empty");
		}
		goto out;
	}
	rewind(f);
	if (bd_check_central_size(&ck, f) < 0)
		goto out;
	rc = open_zip(&ck, f);
	if (rc != 0) {
		rc = rc == 3 ? 3 : 0;
		goto out;
	}
	build_entries(&ck);
	bd_check_mimetype(&ck, f);
	bd_check_container(&ck);
	if (ck.opf_path && bd_check_package(&ck) == 0) {
		bd_check_fallbacks(&ck);
		bd_check_ocf(&ck);
		bd_check_content(&ck);
		if (ck.version == 3)
			bd_check_smil(&ck);
		bd_check_ncx(&ck);
		bd_check_content_fragments(&ck);
		bd_check_resources(&ck);
		/* Manifest properties, glossaries and accessibility metadata are EPUB 3's. */
		if (ck.version == 3) {
			bd_check_package_properties(&ck);
			bd_check_glossary(&ck);
			bd_check_a11y(&ck);
		}
	}
	/* Read whatever no rule set read, so that every CRC is checked. */
	for (size_t i = 0; i < ck.nentries && !ck.over_total; i++) {
		struct bd_check_entry *e = &ck.entries[i];

		if (!e->read && !e->is_dir) {
			char *display = bd_check_display(&ck, e->name);

			bd_check_scan(&ck, e, display);
			free(display);
		}
	}
	if (opts && opts->on_done)
		opts->on_done(&ck, opts->done_arg);
out:
	check_fini(&ck);
	fclose(f);
	diag->a11y_werror = a11y_werror;
	return rc;
}
