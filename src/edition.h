/* edition.h - an organisation's own edition of the book.
 *
 * A hospital that hands the book out gives, in an edition file
 * (schemas/edition.rng, e.g. book/editions/st-example.xml), its name, logo,
 * website and the numbers its patients call, and optionally one extra
 * article (local services).  Every <contact kind="..."/> in the articles
 * then names the organisation's contact with a tel: link; without an
 * edition it reads as the book's default words.
 *
 * An edition is a book of its own: a UUID v5 identifier from the book's
 * identifier and the edition's id (never the base book's ISBN), the slug
 * SLUG--ID, a title suffix, and the organisation as a sponsor (MARC
 * relator spn) in the package and the records.  The base book's bytes do
 * not depend on its editions: bd_edition_apply changes only the book it is
 * given, read afresh for that edition. */
#ifndef BD_EDITION_H
#define BD_EDITION_H

#include "diag.h"
#include "model.h"

#include <libxml/tree.h>
#include <stdbool.h>
#include <stddef.h>

struct bd_out;

struct bd_edition {
	char *display;          /* the edition file, for messages */
	char *dir;              /* its folder: paths in it are relative to this */
	char *id, *name, *website;
	char *logo_src;         /* as written */
	char *logo_file;        /* dir/logo_src */
	const char *logo_type;  /* image/svg+xml or image/png, once checked (static) */
	struct bd_loc at, logo_at, article_at;
	struct bd_contact *contacts;
	size_t ncontacts;
	char *article_file;     /* dir/src of the extra article, or NULL */
};

/* The book's default words for a contact kind ("24h" -> "the number your
 * care team gave you for day and night"); NULL for an unknown kind. */
struct bd_l10n;
const char *bd_contact_default(const struct bd_l10n *cat, const char *kind);

/* Checks a phone number written in international form ("+44 20 7946
 * 0123"): a known country calling code, digits, spaces and hyphens only,
 * at most 15 digits (E.164) and, for the countries bindery knows, the
 * national length.  On success sets *e164 ("+442079460123") and *local
 * ("020 7946 0123"), new strings, and returns NULL; otherwise returns a
 * new string saying what is wrong and how to write it. */
char *bd_phone_parse(const char *written, char **e164, char **local);

/* Reads the <contact> children of parent (book.xml or an edition file,
 * display in messages), appending them to *list; a bad phone number is an
 * "edition-phone" error at its element and the contact is left out. */
void bd_contacts_read(const xmlNode *parent, const char *display, struct bd_contact **list, size_t *n,
		      struct bd_diag *diag);
void bd_contacts_free(struct bd_contact *list, size_t n);
/* The contact of that kind the text should name: the edition's, else the
 * book's own; NULL: the default words. */
const struct bd_contact *bd_book_contact(const struct bd_book *book, const char *kind);

/* Reads and checks the edition file at path (display: its name in
 * messages; at: where book.xml names it, or file 0 for the command line).
 * Returns 0 with *out set, 1 after errors in diag (*out NULL). */
int bd_edition_read(const char *path, const char *display, struct bd_loc at, struct bd_diag *diag,
		    struct bd_edition **out);
void bd_edition_free(struct bd_edition *ed);

/* Makes book (read by bd_book_read for this edition alone) the edition:
 * identifier, slug, title, edition statement, sponsor, logo and the extra
 * article (indexed as the first pass indexes any).  Takes ed over.
 * Returns 0, or 1 after errors in diag. */
int bd_edition_apply(struct bd_book *book, struct bd_edition *ed, struct bd_diag *diag);

/* Renderers (xhtml.c, pages.c). */
/* A <contact>: the edition's or the book's contact, its name and a tel:
 * link in local form; else the node's own words. */
void bd_contact_write(struct bd_out *o, const struct bd_book *book, const struct bd_node *n);
/* Whether p is the edition's organisation among the book's contributors:
 * the title page names it in the title and the edition line instead. */
bool bd_edition_is_sponsor(const struct bd_book *book, const struct bd_person *p);
/* On the title page of an edition: its logo, "Edition for ORG" and its
 * website; nothing for the book itself. */
void bd_edition_write_title(struct bd_out *o, const struct bd_book *book);

#endif
