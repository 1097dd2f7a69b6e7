/* report.c - the plain-language report (see report.h). */
#include "report.h"

#include "alloc.h"
#include "json.h"
#include "outfile.h"
#include "readlevel.h"
#include "terms.h"
#include "xhtml.h"

#include <stdlib.h>
#include <string.h>

/* ---- counting, as GNU style does for English ----------------------------- */

/* ASCII only: style's ctype tests see the bytes of other characters as
 * neither letters nor digits. */
static bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static bool is_digit(char c) { return c >= '0' && c <= '9'; }
static bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
static bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y'; }

size_t bd_readability_syllables(const char *s, size_t len)
{
	size_t count = 0;

	if (len >= 2 && s[len - 2] == 'e' && s[len - 1] == 'd')
		len -= 2;
	for (size_t i = 0; i < len;) {
		if (i + 1 < len && is_vowel(s[i]) && !is_vowel(s[i + 1])) {
			count++;
			i += 2;
		} else {
			i++;
		}
	}
	return count ? count : 1;
}

/* Counts one sentence's words and syllables into r; returns its words. */
static size_t count_sentence(const char *s, size_t len, struct bd_readability *r)
{
	size_t words = 0, start = 0;
	enum { GAP, WORD, NUMBER } state = GAP;

	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (state == WORD) {
			bool possessive = c == '\'' && i + 1 < len && s[i + 1] == 's';
			if (!is_alpha(c) && c != '-' && !possessive) {
				size_t syl = bd_readability_syllables(s + start, i - start);
				r->syllables += syl;
				r->polysyllables += syl >= 3;
				state = GAP;  /* the character that ended the word is used up */
			}
		} else if (state == NUMBER) {
			if (!is_digit(c) && !((c == '.' || c == ',') && i + 1 < len && is_digit(s[i + 1]))) {
				r->syllables++;
				state = GAP;
			}
		} else if (is_alpha(c) || is_digit(c)) {
			words++;
			start = i;
			state = is_alpha(c) ? WORD : NUMBER;
		}
	}
	/* A word still open at the end counts as a word without syllables, as in style;
	 * sentences end with punctuation, so this does not happen in practice. */
	r->words += words;
	r->sentences++;
	return words;
}

/* The sentence as the report quotes it: its first BD_REPORT_QUOTE_MAX
 * characters, then "..." when there is more.  A new string. */
static char *quote(const char *s, size_t len)
{
	size_t chars = 0, cut = 0;
	char *q;

	/* cut stops at the first byte of the character past the limit. */
	for (; cut < len; cut++)
		if (((unsigned char)s[cut] & 0xC0) != 0x80 && chars++ == BD_REPORT_QUOTE_MAX)
			break;
	if (cut == len)
		return bd_strndup(s, len);
	q = bd_malloc(cut + 4);
	memcpy(q, s, cut);
	memcpy(q + cut, "...", 4);
	return q;
}

void bd_readability_keep_longest(struct bd_readability *r, const char *s, size_t len, size_t words)
{
	size_t at = BD_REPORT_LONGEST;

	/* Ties keep the earlier sentence first. */
	while (at > 0 && (!r->longest[at - 1].text || r->longest[at - 1].words < words))
		at--;
	if (at >= BD_REPORT_LONGEST)
		return;
	free(r->longest[BD_REPORT_LONGEST - 1].text);
	memmove(&r->longest[at + 1], &r->longest[at], (BD_REPORT_LONGEST - 1 - at) * sizeof(r->longest[0]));
	r->longest[at].text = quote(s, len);
	r->longest[at].words = words;
}

void bd_readability_measure(const char *text, struct bd_readability *r)
{
	size_t n = strlen(text), len = 0;
	/* A sentence is never longer than the text (plus its NUL): sized once,
	 * not grown per character. */
	char *sent = bd_malloc(n + 1);
	bool letter = false, white = false;

	memset(r, 0, sizeof(*r));
	for (size_t i = 0; i < n; i++) {
		char c = text[i], next = i + 1 < n ? text[i + 1] : '\0';

		if (len == 0) {
			/* Only a capital letter starts a sentence. */
			if (!is_upper(c))
				continue;
			letter = true;
			white = false;
		} else if (is_space(c)) {
			if (!white) {
				sent[len++] = ' ';
				white = true;
			}
			continue;
		}
		sent[len++] = c;
		white = false;
		letter = letter || is_alpha(c);
		if ((c == '.' || c == ':' || c == '!' || c == '?') && (next == '\0' || is_space(next) || next == '"')) {
			if (letter) {
				size_t words = count_sentence(sent, len, r);
				bd_readability_keep_longest(r, sent, len, words);
			}
			len = 0;
			letter = false;
		}
	}
	free(sent);
	/* The grade and SMOG are the formulas readlevel.c scores by (0 without
	 * words or sentences); the reading ease is English's only. */
	r->grade = bd_rl_score(bd_rl_formula_by_key("flesch-kincaid"), r);
	r->smog = bd_rl_score(bd_rl_formula_by_key("smog"), r);
	if (r->words && r->sentences) {
		double wps = (double)r->words / (double)r->sentences;
		double spw = (double)r->syllables / (double)r->words;
		r->ease = 206.835 - 1.015 * wps - 84.6 * spw;
	}
}

void bd_readability_fini(struct bd_readability *r)
{
	for (size_t i = 0; i < BD_REPORT_LONGEST; i++)
		free(r->longest[i].text);
	memset(r, 0, sizeof(*r));
}

/* ---- the running text ------------------------------------------------------ */

static bool is_running_block(enum bd_node_type type)
{
	return type == BD_N_SUMMARY || type == BD_N_P || type == BD_N_LI || type == BD_N_TH ||
	       type == BD_N_TD || type == BD_N_CAPTION;
}

static void collect_text(const struct bd_node *node, struct bd_buf *b)
{
	for (const struct bd_node *n = node->first; n; n = n->next) {
		if (is_running_block(n->type)) {
			char *unit = bd_node_text(n);
			size_t len = strlen(unit);
			if (len) {
				char last = unit[len - 1];
				if (b->len)
					bd_buf_put(b, "\n\n", 2);
				/* Each unit ends a sentence; style would run a colon's
				 * lead-in into the list that follows. */
				if (last == ':')
					len--;
				bd_buf_put(b, unit, len);
				if (last != '.' && last != '!' && last != '?')
					bd_buf_put(b, ".", 1);
			}
			free(unit);
		} else if (n->type != BD_N_TITLE && n->type != BD_N_ALT) {
			collect_text(n, b);
		}
	}
}

char *bd_report_text(const struct bd_node *tree)
{
	struct bd_buf b = { 0 };

	bd_buf_put(&b, "", 0);
	collect_text(tree, &b);
	return b.s;
}

/* ---- the report --------------------------------------------------------------- */

void bd_report_init(struct bd_report *report)
{
	memset(report, 0, sizeof(*report));
}

void bd_report_fini(struct bd_report *report)
{
	for (size_t i = 0; i < report->len; i++) {
		struct bd_report_article *a = &report->articles[i];
		bd_readability_fini(&a->r);
		free(a->used);
		free(a->unmarked);
	}
	free(report->articles);
	bd_rl_counter_free(report->counter);
	memset(report, 0, sizeof(*report));
}

/* The book's language and formula, and for a language other than English
 * its counter: once per build. */
static void report_setup(struct bd_report *report, const struct bd_book *book, struct bd_diag *diag)
{
	char *why = NULL;

	report->ready = true;
	bd_rl_primary(book->lang ? book->lang : "en", report->lang, sizeof(report->lang));
	report->english = strcmp(report->lang, "en") == 0;
	report->formula = book->reading_formula ? bd_rl_formula_by_key(book->reading_formula)
						: bd_rl_formula_for_lang(report->lang);
	/* book.c told a formula of another language; nothing is scored by it. */
	if (report->formula && !bd_rl_formula_fits(report->formula, report->lang))
		report->formula = NULL;
	if (report->english || report->skip_levels)
		return;
	report->counter = bd_rl_counter_open(report->lang, NULL, &why);
	if (!report->counter) {
		bd_diag_report(diag, BD_R_IO, book->display, 0, 0, "%s", why);
		report->formula = NULL;
	}
	free(why);
}

/* The score against the book's target: max-grade for a grade, min-ease for an ease. */
static bool past_target(const struct bd_report *report, const struct bd_book *book, double score)
{
	if (!report->formula)
		return false;
	if (report->formula->scale == BD_RL_GRADE)
		return book->max_grade > 0 && score > book->max_grade;
	return book->min_ease > 0 && score < book->min_ease;
}

static void count_figures(const struct bd_node *node, struct bd_report_article *a)
{
	for (const struct bd_node *n = node->first; n; n = n->next) {
		if (n->type == BD_N_FIGURE) {
			bool captioned = false;
			for (const struct bd_node *c = n->first; c; c = c->next)
				captioned = captioned || c->type == BD_N_CAPTION;
			a->figures++;
			a->uncaptioned += !captioned;
		}
		if (n->type == BD_N_SUMMARY)
			a->has_summary = true;
		count_figures(n, a);
	}
}

/* The glossary entries the article marks and those it leaves unmarked.  The
 * ids belong to the book, which outlives the report. */
static void add_terms(struct bd_report_article *a, const struct bd_book *book, const struct bd_article *art,
		      const struct bd_node *tree)
{
	struct bd_term_scan scan;
	size_t nmarked = 0, nunmarked = 0;

	/* A tree of the bytes the first pass indexed: its scan is in art->terms. */
	if (tree->type == BD_N_ARTICLE && tree->depth == 1) {
		if (art->nterms_marked)
			a->used = bd_calloc(art->nterms_marked, sizeof(char *));
		if (art->nterms_unmarked)
			a->unmarked = bd_calloc(art->nterms_unmarked, sizeof(char *));
		for (size_t k = 0; k < art->nterms_marked; k++)
			a->used[a->nused++] = book->glossary[art->terms[k]].id;
		for (size_t k = 0; k < art->nterms_unmarked; k++)
			a->unmarked[a->nunmarked++] = book->glossary[art->terms[art->nterms_marked + k]].id;
		return;
	}
	/* Otherwise (the source changed since, or a tree built by hand) scan it. */
	bd_terms_scan(book, tree, &scan);
	for (size_t i = 0; i < book->nglossary; i++) {
		nmarked += scan.hits[i].marked;
		nunmarked += !scan.hits[i].marked && scan.hits[i].plain;
	}
	if (nmarked)
		a->used = bd_calloc(nmarked, sizeof(char *));
	if (nunmarked)
		a->unmarked = bd_calloc(nunmarked, sizeof(char *));
	for (size_t i = 0; i < book->nglossary; i++) {
		if (scan.hits[i].marked)
			a->used[a->nused++] = book->glossary[i].id;
		else if (scan.hits[i].plain)
			a->unmarked[a->nunmarked++] = book->glossary[i].id;
	}
	bd_terms_scan_fini(&scan);
}

void bd_report_add(struct bd_report *report, const struct bd_book *book, size_t index,
		   const struct bd_node *tree, struct bd_diag *diag)
{
	const struct bd_article *art = &book->articles[index];
	struct bd_report_article *a;
	char *text = NULL;

	bd_grow(&report->articles, &report->cap, report->len + 1, sizeof(*report->articles));
	a = &report->articles[report->len++];
	memset(a, 0, sizeof(*a));
	a->index = index;
	if (!report->ready)
		report_setup(report, book, diag);
	/* The running text only when something measures it: a build with
	 * neither a report nor a reading target skips the levels. */
	if (!report->skip_levels && (report->english || report->counter))
		text = bd_report_text(tree);
	if (report->skip_levels) {
		/* Neither printed nor judged: figures and terms only. */
	} else if (report->english) {
		bd_readability_measure(text, &a->r);
	} else if (report->counter) {
		char *why = NULL;
		if (!bd_rl_measure(report->counter, text, &a->r, &why))
			bd_diag_report(diag, BD_R_INTERNAL, art->display, 0, 0, "%s", why);
		free(why);
	}
	free(text);
	count_figures(tree, a);
	add_terms(a, book, art, tree);
	if (report->formula && !report->skip_levels)
		a->r.score = bd_rl_score(report->formula, &a->r);
	a->over = past_target(report, book, a->r.score);
	if (a->over && report->formula->scale == BD_RL_GRADE)
		bd_diag_report(diag, BD_R_READING_LEVEL, art->display, art->at.line, art->at.col,
				"the article reads at grade %.1f (%s), above the book's target of %g; "
				"use shorter sentences and shorter words",
				a->r.score, report->formula->name, book->max_grade);
	else if (a->over)
		bd_diag_report(diag, BD_R_READING_LEVEL, art->display, art->at.line, art->at.col,
				"the article scores %.1f on the %s, below the book's target of %g; "
				"use shorter sentences and shorter words",
				a->r.score, report->formula->name, book->min_ease);
}

static const char *title_of(const struct bd_article *art)
{
	return art->short_title ? art->short_title : art->title;
}

#define FLESCH_SOURCE "Flesch 1948, \"A new readability yardstick\", Journal of Applied Psychology 32(3)"

/* "Target: ..." for the book's <reading-level>, or NULL.  A new string. */
static char *target_text(const struct bd_report *report, const struct bd_book *book)
{
	if (report->formula && report->formula->scale == BD_RL_GRADE && book->max_grade > 0)
		return bd_asprintf("Target: grade %g or below (%s)", book->max_grade, report->formula->name);
	if (report->formula && report->formula->scale == BD_RL_EASE && book->min_ease > 0)
		return bd_asprintf("Target: %g or above (%s)", book->min_ease, report->formula->name);
	return NULL;
}

/* The formulas the report uses, each with its published source.  A new string. */
static char *formula_text(const struct bd_report *report)
{
	if (report->english)
		return bd_asprintf("Formulas: Flesch-Kincaid grade (%s); Flesch reading ease (%s); SMOG grade (%s)",
				   bd_rl_formula_by_key("flesch-kincaid")->source, FLESCH_SOURCE,
				   bd_rl_formula_by_key("smog")->source);
	if (report->formula)
		return bd_asprintf("Formula: %s (%s)", report->formula->name, report->formula->source);
	return bd_asprintf("Formula: none, no reading-level formula for %s (words and sentences only)", report->lang);
}

void bd_report_print(const struct bd_report *report, const struct bd_book *book, FILE *out)
{
	char *target = target_text(report, book), *formula = formula_text(report);

	fprintf(out, "Plain-language report: %s\n", book->title);
	if (target)
		fprintf(out, "%s\n", target);
	fprintf(out, "%s\n", formula);
	if (report->english)
		fprintf(out, "\n%-32s %6s %9s %5s %5s %5s %s\n", "article", "words", "sentences", "grade", "ease", "smog", "");
	else if (report->formula)
		fprintf(out, "\n%-32s %6s %9s %9s %6s %s\n", "article", "words", "sentences", "syllables", "score", "");
	else
		fprintf(out, "\n%-32s %6s %9s\n", "article", "words", "sentences");
	for (size_t i = 0; i < report->len; i++) {
		const struct bd_report_article *a = &report->articles[i];
		const char *id = book->articles[a->index].id, *mark = a->over ? "ABOVE TARGET" : "";
		if (report->english)
			fprintf(out, "%-32s %6zu %9zu %5.1f %5.1f %5.1f %s\n", id, a->r.words, a->r.sentences, a->r.grade,
				a->r.ease, a->r.smog, mark);
		else if (report->formula)
			fprintf(out, "%-32s %6zu %9zu %9zu %6.1f %s\n", id, a->r.words, a->r.sentences, a->r.syllables,
				a->r.score, a->over ? "PAST TARGET" : "");
		else
			fprintf(out, "%-32s %6zu %9zu\n", id, a->r.words, a->r.sentences);
	}
	free(target);
	free(formula);
	for (size_t i = 0; i < report->len; i++) {
		const struct bd_report_article *a = &report->articles[i];
		const struct bd_article *art = &book->articles[a->index];

		fprintf(out, "\n%s (%s)\n", title_of(art), art->display);
		fprintf(out, "  summary: %s\n", a->has_summary ? "yes" : "no");
		fprintf(out, "  figures: %zu, without a caption: %zu\n", a->figures, a->uncaptioned);
		fprintf(out, "  glossary terms used:");
		for (size_t k = 0; k < a->nused; k++)
			fprintf(out, "%s %s", k ? "," : "", a->used[k]);
		fprintf(out, "%s\n", a->nused ? "" : " none");
		fprintf(out, "  glossary terms unmarked:");
		for (size_t k = 0; k < a->nunmarked; k++)
			fprintf(out, "%s %s", k ? "," : "", a->unmarked[k]);
		fprintf(out, "%s\n", a->nunmarked ? "" : " none");
		for (size_t k = 0; k < BD_REPORT_LONGEST && a->r.longest[k].text; k++)
			fprintf(out, "  longest sentence %zu (%zu words): %s\n", k + 1, a->r.longest[k].words,
				a->r.longest[k].text);
	}
}

bool bd_report_write_json(const struct bd_report *report, const struct bd_book *book, const char *path,
			  struct bd_diag *diag)
{
	FILE *out = bd_outfile_open(path, diag);
	struct bd_json j;

	if (!out)
		return false;
	bd_json_begin(&j, out, 1, true);
	bd_json_object(&j, BD_JSON_INLINE);
	bd_json_member(&j, "book", book->title);
	bd_json_member_number(&j, "max_grade", "%g", book->max_grade);
	if (book->min_ease > 0)
		bd_json_member_number(&j, "min_ease", "%g", book->min_ease);
	bd_json_member(&j, "lang", report->lang);
	bd_json_key(&j, "formula");
	if (report->formula) {
		bd_json_object(&j, BD_JSON_INLINE);
		bd_json_member(&j, "key", report->formula->key);
		bd_json_member(&j, "name", report->formula->name);
		bd_json_member(&j, "source", report->formula->source);
		bd_json_member(&j, "scale", report->formula->scale == BD_RL_GRADE ? "grade" : "ease");
		bd_json_close(&j);
	} else {
		bd_json_number(&j, "null");
	}
	{
		char *formula = formula_text(report);
		bd_json_member(&j, "formulas", formula);
		free(formula);
	}
	bd_json_key(&j, "articles");
	bd_json_array(&j, BD_JSON_LINES);
	for (size_t i = 0; i < report->len; i++) {
		const struct bd_report_article *a = &report->articles[i];
		const struct bd_article *art = &book->articles[a->index];

		bd_json_object(&j, BD_JSON_INLINE);
		bd_json_member(&j, "id", art->id);
		bd_json_member(&j, "title", art->title);
		bd_json_member(&j, "file", art->display);
		bd_json_member_number(&j, "words", "%zu", a->r.words);
		bd_json_member_number(&j, "sentences", "%zu", a->r.sentences);
		bd_json_member_number(&j, "syllables", "%zu", a->r.syllables);
		/* Only English has a grade, an ease and a SMOG: never an English grade for another language. */
		if (report->english) {
			bd_json_member_number(&j, "grade", "%.1f", a->r.grade);
			bd_json_member_number(&j, "ease", "%.1f", a->r.ease);
			bd_json_member_number(&j, "smog", "%.1f", a->r.smog);
		} else if (report->formula) {
			bd_json_member_number(&j, "score", "%.1f", a->r.score);
		} else {
			bd_json_member_number(&j, "score", "null");
		}
		bd_json_key(&j, "above_target");
		bd_json_bool(&j, a->over);
		bd_json_key(&j, "longest_sentences");
		bd_json_array(&j, BD_JSON_INLINE);
		for (size_t k = 0; k < BD_REPORT_LONGEST && a->r.longest[k].text; k++) {
			bd_json_object(&j, BD_JSON_INLINE);
			bd_json_member_number(&j, "words", "%zu", a->r.longest[k].words);
			bd_json_member(&j, "text", a->r.longest[k].text);
			bd_json_close(&j);
		}
		bd_json_close(&j);
		bd_json_member_strings(&j, "terms_used", a->used, a->nused);
		bd_json_member_strings(&j, "terms_unmarked", a->unmarked, a->nunmarked);
		bd_json_key(&j, "summary");
		bd_json_bool(&j, a->has_summary);
		bd_json_member_number(&j, "figures", "%zu", a->figures);
		bd_json_member_number(&j, "figures_without_caption", "%zu", a->uncaptioned);
		bd_json_close(&j);
	}
	bd_json_close(&j);
	bd_json_close(&j);
	bd_json_end(&j);
	return bd_outfile_close(out, path, diag);
}

/* ---- HTML ------------------------------------------------------------------ */

static void cell(struct bd_out *o, const char *name, const char *text)
{
	bd_out_element(o, name, NULL, text);
}

static void cell_count(struct bd_out *o, size_t value)
{
	char text[32];

	snprintf(text, sizeof(text), "%zu", value);
	cell(o, "td", text);
}

static void cell_score(struct bd_out *o, double value, const char *mark)
{
	char text[48];

	snprintf(text, sizeof(text), "%.1f%s", value, mark ? mark : "");
	cell(o, "td", text);
}

static void id_list(struct bd_out *o, const char *label, char *const *ids, size_t n)
{
	bd_out_start(o, "p");
	bd_out_text(o, label);
	if (n == 0)
		bd_out_text(o, "none");
	for (size_t k = 0; k < n; k++) {
		if (k)
			bd_out_text(o, ", ");
		bd_out_element(o, "code", NULL, ids[k]);
	}
	bd_out_end(o);
}

bool bd_report_write_html(const struct bd_report *report, const struct bd_book *book, const char *path,
			  struct bd_diag *diag)
{
	struct bd_out o;
	char *heading = bd_asprintf("Plain-language report: %s", book->title);

	if (!bd_out_open(&o, path, false, diag)) {
		free(heading);
		return false;
	}
	bd_out_doctype(&o);
	bd_out_start(&o, "html");
	bd_out_attr(&o, "xmlns", "http://www.w3.org/1999/xhtml");
	bd_out_attr(&o, "lang", "en");
	bd_out_start(&o, "head");
	bd_out_start(&o, "meta");
	bd_out_attr(&o, "charset", "utf-8");
	bd_out_end(&o);
	cell(&o, "title", heading);
	cell(&o, "style", "body{font-family:sans-serif;max-width:60em;margin:auto;padding:1em}"
			  "table{border-collapse:collapse}th,td{border:1px solid #888;padding:0.2em 0.5em}"
			  "td{text-align:right}.over{background:#fde2e2}");
	bd_out_end(&o);
	bd_out_start(&o, "body");
	cell(&o, "h1", heading);
	{
		char *target = target_text(report, book), *formula = formula_text(report);
		char *line = target ? bd_asprintf("%s.", target) : NULL;
		if (line)
			cell(&o, "p", line);
		free(line);
		line = bd_asprintf("%s.", formula);
		cell(&o, "p", line);
		free(line);
		free(target);
		free(formula);
	}
	bd_out_start(&o, "table");
	cell(&o, "caption", "Reading level by article");
	bd_out_start(&o, "thead");
	bd_out_start(&o, "tr");
	cell(&o, "th", "Article");
	cell(&o, "th", "Words");
	cell(&o, "th", "Sentences");
	if (report->english) {
		cell(&o, "th", "Grade");
		cell(&o, "th", "Reading ease");
		cell(&o, "th", "SMOG");
	} else if (report->formula) {
		cell(&o, "th", report->formula->name);
	}
	bd_out_end(&o);
	bd_out_end(&o);
	bd_out_start(&o, "tbody");
	for (size_t i = 0; i < report->len; i++) {
		const struct bd_report_article *a = &report->articles[i];
		bool over = a->over;
		char *href = bd_asprintf("#%s", book->articles[a->index].id);

		bd_out_start(&o, "tr");
		if (over)
			bd_out_attr(&o, "class", "over");
		bd_out_start(&o, "th");
		bd_out_attr(&o, "scope", "row");
		bd_out_start(&o, "a");
		bd_out_attr(&o, "href", href);
		bd_out_text(&o, title_of(&book->articles[a->index]));
		bd_out_end(&o);
		bd_out_end(&o);
		cell_count(&o, a->r.words);
		cell_count(&o, a->r.sentences);
		if (report->english) {
			bool smog = report->formula && report->formula->id == BD_RL_SMOG;
			cell_score(&o, a->r.grade, over && !smog ? " (above target)" : NULL);
			cell_score(&o, a->r.ease, NULL);
			cell_score(&o, a->r.smog, over && smog ? " (above target)" : NULL);
		} else if (report->formula) {
			cell_score(&o, a->r.score, !over ? NULL
					  : report->formula->scale == BD_RL_GRADE ? " (above target)" : " (below target)");
		}
		bd_out_end(&o);
		free(href);
	}
	bd_out_end(&o);
	bd_out_end(&o);
	for (size_t i = 0; i < report->len; i++) {
		const struct bd_report_article *a = &report->articles[i];
		const struct bd_article *art = &book->articles[a->index];
		char *figures = bd_asprintf("Summary: %s. Figures: %zu, without a caption: %zu.",
					    a->has_summary ? "yes" : "no", a->figures, a->uncaptioned);

		bd_out_start(&o, "section");
		bd_out_attr(&o, "id", art->id);
		cell(&o, "h2", art->title);
		cell(&o, "p", figures);
		id_list(&o, "Glossary terms used: ", a->used, a->nused);
		id_list(&o, "Glossary terms unmarked: ", a->unmarked, a->nunmarked);
		if (a->r.longest[0].text) {
			cell(&o, "h3", "Longest sentences");
			bd_out_start(&o, "ol");
			for (size_t k = 0; k < BD_REPORT_LONGEST && a->r.longest[k].text; k++) {
				char *line = bd_asprintf("(%zu words) %s", a->r.longest[k].words, a->r.longest[k].text);
				cell(&o, "li", line);
				free(line);
			}
			bd_out_end(&o);
		}
		bd_out_end(&o);
		free(figures);
	}
	bd_out_end(&o);  /* body */
	bd_out_end(&o);  /* html */
	free(heading);
	if (!bd_out_close(&o))
		return false;
	return true;
}
