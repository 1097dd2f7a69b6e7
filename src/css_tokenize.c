/* css_tokenize.c - CSS Syntax Level 3 tokenization (see css_tokenize.h).
 *
 * Each function is one algorithm of section 4.3 of the spec, named after
 * it ("consume a string token", "would start an identifier" and so on), so
 * that the code can be read against the text. */
#include "css_tokenize.h"

#include "alloc.h"
#include "rules.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

/* The byte at i, or 0 past the end (0 is never a meaningful look-ahead:
 * a real NUL is U+FFFD, which only matters as a name character). */
static unsigned char at(const struct bd_css_tokenizer *tk, size_t i)
{
	return i < tk->len ? (unsigned char)tk->s[i] : 0;
}

static bool more(const struct bd_css_tokenizer *tk, size_t i)
{
	return i < tk->len;
}

static bool is_newline(unsigned char c)
{
	return c == '\n' || c == '\r' || c == '\f';
}

static bool is_ws(unsigned char c)
{
	return c == ' ' || c == '\t' || is_newline(c);
}

static bool is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/* Ident-start code point: a letter, '_', or non-ASCII (NUL reads as U+FFFD). */
static bool is_ident_start(const struct bd_css_tokenizer *tk, size_t i)
{
	unsigned char c = at(tk, i);

	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80 || (c == 0 && more(tk, i));
}

static bool is_name_char(const struct bd_css_tokenizer *tk, size_t i)
{
	return is_ident_start(tk, i) || is_digit(at(tk, i)) || at(tk, i) == '-';
}

static bool is_non_printable(unsigned char c)
{
	return (c <= 0x08 && c != 0) || c == 0x0B || (c >= 0x0E && c <= 0x1F) || c == 0x7F;
}

/* "Check if two code points are a valid escape." */
static bool valid_escape(const struct bd_css_tokenizer *tk, size_t i)
{
	return at(tk, i) == '\\' && more(tk, i + 1) && !is_newline(at(tk, i + 1));
}

/* "Check if three code points would start an ident sequence." */
static bool would_start_ident(const struct bd_css_tokenizer *tk, size_t i)
{
	if (at(tk, i) == '-')
		return is_ident_start(tk, i + 1) || at(tk, i + 1) == '-' || valid_escape(tk, i + 1);
	if (is_ident_start(tk, i))
		return true;
	return valid_escape(tk, i);
}

/* "Check if three code points would start a number." */
static bool would_start_number(const struct bd_css_tokenizer *tk, size_t i)
{
	unsigned char c = at(tk, i);

	if (c == '+' || c == '-')
		return is_digit(at(tk, i + 1)) || (at(tk, i + 1) == '.' && is_digit(at(tk, i + 2)));
	if (c == '.')
		return is_digit(at(tk, i + 1));
	return is_digit(c);
}

static void put(struct bd_css_tokenizer *tk, const char *p, size_t n)
{
	bd_grow(&tk->buf, &tk->bcap, tk->blen + n + 1, 1);
	memcpy(tk->buf + tk->blen, p, n);
	tk->blen += n;
	tk->buf[tk->blen] = '\0';
}

static void put_code(struct bd_css_tokenizer *tk, uint32_t cp)
{
	utf8proc_uint8_t u[4];

	if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
		cp = 0xFFFD;
	put(tk, (const char *)u, (size_t)utf8proc_encode_char((utf8proc_int32_t)cp, u));
}

/* Appends the byte at tk->i as the spec's preprocessing reads it. */
static void put_raw(struct bd_css_tokenizer *tk)
{
	if (tk->s[tk->i] == '\0')
		put_code(tk, 0xFFFD);
	else
		put(tk, tk->s + tk->i, 1);
	tk->i++;
}

/* Consumes a newline (CR LF is one). */
static void skip_newline(struct bd_css_tokenizer *tk)
{
	tk->i += at(tk, tk->i) == '\r' && at(tk, tk->i + 1) == '\n' ? 2 : 1;
}

/* "Consume an escaped code point"; tk->i is just after the backslash. */
static void consume_escape(struct bd_css_tokenizer *tk)
{
	size_t n = 0;
	uint32_t cp = 0;

	if (!more(tk, tk->i)) {
		put_code(tk, 0xFFFD);
		return;
	}
	if (bd_hex_digit((char)at(tk, tk->i)) >= 0) {
		for (; more(tk, tk->i) && n < 6 && bd_hex_digit((char)at(tk, tk->i)) >= 0; tk->i++, n++)
			cp = cp * 16 + (uint32_t)bd_hex_digit((char)at(tk, tk->i));
		if (is_ws(at(tk, tk->i)))
			skip_newline(tk); /* one white space; a CR LF pair counts as one */
		put_code(tk, cp);
		return;
	}
	if (at(tk, tk->i) == '\0') {
		put_code(tk, 0xFFFD);
		tk->i++;
		return;
	}
	/* The whole character, all its UTF-8 bytes. */
	n = 1;
	while (more(tk, tk->i + n) && (at(tk, tk->i + n) & 0xC0) == 0x80)
		n++;
	put(tk, tk->s + tk->i, n);
	tk->i += n;
}

/* "Consume an ident sequence" into the buffer. */
static void consume_name(struct bd_css_tokenizer *tk)
{
	tk->blen = 0;
	put(tk, "", 0);
	while (more(tk, tk->i)) {
		if (is_name_char(tk, tk->i)) {
			put_raw(tk);
		} else if (valid_escape(tk, tk->i)) {
			tk->i++;
			consume_escape(tk);
		} else {
			break;
		}
	}
}

static void consume_comments(struct bd_css_tokenizer *tk)
{
	while (at(tk, tk->i) == '/' && at(tk, tk->i + 1) == '*') {
		size_t start = tk->i;
		const char *end = NULL;

		if (tk->len - tk->i > 3) {
			/* memchr-driven: a long comment costs one pass. */
			const char *p = tk->s + tk->i + 2, *stop = tk->s + tk->len;

			while (p < stop && (p = memchr(p, '*', (size_t)(stop - p))) != NULL && p + 1 < stop) {
				if (p[1] == '/') {
					end = p + 2;
					break;
				}
				p++;
			}
		}
		if (!end) {
			tk->unclosed_comment = start;
			tk->i = tk->len;
			return;
		}
		tk->i = (size_t)(end - tk->s);
	}
}

/* "Consume a string token"; tk->i is at the opening quote. */
static void consume_string(struct bd_css_tokenizer *tk, struct bd_css_token *tok)
{
	unsigned char q = at(tk, tk->i++);

	tok->type = BD_CSS_STRING;
	tk->blen = 0;
	put(tk, "", 0);
	while (more(tk, tk->i)) {
		unsigned char c = at(tk, tk->i);

		if (c == q) {
			tk->i++;
			return;
		}
		if (is_newline(c)) {
			/* Not consumed: the newline is the next token. */
			tok->type = BD_CSS_BAD_STRING;
			return;
		}
		if (c == '\\') {
			if (!more(tk, tk->i + 1)) {
				tk->i++;
			} else if (is_newline(at(tk, tk->i + 1))) {
				tk->i++;
				skip_newline(tk);
			} else {
				tk->i++;
				consume_escape(tk);
			}
			continue;
		}
		put_raw(tk);
	}
	tok->eof_inside = true;
}

/* "Consume the remnants of a bad url". */
static void consume_bad_url(struct bd_css_tokenizer *tk)
{
	while (more(tk, tk->i)) {
		if (at(tk, tk->i) == ')') {
			tk->i++;
			return;
		}
		if (valid_escape(tk, tk->i)) {
			tk->i++;
			consume_escape(tk);
		} else {
			tk->i++;
		}
	}
}

/* "Consume a url token"; tk->i is just after "url(". */
static void consume_url(struct bd_css_tokenizer *tk, struct bd_css_token *tok)
{
	tok->type = BD_CSS_URL;
	tk->blen = 0;
	put(tk, "", 0);
	while (is_ws(at(tk, tk->i)))
		tk->i++;
	while (more(tk, tk->i)) {
		unsigned char c = at(tk, tk->i);

		if (c == ')') {
			tk->i++;
			return;
		}
		if (is_ws(c)) {
			while (is_ws(at(tk, tk->i)))
				tk->i++;
			if (!more(tk, tk->i)) {
				tok->eof_inside = true;
				return;
			}
			if (at(tk, tk->i) == ')') {
				tk->i++;
				return;
			}
			tok->type = BD_CSS_BAD_URL;
			consume_bad_url(tk);
			return;
		}
		if (c == '"' || c == '\'' || c == '(' || is_non_printable(c) || (c == '\\' && !valid_escape(tk, tk->i))) {
			tok->type = BD_CSS_BAD_URL;
			consume_bad_url(tk);
			return;
		}
		if (c == '\\') {
			tk->i++;
			consume_escape(tk);
		} else {
			put_raw(tk);
		}
	}
	tok->eof_inside = true;
}

/* "Consume an ident-like token". */
static void consume_ident_like(struct bd_css_tokenizer *tk, struct bd_css_token *tok)
{
	consume_name(tk);
	if (at(tk, tk->i) != '(' || !more(tk, tk->i)) {
		tok->type = BD_CSS_IDENT;
		return;
	}
	tk->i++;
	if (tk->blen == 3 && strcasecmp(tk->buf, "url") == 0) {
		size_t j = tk->i;

		/* Past white space, a quote makes url( an ordinary function. */
		while (is_ws(at(tk, j)))
			j++;
		if (at(tk, j) != '"' && at(tk, j) != '\'') {
			consume_url(tk, tok);
			return;
		}
		/* The spec leaves one white space to come as its own token. */
		if (j > tk->i)
			tk->i = j - 1;
	}
	tok->type = BD_CSS_FUNCTION;
}

/* "Consume a number" (its value is not kept: no rule needs it). */
static void consume_number(struct bd_css_tokenizer *tk)
{
	if (at(tk, tk->i) == '+' || at(tk, tk->i) == '-')
		tk->i++;
	while (is_digit(at(tk, tk->i)))
		tk->i++;
	if (at(tk, tk->i) == '.' && is_digit(at(tk, tk->i + 1))) {
		tk->i++;
		while (is_digit(at(tk, tk->i)))
			tk->i++;
	}
	if ((at(tk, tk->i) == 'e' || at(tk, tk->i) == 'E') &&
	    (is_digit(at(tk, tk->i + 1)) ||
	     ((at(tk, tk->i + 1) == '+' || at(tk, tk->i + 1) == '-') && is_digit(at(tk, tk->i + 2))))) {
		tk->i += is_digit(at(tk, tk->i + 1)) ? 1 : 2;
		while (is_digit(at(tk, tk->i)))
			tk->i++;
	}
}

/* "Consume a numeric token". */
static void consume_numeric(struct bd_css_tokenizer *tk, struct bd_css_token *tok)
{
	consume_number(tk);
	if (would_start_ident(tk, tk->i)) {
		consume_name(tk);
		tok->type = BD_CSS_DIMENSION;
	} else if (at(tk, tk->i) == '%' && more(tk, tk->i)) {
		tk->i++;
		tok->type = BD_CSS_PERCENTAGE;
	} else {
		tok->type = BD_CSS_NUMBER;
	}
}

static void delim(struct bd_css_tokenizer *tk, struct bd_css_token *tok)
{
	size_t n = 1;

	/* One code point: a non-ASCII one is all its bytes. */
	while (more(tk, tk->i + n) && (at(tk, tk->i) & 0x80) && (at(tk, tk->i + n) & 0xC0) == 0x80 && n < 4)
		n++;
	tk->blen = 0;
	put(tk, tk->s + tk->i, n);
	tk->i += n;
	tok->type = BD_CSS_DELIM;
}

void bd_css_tokenize_init(struct bd_css_tokenizer *tk, const char *css, size_t len)
{
	memset(tk, 0, sizeof(*tk));
	tk->s = css;
	tk->len = len;
	tk->unclosed_comment = (size_t)-1;
	tk->line = tk->col = 1;
}

void bd_css_tokenize_fini(struct bd_css_tokenizer *tk)
{
	free(tk->buf);
	tk->buf = NULL;
	tk->blen = tk->bcap = 0;
}

enum bd_css_token_type bd_css_tokenize_next(struct bd_css_tokenizer *tk, struct bd_css_token *tok)
{
	static const struct {
		char c;
		enum bd_css_token_type type;
	} single[] = {
		{ '(', BD_CSS_LPAREN },    { ')', BD_CSS_RPAREN },    { '[', BD_CSS_LBRACKET },
		{ ']', BD_CSS_RBRACKET },  { '{', BD_CSS_LBRACE },    { '}', BD_CSS_RBRACE },
		{ ',', BD_CSS_COMMA },     { ':', BD_CSS_COLON },     { ';', BD_CSS_SEMICOLON },
	};
	unsigned char c;

	memset(tok, 0, sizeof(*tok));
	tk->blen = 0;
	consume_comments(tk);
	tok->start = tk->i;
	if (!more(tk, tk->i)) {
		tok->type = BD_CSS_EOF;
		goto out;
	}
	c = at(tk, tk->i);
	if (is_ws(c)) {
		while (is_ws(at(tk, tk->i)))
			tk->i++;
		tok->type = BD_CSS_WHITESPACE;
		goto out;
	}
	for (size_t k = 0; k < sizeof(single) / sizeof(*single); k++) {
		if (single[k].c == (char)c) {
			tk->i++;
			tok->type = single[k].type;
			goto out;
		}
	}
	switch (c) {
	case '"':
	case '\'':
		consume_string(tk, tok);
		goto out;
	case '#':
		if (is_name_char(tk, tk->i + 1) || valid_escape(tk, tk->i + 1)) {
			tok->hash_id = would_start_ident(tk, tk->i + 1);
			tk->i++;
			consume_name(tk);
			tok->type = BD_CSS_HASH;
			goto out;
		}
		break;
	case '+':
	case '.':
		if (would_start_number(tk, tk->i)) {
			consume_numeric(tk, tok);
			goto out;
		}
		break;
	case '-':
		if (would_start_number(tk, tk->i)) {
			consume_numeric(tk, tok);
			goto out;
		}
		if (at(tk, tk->i + 1) == '-' && at(tk, tk->i + 2) == '>') {
			tk->i += 3;
			tok->type = BD_CSS_CDC;
			goto out;
		}
		if (would_start_ident(tk, tk->i)) {
			consume_ident_like(tk, tok);
			goto out;
		}
		break;
	case '<':
		if (at(tk, tk->i + 1) == '!' && at(tk, tk->i + 2) == '-' && at(tk, tk->i + 3) == '-') {
			tk->i += 4;
			tok->type = BD_CSS_CDO;
			goto out;
		}
		break;
	case '@':
		if (would_start_ident(tk, tk->i + 1)) {
			tk->i++;
			consume_name(tk);
			tok->type = BD_CSS_AT_KEYWORD;
			goto out;
		}
		break;
	case '\\':
		if (valid_escape(tk, tk->i)) {
			consume_ident_like(tk, tok);
			goto out;
		}
		break; /* a parse error: a delim token */
	default:
		if (is_digit(c)) {
			consume_numeric(tk, tok);
			goto out;
		}
		if (is_ident_start(tk, tk->i)) {
			consume_ident_like(tk, tok);
			goto out;
		}
		break;
	}
	delim(tk, tok);
out:
	tok->end = tk->i;
	if (!tk->buf)
		put(tk, "", 0);
	/* Only these tokens carry a value; the others read "". */
	switch (tok->type) {
	case BD_CSS_IDENT:
	case BD_CSS_FUNCTION:
	case BD_CSS_AT_KEYWORD:
	case BD_CSS_HASH:
	case BD_CSS_STRING:
	case BD_CSS_URL:
	case BD_CSS_DELIM:
	case BD_CSS_DIMENSION:
		tok->value = tk->buf;
		tok->value_len = tk->blen;
		break;
	default:
		tk->blen = 0;
		tk->buf[0] = '\0';
		tok->value = tk->buf;
		tok->value_len = 0;
		break;
	}
	return tok->type;
}

void bd_css_tokenize_where(struct bd_css_tokenizer *tk, size_t offset, unsigned *line, unsigned *col)
{
	if (offset > tk->len)
		offset = tk->len;
	if (offset < tk->pos) {
		tk->pos = 0;
		tk->line = tk->col = 1;
	}
	for (; tk->pos < offset; tk->pos++) {
		unsigned char c = (unsigned char)tk->s[tk->pos];

		if (c == '\n' || c == '\f' || (c == '\r' && at(tk, tk->pos + 1) != '\n')) {
			tk->line++;
			tk->col = 1;
		} else if ((c & 0xC0) != 0x80 && c != '\r') {
			tk->col++;
		}
	}
	*line = tk->line;
	*col = tk->col;
}
