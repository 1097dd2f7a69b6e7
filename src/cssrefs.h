/* cssrefs.h - the references in CSS text, for the builder and the checker.
 *
 * A book's stylesheets, an SVG's <style> elements and style attributes, and
 * an EPUB's CSS can all make a reading system load something: url(...) in
 * every form CSS allows (quoted or not, with escapes such as u\72l( or
 * url(http\3a //x), with white space and comments around the argument),
 * strings in image-set() and image(), and @import "..." or @import url(...).
 * One scanner finds them for both sides, so that the builder refuses at the
 * source what the checker would refuse in the EPUB.
 *
 * It skips comments, and strings that are not such arguments; @namespace
 * URIs are names, not references, and are never reported.  The scan is a
 * tokenizer's view, not a parser's: it needs no valid CSS and reports what a
 * lenient reading system might load (an unclosed url( too). */
#ifndef BD_CSSREFS_H
#define BD_CSSREFS_H

#include <stdbool.h>
#include <stddef.h>

struct bd_cssref {
	const char *url;    /* the reference, CSS escapes resolved; valid during the callback only */
	size_t offset;      /* byte offset in the text of url(, @import or the image-set string */
	unsigned line, col; /* of offset, both from 1; col counts characters (code points) */
	bool import;        /* an @import: loads a whole style sheet */
	bool font_face;     /* inside @font-face, where EPUB lets fonts be remote */
};

typedef void bd_cssrefs_fn(const struct bd_cssref *ref, void *data);

/* Calls fn for each non-empty reference in the len bytes of css, in text
 * order.  The text need not be NUL-terminated or valid UTF-8. */
void bd_cssrefs_scan(const char *css, size_t len, bd_cssrefs_fn *fn, void *data);

/* Where a reference (from CSS or an href or src attribute) leads. */
enum bd_cssrefs_where {
	BD_CSSREFS_FRAGMENT,  /* "" or "#id": inside the same document */
	BD_CSSREFS_LOCAL,     /* a relative path: another file beside it */
	BD_CSSREFS_DATA,      /* a data: URL: content embedded in the reference */
	BD_CSSREFS_REMOTE,    /* "//host...", "\\host...", or any other scheme (http:, https:, file:...) */
};

/* Classifies ref as a URL parser would read it: leading spaces and
 * control characters, and tabs and newlines anywhere, are ignored. */
enum bd_cssrefs_where bd_cssrefs_where(const char *ref);

#endif
