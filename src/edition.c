/* edition.c - an organisation's own edition: reading its file, checking its
 * phone numbers and logo, turning a freshly read book into the edition, and
 * rendering <contact>. */
#include "edition.h"

#include "alloc.h"
#include "l10n.h"
#include "read.h"
#include "rules.h"
#include "xhtml.h"
#include "xml.h"

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <uuid/uuid.h>

/* The words bindery writes for contacts and editions come from the book's
 * catalogue (the contact.* and edition.* keys of l10n/). */
static const char *const contact_kinds[] = { "24h", "emergency", "team", "feedback" };

const char *bd_contact_default(const struct bd_l10n *cat, const char *kind)
{
	char key[32];

	for (size_t i = 0; i < sizeof(contact_kinds) / sizeof(contact_kinds[0]); i++)
		if (strcmp(kind, contact_kinds[i]) == 0) {
			snprintf(key, sizeof(key), "contact.%s", kind);
			return bd_l10n_text(cat, key);
		}
	return NULL;
}

/* ---- phone numbers ------------------------------------------------------- */

/* ITU-T E.164 country calling codes in service (and the shared 8xx/88x
 * codes), so a mistyped code is caught. */
static const char *const calling_codes[] = {
	"1", "7", "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45", "46",
	"47", "48", "49", "51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63", "64", "65",
	"66", "81", "82", "84", "86", "90", "91", "92", "93", "94", "95", "98", "211", "212", "213", "216",
	"218", "220", "221", "222", "223", "224", "225", "226", "227", "228", "229", "230", "231", "232",
	"233", "234", "235", "236", "237", "238", "239", "240", "241", "242", "243", "244", "245", "246",
	"247", "248", "249", "250", "251", "252", "253", "254", "255", "256", "257", "258", "260", "261",
	"262", "263", "264", "265", "266", "267", "268", "269", "290", "291", "297", "298", "299", "350",
	"351", "352", "353", "354", "355", "356", "357", "358", "359", "370", "371", "372", "373", "374",
	"375", "376", "377", "378", "380", "381", "382", "383", "385", "386", "387", "389", "420", "421",
	"423", "500", "501", "502", "503", "504", "505", "506", "507", "508", "509", "590", "591", "592",
	"593", "594", "595", "596", "597", "598", "599", "670", "672", "673", "674", "675", "676", "677",
	"678", "679", "680", "681", "682", "683", "685", "686", "687", "688", "689", "690", "691", "692",
	"800", "808", "850", "852", "853", "855", "856", "870", "878", "880", "881", "882", "883", "886",
	"888", "960", "961", "962", "963", "964", "965", "966", "967", "968", "970", "971", "972", "973",
	"974", "975", "976", "977", "979", "992", "993", "994", "995", "996", "998",
};

/* National rules for the countries whose numbers bindery can also check
 * for length and write in local form: the national significant number's
 * length, and the trunk prefix a caller at home dials first. */
static const struct {
	const char *code, *country, *trunk;
	unsigned min, max;
} national[] = {
	{ "1", "North American", "", 10, 10 },
	{ "31", "Dutch", "0", 9, 9 },
	{ "32", "Belgian", "0", 8, 9 },
	{ "33", "French", "0", 9, 9 },
	{ "34", "Spanish", "", 9, 9 },
	{ "41", "Swiss", "0", 9, 9 },
	{ "44", "UK", "0", 9, 10 },
	{ "45", "Danish", "", 8, 8 },
	{ "47", "Norwegian", "", 8, 8 },
	{ "49", "German", "0", 6, 13 },
	{ "61", "Australian", "0", 9, 9 },
	{ "64", "New Zealand", "0", 8, 10 },
	{ "353", "Irish", "0", 7, 9 },
};

#define E164_MAX_DIGITS 15

char *bd_phone_parse(const char *written, char **e164, char **local)
{
	char digits[E164_MAX_DIGITS + 1];
	size_t nd = 0, cc_len = 0;
	const char *p = written, *rest;
	const char *code = NULL;

	*e164 = *local = NULL;
	while (*p == ' ')
		p++;
	if (*p != '+')
		return bd_asprintf("phone number '%s' is not in international form; start with + and the country "
				   "code, for example +44 20 7946 0123", written);
	for (const char *q = p + 1; *q; q++) {
		if (isdigit((unsigned char)*q)) {
			if (nd == E164_MAX_DIGITS)
				return bd_asprintf("phone number '%s' has more than %d digits, the most an international "
						   "(E.164) number can have", written, E164_MAX_DIGITS);
			digits[nd++] = *q;
		} else if (*q == '(' || *q == ')') {
			return bd_asprintf("phone number '%s' has brackets; write the number without them and without "
					   "the trunk 0, for example +44 20 7946 0123", written);
		} else if ((unsigned char)*q >= 0x80) {
			/* Not one byte of a character in a message: name no character. */
			return bd_asprintf("phone number '%s' has a character that is not a digit; use only digits, "
					   "spaces and hyphens after the +", written);
		} else if (*q != ' ' && *q != '-') {
			return bd_asprintf("phone number '%s' has '%c'; use only digits, spaces and hyphens after the +",
					   written, *q);
		}
	}
	digits[nd] = '\0';
	if (nd == 0)
		return bd_asprintf("phone number '%s' has no digits after the +", written);
	for (size_t i = 0; i < sizeof(calling_codes) / sizeof(calling_codes[0]); i++) {
		size_t n = strlen(calling_codes[i]);
		if (strncmp(digits, calling_codes[i], n) == 0) {
			code = calling_codes[i];
			cc_len = n;
			break;
		}
	}
	if (!code)
		return bd_asprintf("phone number '%s' does not start with a country calling code in use "
				   "(for example +44 for the UK, +1 for the USA and Canada)", written);
	if (nd - cc_len < 4)
		return bd_asprintf("phone number '%s' has only %zu digits after the country code +%s", written,
				   nd - cc_len, code);
	/* Where the country code ends in the text as written. */
	rest = p + 1;
	for (size_t seen = 0; seen < cc_len; rest++)
		if (isdigit((unsigned char)*rest))
			seen++;
	while (*rest == ' ' || *rest == '-')
		rest++;
	for (size_t i = 0; i < sizeof(national) / sizeof(national[0]); i++) {
		unsigned nsn = (unsigned)(nd - cc_len);

		if (strcmp(national[i].code, code) != 0)
			continue;
		if (*national[i].trunk && digits[cc_len] == national[i].trunk[0])
			return bd_asprintf("phone number '%s' keeps the trunk %s after +%s; leave it out (write +%s "
					   "and then the number without its first %s)", written, national[i].trunk, code,
					   code, national[i].trunk);
		if (nsn < national[i].min || nsn > national[i].max) {
			if (national[i].min == national[i].max)
				return bd_asprintf("phone number '%s' has %u digits after +%s; %s numbers have %u",
						   written, nsn, code, national[i].country, national[i].min);
			return bd_asprintf("phone number '%s' has %u digits after +%s; %s numbers have %u to %u",
					   written, nsn, code, national[i].country, national[i].min, national[i].max);
		}
		if (strcmp(code, "1") == 0 && (digits[1] < '2' || digits[4] < '2'))
			return bd_asprintf("phone number '%s' is not a North American number: its area code and "
					   "exchange each start with 2 to 9", written);
		*e164 = bd_asprintf("+%s", digits);
		*local = bd_asprintf("%s%s", national[i].trunk, rest);
		return NULL;
	}
	/* A country bindery has no rules for: dialled as written. */
	*e164 = bd_asprintf("+%s", digits);
	*local = bd_strdup(p);
	return NULL;
}

/* ---- contacts ------------------------------------------------------------ */

void bd_contacts_read(const xmlNode *parent, const char *display, struct bd_contact **list, size_t *n,
		      struct bd_diag *diag)
{
	for (xmlNodePtr el = bd_xml_first_element(parent); el; el = bd_xml_next_element(el)) {
		struct bd_contact c = { .at = { display, bd_xml_line(el), bd_xml_col(el) } };
		char *phone, *why;

		if (!bd_xml_is(el, "contact"))
			continue;
		phone = bd_xml_attr(el, "phone");
		why = bd_phone_parse(phone ? phone : "", &c.e164, &c.local);
		free(phone);
		if (why) {
			bd_diag_report(diag, BD_R_EDITION_PHONE, c.at.file, c.at.line, c.at.col, "%s", why);
			free(why);
			continue;
		}
		c.kind = bd_xml_attr(el, "kind");
		c.name = bd_xml_attr(el, "name");
		*list = bd_realloc(*list, (*n + 1) * sizeof(**list));
		(*list)[(*n)++] = c;
	}
}

void bd_contacts_free(struct bd_contact *list, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(list[i].kind);
		free(list[i].name);
		free(list[i].e164);
		free(list[i].local);
	}
	free(list);
}

static const struct bd_contact *find_contact(const struct bd_contact *list, size_t n, const char *kind)
{
	for (size_t i = 0; i < n; i++)
		if (list[i].kind && strcmp(list[i].kind, kind) == 0)
			return &list[i];
	return NULL;
}

const struct bd_contact *bd_book_contact(const struct bd_book *book, const char *kind)
{
	const struct bd_contact *c = NULL;

	if (!kind)
		return NULL;
	if (book->org_edition)
		c = find_contact(book->org_edition->contacts, book->org_edition->ncontacts, kind);
	return c ? c : find_contact(book->contacts, book->ncontacts, kind);
}

/* ---- the edition file ---------------------------------------------------- */

void bd_edition_free(struct bd_edition *ed)
{
	if (!ed)
		return;
	free(ed->display);
	free(ed->dir);
	free(ed->id);
	free(ed->name);
	free(ed->website);
	free(ed->logo_src);
	free(ed->logo_file);
	bd_contacts_free(ed->contacts, ed->ncontacts);
	free(ed->article_file);
	free(ed);
}

/* The logo: an SVG or PNG, sniffed as the book's images are, an SVG also
 * checked for scripts and outside references. */
static void check_logo(struct bd_edition *ed, struct bd_diag *diag)
{
	enum bd_infile_status status;
	const char *kind;
	const char *type;

	if (!bd_lex_image_src(ed->logo_src)) {
		bd_diag_report(diag, BD_R_EDITION_LOGO, ed->display, ed->logo_at.line, ed->logo_at.col,
			       "logo '%s' is not a relative path of A-Z, a-z, 0-9, '_', '-' and '/' ending in .svg or "
			       ".png", ed->logo_src);
		return;
	}
	type = bd_image_media_type(ed->logo_file, &status, &kind);
	if (status == BD_INFILE_MISSING) {
		bd_diag_report(diag, BD_R_EDITION_LOGO, ed->display, ed->logo_at.line, ed->logo_at.col,
			       "logo '%s' does not exist (looked for %s)", ed->logo_src, ed->logo_file);
		return;
	}
	if (status == BD_INFILE_NOT_REGULAR) {
		bd_diag_report(diag, BD_R_NOT_A_FILE, ed->display, ed->logo_at.line, ed->logo_at.col,
			       "logo '%s' is %s, not a regular file", ed->logo_src, kind);
		return;
	}
	if (!type || strcmp(type, "image/jpeg") == 0) {
		bd_diag_report(diag, BD_R_EDITION_LOGO, ed->display, ed->logo_at.line, ed->logo_at.col,
			       "logo '%s' is not an SVG or PNG file of the type its name says", ed->logo_src);
		return;
	}
	if (strcmp(type, "image/svg+xml") == 0 && !bd_image_svg_safe(ed->logo_file, ed->logo_file, diag))
		return;
	ed->logo_type = type;
}

int bd_edition_read(const char *path, const char *display, struct bd_loc at, struct bd_diag *diag,
		    struct bd_edition **out)
{
	size_t errors_before = bd_diag_errors(diag);
	struct bd_edition *ed = bd_calloc(1, sizeof(*ed));
	xmlDocPtr doc = NULL;
	xmlNodePtr root, el;
	const char *slash;
	enum bd_infile_status status;
	const char *kind;
	FILE *f;

	*out = NULL;
	ed->display = bd_strdup(display);
	slash = strrchr(path, '/');
	ed->dir = slash ? bd_strndup(path, (size_t)(slash - path)) : bd_strdup(".");
	if (!(f = bd_infile_open(path, &status, &kind))) {
		if (status == BD_INFILE_NOT_REGULAR)
			bd_diag_report(diag, BD_R_NOT_A_FILE, at.file, at.line, at.col, "edition file '%s' is %s, not a "
				       "regular file", display, kind);
		else if (status == BD_INFILE_ERROR)
			bd_diag_report(diag, BD_R_IO, at.file, at.line, at.col, "edition file '%s' cannot be read: %s",
				       display, strerror(errno));
		else
			bd_diag_report(diag, BD_R_EDITION_MISSING, at.file, at.line, at.col,
				       "edition file '%s' does not exist", display);
		goto out;
	}
	fclose(f);
	doc = bd_xml_read_file(path, ed->display, BD_XML_SOURCE_MAX, BD_XML_DEFAULT, diag);
	if (!doc || !bd_xml_validate(doc, BD_SCHEMA_EDITION, ed->display, diag))
		goto out;
	root = xmlDocGetRootElement(doc);
	ed->at = (struct bd_loc){ ed->display, bd_xml_line(root), bd_xml_col(root) };
	ed->id = bd_xml_attr(root, "id");
	if (!bd_lex_check_id(diag, ed->at, "edition id", ed->id))
		goto out;
	el = bd_xml_child(root, "name");
	ed->name = bd_xml_text(el);
	bd_text_check_element(diag, (struct bd_loc){ ed->display, bd_xml_line(el), bd_xml_col(el) }, "<name>", el,
			      "write the organisation's name");
	el = bd_xml_child(root, "website");
	ed->website = bd_xml_attr(el, "href");
	if (!bd_lex_link(ed->website) || strncmp(ed->website, "mailto:", 7) == 0)
		bd_diag_report(diag, BD_R_LINK_HREF, ed->display, bd_xml_line(el), bd_xml_col(el),
			       "website '%s' is not an http: or https: address without white space", ed->website);
	el = bd_xml_child(root, "logo");
	ed->logo_at = (struct bd_loc){ ed->display, bd_xml_line(el), bd_xml_col(el) };
	ed->logo_src = bd_xml_attr(el, "src");
	ed->logo_file = bd_asprintf("%s/%s", ed->dir, ed->logo_src);
	check_logo(ed, diag);
	bd_contacts_read(root, ed->display, &ed->contacts, &ed->ncontacts, diag);
	if ((el = bd_xml_child(root, "article"))) {
		char *src = bd_xml_attr(el, "src");
		ed->article_at = (struct bd_loc){ ed->display, bd_xml_line(el), bd_xml_col(el) };
		ed->article_file = bd_asprintf("%s/%s", ed->dir, src);
		free(src);
	}
out:
	xmlFreeDoc(doc);
	if (bd_diag_errors(diag) > errors_before) {
		bd_edition_free(ed);
		return 1;
	}
	*out = ed;
	return 0;
}

/* ---- the book as the edition --------------------------------------------- */

/* UUID v5 of the edition's id in a namespace of the book's own: the book's
 * UUID, or for an ISBN the UUID v5 of its URN in the URL namespace.  So
 * each edition keeps its identifier across builds, and none is the ISBN. */
static char *edition_identifier(const char *book_identifier, const char *edition_id)
{
	uuid_t ns, id;
	char text[37];

	if (strncmp(book_identifier, "urn:uuid:", 9) != 0 || uuid_parse(book_identifier + 9, ns) != 0)
		uuid_generate_sha1(ns, *uuid_get_template("url"), book_identifier, strlen(book_identifier));
	uuid_generate_sha1(id, ns, edition_id, strlen(edition_id));
	uuid_unparse_lower(id, text);
	return bd_asprintf("urn:uuid:%s", text);
}

/* MARC and ONIX tell a body from a person by a file-as without ", "
 * (records_marc.c): keep the organisation a body whatever its name. */
static char *file_as_body(const char *name)
{
	char *s = bd_strdup(name), *p;

	while ((p = strstr(s, ", ")))
		*p = ';';
	return s;
}

static void replace(char **field, char *value)
{
	free(*field);
	*field = value;
}

/* The extra article: last in the back matter, indexed like any other. */
static void add_article(struct bd_book *b, const struct bd_edition *ed, struct bd_diag *diag)
{
	const char *base = strrchr(ed->article_file, '/');
	size_t len;
	struct bd_article *a;
	struct bd_article_source *src;
	struct bd_xref_list xrefs = { 0 };
	char *id;

	base = base ? base + 1 : ed->article_file;
	len = strlen(base);
	if (len <= 4 || strcmp(base + len - 4, ".xml") != 0) {
		bd_diag_report(diag, BD_R_ARTICLE_MISSING, ed->article_at.file, ed->article_at.line, ed->article_at.col,
			       "the article '%s' must be an .xml file named after its id", base);
		return;
	}
	id = bd_strndup(base, len - 4);
	if (!bd_lex_check_id(diag, ed->article_at, "article file name", id) || bd_book_article(b, id)) {
		if (bd_book_article(b, id))
			bd_diag_report(diag, BD_R_ARTICLE_LISTED_TWICE, ed->article_at.file, ed->article_at.line,
				       ed->article_at.col, "the book already has an article '%s'; rename this one", id);
		free(id);
		return;
	}
	a = bd_book_append_article(b, id, bd_strdup(ed->article_file), ed->article_at, BD_BACK);
	src = bd_article_open(a, true, diag);
	if (src->missing)
		bd_diag_report(diag, BD_R_ARTICLE_MISSING, a->listed.file, a->listed.line, a->listed.col,
			       "article '%s' is named, but %s does not exist", a->id, a->path);
	else
		bd_article_index(b, b->narticles - 1, src, &xrefs, diag);
	bd_article_source_free(src);
	bd_book_resolve_xrefs(b, &xrefs, diag);
}

int bd_edition_apply(struct bd_book *b, struct bd_edition *ed, struct bd_diag *diag)
{
	size_t errors_before = bd_diag_errors(diag);
	const struct bd_l10n *cat = bd_l10n_for(b->lang);
	struct bd_person *p;

	b->org_edition = ed;
	replace(&b->identifier, edition_identifier(b->identifier, ed->id));
	replace(&b->isbn, NULL);
	replace(&b->slug, bd_asprintf("%s--%s", b->slug, ed->id));
	replace(&b->title, bd_l10n_format(cat, "edition.title", "title", b->title, "name", ed->name, NULL));
	replace(&b->edition, bd_l10n_format(cat, "edition.statement", "edition", b->edition, "name", ed->name, NULL));
	b->contributors = bd_realloc(b->contributors, (b->ncontributors + 1) * sizeof(*b->contributors));
	p = &b->contributors[b->ncontributors++];
	p->name = bd_strdup(ed->name);
	p->role = bd_strdup("spn"); /* MARC relator: sponsor */
	p->file_as = file_as_body(ed->name);
	if (ed->logo_type) {
		const struct bd_image *clash = bd_book_add_image(b, ed->logo_src, ed->logo_type, false);

		if (clash)
			bd_diag_report(diag, BD_R_IMAGE_NAME_CLASH, ed->logo_at.file, ed->logo_at.line, ed->logo_at.col,
				       "logo '%s' has the same file name as the book's image '%s'; rename the logo",
				       ed->logo_src, clash->src);
		else
			b->images[b->nimages - 1].file = bd_strdup(ed->logo_file);
	}
	if (ed->article_file)
		add_article(b, ed, diag);
	return bd_diag_errors(diag) > errors_before ? 1 : 0;
}

/* ---- rendering ----------------------------------------------------------- */

void bd_contact_write(struct bd_out *o, const struct bd_book *book, const struct bd_node *n)
{
	const struct bd_contact *c = bd_book_contact(book, n->ref);
	char *before = NULL, *after = NULL, *href = NULL;

	if (!c) {
		for (const struct bd_node *t = n->first; t; t = t->next)
			if (t->type == BD_N_TEXT)
				bd_out_text(o, t->text);
		return;
	}
	/* {number} becomes a tel: link. */
	bd_l10n_split(bd_l10n_for(book->lang), "contact.with-number", "number", &before, &after, "name", c->name, NULL);
	href = bd_asprintf("tel:%s", c->e164);
	bd_out_text(o, before);
	bd_out_start(o, "a");
	bd_out_attr(o, "href", href);
	bd_out_text(o, c->local);
	bd_out_end(o);
	bd_out_text(o, after);
	free(href);
	free(after);
	free(before);
}

bool bd_edition_is_sponsor(const struct bd_book *book, const struct bd_person *p)
{
	/* bd_edition_apply adds it last. */
	return book->org_edition && book->ncontributors > 0 && p == &book->contributors[book->ncontributors - 1];
}

void bd_edition_write_title(struct bd_out *o, const struct bd_book *book)
{
	const struct bd_edition *ed = book->org_edition;
	const struct bd_l10n *cat = bd_l10n_for(book->lang);
	char *src = NULL, *alt = NULL, *before = NULL, *after = NULL;

	if (!ed)
		return;
	bd_out_start(o, "div");
	if (ed->logo_type) {
		src = bd_image_href(ed->logo_src);
		alt = bd_l10n_format(cat, "edition.logo-alt", "name", ed->name, NULL);
		bd_out_start(o, "img");
		bd_out_attr(o, "src", src);
		bd_out_attr(o, "alt", alt);
		bd_out_end(o);
	}
	/* {website} becomes a link. */
	bd_l10n_split(cat, "edition.website", "website", &before, &after, NULL);
	bd_out_start(o, "p");
	bd_out_text(o, before);
	bd_out_start(o, "a");
	bd_out_attr(o, "href", ed->website);
	bd_out_attr(o, "class", "external");
	bd_out_text(o, ed->website);
	bd_out_end(o);
	bd_out_text(o, after);
	bd_out_end(o);
	bd_out_end(o);
	free(after);
	free(before);
	free(alt);
	free(src);
}
