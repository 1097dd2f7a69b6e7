/* xhtml.h - writing XHTML content documents with libxml2's text writer.
 * The writer itself, struct bd_out, is in out.h. */
#ifndef BD_XHTML_H
#define BD_XHTML_H

#include "diag.h"
#include "epub.h"
#include "model.h"
#include "out.h"

#include <stdbool.h>

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

/* The text to show for an empty cross-reference to target: the heading
 * that hash ("#id", or NULL) names, else the target's title.  The web
 * edition (web.c) labels its links the same way. */
const char *bd_xhtml_xref_label(const struct bd_article *target, const char *hash);

/* Appends to *uses (bd_grow: *len used of *cap) the first use of each known
 * glossary entry below node (a term with depth 1), in reading order: the
 * notes after an article, in the EPUB and in the web edition. */
void bd_xhtml_first_uses(const struct bd_book *book, const struct bd_node *node, const struct bd_node ***uses,
			 size_t *len, size_t *cap);

/* Renders one article as the entry name of epub. Returns false after adding an "io" error. */
bool bd_xhtml_write_article(const struct bd_book *book, const struct bd_article *art,
			    const struct bd_node *tree, struct bd_epub *epub, const char *name,
			    struct bd_diag *diag);

/* The epub:type and DPUB-ARIA role for an article type. */
const char *bd_article_epub_type(enum bd_article_type type);
const char *bd_article_role(enum bd_article_type type);
/* The same for a callout of kind ("urgent", "tip" or "note"): a notice,
 * a tip, or a plain note (no epub:type: NULL). */
const char *bd_callout_epub_type(const char *kind);
const char *bd_callout_role(const char *kind);

#endif
