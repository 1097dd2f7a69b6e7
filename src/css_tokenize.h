/* css_tokenize.h - a tokenizer that follows CSS Syntax Level 3 (section 4).
 *
 * Pull model: bd_css_tokenize_next gives one token at a time, with its byte
 * range in the text and, for the tokens that have one, its value with
 * escapes resolved.  It works on bytes as UTF-8 (any byte at or above 0x80
 * is a name character, as every non-ASCII code point is), so it never
 * needs a decoded copy of the input; CR, CR LF and FF are newlines and NUL
 * reads as U+FFFD, as the spec's preprocessing makes them.  The parse
 * errors the spec names at token level are kept in the token (bad string,
 * bad URL, end of file inside a string, URL or comment), so that callers
 * report them where they want.  Memory: one buffer for the current value,
 * as long as the longest token. */
#ifndef BD_CSS_TOKENIZE_H
#define BD_CSS_TOKENIZE_H

#include <stdbool.h>
#include <stddef.h>

enum bd_css_token_type {
	BD_CSS_EOF,
	BD_CSS_IDENT,
	BD_CSS_FUNCTION,    /* value: the name, without '(' */
	BD_CSS_AT_KEYWORD,  /* value: the name, without '@' */
	BD_CSS_HASH,        /* value: the name, without '#' */
	BD_CSS_STRING,      /* value: the content, without quotes */
	BD_CSS_BAD_STRING,  /* a newline inside a string */
	BD_CSS_URL,         /* url(unquoted); value: the URL */
	BD_CSS_BAD_URL,
	BD_CSS_DELIM,       /* value: the one character */
	BD_CSS_NUMBER,
	BD_CSS_PERCENTAGE,
	BD_CSS_DIMENSION,   /* value: the unit */
	BD_CSS_WHITESPACE,
	BD_CSS_CDO,         /* <!-- */
	BD_CSS_CDC,         /* --> */
	BD_CSS_COLON,
	BD_CSS_SEMICOLON,
	BD_CSS_COMMA,
	BD_CSS_LBRACKET,
	BD_CSS_RBRACKET,
	BD_CSS_LPAREN,
	BD_CSS_RPAREN,
	BD_CSS_LBRACE,
	BD_CSS_RBRACE,
};

struct bd_css_token {
	enum bd_css_token_type type;
	size_t start, end;  /* byte range in the text */
	const char *value;  /* NUL-terminated, valid until the next call; "" when none */
	size_t value_len;
	bool hash_id;       /* a hash token of type "id" (its name would start an identifier) */
	bool eof_inside;    /* a string or URL that the end of the text closed (a parse error) */
};

struct bd_css_tokenizer {
	const char *s;
	size_t len, i;
	char *buf;
	size_t blen, bcap;
	/* Where an unclosed comment began, or (size_t)-1: the text ended in it. */
	size_t unclosed_comment;
	size_t pos;         /* where line and col were last counted to */
	unsigned line, col;
};

/* Starts tokenizing the len bytes at css (need not be NUL-terminated). */
void bd_css_tokenize_init(struct bd_css_tokenizer *tk, const char *css, size_t len);
void bd_css_tokenize_fini(struct bd_css_tokenizer *tk);
/* Consumes the next token (comments are skipped, as the spec does) into
 * *tok; BD_CSS_EOF at the end, again on every later call. */
enum bd_css_token_type bd_css_tokenize_next(struct bd_css_tokenizer *tk, struct bd_css_token *tok);
/* Line and column (both from 1; the column counts code points) of a byte
 * offset.  Cheap for offsets that grow; an earlier one recounts from 0. */
void bd_css_tokenize_where(struct bd_css_tokenizer *tk, size_t offset, unsigned *line, unsigned *col);

#endif
