/* out.h - writing XML with libxml2's text writer.
 *
 * libxml2 does the escaping and serialising; struct bd_out adds a sticky
 * error so that a writer can write a whole document and check once at the
 * end (bd_out_close).  Its fields are the writer's own: callers use the
 * functions below. */
#ifndef BD_OUT_H
#define BD_OUT_H

#include "diag.h"

#include <libxml/xmlwriter.h>
#include <stdbool.h>
#include <stddef.h>

struct bd_epub;

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
/* Opens path for an HTML page served as text/html: no XML declaration,
 * <!DOCTYPE html> and a newline.  False after an "io" error in diag. */
bool bd_out_open_html(struct bd_out *o, const char *path, struct bd_diag *diag);
/* Finishes and closes the document; false, after an "io" error in diag, if
 * any write failed. */
bool bd_out_close(struct bd_out *o);
void bd_out_start(struct bd_out *o, const char *name);
void bd_out_attr(struct bd_out *o, const char *name, const char *value);
void bd_out_text(struct bd_out *o, const char *text);
void bd_out_end(struct bd_out *o);
/* Ends the element with an end tag even when it is empty: HTML needs
 * <a></a> and <script></script>, never <a/>. */
void bd_out_end_full(struct bd_out *o);
/* <!DOCTYPE html> */
void bd_out_doctype(struct bd_out *o);
/* <name>text</name>, with an optional class. */
void bd_out_element(struct bd_out *o, const char *name, const char *class_name, const char *text);

#endif
