/* pages.c - the pages bindery writes itself: cover, title page, glossary. */
#include "pages.h"

#include "alloc.h"
#include "collate.h"
#include "l10n.h"
#include "edition.h"
#include "xhtml.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool bd_pages_write_cover(const struct bd_book *book, struct bd_epub *epub, const char *name, struct bd_diag *diag)
{
	struct bd_out o;
	char *src = NULL;

	if (!bd_out_open_entry(&o, epub, name, false, diag)) {
		return false;
	}
	bd_xhtml_begin(&o, book, book->title, "");
	bd_out_start(&o, "section");
	bd_out_attr(&o, "class", "cover");
	bd_out_attr(&o, "epub:type", "cover");
	bd_out_attr(&o, "aria-label", bd_l10n_text(bd_l10n_for(book->lang), "nav.cover"));
	src = bd_image_href(book->cover_src);
	bd_out_start(&o, "img");
	bd_out_attr(&o, "src", src);
	bd_out_attr(&o, "alt", book->cover_alt);
	bd_out_attr(&o, "role", "doc-cover");
	bd_out_end(&o);
	bd_out_end(&o);
	bd_xhtml_end(&o);
	free(src);
	return bd_out_close(&o);
}

bool bd_pages_write_title(const struct bd_book *book, struct bd_epub *epub, const char *name, struct bd_diag *diag)
{
	struct bd_out o;
	const struct bd_l10n *cat = bd_l10n_for(book->lang);
	char *published = bd_l10n_date(book->lang, book->published), *before = NULL, *after = NULL;

	if (!bd_out_open_entry(&o, epub, name, false, diag)) {
		free(published);
		return false;
	}
	bd_xhtml_begin(&o, book, book->title, "");
	bd_out_start(&o, "section");
	bd_out_attr(&o, "class", "titlepage");
	bd_out_attr(&o, "epub:type", "titlepage");
	bd_out_attr(&o, "aria-labelledby", "title_");
	bd_out_start(&o, "h1");
	bd_out_attr(&o, "id", "title_");
	bd_out_text(&o, book->title);
	bd_out_end(&o);
	if (book->subtitle)
		bd_out_element(&o, "p", "subtitle", book->subtitle);
	for (size_t i = 0; i < book->ncreators; i++)
		bd_out_element(&o, "p", "creator", book->creators[i].name);
	for (size_t i = 0; i < book->ncontributors; i++)
		if (!bd_edition_is_sponsor(book, &book->contributors[i]))
			bd_out_element(&o, "p", "contributor", book->contributors[i].name);
	bd_out_element(&o, "p", "edition", book->edition);
	bd_edition_write_title(&o, book);
	bd_out_start(&o, "p");
	bd_out_attr(&o, "class", "date");
	bd_l10n_split(cat, "title.published", "date", &before, &after, NULL);
	bd_out_text(&o, before);
	bd_out_start(&o, "time");
	bd_out_attr(&o, "datetime", book->published);
	bd_out_text(&o, published);
	bd_out_end(&o);
	bd_out_text(&o, after);
	bd_out_end(&o);
	bd_out_element(&o, "p", "publisher", book->publisher);
	{
		/* Readers judge medical text by who checked it and when: say it
		 * from book.xml, and never name a reviewer that is not there. */
		char *due = bd_l10n_date(book->lang, book->next_review);
		char *when = book->reviewed ? bd_l10n_date(book->lang, book->review_date) : NULL;
		char *text = book->reviewed ? bd_l10n_format(cat, "title.reviewed", "date", when, "reviewer",
							     book->reviewer, "due", due, NULL)
					    : bd_l10n_format(cat, "title.not-reviewed", "due", due, NULL);
		bd_out_element(&o, "p", "review", text);
		free(text);
		free(when);
		free(due);
	}
	bd_out_end(&o);
	bd_xhtml_end(&o);
	free(after);
	free(before);
	free(published);
	return bd_out_close(&o);
}

struct sorted_entry {
	size_t letter;  /* bd_collate_file's answer */
	char *key;
	const struct bd_gloss_entry *entry;
};

/* By letter ("other" last, as one section), then in the language's order. */
static int compare_entries(const void *pa, const void *pb)
{
	const struct sorted_entry *a = pa, *b = pb;
	int c = a->letter < b->letter ? -1 : a->letter > b->letter;

	if (c == 0)
		c = strcmp(a->key, b->key);
	if (c == 0)
		c = strcmp(a->entry->term, b->entry->term);
	return c ? c : strcmp(a->entry->id, b->entry->id);
}

/* A letter section's id: letter_A for a letter A-Z, else its UTF-8 bytes
 * in hex (Ñ: letter_C391), so that ids and links stay ASCII; letter_other
 * for the rest. */
static char *letter_id(const struct bd_collate *coll, size_t letter)
{
	const char *text = bd_collate_letter(coll, letter);
	char *id;
	size_t len;

	if (!text)
		return bd_strdup("letter_other");
	if (((text[0] >= 'A' && text[0] <= 'Z') || (text[0] >= 'a' && text[0] <= 'z')) && !text[1])
		return bd_asprintf("letter_%s", text);
	/* Two hex digits a byte: the size is known, one allocation. */
	len = strlen(text);
	id = bd_malloc(sizeof("letter_") + 2 * len);
	memcpy(id, "letter_", sizeof("letter_"));
	for (size_t i = 0; i < len; i++)
		snprintf(id + sizeof("letter_") - 1 + 2 * i, 3, "%02X", (unsigned char)text[i]);
	return id;
}

/* A paragraph of class CLASS_NAME: KEY's text with placeholder NAME
 * replaced by N links, joined as the language joins a list. */
static void link_list(struct bd_out *o, const struct bd_book *book, const struct bd_l10n *cat,
		      const char *class_name, const char *key, const char *name, size_t n, char *const *hrefs,
		      const char *const *texts)
{
	char *before = NULL, *after = NULL, **glue = bd_l10n_list_glue(book->lang, n);

	bd_l10n_split(cat, key, name, &before, &after, NULL);
	bd_out_start(o, "p");
	bd_out_attr(o, "class", class_name);
	bd_out_text(o, before);
	bd_out_text(o, glue[0]);
	for (size_t i = 0; i < n; i++) {
		bd_out_start(o, "a");
		bd_out_attr(o, "href", hrefs[i]);
		bd_out_text(o, texts[i]);
		bd_out_end(o);
		bd_out_text(o, glue[i + 1]);
	}
	bd_out_text(o, after);
	bd_out_end(o);
	bd_l10n_glue_free(glue, n);
	free(after);
	free(before);
}

/* CAT: the book's catalogue, looked up once per page rather than per entry. */
static void write_entry(struct bd_out *o, const struct bd_book *book, const struct bd_l10n *cat,
			const struct bd_gloss_entry *e)
{
	char *anchor = bd_gloss_anchor(e->id);

	bd_out_start(o, "dt");
	bd_out_attr(o, "id", anchor);
	bd_out_attr(o, "epub:type", "glossterm");
	bd_out_element(o, "dfn", NULL, e->term);
	bd_out_end(o);
	bd_out_start(o, "dd");
	bd_out_attr(o, "epub:type", "glossdef");
	bd_out_start(o, "p");
	if (e->definition)
		bd_xhtml_inline(o, book, e->definition, NULL, "");
	bd_out_end(o);
	if (e->nsee) {
		char **hrefs = bd_calloc(e->nsee, sizeof(*hrefs));
		const char **texts = bd_calloc(e->nsee, sizeof(*texts));
		size_t n = 0;
		for (size_t i = 0; i < e->nsee; i++) {
			const struct bd_gloss_entry *other = bd_book_gloss(book, e->see[i]);
			char *a;
			if (!other)
				continue;
			a = bd_gloss_anchor(other->id);
			hrefs[n] = bd_asprintf("#%s", a);
			texts[n++] = other->term;
			free(a);
		}
		link_list(o, book, cat, "see-also", "glossary.see-also", "terms", n, hrefs, texts);
		for (size_t i = 0; i < n; i++)
			free(hrefs[i]);
		free(hrefs);
		free(texts);
	}
	if (e->nused) {
		/* Back to where the reader met the word: its first use in each article. */
		char **hrefs = bd_calloc(e->nused, sizeof(*hrefs));
		const char **texts = bd_calloc(e->nused, sizeof(*texts));
		for (size_t i = 0; i < e->nused; i++) {
			const struct bd_article *art = &book->articles[e->used_in[i]];
			char *doc = bd_article_href(art);
			hrefs[i] = bd_asprintf("%s#use_%s", doc, e->id);
			texts[i] = art->short_title ? art->short_title : art->title;
			free(doc);
		}
		link_list(o, book, cat, "used-in", "glossary.used-in", "articles", e->nused, hrefs, texts);
		for (size_t i = 0; i < e->nused; i++)
			free(hrefs[i]);
		free(hrefs);
		free(texts);
	}
	bd_out_end(o);
	free(anchor);
}

bool bd_pages_write_glossary(const struct bd_book *book, struct bd_epub *epub, const char *name, struct bd_diag *diag)
{
	struct bd_out o;
	const struct bd_l10n *cat = bd_l10n_for(book->lang);
	struct bd_collate *coll = bd_collate_open(book->lang);
	struct sorted_entry *sorted = bd_calloc(book->nglossary, sizeof(*sorted));
	size_t other, current;
	bool ok = false;

	if (!coll) {
		bd_diag_report(diag, BD_R_INTERNAL, name, 0, 0, "ICU cannot open a collator for lang=\"%s\"",
			       book->lang ? book->lang : "");
		goto out;
	}
	other = bd_collate_nletters(coll);
	for (size_t i = 0; i < book->nglossary; i++) {
		sorted[i].letter = bd_collate_file(coll, book->glossary[i].term);
		sorted[i].key = bd_collate_key(coll, book->glossary[i].term);
		sorted[i].entry = &book->glossary[i];
	}
	qsort(sorted, book->nglossary, sizeof(*sorted), compare_entries);
	if (!bd_out_open_entry(&o, epub, name, false, diag)) {
		goto out;
	}
	bd_xhtml_begin(&o, book, bd_l10n_text(cat, "glossary.title"), "");
	bd_out_start(&o, "section");
	bd_out_attr(&o, "epub:type", "glossary");
	bd_out_attr(&o, "role", "doc-glossary");
	bd_out_attr(&o, "aria-labelledby", "title_");
	bd_out_start(&o, "h1");
	bd_out_attr(&o, "id", "title_");
	bd_out_text(&o, bd_l10n_text(cat, "glossary.title"));
	bd_out_end(&o);

	/* A letter index first, so a reader can jump instead of scrolling. */
	bd_out_start(&o, "nav");
	bd_out_attr(&o, "class", "glossary-letters");
	bd_out_attr(&o, "aria-label", bd_l10n_text(cat, "glossary.letters"));
	bd_out_start(&o, "ul");
	current = SIZE_MAX;
	for (size_t i = 0; i < book->nglossary; i++) {
		size_t letter = sorted[i].letter;
		char *id, *href;
		if (letter == current)
			continue;
		current = letter;
		id = letter_id(coll, letter);
		href = bd_asprintf("#%s", id);
		bd_out_start(&o, "li");
		bd_out_start(&o, "a");
		bd_out_attr(&o, "href", href);
		bd_out_text(&o, letter == other ? bd_l10n_text(cat, "glossary.other") : bd_collate_letter(coll, letter));
		bd_out_end(&o);
		bd_out_end(&o);
		free(href);
		free(id);
	}
	bd_out_end(&o);
	bd_out_end(&o);

	current = SIZE_MAX;
	for (size_t i = 0; i < book->nglossary; i++) {
		size_t letter = sorted[i].letter;
		if (letter != current) {
			char *id = letter_id(coll, letter);
			if (current != SIZE_MAX) {
				bd_out_end(&o);  /* dl */
				bd_out_end(&o);  /* section */
			}
			current = letter;
			bd_out_start(&o, "section");
			bd_out_attr(&o, "id", id);
			bd_out_element(&o, "h2", NULL,
				       letter == other ? bd_l10n_text(cat, "glossary.other") : bd_collate_letter(coll, letter));
			bd_out_start(&o, "dl");
			free(id);
		}
		write_entry(&o, book, cat, sorted[i].entry);
	}
	if (current != SIZE_MAX) {
		bd_out_end(&o);
		bd_out_end(&o);
	}
	bd_out_end(&o);
	bd_xhtml_end(&o);
	ok = bd_out_close(&o);
out:
	for (size_t i = 0; i < book->nglossary; i++)
		free(sorted[i].key);
	free(sorted);
	bd_collate_free(coll);
	return ok;
}
