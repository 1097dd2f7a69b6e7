/* Unit tests for terms.c: folding, whole-word and longest matches, marked
 * and unmarked uses, and what the first pass records and warns about. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "model.h"
#include "terms.h"

static struct bd_node *add(struct bd_node *parent, enum bd_node_type type, unsigned line)
{
	struct bd_loc l = { "a.xml", line, 3 };
	return bd_node_add(parent, type, l);
}

static void text(struct bd_node *parent, const char *s)
{
	add(parent, BD_N_TEXT, parent->loc.line)->text = bd_strdup(s);
}

static void entry(struct bd_book *b, const char *id, const char *term, const char *variant)
{
	struct bd_gloss_entry *e;

	b->glossary = bd_realloc(b->glossary, (b->nglossary + 1) * sizeof(*b->glossary));
	e = &b->glossary[b->nglossary++];
	memset(e, 0, sizeof(*e));
	e->id = bd_strdup(id);
	e->term = bd_strdup(term);
	if (variant) {
		e->variants = bd_calloc(1, sizeof(char *));
		e->variant_seen = bd_calloc(1, sizeof(bool));
		e->variants[0] = bd_strdup(variant);
		e->nvariants = 1;
	}
	xmlHashAddEntry(b->gloss_by_id, BAD_CAST id, (void *)(uintptr_t)b->nglossary);
}

static struct bd_book *book(void)
{
	struct bd_book *b = bd_book_new();
	entry(b, "bone", "bone", "bones");
	entry(b, "spinal-cord", "spinal cord", NULL);
	entry(b, "scc", "spinal cord compression", NULL);
	entry(b, "ct-scan", "CT scan", "CT scans");
	return b;
}

static void test_fold(void **state)
{
	char *f;

	(void)state;
	f = bd_terms_fold("  CT\n  Scans\tÉTÉ  ");
	assert_string_equal(f, "ct scans été");
	free(f);
}

static void test_scan_whole_words_longest_and_marked(void **state)
{
	struct bd_book *b = book();
	struct bd_node *root = add(NULL, BD_N_ARTICLE, 1);
	struct bd_node *title = add(root, BD_N_TITLE, 2), *p, *term;
	struct bd_term_scan scan;

	(void)state;
	text(title, "Bones and the spinal cord");      /* headings are not scanned */
	p = add(root, BD_N_P, 5);
	text(p, "Trombones are not BONES; a Spinal   Cord compression is urgent.");
	p = add(root, BD_N_P, 9);
	text(p, "You may have ");
	term = add(p, BD_N_TERM, 9);
	term->ref = bd_strdup("ct-scan");
	text(term, "CT scans");
	text(p, " and a ");
	add(p, BD_N_EMPH, 9);
	text(p->last, "CT scan");
	bd_terms_scan(b, root, &scan);

	assert_true(scan.hits[0].plain);              /* "BONES" */
	assert_int_equal(scan.hits[0].plain_at.line, 5);
	assert_int_equal(scan.hits[0].plain_form, 1);
	assert_true(scan.form_seen[0][1]);
	assert_false(scan.form_seen[0][0]);           /* "Trombones" and the title do not count */
	assert_false(scan.hits[1].plain);             /* the longer entry wins */
	assert_true(scan.hits[2].plain);
	assert_true(scan.hits[3].marked);
	assert_true(scan.hits[3].plain);              /* marked elsewhere, plain here: no warning later */
	assert_true(scan.form_seen[3][1]);            /* inside <term> counts as seen */
	bd_terms_scan_fini(&scan);
	bd_node_free(root);
	bd_book_free(b);
}

static void test_check_article_warns_and_records_variants(void **state)
{
	struct bd_book *b = book();
	struct bd_node *root = add(NULL, BD_N_ARTICLE, 1);
	struct bd_node *p = add(root, BD_N_P, 4), *link, *term;
	struct bd_article art = { 0 };
	struct bd_diag diag;

	(void)state;
	bd_diag_init(&diag);
	link = add(p, BD_N_LINK, 4);
	text(link, "spinal cord");                     /* link text is never an unmarked use */
	text(p, ", then bones and a ");
	term = add(p, BD_N_TERM, 4);
	term->ref = bd_strdup("ct-scan");
	text(term, "CT scan");
	bd_terms_check_article(b, &art, root, &diag);
	assert_int_equal(diag.len, 1);
	assert_string_equal(diag.msgs[0].rule, "glossary-unmarked");
	assert_int_equal(diag.msgs[0].line, 4);
	assert_non_null(strstr(diag.msgs[0].text, "'bones'"));
	assert_true(b->glossary[0].variant_seen[0]);
	assert_false(b->glossary[3].variant_seen[0]);
	/* Kept for the report: marked entries, then those used only unmarked. */
	assert_int_equal(art.nterms_marked, 1);
	assert_int_equal(art.terms[0], 3);
	assert_int_equal(art.nterms_unmarked, 1);
	assert_int_equal(art.terms[1], 0);
	free(art.terms);
	bd_diag_fini(&diag);
	bd_node_free(root);
	bd_book_free(b);
}

/* No-break spaces are white space, and soft hyphens and zero-width
 * characters are not there at all: none of them hides a glossary word. */
static void test_invisible_characters(void **state)
{
	static const struct {
		const char *text;
		size_t entry;       /* the entry found, plain */
	} cases[] = {
		{ "The spinal\u00A0cord is here.", 1 },         /* U+00A0 no-break space */
		{ "The spinal\u202Fcord is here.", 1 },         /* U+202F narrow no-break space */
		{ "The spinal \u00A0 cord is here.", 1 },       /* a run of spaces is one space */
		{ "Spinal cord\u00A0compression.", 2 },         /* the longest form still wins */
		{ "A meta\u00ADstasis here.", 4 },              /* U+00AD soft hyphen */
		{ "A meta\u200Bsta\u200Csis here.", 4 },       /* U+200B, U+200C zero-width (non-)joiner */
		{ "A meta\u200Dstasis here.", 4 },              /* U+200D zero-width joiner */
		{ "A \u2060metastasis\uFEFF here.", 4 },       /* U+2060 word joiner, U+FEFF */
		{ "\u00A0bones\u00A0", 0 },
	};
	char *f;

	(void)state;
	f = bd_terms_fold("Spinal\u00A0\u00A0Cord\u00AD\u200B\u202F");
	assert_string_equal(f, "spinal cord");
	free(f);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct bd_book *b = book();
		struct bd_node *root = add(NULL, BD_N_ARTICLE, 1);
		struct bd_node *p = add(root, BD_N_P, 3);
		struct bd_term_scan scan;

		entry(b, "metastasis", "metastasis", NULL);
		text(p, cases[i].text);
		bd_terms_scan(b, root, &scan);
		for (size_t e = 0; e < b->nglossary; e++) {
			if (scan.hits[e].plain != (e == cases[i].entry))
				fail_msg("case %zu ('%s'): entry %zu %s", i, cases[i].text, e,
					 scan.hits[e].plain ? "found" : "not found");
		}
		bd_terms_scan_fini(&scan);
		bd_node_free(root);
		bd_book_free(b);
	}
}

/* A word break at a text node's edge may be a no-break space too. */
static void test_invisible_space_between_nodes(void **state)
{
	struct bd_book *b = book();
	struct bd_node *root = add(NULL, BD_N_ARTICLE, 1);
	struct bd_node *p = add(root, BD_N_P, 3);
	struct bd_term_scan scan;

	(void)state;
	text(p, "trom\u00A0");
	add(p, BD_N_EMPH, 3);
	text(p->last, "bones\u00A0");
	text(p, "cé");
	bd_terms_scan(b, root, &scan);
	assert_true(scan.hits[0].plain);
	assert_true(scan.form_seen[0][1]);
	bd_terms_scan_fini(&scan);
	bd_node_free(root);
	bd_book_free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fold),
		cmocka_unit_test(test_scan_whole_words_longest_and_marked),
		cmocka_unit_test(test_check_article_warns_and_records_variants),
		cmocka_unit_test(test_invisible_characters),
		cmocka_unit_test(test_invisible_space_between_nodes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
