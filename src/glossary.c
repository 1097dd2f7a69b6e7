/* glossary.c - reading book/glossary.xml into the model. */
#include "read.h"

#include "alloc.h"
#include "xml.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Copies inline content (text, emph, strong) below el into parent. */
static void copy_inline(const xmlNode *el, struct bd_node *parent, struct bd_loc loc)
{
	for (const xmlNode *c = el->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			struct bd_node *t = bd_node_add(parent, BD_N_TEXT, loc);
			t->text = bd_strdup((const char *)c->content);
		} else if (bd_xml_is(c, "emph") || bd_xml_is(c, "strong")) {
			struct bd_node *n = bd_node_add(parent, bd_xml_is(c, "emph") ? BD_N_EMPH : BD_N_STRONG, loc);
			copy_inline(c, n, loc);
		}
	}
}

static void read_entry(struct bd_book *book, const xmlNode *el, struct bd_diag *diag)
{
	struct bd_gloss_entry *e;
	struct bd_loc loc = { book->glossary_display, bd_xml_line(el), bd_xml_col(el) };
	char *id = bd_xml_attr(el, "id");

	/* A misspelt entry is left out: no term can name it rightly. */
	if (!bd_lex_check_id(diag, loc, "id", id)) {
		free(id);
		return;
	}
	if (bd_book_gloss(book, id)) {
		bd_diag_report(diag, BD_R_DUPLICATE_ID, loc.file, loc.line, loc.col,
			      "glossary entry '%s' is defined twice (first on line %u)", id,
			      bd_book_gloss(book, id)->loc.line);
		free(id);
		return;
	}
	book->glossary = bd_realloc(book->glossary, (book->nglossary + 1) * sizeof(*book->glossary));
	e = &book->glossary[book->nglossary++];
	memset(e, 0, sizeof(*e));
	e->id = id;
	e->loc = loc;
	xmlHashAddEntry(book->gloss_by_id, BAD_CAST id, (void *)(uintptr_t)book->nglossary);
	for (xmlNodePtr c = bd_xml_first_element(el); c; c = bd_xml_next_element(c)) {
		if (bd_xml_is(c, "term")) {
			struct bd_loc tloc = { loc.file, bd_xml_line(c), bd_xml_col(c) };

			e->term = bd_xml_text(c);
			bd_text_check_element(diag, tloc, "<term>", c, "write the word this entry explains");
		} else if (bd_xml_is(c, "variant")) {
			e->variants = bd_realloc(e->variants, (e->nvariants + 1) * sizeof(char *));
			e->variant_seen = bd_realloc(e->variant_seen, (e->nvariants + 1) * sizeof(bool));
			e->variant_seen[e->nvariants] = false;
			e->variants[e->nvariants++] = bd_xml_text(c);
		} else if (bd_xml_is(c, "definition")) {
			struct bd_loc dloc = { loc.file, bd_xml_line(c), bd_xml_col(c) };

			bd_text_check_element(diag, dloc, "<definition>", c, "explain the term in a sentence or two");
			e->definition = bd_node_add(NULL, BD_N_P, dloc);
			copy_inline(c, e->definition, dloc);
		} else if (bd_xml_is(c, "see")) {
			struct bd_loc at = { loc.file, bd_xml_line(c), bd_xml_col(c) };
			e->see = bd_realloc(e->see, (e->nsee + 1) * sizeof(char *));
			e->see_at = bd_realloc(e->see_at, (e->nsee + 1) * sizeof(*e->see_at));
			e->see_at[e->nsee] = at;
			e->see[e->nsee] = bd_xml_attr(c, "ref");
			bd_lex_check_id(diag, at, "see-also reference", e->see[e->nsee]);
			e->nsee++;
		}
	}
}

void bd_glossary_read(struct bd_book *book, struct bd_diag *diag)
{
	char *path = bd_asprintf("%s/%s", book->dir, book->glossary_href);
	xmlDocPtr doc;

	book->glossary_display = bd_strdup(path);
	if (access(path, F_OK) != 0) {
		/* The mistake is in book.xml (or a file not yet written): say so
		 * once, there, and judge no term use against a glossary that is
		 * not there. */
		struct bd_loc at = book->glossary_at;

		bd_diag_report(diag, BD_R_IO, at.file, at.line, at.col,
			       "the glossary '%s' named here does not exist: create %s, or correct href", book->glossary_href,
			       path);
		book->glossary_unusable = true;
		free(path);
		return;
	}
	doc = bd_xml_read_file(path, book->glossary_display, BD_XML_SOURCE_MAX, BD_XML_DEFAULT, diag);
	free(path);
	if (!doc || !bd_xml_validate(doc, BD_SCHEMA_GLOSSARY, book->glossary_display, diag)) {
		book->glossary_unusable = true;
	} else {
		xmlNodePtr root = xmlDocGetRootElement(doc);
		for (xmlNodePtr el = bd_xml_first_element(root); el; el = bd_xml_next_element(el))
			read_entry(book, el, diag);
		/* See-also references may point forward, so check them after reading all. */
		for (size_t i = 0; i < book->nglossary; i++) {
			struct bd_gloss_entry *e = &book->glossary[i];
			for (size_t s = 0; s < e->nsee; s++)
				/* A misspelt one has its own error already. */
				if (e->see[s] && bd_lex_id(e->see[s]) && !bd_book_gloss(book, e->see[s]))
					bd_diag_report(diag, BD_R_GLOSSARY_SEE, e->see_at[s].file, e->see_at[s].line, e->see_at[s].col,
						      "entry '%s' refers to '%s', which is not in the glossary",
						      e->id, e->see[s]);
		}
	}
	xmlFreeDoc(doc);
}
