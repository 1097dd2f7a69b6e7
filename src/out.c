/* out.c - struct bd_out: libxml2's text writer with a sticky error, into a
 * file or into an EPUB entry in memory. */
#include "out.h"

#include "alloc.h"
#include "epub.h"

#include <stdlib.h>
#include <string.h>

static bool out_start(struct bd_out *o, bool indent)
{
	if (o->w && indent) {
		xmlTextWriterSetIndent(o->w, 1);
		xmlTextWriterSetIndentString(o->w, BAD_CAST "  ");
	}
	if (!o->w || xmlTextWriterStartDocument(o->w, "1.0", "UTF-8", NULL) < 0) {
		if (o->w)
			xmlFreeTextWriter(o->w);
		o->w = NULL;
		o->failed = true;
		free(o->bytes);
		o->bytes = NULL;
		bd_diag_report(o->diag, BD_R_IO, o->path, 0, 0, "cannot write");
		return false;
	}
	return true;
}

bool bd_out_open(struct bd_out *o, const char *path, bool indent, struct bd_diag *diag)
{
	memset(o, 0, sizeof(*o));
	o->path = path;
	o->diag = diag;
	o->w = xmlNewTextWriterFilename(path, 0);
	return out_start(o, indent);
}

/* libxml2's output buffer flushes into this. */
static int append_bytes(void *context, const char *buf, int len)
{
	struct bd_out *o = context;

	bd_grow(&o->bytes, &o->cap, o->len + (size_t)len, 1);
	memcpy(o->bytes + o->len, buf, (size_t)len);
	o->len += (size_t)len;
	return len;
}

static int close_bytes(void *context)
{
	(void)context;
	return 0;
}

bool bd_out_open_entry(struct bd_out *o, struct bd_epub *epub, const char *name, bool indent,
		       struct bd_diag *diag)
{
	xmlOutputBufferPtr buf;

	memset(o, 0, sizeof(*o));
	o->path = name;
	o->diag = diag;
	o->epub = epub;
	buf = xmlOutputBufferCreateIO(append_bytes, close_bytes, o, NULL);
	o->w = buf ? xmlNewTextWriter(buf) : NULL;  /* owns buf from here */
	if (buf && !o->w)
		xmlOutputBufferClose(buf);
	return out_start(o, indent);
}

bool bd_out_open_html(struct bd_out *o, const char *path, struct bd_diag *diag)
{
	memset(o, 0, sizeof(*o));
	o->path = path;
	o->diag = diag;
	o->w = xmlNewTextWriterFilename(path, 0);
	if (!o->w) {
		o->failed = true;
		bd_diag_report(diag, BD_R_IO, path, 0, 0, "cannot write");
		return false;
	}
	bd_out_doctype(o);
	bd_out_text(o, "\n");
	return true;
}

bool bd_out_close(struct bd_out *o)
{
	if (!o->w)
		return false;
	if (xmlTextWriterEndDocument(o->w) < 0)
		o->failed = true;
	xmlFreeTextWriter(o->w);  /* flushes, and closes the file */
	o->w = NULL;
	if (o->failed)
		bd_diag_report(o->diag, BD_R_IO, o->path, 0, 0, "cannot write");
	else if (o->epub) {
		/* Without the doubling's slack: it waits in memory to be compressed. */
		bd_epub_take(o->epub, o->path, o->len < o->cap ? bd_realloc(o->bytes, o->len ? o->len : 1) : o->bytes,
			     o->len);
		o->bytes = NULL;
	}
	free(o->bytes);
	o->bytes = NULL;
	return !o->failed;
}

void bd_out_start(struct bd_out *o, const char *name)
{
	if (!o->failed && xmlTextWriterStartElement(o->w, BAD_CAST name) < 0)
		o->failed = true;
}

void bd_out_attr(struct bd_out *o, const char *name, const char *value)
{
	if (!o->failed && value && xmlTextWriterWriteAttribute(o->w, BAD_CAST name, BAD_CAST value) < 0)
		o->failed = true;
}

void bd_out_text(struct bd_out *o, const char *text)
{
	if (!o->failed && text && xmlTextWriterWriteString(o->w, BAD_CAST text) < 0)
		o->failed = true;
}

void bd_out_end(struct bd_out *o)
{
	if (!o->failed && xmlTextWriterEndElement(o->w) < 0)
		o->failed = true;
}

void bd_out_end_full(struct bd_out *o)
{
	if (!o->failed && xmlTextWriterFullEndElement(o->w) < 0)
		o->failed = true;
}

void bd_out_doctype(struct bd_out *o)
{
	if (!o->failed && xmlTextWriterWriteDTD(o->w, BAD_CAST "html", NULL, NULL, NULL) < 0)
		o->failed = true;
}

void bd_out_element(struct bd_out *o, const char *name, const char *class_name, const char *text)
{
	bd_out_start(o, name);
	bd_out_attr(o, "class", class_name);
	bd_out_text(o, text);
	bd_out_end(o);
}
