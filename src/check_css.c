/* check_css.c - CSS rules (EPUB 3.3 section 6.3), on css_tokenize.c's tokens.
 *
 * One pass over the tokens of a style sheet, a <style> element or a style
 * attribute finds: syntax errors that are certain at token and block level
 * (a bad string or URL, a comment, string, block or function the text ends
 * in, a '}' that closes nothing), the direction and unicode-bidi
 * properties, and empty @font-face rules and src: url('').  What CSS
 * Syntax lets a later CSS level define (unknown at-rules, nested rules,
 * unknown properties and values) is never reported.  A style sheet file is
 * also checked for its encoding: UTF-16 is a warning, any other declared or
 * actual encoding than UTF-8 an error. */
#include "check_internal.h"

#include "alloc.h"
#include "css_tokenize.h"
#include "rules.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

/* Blocks deeper than this are still matched but not told apart. */
#define CSS_MAX_DEPTH 64

struct css_state {
	struct bd_check *ck;
	const struct bd_check_item *from;
	struct bd_css_tokenizer tk;
	unsigned line0, col0;      /* the element holding inline CSS; 0 for a style sheet */
	char open[CSS_MAX_DEPTH];  /* the closer each open block waits for */
	size_t open_at[CSS_MAX_DEPTH];
	size_t depth;              /* may exceed CSS_MAX_DEPTH */
	size_t font_face_depth;    /* depth of the open @font-face block, 0 when none */
	unsigned font_face_decls;
	bool font_face_next;       /* an @font-face prelude: its block comes next */
	bool stmt_start;           /* the next token may start a declaration */
	bool decl_list;            /* the top level is a declaration list (style attribute) */
	char *decl;                /* the property of the declaration being read, or NULL */
	size_t decl_at;
	bool url_fn;               /* just after url( with a string to come */
	bool bad;                  /* a bad string or URL was reported: what follows may be its echo */
};

static void where(struct css_state *st, size_t offset, unsigned *line, unsigned *col)
{
	unsigned l, c;

	bd_css_tokenize_where(&st->tk, offset, &l, &c);
	/* Inline CSS: lines from the element, and only its first has a column. */
	*line = st->line0 ? st->line0 + l - 1 : l;
	*col = st->line0 == 0 ? c : l > 1 ? 0 : st->col0;
}

static void report(struct css_state *st, enum bd_rule rule, size_t offset, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void report(struct css_state *st, enum bd_rule rule, size_t offset, const char *fmt, ...)
{
	unsigned line, col;
	va_list ap;

	where(st, offset, &line, &col);
	va_start(ap, fmt);
	bd_diag_vreport(st->ck->diag, rule, st->from->display, line, col, fmt, ap);
	va_end(ap);
}

static void decl_end(struct css_state *st)
{
	free(st->decl);
	st->decl = NULL;
	st->url_fn = false;
}

/* A declaration starts: an identifier, white space, a colon, at the start
 * of a statement inside a block (or of a style attribute). */
static void decl_start(struct css_state *st, const char *name, size_t offset)
{
	decl_end(st);
	st->decl = bd_strdup(name);
	st->decl_at = offset;
	if (st->font_face_depth && st->depth == st->font_face_depth)
		st->font_face_decls++;
	if (strcasecmp(name, "direction") == 0 || strcasecmp(name, "unicode-bidi") == 0)
		report(st, BD_R_CSS_PROPERTY_FORBIDDEN, offset,
		       "the '%s' property must not be used in EPUB (set the direction with the dir attribute instead)",
		       name);
}

static bool in_font_face_src(const struct css_state *st)
{
	return st->decl && st->font_face_depth && st->depth == st->font_face_depth &&
	       strcasecmp(st->decl, "src") == 0;
}

static void open_block(struct css_state *st, char closer, size_t offset)
{
	if (st->depth < CSS_MAX_DEPTH) {
		st->open[st->depth] = closer;
		st->open_at[st->depth] = offset;
	}
	st->depth++;
}

/* The closer of the innermost open block, or 0. */
static char innermost(const struct css_state *st)
{
	if (!st->depth)
		return 0;
	return st->depth <= CSS_MAX_DEPTH ? st->open[st->depth - 1] : '?';
}

static void close_brace(struct css_state *st, const struct bd_css_token *tok)
{
	/* A '}' ends the innermost '{' block, and the functions and brackets
	 * left open inside it (those are reported at the end of the text, as
	 * the parser never sees them closed: one message per cause). */
	while (st->depth && innermost(st) != '}' && innermost(st) != '?')
		st->depth--;
	if (!st->depth) {
		report(st, BD_R_CSS_SYNTAX, tok->start, "'%s' closes no block; remove it", "}");
		return;
	}
	if (st->font_face_depth == st->depth) {
		if (st->font_face_decls == 0)
			report(st, BD_R_CSS_FONT_FACE_EMPTY, st->depth <= CSS_MAX_DEPTH ? st->open_at[st->depth - 1] : tok->start,
			       "this @font-face rule declares nothing; remove it or give its font-family and src");
		st->font_face_depth = 0;
	}
	st->depth--;
	decl_end(st);
	st->stmt_start = st->depth > 0 || st->decl_list;
}

static void token(struct css_state *st, const struct bd_css_token *tok)
{
	switch (tok->type) {
	case BD_CSS_BAD_STRING:
		/* Its closing quote, on a later line, opens another string:
		 * one message for both, and none for the blocks they swallow. */
		if (!st->bad)
			report(st, BD_R_CSS_SYNTAX, tok->start, "a string runs into a new line; close its quote");
		st->bad = true;
		return;
	case BD_CSS_BAD_URL:
		report(st, BD_R_CSS_SYNTAX, tok->start,
		       "a url( holds a quote, parenthesis, space or control character; quote the URL");
		st->bad = true;
		return;
	case BD_CSS_LBRACE:
		if (st->font_face_next && !st->font_face_depth)
			st->font_face_depth = st->depth + 1;
		st->font_face_next = false;
		open_block(st, '}', tok->start);
		decl_end(st);
		st->stmt_start = true;
		return;
	case BD_CSS_LBRACKET:
		open_block(st, ']', tok->start);
		return;
	case BD_CSS_LPAREN:
	case BD_CSS_FUNCTION:
		if (tok->type == BD_CSS_FUNCTION && strcasecmp(tok->value, "url") == 0 && in_font_face_src(st))
			st->url_fn = true;
		open_block(st, ')', tok->start);
		return;
	case BD_CSS_RBRACKET:
	case BD_CSS_RPAREN:
		/* Only the matching closer ends a block; another is a token like
		 * any other, which a grammar may or may not accept. */
		if (innermost(st) == (tok->type == BD_CSS_RPAREN ? ')' : ']'))
			st->depth--;
		st->url_fn = false;
		return;
	case BD_CSS_RBRACE:
		close_brace(st, tok);
		return;
	case BD_CSS_SEMICOLON:
		decl_end(st);
		st->font_face_next = false;
		st->stmt_start = st->depth > 0 || st->decl_list;
		return;
	case BD_CSS_AT_KEYWORD:
		st->stmt_start = false;
		st->font_face_next = strcasecmp(tok->value, "font-face") == 0;
		return;
	case BD_CSS_URL:
		if (in_font_face_src(st) && tok->value_len == 0)
			report(st, BD_R_CSS_FONT_FACE_SRC_EMPTY, tok->start,
			       "@font-face src has an empty url(); name the font file");
		return;
	case BD_CSS_STRING:
		if (st->url_fn && tok->value_len == 0)
			report(st, BD_R_CSS_FONT_FACE_SRC_EMPTY, tok->start,
			       "@font-face src has an empty url(); name the font file");
		st->url_fn = false;
		return;
	default:
		return;
	}
}

/* Reads the statement-start lookahead: IDENT WS* ':' is a declaration. */
static void run(struct css_state *st)
{
	struct bd_css_token tok;
	char *ident = NULL;
	size_t ident_at = 0, eof_at = (size_t)-1;

	st->stmt_start = st->decl_list;
	while (bd_css_tokenize_next(&st->tk, &tok) != BD_CSS_EOF) {
		if (tok.eof_inside)
			eof_at = tok.start;
		if (ident) {
			if (tok.type == BD_CSS_WHITESPACE)
				continue;
			if (tok.type == BD_CSS_COLON)
				decl_start(st, ident, ident_at);
			free(ident);
			ident = NULL;
			st->stmt_start = false;
			if (tok.type == BD_CSS_COLON)
				continue;
		}
		if (st->stmt_start && tok.type == BD_CSS_IDENT && (st->depth == 0 ? st->decl_list : innermost(st) == '}')) {
			ident = bd_strdup(tok.value);
			ident_at = tok.start;
			continue;
		}
		if (tok.type != BD_CSS_WHITESPACE && tok.type != BD_CSS_CDO && tok.type != BD_CSS_CDC)
			st->stmt_start = false;
		token(st, &tok);
	}
	free(ident);
	if (st->bad)
		goto out;
	if (eof_at != (size_t)-1)
		report(st, BD_R_CSS_SYNTAX, eof_at, "the text ends inside a string or url(; close it");
	if (st->tk.unclosed_comment != (size_t)-1)
		report(st, BD_R_CSS_SYNTAX, st->tk.unclosed_comment, "a comment is never closed; end it with */");
	/* One message per unclosed '{', and one for the innermost unclosed
	 * bracket or function (all the brackets have the same cause). */
	for (size_t d = st->depth < CSS_MAX_DEPTH ? st->depth : CSS_MAX_DEPTH, first = 1; d > 0; d--) {
		char closer = st->open[d - 1];

		if (closer == '}')
			report(st, BD_R_CSS_SYNTAX, st->open_at[d - 1], "this block is never closed; add a '%s'", "}");
		else if (first)
			report(st, BD_R_CSS_SYNTAX, st->open_at[d - 1], "this is never closed; add a '%s'",
			       closer == ')' ? ")" : "]");
		if (closer != '}')
			first = 0;
	}
out:
	decl_end(st);
}

/* A style sheet's encoding: false when the text cannot be read as UTF-8. */
static bool check_encoding(struct css_state *st, const char *css, size_t len)
{
	static const char charset[] = "@charset \"";
	const unsigned char *u = (const unsigned char *)css;

	if (len >= 2 && ((u[0] == 0xFE && u[1] == 0xFF) || (u[0] == 0xFF && u[1] == 0xFE))) {
		bd_diag_report(st->ck->diag, BD_R_CSS_UTF16, st->from->display, 1, 1,
			       "this style sheet is UTF-16; EPUB recommends UTF-8");
		return false;
	}
	/* @charset is only that exact byte sequence at the very start. */
	if (len > sizeof(charset) - 1 && memcmp(css, charset, sizeof(charset) - 1) == 0) {
		const char *name = css + sizeof(charset) - 1;
		const char *end = memchr(name, '"', len - (size_t)(name - css));

		if (end) {
			char *enc = bd_strndup(name, (size_t)(end - name));
			char *shown = bd_check_printable(enc);

			if (strncasecmp(enc, "utf-16", 6) == 0)
				bd_diag_report(st->ck->diag, BD_R_CSS_UTF16, st->from->display, 1, 1,
					       "this style sheet declares @charset \"%s\"; EPUB recommends UTF-8", shown);
			else if (strcasecmp(enc, "utf-8") != 0)
				bd_diag_report(st->ck->diag, BD_R_CSS_ENCODING, st->from->display, 1, 1,
					       "this style sheet declares @charset \"%s\"; it must be UTF-8", shown);
			free(shown);
			free(enc);
			if (strncasecmp(name, "utf-8\"", 6) != 0)
				return false;
		}
	}
	for (size_t i = 0; i < len;) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n;

		/* ASCII needs no decoding. */
		if (u[i] < 0x80) {
			i++;
			continue;
		}
		n = utf8proc_iterate(u + i, (utf8proc_ssize_t)(len - i < 4 ? len - i : 4), &cp);
		if (n < 0) {
			unsigned line, col;

			bd_css_tokenize_where(&st->tk, i, &line, &col);
			bd_diag_report(st->ck->diag, BD_R_CSS_ENCODING, st->from->display, line, col,
				       "byte 0x%02X is not UTF-8; save the style sheet as UTF-8", u[i]);
			return false;
		}
		i += (size_t)n;
	}
	return true;
}

void bd_check_css(struct bd_check *ck, const struct bd_check_item *from, const char *css, size_t len,
		  enum bd_check_css_kind kind, unsigned line0, unsigned col0)
{
	struct css_state st = { .ck = ck, .from = from, .line0 = line0, .col0 = col0 };

	st.decl_list = kind == BD_CHECK_CSS_ATTRIBUTE;
	bd_css_tokenize_init(&st.tk, css, len);
	if (kind != BD_CHECK_CSS_FILE || check_encoding(&st, css, len))
		run(&st);
	bd_css_tokenize_fini(&st.tk);
}
