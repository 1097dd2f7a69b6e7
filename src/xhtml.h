/* xhtml.h - writing XHTML content documents with libxml2's text writer.
 *
 * libxml2 does the escaping and serialising; struct bd_out adds a sticky
 * error so that a renderer can write a whole page and check once at the end. */
#ifndef BD_XHTML_H
#define BD_XHTML_H

#include "diag.h"
#include "epub.h"
#include "model.h"

#include <libxml/xmlwriter.h>
#include <stdbool.h>

struct bd_out {
	xmlTextWriterPtr w;
	bool failed;
	const char *path;        /* file or entry name, for the "io" error; borrowed */
	struct bd_diag *diag;
	struct bd_epub *epub;    /* when writing an EPUB entry; borrowed */
	unsigned char *bytes;    /* the entry's text so far */
	size_t len, cap;
};

/* Opens path for writing an XML document (declaration included).  indent
 * only where no element has mixed content: libxml2 indents inside it too.
 * Returns false after adding an "io" error to diag. */
bool bd_out_open(struct bd_out *o, const char *path, bool indent, struct bd_diag *diag);
/* The same for an entry called name in an EPUB being assembled: the text is
 * kept in memory and handed to bd_epub_take by bd_out_close. */
bool bd_out_open_entry(struct bd_out *o, struct bd_epub *epub, const char *name, bool indent,
		       struct bd_diag *diag);
/* Finishes and closes the document; false, after an "io" error in diag, if
 * any write failed. */
bool bd_out_close(struct bd_out *o);
void bd_out_start(struct bd_out *o, const char *name);
void bd_out_attr(struct bd_out *o, const char *name, const char *value);
void bd_out_text(struct bd_out *o, const char *text);
void bd_out_end(struct bd_out *o);
/* <name>text</name>, with an optional class. */
void bd_out_element(struct bd_out *o, const char *name, const char *class_name, const char *text);

/* Starts an XHTML page: doctype, html with the book's language, head with
 * title and stylesheets (root is "" or "../": the way from the page to the
 * package folder), then opens body. */
void bd_xhtml_begin(struct bd_out *o, const struct bd_book *book, const char *title, const char *root);
/* Closes body and html. */
void bd_xhtml_end(struct bd_out *o);

/* Writes inline children of node (text, emphasis, terms, cross-references,
 * links).  root as above; from is the article being written (for links
 * inside the same document), or NULL outside articles. */
void bd_xhtml_inline(struct bd_out *o, const struct bd_book *book, const struct bd_node *node,
		     const struct bd_article *from, const char *root);

/* Renders one article as the entry name of epub. Returns false after adding an "io" error. */
bool bd_xhtml_write_article(const struct bd_book *book, const struct bd_article *art,
			    const struct bd_node *tree, struct bd_epub *epub, const char *name,
			    struct bd_diag *diag);

/* The epub:type and DPUB-ARIA role for an article type. */
const char *bd_article_epub_type(enum bd_article_type type);
const char *bd_article_role(enum bd_article_type type);

/* "26 November 2026" for "2026-11-26", always in English; a new string (the
 * input if it does not parse).  Text in the book's language uses
 * bd_l10n_date(book->lang, iso) (l10n.h). */
char *bd_human_date(const char *iso);

#endif
