/* viewport.h - the viewport meta tag's content (EPUB 3.3 appendix "Viewport
 * meta tag syntax"), as fixed-layout XHTML documents must give it.
 *
 * name=value pairs separated by commas, semicolons or white space; a name
 * may come alone.  The parser is EPUBCheck's state machine, so both accept
 * and refuse the same strings. */
#ifndef BD_VIEWPORT_H
#define BD_VIEWPORT_H

#include <stdbool.h>
#include <stddef.h>

enum bd_viewport_error {
	BD_VIEWPORT_OK,
	BD_VIEWPORT_EMPTY,              /* nothing at all */
	BD_VIEWPORT_NAME_EMPTY,         /* "=value" */
	BD_VIEWPORT_VALUE_EMPTY,        /* "name=" or "name value" */
	BD_VIEWPORT_LEADING_SEPARATOR,  /* ",name=value" */
	BD_VIEWPORT_TRAILING_SEPARATOR, /* "name=value," */
	BD_VIEWPORT_ASSIGN_UNEXPECTED,  /* "name==value", "name=a=b" */
};

/* Called for each property, in order (name and value are not NUL-terminated;
 * value_len is 0 for a name alone). */
typedef void bd_viewport_fn(const char *name, size_t name_len, const char *value, size_t value_len, void *data);

/* Parses s; properties found before a syntax error have been handed to fn. */
enum bd_viewport_error bd_viewport_parse(const char *s, bd_viewport_fn *fn, void *data);
/* What the error means, for messages. */
const char *bd_viewport_error_text(enum bd_viewport_error e);
/* True when value is a valid width (or height, with is_height): a number
 * of CSS pixels (digits, optionally a fraction) or device-width/-height. */
bool bd_viewport_dimension_ok(const char *value, size_t len, bool is_height);

#endif
