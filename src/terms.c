/* terms.c - finding glossary words in running text (see terms.h). */
#include "terms.h"

#include "alloc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* One searchable form of an entry, folded. */
struct form {
	char *folded;
	size_t len;
	size_t entry, index;   /* index: 0 the term, i + 1 variants[i] */
};

/* The glossary's forms, built once per book (bd_terms_prepare).  by_byte[b]
 * lists the forms whose folded text starts with byte b, longest first and in
 * glossary order among equal lengths: the first that matches at a place is
 * the one a scan over every form would pick. */
/* Forms are grouped by their first two folded bytes, so that a word start
 * is compared only with the forms that begin as it does (grouping by one
 * byte left dozens of candidates per word in a 200-entry glossary).  One-byte
 * forms have groups of their own after those. */
#define PAIR_KEYS 65536u
#define NKEYS (PAIR_KEYS + 256u)

struct bd_terms_matcher {
	struct form *forms;
	size_t len;
	uint32_t *order;        /* indices into forms, grouped by key, longest first in each */
	uint32_t *start;        /* NKEYS + 1: group k is order[start[k]] .. order[start[k + 1] - 1] */
};

static unsigned form_key(const struct form *f)
{
	const unsigned char *b = (const unsigned char *)f->folded;

	return f->len >= 2 ? (unsigned)b[0] << 8 | b[1] : PAIR_KEYS + b[0];
}

/* A block's text, folded, with one flag per byte: true where the byte may
 * not count as an unmarked use (inside term, xref or link). */
struct text {
	char *s;
	bool *linked;
	size_t len, cap, flags_cap;
};

static bool is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The length of the white space character at s (len bytes left): ASCII
 * white space, or a Unicode space or separator (U+00A0 and U+202F, the
 * no-break spaces, among them); 0 for anything else. */
static size_t space_len(const char *s, size_t len)
{
	unsigned char c = (unsigned char)s[0];
	utf8proc_int32_t cp;
	utf8proc_ssize_t n;
	utf8proc_category_t cat;

	if (c < 0x80)
		return is_space(c);
	/* Only these lead bytes start a space: U+00A0, U+1680, U+2000-U+205F, U+3000. */
	if (c != 0xC2 && c != 0xE1 && c != 0xE2 && c != 0xE3)
		return 0;
	n = utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &cp);
	if (n <= 0)
		return 0;
	cat = utf8proc_category(cp);
	return cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL || cat == UTF8PROC_CATEGORY_ZP ? (size_t)n : 0;
}

/* Whether text of len bytes ends in white space (ASCII or Unicode). */
static bool ends_in_space(const char *s, size_t len)
{
	size_t start = len;

	if (!len)
		return false;
	do
		start--;
	while (start > 0 && ((unsigned char)s[start] & 0xC0) == 0x80);
	return space_len(s + start, len - start) == len - start;
}

/* ASCII needs no normalising and folds to lower case: no utf8proc_map. */
static char *fold_ascii(const char *text)
{
	size_t len = strlen(text), o = 0;
	char *out = bd_malloc(len + 1);
	bool space = false;

	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];
		if (is_space(c)) {
			space = o > 0;
			continue;
		}
		if (space)
			out[o++] = ' ';
		space = false;
		out[o++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
	}
	out[o] = '\0';
	return out;
}

char *bd_terms_fold(const char *text)
{
	utf8proc_uint8_t *mapped = NULL;
	utf8proc_ssize_t n;
	const unsigned char *p = (const unsigned char *)(text ? text : "");

	while (*p && *p < 0x80)
		p++;
	if (!*p)
		return fold_ascii(text ? text : "");
	/* UTF8PROC_IGNORE drops the default ignorable characters, such as the
	 * soft hyphen and the zero-width ones (U+00AD, U+200B-U+200D, U+2060,
	 * U+FEFF): "meta\u00ADstasis" is the word "metastasis". */
	n = utf8proc_map((const utf8proc_uint8_t *)(text ? text : ""), 0, &mapped,
					  UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD |
					  UTF8PROC_IGNORE);
	const char *src = n >= 0 ? (const char *)mapped : (text ? text : "");
	size_t len = strlen(src), o = 0;
	char *out = bd_malloc(len + 1);
	bool space = false;

	for (size_t i = 0; i < len;) {
		size_t sp = space_len(src + i, len - i);

		if (sp) {
			space = o > 0;
			i += sp;
			continue;
		}
		if (space)
			out[o++] = ' ';
		space = false;
		out[o++] = src[i++];
	}
	out[o] = '\0';
	free(mapped);
	return out;
}

const char *bd_terms_form(const struct bd_gloss_entry *e, size_t form)
{
	return form == 0 ? e->term : e->variants[form - 1];
}

static void matcher_init(struct bd_terms_matcher *m, const struct bd_book *book)
{
	size_t cap = 0;

	memset(m, 0, sizeof(*m));
	for (size_t i = 0; i < book->nglossary; i++) {
		const struct bd_gloss_entry *e = &book->glossary[i];
		for (size_t f = 0; f <= e->nvariants; f++) {
			const char *written = bd_terms_form(e, f);
			char *folded;
			if (!written)
				continue;
			folded = bd_terms_fold(written);
			if (!*folded) {
				free(folded);
				continue;
			}
			bd_grow(&m->forms, &cap, m->len + 1, sizeof(*m->forms));
			m->forms[m->len].folded = folded;
			m->forms[m->len].len = strlen(folded);
			m->forms[m->len].entry = i;
			m->forms[m->len].index = f;
			m->len++;
		}
	}
	m->order = bd_calloc(m->len ? m->len : 1, sizeof(*m->order));
	m->start = bd_calloc(NKEYS + 1, sizeof(*m->start));
	for (size_t i = 0; i < m->len; i++)
		m->start[form_key(&m->forms[i]) + 1]++;
	for (size_t k = 1; k <= NKEYS; k++)
		m->start[k] += m->start[k - 1];
	{
		uint32_t *next = bd_malloc(NKEYS * sizeof(*next));
		memcpy(next, m->start, NKEYS * sizeof(*next));
		for (size_t i = 0; i < m->len; i++)
			m->order[next[form_key(&m->forms[i])]++] = (uint32_t)i;
		free(next);
	}
	/* Longest first within each group; insertion sort keeps glossary order among equals. */
	for (size_t k = 0; k < NKEYS; k++)
		for (size_t i = m->start[k] + 1; i < m->start[k + 1]; i++) {
			uint32_t f = m->order[i];
			size_t j = i;
			for (; j > m->start[k] && m->forms[m->order[j - 1]].len < m->forms[f].len; j--)
				m->order[j] = m->order[j - 1];
			m->order[j] = f;
		}
}

static void matcher_fini(struct bd_terms_matcher *m)
{
	for (size_t i = 0; i < m->len; i++)
		free(m->forms[i].folded);
	free(m->forms);
	free(m->order);
	free(m->start);
}

void bd_terms_prepare(struct bd_book *book)
{
	bd_terms_matcher_free(book->terms);
	book->terms = bd_malloc(sizeof(*book->terms));
	matcher_init(book->terms, book);
}

void bd_terms_matcher_free(struct bd_terms_matcher *m)
{
	if (!m)
		return;
	matcher_fini(m);
	free(m);
}

/* The code point starting at s[i] (len bytes in all); -1 when invalid. */
static utf8proc_int32_t code_at(const char *s, size_t len, size_t i, utf8proc_ssize_t *size)
{
	utf8proc_int32_t cp = -1;
	utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp);

	*size = n > 0 ? n : 1;
	return n > 0 ? cp : -1;
}

/* Letters, marks and digits make words; everything else (spaces,
 * punctuation, hyphens, apostrophes, dashes) separates them. */
static bool word_code(utf8proc_int32_t cp)
{
	if (cp < 0)
		return false;
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME: case UTF8PROC_CATEGORY_ND:
	case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
		return true;
	default:
		return false;
	}
}

static bool word_at(const char *s, size_t len, size_t i)
{
	utf8proc_ssize_t size;
	unsigned char c;

	if (i >= len)
		return false;
	/* ASCII: letters and digits are the only word characters (as utf8proc says). */
	c = (unsigned char)s[i];
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
	return word_code(code_at(s, len, i, &size));
}

static bool word_before(const char *s, size_t len, size_t i)
{
	size_t start = i;

	if (i == 0)
		return false;
	do
		start--;
	while (start > 0 && ((unsigned char)s[start] & 0xC0) == 0x80);
	return word_at(s, len, start);
}

static void text_add(struct text *t, const char *folded, bool linked)
{
	size_t n = strlen(folded);

	if (!n)
		return;
	/* Node boundaries may fall inside a run of spaces: keep one. */
	if (t->len && t->s[t->len - 1] == ' ' && folded[0] == ' ') {
		folded++;
		n--;
	}
	bd_grow(&t->s, &t->cap, t->len + n + 1, 1);
	bd_grow(&t->linked, &t->flags_cap, t->len + n + 1, sizeof(bool));
	memcpy(t->s + t->len, folded, n);
	for (size_t i = 0; i < n; i++)
		t->linked[t->len + i] = linked;
	t->len += n;
	t->s[t->len] = '\0';
}

/* Folds one text node, keeping a leading and a trailing space as word breaks. */
static void add_text_node(struct text *t, const char *raw, bool linked)
{
	size_t len = raw ? strlen(raw) : 0;
	char *folded;
	bool ascii = true;

	if (!len)
		return;
	for (size_t i = 0; i < len && ascii; i++)
		ascii = (unsigned char)raw[i] < 0x80;
	if (ascii) {
		/* The same as below, in one pass with no copy: most text is ASCII. */
		bool pending = false;

		bd_grow(&t->s, &t->cap, t->len + len + 2, 1);
		bd_grow(&t->linked, &t->flags_cap, t->len + len + 2, sizeof(bool));
		for (size_t i = 0; i <= len; i++) {
			unsigned char c = (unsigned char)raw[i];
			if (i < len && is_space(c)) {
				pending = true;
				continue;
			}
			if (pending && !(t->len && t->s[t->len - 1] == ' ')) {
				t->linked[t->len] = linked;
				t->s[t->len++] = ' ';
			}
			pending = false;
			if (i == len)
				break;
			t->linked[t->len] = linked;
			t->s[t->len++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
		}
		t->s[t->len] = '\0';
		return;
	}
	if (space_len(raw, len))
		text_add(t, " ", linked);
	folded = bd_terms_fold(raw);
	text_add(t, folded, linked);
	free(folded);
	if (ends_in_space(raw, len))
		text_add(t, " ", linked);
}

static void collect_inline(struct text *t, const struct bd_node *node, bool linked)
{
	for (const struct bd_node *n = node->first; n; n = n->next) {
		if (n->type == BD_N_TEXT)
			add_text_node(t, n->text, linked);
		else
			collect_inline(t, n, linked || n->type == BD_N_TERM || n->type == BD_N_XREF ||
						     n->type == BD_N_LINK);
	}
}

/* The longest form in group key that the text at i spells as a whole word. */
static const struct form *longest_at(const struct bd_terms_matcher *m, unsigned key, const struct text *t, size_t i)
{
	for (uint32_t o = m->start[key]; o < m->start[key + 1]; o++) {
		const struct form *c = &m->forms[m->order[o]];
		/* The first bytes match by construction. */
		if (c->len <= t->len - i && memcmp(t->s + i, c->folded, c->len) == 0 &&
		    !word_at(t->s, t->len, i + c->len))
			return c;
	}
	return NULL;
}

static void match_block(const struct bd_terms_matcher *m, const struct bd_node *block, struct bd_term_scan *out)
{
	struct text t = { 0 };

	/* Whether the code point before i is a word character, carried over
	 * from the last step when that was one ASCII byte (valid only then). */
	bool before = false, before_known = true;

	collect_inline(&t, block, false);
	for (size_t i = 0; i < t.len;) {
		const struct form *best = NULL;
		utf8proc_ssize_t size;
		bool here = word_at(t.s, t.len, i);

		if (!before_known)
			before = word_before(t.s, t.len, i);
		if (here && !before) {
			/* Two-byte forms and longer first: they are longer than any one-byte form. */
			if (i + 1 < t.len)
				best = longest_at(m, (unsigned)(unsigned char)t.s[i] << 8 | (unsigned char)t.s[i + 1], &t, i);
			if (!best)
				best = longest_at(m, PAIR_KEYS + (unsigned char)t.s[i], &t, i);
		}
		if (!best) {
			before_known = (unsigned char)t.s[i] < 0x80;
			before = here;
			if (before_known)
				size = 1;
			else
				code_at(t.s, t.len, i, &size);
			i += (size_t)size;
			continue;
		}
		out->form_seen[best->entry][best->index] = true;
		{
			bool linked = false;
			struct bd_term_hit *h = &out->hits[best->entry];
			for (size_t k = i; k < i + best->len; k++)
				linked = linked || t.linked[k];
			if (!linked && !h->plain) {
				h->plain = true;
				h->plain_at = block->loc;
				h->plain_form = best->index;
			}
		}
		i += best->len;
		before_known = false;
	}
	free(t.s);
	free(t.linked);
}

static bool is_running_block(enum bd_node_type type)
{
	return type == BD_N_SUMMARY || type == BD_N_P || type == BD_N_LI || type == BD_N_TH ||
	       type == BD_N_TD || type == BD_N_CAPTION;
}

static void mark_terms(const struct bd_book *book, const struct bd_node *node, struct bd_term_scan *out)
{
	for (const struct bd_node *n = node->first; n; n = n->next) {
		if (n->type == BD_N_TERM && n->ref) {
			const struct bd_gloss_entry *e = bd_book_gloss(book, n->ref);
			if (e)
				out->hits[e - book->glossary].marked = true;
		}
		mark_terms(book, n, out);
	}
}

static void scan_blocks(const struct bd_terms_matcher *m, const struct bd_node *node, struct bd_term_scan *out)
{
	for (const struct bd_node *n = node->first; n; n = n->next) {
		if (is_running_block(n->type))
			match_block(m, n, out);
		else if (n->type != BD_N_TITLE && n->type != BD_N_ALT)
			scan_blocks(m, n, out);
	}
}

void bd_terms_scan(const struct bd_book *book, const struct bd_node *tree, struct bd_term_scan *out)
{
	struct bd_terms_matcher own;
	const struct bd_terms_matcher *m = book->terms;

	size_t nforms = 0;

	out->nentries = book->nglossary;
	out->hits = bd_calloc(book->nglossary ? book->nglossary : 1, sizeof(*out->hits));
	out->form_seen = bd_calloc(book->nglossary ? book->nglossary : 1, sizeof(*out->form_seen));
	/* One block for all rows: a scan runs per article, and one allocation
	 * per glossary entry each time was most of its cost on a small text. */
	for (size_t i = 0; i < book->nglossary; i++)
		nforms += book->glossary[i].nvariants + 1;
	out->form_seen_rows = bd_calloc(nforms ? nforms : 1, sizeof(bool));
	nforms = 0;
	for (size_t i = 0; i < book->nglossary; i++) {
		out->form_seen[i] = out->form_seen_rows + nforms;
		nforms += book->glossary[i].nvariants + 1;
	}
	if (!m) {
		matcher_init(&own, book);
		m = &own;
	}
	mark_terms(book, tree, out);
	scan_blocks(m, tree, out);
	if (m == &own)
		matcher_fini(&own);
}

void bd_terms_scan_fini(struct bd_term_scan *scan)
{
	free(scan->form_seen_rows);
	free(scan->form_seen);
	free(scan->hits);
	memset(scan, 0, sizeof(*scan));
}

void bd_terms_check_article(struct bd_book *book, struct bd_article *art, const struct bd_node *tree,
			    struct bd_diag *diag)
{
	struct bd_term_scan scan;
	size_t nmarked = 0, nunmarked = 0;

	bd_terms_scan(book, tree, &scan);
	if (art) {
		free(art->terms);
		art->terms = NULL;
		art->nterms_marked = art->nterms_unmarked = 0;
		for (size_t i = 0; i < book->nglossary; i++) {
			nmarked += scan.hits[i].marked;
			nunmarked += !scan.hits[i].marked && scan.hits[i].plain;
		}
		if (nmarked + nunmarked)
			art->terms = bd_calloc(nmarked + nunmarked, sizeof(*art->terms));
	}
	for (size_t i = 0; i < book->nglossary; i++) {
		struct bd_gloss_entry *e = &book->glossary[i];
		const struct bd_term_hit *h = &scan.hits[i];

		if (art && h->marked)
			art->terms[art->nterms_marked++] = (uint32_t)i;
		else if (art && h->plain)
			art->terms[nmarked + art->nterms_unmarked++] = (uint32_t)i;
		for (size_t v = 0; v < e->nvariants; v++)
			if (scan.form_seen[i][v + 1])
				e->variant_seen[v] = true;
		if (h->plain && !h->marked)
			bd_diag_report(diag, BD_R_GLOSSARY_UNMARKED, h->plain_at.file, h->plain_at.line, h->plain_at.col,
					"'%s' is in the glossary (entry '%s') but this article never marks it; "
					"mark its first use with <term ref=\"%s\">",
					bd_terms_form(e, h->plain_form), e->id, e->id);
	}
	bd_terms_scan_fini(&scan);
}
