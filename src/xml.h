/* xml.h - the one way this program opens XML.
 *
 * Every XML document, whether a book source or an entry inside an EPUB, is
 * hostile until checked.  These functions parse with fixed options: network
 * off, no entity substitution, no DTD loading or validation, no XInclude, and
 * libxml2's default limits (never XML_PARSE_HUGE, so nesting stops at 256
 * levels).  Entity declarations are refused outright, which stops entity
 * bombs and external entities before they are expanded.  Parse problems are
 * added to a bd_diag with file:line:col; the caller only checks for NULL. */
#ifndef BD_XML_H
#define BD_XML_H

#include "diag.h"

#include <libxml/tree.h>
#include <stdbool.h>
#include <stddef.h>

/* The largest source file the builder reads. */
#define BD_XML_SOURCE_MAX ((size_t)16 * 1024 * 1024)

enum bd_xml_flags {
	BD_XML_DEFAULT = 0,
	/* Accept a document type declaration without an internal subset, such
	 * as XHTML's <!DOCTYPE html>; the external DTD is never loaded. */
	BD_XML_ALLOW_DOCTYPE = 1 << 0,
	/* libxml2 reads the text in small pieces instead of copying all of it
	 * first (documents of up to 10,000,000 bytes, libxml2's lookup limit):
	 * the peak for a large document is the tree and buf, not the tree and
	 * two copies.  Findings are the same either way. */
	BD_XML_CHUNKED = 1 << 1,
	/* The caller never changes the tree: libxml2 may keep short texts
	 * inside their nodes (XML_PARSE_COMPACT), fewer allocations. */
	BD_XML_READ_ONLY = 1 << 2,
};

/* Parses len bytes as XML.  display names the document in messages
 * ("book/articles/x.xml" or "book.epub!EPUB/nav.xhtml").  Returns a document
 * the caller frees with xmlFreeDoc, or NULL after adding errors to diag.
 * The text must be UTF-8 (an encoding declaration naming anything else is
 * an error).  Element nodes remember their start line and column, read back
 * with bd_xml_line and bd_xml_col. */
xmlDocPtr bd_xml_parse(const char *buf, size_t len, const char *display, unsigned flags,
		       struct bd_diag *diag);

/* Parses like bd_xml_parse, with the same options, checks and messages, but
 * keeps only the open elements: on_element sees each element at its start
 * tag, with its attributes, position and open ancestors (not its content),
 * and every element is freed at its end tag.  Memory follows the document's
 * depth, not its size.  Calls made before a syntax error are not taken back:
 * the caller keeps what it found until this returns true (well-formed, with
 * a root element). */
bool bd_xml_stream(const char *buf, size_t len, const char *display, unsigned flags,
		   void (*on_element)(xmlNodePtr node, void *data), void *data, struct bd_diag *diag);

/* Reads a file of at most max_bytes and parses it as above.  A missing,
 * unreadable or oversized file is an error in diag, with rule "io" or
 * "source-too-large". */
xmlDocPtr bd_xml_read_file(const char *path, const char *display, size_t max_bytes,
			   unsigned flags, struct bd_diag *diag);

/* As bd_xml_read_file; digest (when not NULL) receives the SHA-256 of the
 * bytes read, so that a caller can tell whether a file changed since it last
 * read it.  Set only when the file was read (a NULL result after a parse
 * error still sets it); all zero if hashing failed. */
#define BD_XML_DIGEST_LEN 32
xmlDocPtr bd_xml_read_file_digest(const char *path, const char *display, size_t max_bytes, unsigned flags,
				  unsigned char digest[BD_XML_DIGEST_LEN], struct bd_diag *diag);

/* The line and column where node's start tag begins (1-based); 0 when
 * unknown (nodes not made by bd_xml_parse, column of non-elements). */
unsigned bd_xml_line(const xmlNode *node);
unsigned bd_xml_col(const xmlNode *node);

/* The schemas embedded in the binary. */
enum bd_schema { BD_SCHEMA_BOOK, BD_SCHEMA_ARTICLE, BD_SCHEMA_GLOSSARY, BD_SCHEMA_EDITION, BD_SCHEMA_COUNT };

/* Validates doc against an embedded schema; problems go to diag with rule
 * "schema".  Returns true when valid. */
bool bd_xml_validate(xmlDocPtr doc, enum bd_schema schema, const char *display,
		     struct bd_diag *diag);

/* Frees the compiled schemas; call once at exit (for leak checkers). */
void bd_xml_cleanup(void);

/* Small DOM helpers over element children (text and comments skipped). */
xmlNodePtr bd_xml_first_element(const xmlNode *parent);
xmlNodePtr bd_xml_next_element(const xmlNode *node);
/* The first child element called name, or NULL. */
xmlNodePtr bd_xml_child(const xmlNode *parent, const char *name);
bool bd_xml_is(const xmlNode *node, const char *name);
/* An attribute's value (no namespace) as a new string, or NULL. */
char *bd_xml_attr(const xmlNode *node, const char *name);
/* The same for an attribute in namespace ns (NULL: no namespace). */
char *bd_xml_ns_attr(const xmlNode *node, const char *name, const char *ns);
/* All text below node, with runs of white space folded to one space and
 * trimmed; a new string. */
char *bd_xml_text(const xmlNode *node);

#endif
