/* xml.c - safe XML parsing and schema validation for the whole program.
 *
 * Owns the compiled schemas (built once, freed by bd_xml_cleanup).  Element
 * positions: libxml2 2.9 keeps a 16-bit line per node but no column, so while
 * parsing we find each start tag's '<' in the input, store its exact line in
 * node->line (and, past 65535, in the element's unused content pointer) and
 * its column in node->extra, which neither the parser nor Relax NG
 * validation uses. */
#include "xml.h"

#include "alloc.h"
#include "infile.h"
#include "structure.h"

#include <errno.h>
#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/relaxng.h>
#include <libxml/xmlerror.h>
#include <openssl/evp.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Defined in the file CMake generates from schemas/ (schemas.c). */
extern const char bd_schema_book_rng[];
extern const size_t bd_schema_book_rng_len;
extern const char bd_schema_article_rng[];
extern const size_t bd_schema_article_rng_len;
extern const char bd_schema_glossary_rng[];
extern const size_t bd_schema_glossary_rng_len;
extern const char bd_schema_edition_rng[];
extern const size_t bd_schema_edition_rng_len;

struct parse_state {
	const char *buf;
	size_t len;
	size_t *line_starts;   /* byte offset of each line's first byte */
	size_t nlines, cap;
	const char *display;
	unsigned flags;
	struct bd_diag *diag;
	bool refused;          /* a forbidden construct stopped the parser */
	bool reported;         /* an error was already added for this document */
	bool fatal;            /* a syntax error was reported: what follows is its cascade */
	bool muted;            /* the structure check found the cause: the schema's words are dropped */
	startElementNsSAX2Func start_element;
	endElementNsSAX2Func end_element;
	/* bd_xml_stream's caller, or NULL when the whole tree is kept. */
	void (*on_element)(xmlNodePtr node, void *data);
	void *data;
	/* position_of's last answer.  Elements arrive in document order, so the
	 * next column is counted on from there, not from the start of the line:
	 * a document on one long line (our XHTML) stays linear, not quadratic. */
	size_t last_line, last_off, last_chars;
};

static void index_lines(struct parse_state *st)
{
	const char *p = st->buf, *end = st->buf + st->len, *nl;

	bd_grow(&st->line_starts, &st->cap, 1, sizeof(size_t));
	st->line_starts[st->nlines++] = 0;
	while (p < end && (nl = memchr(p, '\n', (size_t)(end - p)))) {
		bd_grow(&st->line_starts, &st->cap, st->nlines + 1, sizeof(size_t));
		st->line_starts[st->nlines++] = (size_t)(nl - st->buf) + 1;
		p = nl + 1;
	}
}

/* The number of UTF-8 characters (bytes that are not continuation bytes,
 * 10xxxxxx) in buf[from, to).  Eight bytes at a time: most text is ASCII. */
static size_t count_chars(const char *buf, size_t from, size_t to)
{
	const uint64_t high = 0x8080808080808080ULL;
	size_t chars = 0, i = from;

	for (; i + 8 <= to; i += 8) {
		uint64_t w, cont;

		memcpy(&w, buf + i, 8);
		/* Bit 7 of each byte set where bit 7 is 1 and bit 6 is 0. */
		cont = (w & ~(w << 1) & high) >> 7;
		/* The multiplication sums the eight 0-or-1 bytes into the top one. */
		chars += 8 - (size_t)((cont * 0x0101010101010101ULL) >> 56);
	}
	for (; i < to; i++)
		chars += ((unsigned char)buf[i] & 0xC0) != 0x80;
	return chars;
}

/* Line and column (in characters) of byte offset off, both 1-based. */
static void position_of(struct parse_state *st, size_t off, unsigned *line, unsigned *col)
{
	size_t lo = 0, hi = st->nlines;
	size_t chars = 0, from;

	/* Elements come in document order: most are on the last one's line or
	 * the next. */
	if (st->last_line < st->nlines && st->line_starts[st->last_line] <= off) {
		lo = st->last_line;
		if (lo + 1 < hi && st->line_starts[lo + 1] <= off) {
			lo++;
			if (lo + 1 < hi && st->line_starts[lo + 1] > off)
				hi = lo + 1;
		} else {
			hi = lo + 1;
		}
	}

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (st->line_starts[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	from = st->line_starts[lo];
	/* A byte order mark takes no column. */
	if (from == 0 && off >= 3 && st->len >= 3 && memcmp(st->buf, "\xEF\xBB\xBF", 3) == 0)
		from = 3;
	if (st->last_off > from && st->last_line == lo && st->last_off <= off) {
		from = st->last_off;
		chars = st->last_chars;
	}
	chars += count_chars(st->buf, from, off);
	st->last_line = lo;
	st->last_off = off;
	st->last_chars = chars;
	*line = lo + 1 > UINT32_MAX ? UINT32_MAX : (unsigned)(lo + 1);
	*col = chars + 1 > 65535 ? 65535 : (unsigned)(chars + 1);
}

/* The last '<' in buf[0, n), or NULL. */
static const char *last_lt(const char *buf, size_t n)
{
	const uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;

	/* Eight bytes at a time while none of them is '<' (a tag's attributes
	 * can be long), then byte by byte. */
	while (n >= 8) {
		uint64_t w, x;

		memcpy(&w, buf + n - 8, 8);
		x = w ^ (ones * '<');
		if ((x - ones) & ~x & high)
			break;
		n -= 8;
	}
	while (n > 0 && buf[n - 1] != '<')
		n--;
	return n > 0 ? buf + n - 1 : NULL;
}

static void on_start_element(void *ctx, const xmlChar *localname, const xmlChar *prefix,
			     const xmlChar *uri, int nb_namespaces, const xmlChar **namespaces,
			     int nb_attributes, int nb_defaulted, const xmlChar **attributes)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct parse_state *st = ctxt->_private;
	long consumed;

	st->start_element(ctx, localname, prefix, uri, nb_namespaces, namespaces, nb_attributes,
			  nb_defaulted, attributes);
	/* Where the parser stands in the input.  UTF-8 is parsed without a
	 * decoder, so this is an offset into buf (a byte order mark is skipped
	 * by moving cur, and so counted too). */
	consumed = ctxt->input ? (long)ctxt->input->consumed + (long)(ctxt->input->cur - ctxt->input->base) : -1;
	if (ctxt->node && consumed > 0 && (size_t)consumed <= st->len) {
		/* '<' cannot occur inside a start tag, so the last one before the
		 * parser's position opens this element. */
		const char *lt = last_lt(st->buf, (size_t)consumed);
		unsigned line, col;

		if (lt) {
			position_of(st, (size_t)(lt - st->buf), &line, &col);
			ctxt->node->extra = (unsigned short)col;
			ctxt->node->line = line > 65535 ? 65535 : (unsigned short)line;
			/* An element's content pointer is unused (libxml2 keeps text in
			 * children, and XPath only reads negative values there), so it
			 * carries lines that do not fit in 16 bits. */
			if (line >= 65535)
				ctxt->node->content = (xmlChar *)(uintptr_t)line;
		}
	}
	if (st->on_element && ctxt->node && !ctxt->disableSAX)
		st->on_element(ctxt->node, st->data);
}

/* Streaming: a finished element is freed, with the finished nodes before it
 * (text, comments, and elements already freed).  The root stays, and so do
 * the open ancestors of the element being parsed: libxml2's reader frees
 * behind itself the same way. */
static void on_end_element(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct parse_state *st = ctxt->_private;
	xmlNodePtr node = ctxt->node;

	st->end_element(ctx, localname, prefix, uri);
	if (!node || node->type != XML_ELEMENT_NODE || !node->parent || node->parent->type != XML_ELEMENT_NODE ||
	    ctxt->node == node)
		return;
	while (node->prev) {
		xmlNodePtr prev = node->prev;

		xmlUnlinkNode(prev);
		xmlFreeNode(prev);
	}
	xmlUnlinkNode(node);
	xmlFreeNode(node);
}

static void refuse(xmlParserCtxtPtr ctxt, enum bd_rule rule, const char *what)
{
	struct parse_state *st = ctxt->_private;
	unsigned line = ctxt->input ? (unsigned)ctxt->input->line : 0;
	unsigned col = ctxt->input ? (unsigned)ctxt->input->col : 0;

	if (!st->refused)
		bd_diag_report(st->diag, rule, st->display, line, col, "%s", what);
	st->refused = true;
	st->reported = true;
	xmlStopParser(ctxt);
}

static void on_internal_subset(void *ctx, const xmlChar *name, const xmlChar *external_id,
			       const xmlChar *system_id)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct parse_state *st = ctxt->_private;

	if (!(st->flags & BD_XML_ALLOW_DOCTYPE)) {
		refuse(ctxt, BD_R_XML_DOCTYPE, "document type declarations are not allowed here");
		return;
	}
	/* Kept in the tree (never loaded): the checker reads its identifiers. */
	xmlSAX2InternalSubset(ctx, name, external_id, system_id);
}

static void on_entity_decl(void *ctx, const xmlChar *name, int type, const xmlChar *public_id,
			   const xmlChar *system_id, xmlChar *content)
{
	(void)name;
	(void)type;
	(void)public_id;
	(void)system_id;
	(void)content;
	refuse(ctx, BD_R_XML_ENTITY, "entity declarations are not allowed (they can expand without bound or read other files)");
}

static xmlParserInputPtr refuse_external(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	(void)url;
	(void)id;
	if (ctxt && ctxt->_private)
		refuse(ctxt, BD_R_XML_EXTERNAL, "external resources are not loaded");
	return NULL;
}

static pthread_once_t loader_once = PTHREAD_ONCE_INIT;

static void install_loader(void)
{
	xmlSetExternalEntityLoader(refuse_external);
}

static void on_structured_error(void *data, xmlErrorPtr err)
{
	struct parse_state *st = data;
	char *text;
	size_t n;
	unsigned line, col;

	if (st->refused || st->muted || err->level == XML_ERR_NONE)
		return;
	/* After a specific complaint, Relax NG also blames every ancestor. */
	if (err->domain == XML_FROM_RELAXNGV && st->reported && err->code == XML_RELAXNG_ERR_CONTENTVALID)
		return;
	/* libxml2 recovers poorly: after the first fatal error, the rest is
	 * mostly the same mistake again. */
	if (err->domain == XML_FROM_PARSER && st->fatal)
		return;
	if (err->domain == XML_FROM_PARSER && err->level == XML_ERR_FATAL)
		st->fatal = true;
	text = bd_structure_syntax_message(err);
	if (!text)
		text = bd_strdup(err->message ? err->message : "malformed XML");
	/* A diagnostic is one line; libxml2 sometimes breaks its messages. */
	for (char *c = text; *c; c++)
		if (*c == '\n' || *c == '\r')
			*c = ' ';
	n = strlen(text);
	while (n > 0 && text[n - 1] == ' ')
		text[--n] = '\0';
	line = err->node ? bd_xml_line(err->node) : (unsigned)(err->line > 0 ? err->line : 0);
	col = err->node ? bd_xml_col(err->node) : (unsigned)(err->int2 > 0 ? err->int2 : 0);
	if (err->domain == XML_FROM_RELAXNGV || err->domain == XML_FROM_RELAXNGP)
		bd_diag_report(st->diag, BD_R_SCHEMA,
			    st->display, line, col, "%s", text);
	else if (err->level == XML_ERR_WARNING)
		bd_diag_report(st->diag, BD_R_XML, st->display, line, col, "%s", text);
	else
		bd_diag_report(st->diag, BD_R_XML_SYNTAX, st->display, line, col, "%s", text);
	if (err->level != XML_ERR_WARNING)
		st->reported = true;
	free(text);
}

static void silent(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

/* The rest of a document handed to libxml2 in the pieces it asks for. */
struct chunk_reader {
	const char *next;
	size_t left;
};

static int read_chunk(void *ctx, char *out, int len)
{
	struct chunk_reader *r = ctx;
	size_t n = len > 0 ? (size_t)len : 0;

	if (n > r->left)
		n = r->left;
	memcpy(out, r->next, n);
	r->next += n;
	r->left -= n;
	return (int)n;
}

static xmlDocPtr parse(const char *buf, size_t len, const char *display, unsigned flags,
		       void (*on_element)(xmlNodePtr node, void *data), void *data, struct bd_diag *diag)
{
	struct parse_state st = { .buf = buf, .len = len, .display = display, .flags = flags, .diag = diag,
				  .on_element = on_element, .data = data };
	xmlParserCtxtPtr ctxt = NULL;
	xmlDocPtr doc = NULL;
	/* Never NOENT, DTDLOAD, DTDATTR, DTDVALID, XINCLUDE or HUGE. */
	const int options = XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR |
			    (flags & BD_XML_READ_ONLY ? XML_PARSE_COMPACT : 0);

	if (len >= 2 && (((unsigned char)buf[0] == 0xFE && (unsigned char)buf[1] == 0xFF) ||
			 ((unsigned char)buf[0] == 0xFF && (unsigned char)buf[1] == 0xFE))) {
		bd_diag_report(diag, BD_R_ENCODING, display, 1, 1, "the file is UTF-16; it must be UTF-8");
		return NULL;
	}
	if (len > INT32_MAX) {
		bd_diag_report(diag, BD_R_SOURCE_TOO_LARGE, display, 0, 0, "the document is too large to parse");
		return NULL;
	}
	index_lines(&st);
	ctxt = xmlNewParserCtxt();
	if (!ctxt) {
		free(st.line_starts);
		bd_diag_report(diag, BD_R_INTERNAL, display, 0, 0, "cannot create an XML parser");
		return NULL;
	}
	ctxt->_private = &st;
	st.start_element = ctxt->sax->startElementNs ? ctxt->sax->startElementNs : xmlSAX2StartElementNs;
	ctxt->sax->startElementNs = on_start_element;
	if (on_element) {
		st.end_element = ctxt->sax->endElementNs ? ctxt->sax->endElementNs : xmlSAX2EndElementNs;
		ctxt->sax->endElementNs = on_end_element;
	}
	ctxt->sax->internalSubset = on_internal_subset;
	ctxt->sax->entityDecl = on_entity_decl;
	ctxt->sax->serror = NULL;
	/* The loader is one for the whole process (unlike the error handlers,
	 * which libxml2 keeps per thread), and sources are parsed on two
	 * threads at once: install it once and never take it away. */
	pthread_once(&loader_once, install_loader);
	xmlSetGenericErrorFunc(NULL, silent);
	xmlSetStructuredErrorFunc(&st, on_structured_error);

	/* No encoding is forced: a forced decoder would make the parser's
	 * offsets count decoded bytes.  UTF-8 needs no decoder, bad bytes stop
	 * the parse, and any other declared encoding is refused below. */
	if ((flags & BD_XML_CHUNKED) && len <= XML_MAX_LOOKUP_LIMIT) {
		/* libxml2 reads as it goes and drops what it has parsed, so a
		 * large document is not held twice.  Only up to its lookup limit:
		 * past it, a long token in a buffer that is not all of memory
		 * stops the parse with another message than from memory. */
		struct chunk_reader r = { buf, len };

		doc = xmlCtxtReadIO(ctxt, read_chunk, NULL, &r, display, NULL, options);
	} else {
		doc = xmlCtxtReadMemory(ctxt, buf, (int)len, display, NULL, options);
	}
	if (doc && doc->encoding && xmlStrcasecmp(doc->encoding, BAD_CAST "UTF-8") != 0) {
		bd_diag_report(diag, BD_R_ENCODING, display, 1, 1, "the file declares the encoding %s; it must be UTF-8",
			      (const char *)doc->encoding);
		st.reported = true;
		xmlFreeDoc(doc);
		doc = NULL;
	}
	if (doc && (!ctxt->wellFormed || st.refused)) {
		xmlFreeDoc(doc);
		doc = NULL;
	}
	if (!doc && !st.reported)
		bd_diag_report(diag, BD_R_XML_SYNTAX, display, 0, 0, "the document could not be parsed");
	if (doc && !xmlDocGetRootElement(doc)) {
		bd_diag_report(diag, BD_R_XML_SYNTAX, display, 0, 0, "the document has no root element");
		xmlFreeDoc(doc);
		doc = NULL;
	}

	xmlSetStructuredErrorFunc(NULL, NULL);
	ctxt->_private = NULL;
	xmlFreeParserCtxt(ctxt);
	free(st.line_starts);
	return doc;
}

xmlDocPtr bd_xml_parse(const char *buf, size_t len, const char *display, unsigned flags,
		       struct bd_diag *diag)
{
	return parse(buf, len, display, flags, NULL, NULL, diag);
}

bool bd_xml_stream(const char *buf, size_t len, const char *display, unsigned flags,
		   void (*on_element)(xmlNodePtr node, void *data), void *data, struct bd_diag *diag)
{
	xmlDocPtr doc = parse(buf, len, display, flags, on_element, data, diag);

	xmlFreeDoc(doc);
	return doc != NULL;
}

xmlDocPtr bd_xml_read_file(const char *path, const char *display, size_t max_bytes,
			   unsigned flags, struct bd_diag *diag)
{
	return bd_xml_read_file_digest(path, display, max_bytes, flags, NULL, diag);
}

xmlDocPtr bd_xml_read_file_digest(const char *path, const char *display, size_t max_bytes, unsigned flags,
				  unsigned char digest[BD_XML_DIGEST_LEN], struct bd_diag *diag)
{
	FILE *f = bd_infile_open_report(path, display, 0, 0, diag);
	char *buf = NULL;
	size_t len = 0;
	xmlDocPtr doc = NULL;

	if (!f)
		return NULL;
	if (!bd_infile_read_all(f, max_bytes, &buf, &len)) {
		bd_diag_report(diag, BD_R_IO, display, 0, 0, "cannot read: %s", strerror(errno));
		goto out;
	}
	if (len > max_bytes) {
		bd_diag_report(diag, BD_R_SOURCE_TOO_LARGE, display, 0, 0,
			       "the file is larger than the limit of %zu MiB", max_bytes >> 20);
		goto out;
	}
	if (digest && EVP_Digest(buf, len, digest, NULL, EVP_sha256(), NULL) != 1)
		memset(digest, 0, BD_XML_DIGEST_LEN);
	doc = bd_xml_parse(buf, len, display, flags, diag);
out:
	fclose(f);
	free(buf);
	return doc;
}

unsigned bd_xml_line(const xmlNode *node)
{
	long line;

	if (node && node->type == XML_ELEMENT_NODE && node->line == 65535 && node->content)
		return (unsigned)(uintptr_t)node->content;
	line = node ? xmlGetLineNo(node) : -1;
	return line > 0 ? (unsigned)line : 0;
}

unsigned bd_xml_col(const xmlNode *node)
{
	if (!node || node->type != XML_ELEMENT_NODE)
		return 0;
	return node->extra;
}

/* Compiled schemas, built on first use. */
static xmlRelaxNGPtr schemas[BD_SCHEMA_COUNT];

static xmlRelaxNGPtr schema_get(enum bd_schema which)
{
	const char *text = NULL;
	size_t len = 0;
	xmlRelaxNGParserCtxtPtr pctxt;

	if (schemas[which])
		return schemas[which];
	switch (which) {
	case BD_SCHEMA_BOOK:
		text = bd_schema_book_rng, len = bd_schema_book_rng_len;
		break;
	case BD_SCHEMA_ARTICLE:
		text = bd_schema_article_rng, len = bd_schema_article_rng_len;
		break;
	case BD_SCHEMA_GLOSSARY:
		text = bd_schema_glossary_rng, len = bd_schema_glossary_rng_len;
		break;
	case BD_SCHEMA_EDITION:
		text = bd_schema_edition_rng, len = bd_schema_edition_rng_len;
		break;
	case BD_SCHEMA_COUNT:
		return NULL;
	}
	pctxt = xmlRelaxNGNewMemParserCtxt(text, (int)len);
	if (!pctxt)
		return NULL;
	schemas[which] = xmlRelaxNGParse(pctxt);
	xmlRelaxNGFreeParserCtxt(pctxt);
	return schemas[which];
}

bool bd_xml_validate(xmlDocPtr doc, enum bd_schema which, const char *display,
		     struct bd_diag *diag)
{
	struct parse_state st = { .display = display, .diag = diag };
	xmlRelaxNGPtr schema;
	xmlRelaxNGValidCtxtPtr vctxt;
	size_t errors_before = bd_diag_errors(diag);
	/* Our own structure check names what is missing or misplaced.  The
	 * schema still decides, but once the check has found the cause, the
	 * schema's words for the same cause are dropped. */
	size_t problems = bd_structure_check(doc, which, display, diag);
	int rc;

	xmlSetGenericErrorFunc(NULL, silent);
	schema = schema_get(which);
	if (!schema) {
		bd_diag_report(diag, BD_R_INTERNAL, display, 0, 0, "the embedded schema does not compile");
		return false;
	}
	vctxt = xmlRelaxNGNewValidCtxt(schema);
	if (!vctxt) {
		bd_diag_report(diag, BD_R_INTERNAL, display, 0, 0, "cannot create a schema validator");
		return false;
	}
	st.muted = problems > 0;
	xmlRelaxNGSetValidStructuredErrors(vctxt, on_structured_error, &st);
	rc = xmlRelaxNGValidateDoc(vctxt, doc);
	xmlRelaxNGFreeValidCtxt(vctxt);
	/* A problem the schema lets pass would be a gap in its table: still an error. */
	if (problems > 0 && rc == 0)
		rc = -1;
	if (rc != 0 && bd_diag_errors(diag) == errors_before)
		bd_diag_report(diag, BD_R_SCHEMA, display, 0, 0, "the document does not match the schema");
	return rc == 0;
}

void bd_xml_cleanup(void)
{
	for (int i = 0; i < BD_SCHEMA_COUNT; i++) {
		if (schemas[i])
			xmlRelaxNGFree(schemas[i]);
		schemas[i] = NULL;
	}
	xmlCleanupParser();
}

xmlNodePtr bd_xml_first_element(const xmlNode *parent)
{
	for (xmlNodePtr n = parent ? parent->children : NULL; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE)
			return n;
	return NULL;
}

xmlNodePtr bd_xml_next_element(const xmlNode *node)
{
	for (xmlNodePtr n = node ? node->next : NULL; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE)
			return n;
	return NULL;
}

bool bd_xml_is(const xmlNode *node, const char *name)
{
	return node && node->type == XML_ELEMENT_NODE && xmlStrEqual(node->name, BAD_CAST name);
}

xmlNodePtr bd_xml_child(const xmlNode *parent, const char *name)
{
	for (xmlNodePtr n = bd_xml_first_element(parent); n; n = bd_xml_next_element(n))
		if (bd_xml_is(n, name))
			return n;
	return NULL;
}

char *bd_xml_attr(const xmlNode *node, const char *name)
{
	return bd_xml_ns_attr(node, name, NULL);
}

char *bd_xml_ns_attr(const xmlNode *node, const char *name, const char *ns)
{
	xmlChar *v = ns ? xmlGetNsProp(node, BAD_CAST name, BAD_CAST ns) : xmlGetNoNsProp(node, BAD_CAST name);
	char *copy;

	if (!v)
		return NULL;
	copy = bd_strdup((const char *)v);
	xmlFree(v);
	return copy;
}

char *bd_xml_text(const xmlNode *node)
{
	xmlChar *raw = xmlNodeGetContent(node);
	char *out = bd_text_collapse(raw ? (const char *)raw : "");

	xmlFree(raw);
	return out;
}
