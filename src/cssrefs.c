/* cssrefs.c - finding the references in CSS text (see cssrefs.h).
 *
 * A single forward pass in the manner of CSS Syntax Level 3's tokenizer:
 * comments, strings, names (with escapes) and the few functions and
 * at-rules that carry references.  Positions are counted only when a
 * reference is reported, on from the last one, so the scan stays linear. */
#include "cssrefs.h"

#include "alloc.h"
#include "rules.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

struct scan {
	const char *s;
	size_t len, i;
	char *buf;              /* the name, string or URL just consumed, escapes resolved */
	size_t blen, bcap;
	size_t pos;             /* where line and col were last counted to */
	unsigned line, col;
	bd_cssrefs_fn *fn;
	void *data;
};

static bool is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static bool is_newline(char c)
{
	return c == '\n' || c == '\r' || c == '\f';
}

/* A name character: ASCII letters, digits, '-', '_', and any non-ASCII byte. */
static bool is_name(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
	       c >= 0x80;
}

/* A backslash that starts an escape: not one before a newline or the end. */
static bool escape_at(const struct scan *sc, size_t i)
{
	return i + 1 < sc->len && sc->s[i] == '\\' && !is_newline(sc->s[i + 1]);
}

static void put(struct scan *sc, const char *p, size_t n)
{
	bd_grow(&sc->buf, &sc->bcap, sc->blen + n + 1, 1);
	memcpy(sc->buf + sc->blen, p, n);
	sc->blen += n;
	sc->buf[sc->blen] = '\0';
}

static void put_code(struct scan *sc, uint32_t cp)
{
	utf8proc_uint8_t u[4];

	/* As CSS decodes them: NUL, surrogates and out of range become U+FFFD. */
	if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
		cp = 0xFFFD;
	put(sc, (const char *)u, (size_t)utf8proc_encode_char((utf8proc_int32_t)cp, u));
}

/* Consumes the escape whose backslash is at sc->i and appends its character:
 * up to six hex digits and one white space after them, or the next
 * character as it is. */
static void escape(struct scan *sc)
{
	const char *s = sc->s;
	size_t i = sc->i + 1, n = 0;
	uint32_t cp = 0;

	if (bd_hex_digit(s[i]) >= 0) {
		for (; i < sc->len && n < 6 && bd_hex_digit(s[i]) >= 0; i++, n++)
			cp = cp * 16 + (uint32_t)bd_hex_digit(s[i]);
		if (i < sc->len && is_ws(s[i]))
			i += s[i] == '\r' && i + 1 < sc->len && s[i + 1] == '\n' ? 2 : 1;
		put_code(sc, cp);
	} else if (s[i] == '\0') {
		/* CSS reads a NUL byte as U+FFFD, escaped or not. */
		put_code(sc, 0xFFFD);
		i++;
	} else {
		/* The whole character, all its UTF-8 bytes. */
		n = 1;
		while (i + n < sc->len && ((unsigned char)s[i + n] & 0xC0) == 0x80)
			n++;
		put(sc, s + i, n);
		i += n;
	}
	sc->i = i;
}

/* One raw character of a string or URL; NUL reads as U+FFFD, as in CSS. */
static void put_raw(struct scan *sc)
{
	if (sc->s[sc->i] == '\0')
		put_code(sc, 0xFFFD);
	else
		put(sc, sc->s + sc->i, 1);
	sc->i++;
}

static void skip_comment(struct scan *sc)
{
	const char *end = NULL;

	if (sc->len - sc->i > 2) {
		for (size_t j = sc->i + 2; j + 1 < sc->len && !end; j++)
			if (sc->s[j] == '*' && sc->s[j + 1] == '/')
				end = sc->s + j + 2;
	}
	sc->i = end ? (size_t)(end - sc->s) : sc->len;
}

static bool comment_at(const struct scan *sc, size_t i)
{
	return i + 1 < sc->len && sc->s[i] == '/' && sc->s[i + 1] == '*';
}

static void skip_ws_comments(struct scan *sc)
{
	while (sc->i < sc->len) {
		if (is_ws(sc->s[sc->i]))
			sc->i++;
		else if (comment_at(sc, sc->i))
			skip_comment(sc);
		else
			break;
	}
}

static void clear(struct scan *sc)
{
	sc->blen = 0;
	put(sc, "", 0);
}

/* Consumes a run of name characters and escapes into buf. */
static void name(struct scan *sc)
{
	clear(sc);
	while (sc->i < sc->len) {
		if (is_name((unsigned char)sc->s[sc->i]))
			put(sc, sc->s + sc->i++, 1);
		else if (escape_at(sc, sc->i))
			escape(sc);
		else
			break;
	}
}

/* Consumes the string whose quote is at sc->i into buf.  A newline ends it
 * unclosed (CSS's bad string); a backslash before a newline continues it. */
static void string(struct scan *sc)
{
	char q = sc->s[sc->i++];

	clear(sc);
	while (sc->i < sc->len) {
		char c = sc->s[sc->i];

		if (c == q) {
			sc->i++;
			return;
		}
		if (is_newline(c))
			return;
		if (c == '\\') {
			if (sc->i + 1 >= sc->len) {
				sc->i++;
			} else if (is_newline(sc->s[sc->i + 1])) {
				sc->i += sc->s[sc->i + 1] == '\r' && sc->i + 2 < sc->len && sc->s[sc->i + 2] == '\n' ? 3 : 2;
			} else {
				escape(sc);
			}
			continue;
		}
		put_raw(sc);
	}
}

/* Skips to just after the next ')' (what CSS does with a bad URL). */
static void skip_to_close(struct scan *sc)
{
	while (sc->i < sc->len && sc->s[sc->i] != ')')
		sc->i += escape_at(sc, sc->i) ? 2 : 1;
	if (sc->i < sc->len)
		sc->i++;
}

/* Consumes url('s argument and its ')' into buf; sc->i is just after '('. */
static void url_argument(struct scan *sc)
{
	size_t after_ws;

	while (sc->i < sc->len && is_ws(sc->s[sc->i]))
		sc->i++;
	after_ws = sc->i;
	/* CSS allows comments only around a quoted argument; a lenient reader
	 * may skip them anyway, so look past them for a quote. */
	skip_ws_comments(sc);
	if (sc->i < sc->len && (sc->s[sc->i] == '"' || sc->s[sc->i] == '\'')) {
		string(sc);
		skip_ws_comments(sc);
		if (sc->i < sc->len && sc->s[sc->i] == ')')
			sc->i++;
		return;
	}
	sc->i = after_ws;
	clear(sc);
	while (sc->i < sc->len) {
		char c = sc->s[sc->i];

		if (c == ')') {
			sc->i++;
			return;
		}
		if (is_ws(c) || c == '"' || c == '\'' || c == '(' || (c == '\\' && !escape_at(sc, sc->i))) {
			/* White space may only end the URL; anything else here
			 * makes it a bad URL.  Either way the rest up to ')' is
			 * no reference, and what came before is reported. */
			skip_to_close(sc);
			return;
		}
		if (c == '\\')
			escape(sc);
		else
			put_raw(sc);
	}
}

/* Counts line and column on to offset and hands the reference in buf to fn. */
static void report(struct scan *sc, size_t offset, bool import, bool font_face)
{
	struct bd_cssref ref;

	if (sc->blen == 0)
		return;
	if (offset < sc->pos) {
		sc->pos = 0;
		sc->line = sc->col = 1;
	}
	for (; sc->pos < offset; sc->pos++) {
		unsigned char c = (unsigned char)sc->s[sc->pos];

		if (c == '\n') {
			sc->line++;
			sc->col = 1;
		} else if ((c & 0xC0) != 0x80) {
			sc->col++;
		}
	}
	ref.url = sc->buf;
	ref.offset = offset;
	ref.line = sc->line;
	ref.col = sc->col;
	ref.import = import;
	ref.font_face = font_face;
	sc->fn(&ref, sc->data);
}

/* After "@import": a string or url(...), past white space and comments. */
static void import_rule(struct scan *sc, size_t at)
{
	skip_ws_comments(sc);
	if (sc->i >= sc->len)
		return;
	if (sc->s[sc->i] == '"' || sc->s[sc->i] == '\'') {
		string(sc);
		report(sc, at, true, false);
		return;
	}
	name(sc);
	if (strcasecmp(sc->buf, "url") == 0 && sc->i < sc->len && sc->s[sc->i] == '(') {
		sc->i++;
		url_argument(sc);
		report(sc, at, true, false);
	}
}

/* Functions whose string arguments are URLs (CSS Images 4, CSS Values 4). */
static bool takes_url_strings(const char *fn)
{
	return strcasecmp(fn, "image-set") == 0 || strcasecmp(fn, "-webkit-image-set") == 0 ||
	       strcasecmp(fn, "image") == 0 || strcasecmp(fn, "src") == 0;
}

void bd_cssrefs_scan(const char *css, size_t len, bd_cssrefs_fn *fn, void *data)
{
	struct scan sc = { .s = css, .len = len, .line = 1, .col = 1, .fn = fn, .data = data };
	size_t braces = 0, parens = 0;
	size_t set_parens = 0;        /* parens inside an image-set( whose strings are URLs; 0: none */
	size_t font_face_braces = 0;  /* braces outside the open @font-face block + 1; 0: none */
	bool font_face_next = false;  /* an @font-face prelude: its block comes next */
	bool in_namespace = false;    /* an @namespace prelude: its URI is a name */

	while (sc.i < len) {
		size_t at = sc.i;
		char c = css[at];

		if (comment_at(&sc, at)) {
			skip_comment(&sc);
		} else if (c == '"' || c == '\'') {
			string(&sc);
			if (set_parens && parens == set_parens && !in_namespace)
				report(&sc, at, false, font_face_braces > 0);
		} else if (c == '{' || c == '}' || c == ';') {
			if (c == '{') {
				if (font_face_next && !font_face_braces)
					font_face_braces = braces + 1;
				braces++;
			} else if (c == '}') {
				braces -= braces > 0;
				if (font_face_braces > braces)
					font_face_braces = 0;
			}
			font_face_next = in_namespace = false;
			parens = set_parens = 0;
			sc.i++;
		} else if (c == '(' || c == ')') {
			if (c == '(')
				parens++;
			else if (parens)
				parens--;
			if (parens < set_parens)
				set_parens = 0;
			sc.i++;
		} else if (c == '@') {
			sc.i++;
			name(&sc);
			if (strcasecmp(sc.buf, "import") == 0)
				import_rule(&sc, at);
			else if (strcasecmp(sc.buf, "namespace") == 0)
				in_namespace = true;
			else if (strcasecmp(sc.buf, "font-face") == 0)
				font_face_next = true;
		} else if (is_name((unsigned char)c) || escape_at(&sc, at)) {
			/* A whole name, so "my-url(" or "2url(" is not url(. */
			name(&sc);
			if (sc.i < len && css[sc.i] == '(') {
				if (strcasecmp(sc.buf, "url") == 0) {
					sc.i++;
					url_argument(&sc);
					if (!in_namespace)
						report(&sc, at, false, font_face_braces > 0);
				} else if (takes_url_strings(sc.buf)) {
					sc.i++;
					set_parens = ++parens;
				}
			}
		} else {
			sc.i += c == '\\' ? 2 : 1;
		}
	}
	free(sc.buf);
}

enum bd_cssrefs_where bd_cssrefs_where(const char *ref)
{
	const unsigned char *p = (const unsigned char *)ref;
	const unsigned char *scheme_end;
	char first[2] = { 0, 0 };
	size_t nfirst = 0;

	/* The WHATWG URL parser drops leading C0 controls and spaces, and
	 * tabs and newlines anywhere: "\thttps://x" and "ht\ntps://x" are remote. */
	while (*p && *p <= 0x20)
		p++;
	if (!*p || *p == '#')
		return BD_CSSREFS_FRAGMENT;
	/* Two slashes (either way round, as parsers read '\' like '/'): a host. */
	for (const unsigned char *q = p; *q && nfirst < 2; q++)
		if (*q != '\t' && *q != '\n' && *q != '\r')
			first[nfirst++] = (char)*q;
	if (nfirst == 2 && (first[0] == '/' || first[0] == '\\') && (first[1] == '/' || first[1] == '\\'))
		return BD_CSSREFS_REMOTE;
	if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
		return BD_CSSREFS_LOCAL;
	/* scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":" */
	for (scheme_end = p + 1; *scheme_end; scheme_end++) {
		unsigned char c = *scheme_end;

		if (c == '\t' || c == '\n' || c == '\r')
			continue;
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' ||
		      c == '-' || c == '.'))
			break;
	}
	if (*scheme_end != ':')
		return BD_CSSREFS_LOCAL;
	if (scheme_end - p == 4 && strncasecmp((const char *)p, "data", 4) == 0)
		return BD_CSSREFS_DATA;
	return BD_CSSREFS_REMOTE;
}
