/* structure.h - the source format's structure, checked with plain messages.
 *
 * libxml2's RELAX NG messages say what the validator met ("Did not expect
 * element p there"), not what the writer must change.  This module holds
 * the structure of book.xml, articles and the glossary as a table: per
 * element and context, its attributes, whether it holds text, and its
 * children as an ordered list of slots.  A unit test holds the table
 * against the .rng files in schemas/, which stay the authority and still run after it.
 *
 * Spellings of values (ids, addresses, dates, language tags) are not checked
 * here; other code checks them, on the raw value. */
#ifndef BD_STRUCTURE_H
#define BD_STRUCTURE_H

#include "diag.h"
#include "xml.h"

#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <stdbool.h>
#include <stddef.h>

/* How often the elements of a slot occur: 1, ?, * or +. */
enum bd_structure_occurs { BD_OCCURS_ONE, BD_OCCURS_OPTIONAL, BD_OCCURS_ANY, BD_OCCURS_SOME };

enum bd_structure_text {
	BD_TEXT_NO,        /* white space only (between child elements) */
	BD_TEXT_YES,       /* text, possibly empty */
	BD_TEXT_NONEMPTY,  /* text of at least one character */
};

enum bd_structure_use {
	BD_ATTR_REQUIRED,
	BD_ATTR_OPTIONAL,
	BD_ATTR_ONE_OF,    /* exactly one of the element's ONE_OF attributes */
	BD_ATTR_WHEN,      /* required when when_attr is when_value, not allowed otherwise */
};

struct bd_structure_attr {
	const char *name;                  /* NULL ends a list */
	enum bd_structure_use use;
	bool nonempty;                     /* the value has at least one character */
	const char *const *values;         /* the allowed values, NULL-terminated; NULL: any */
	const char *when_attr, *when_value;
};

struct bd_structure_elem;

struct bd_structure_slot {
	enum bd_structure_occurs occurs;
	const struct bd_structure_elem *const *elems;  /* NULL-terminated; NULL ends a list of slots */
};

/* One element in one context (a <title> in <book> is another entry than a
 * <title> in <section>).  Mixed content is text plus one BD_OCCURS_ANY slot
 * of the inline elements; an element with no slots and BD_TEXT_NO is empty.
 * An element name occurs in at most one slot of an element. */
struct bd_structure_elem {
	const char *name;
	enum bd_structure_text text;
	const struct bd_structure_attr *attrs;  /* NULL: none */
	const struct bd_structure_slot *slots;  /* NULL: none */
};

/* The root element of a format. */
const struct bd_structure_elem *bd_structure_root(enum bd_schema schema);

/* Checks doc against the format's table and adds one "structure" error to
 * diag per problem, at the element's line and column, leaving out problems
 * that follow from one already reported.  display names the file.  Returns
 * the number of problems reported. */
size_t bd_structure_check(const xmlDoc *doc, enum bd_schema schema, const char *display, struct bd_diag *diag);

/* libxml2's words for a common syntax error, said as what to write
 * instead: curly quotes around an attribute value, a bare '&' or '<', an
 * HTML entity, an end tag that does not match.  Returns a new string, or
 * NULL to keep libxml2's own message. */
char *bd_structure_syntax_message(const xmlError *err);

#endif
