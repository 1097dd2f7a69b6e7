/* json.h - writing JSON: one string escaper and one emitter.
 *
 * No JSON library is on the approved list, and the JSON bindery writes is
 * only written, never read.  The emitter tracks nesting and places the
 * commas, the line breaks and the indentation, so that the checker's
 * --json output, the check report, the OPDS 2 catalog and the
 * plain-language report are each a sequence of calls with no hand-placed
 * punctuation. */
#ifndef BD_JSON_H
#define BD_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Writes s (NULL is written as "") as a JSON string with its quotes: '"',
 * '\\' and control characters are escaped, and bytes that are not UTF-8
 * become U+FFFD, so the output is valid JSON whatever s holds. */
void bd_json_string(FILE *out, const char *s);

/* How an object or array lays out its members. */
enum bd_json_layout {
	BD_JSON_INLINE, /* on one line: {"a": 1, "b": 2} */
	BD_JSON_LINES,  /* each member on its own line, indented; the close on a line of its own */
	BD_JSON_ROWS,   /* each member on its own line, the close right after the last one */
};

#define BD_JSON_MAX_DEPTH 16

struct bd_json {
	FILE *out;
	bool compact;     /* "," and ":" rather than ", " and ": " */
	unsigned indent;  /* spaces per level of BD_JSON_LINES and BD_JSON_ROWS */
	unsigned depth;
	bool after_key;   /* the next value is a member's, its separator written */
	struct {
		enum bd_json_layout layout;
		bool object;
		size_t count;
		unsigned level; /* line-broken containers open, this one included */
	} open[BD_JSON_MAX_DEPTH];
};

/* Starts one JSON document on out. */
void bd_json_begin(struct bd_json *j, FILE *out, unsigned indent, bool compact);
/* Ends it with a newline, once every object and array is closed. */
void bd_json_end(struct bd_json *j);

/* Opens an object or array (a value: an array's member, or after bd_json_key). */
void bd_json_object(struct bd_json *j, enum bd_json_layout layout);
void bd_json_array(struct bd_json *j, enum bd_json_layout layout);
/* Closes the innermost object or array. */
void bd_json_close(struct bd_json *j);

/* An object's member name; its value comes next. */
void bd_json_key(struct bd_json *j, const char *name);
/* Values: a string (NULL: ""), a number in printf's format, true or false. */
void bd_json_str(struct bd_json *j, const char *s);
void bd_json_number(struct bd_json *j, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void bd_json_bool(struct bd_json *j, bool value);

/* Members: a string value, an array of n strings on one line, a number in
 * printf's format. */
void bd_json_member(struct bd_json *j, const char *name, const char *value);
void bd_json_member_strings(struct bd_json *j, const char *name, char *const *items, size_t n);
/* "a,b,c" as the inline array ["a", "b", "c"]. */
void bd_json_csv(struct bd_json *j, const char *list);
void bd_json_member_number(struct bd_json *j, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
