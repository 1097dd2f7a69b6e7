/* records_marc.c - a MARC 21 bibliographic record for the e-book, as
 * MARCXML (http://www.loc.gov/MARC21/slim).
 *
 * An online text resource (leader 06 'a', 008 for books with 23 'o', 006 and
 * 007 for the computer file), RDA content, media and carrier types, and the
 * accessibility fields 341 and 532 from the same properties as the
 * package's schema.org metadata.  Names: a name whose file-as form is
 * inverted ("Surname, Forename") is a person filed by surname (100/700,
 * first indicator 1); a name without file-as is a person in direct order
 * (first indicator 0); a file-as without a comma ("bindery project
 * authors") marks a body (110/710, first indicator 2).  Every field that
 * depends on a date takes it from the metadata, never from the clock. */
#include "records.h"

#include "alloc.h"
#include "xhtml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void controlfield(struct bd_out *o, const char *tag, const char *value)
{
	bd_out_start(o, "controlfield");
	bd_out_attr(o, "tag", tag);
	bd_out_text(o, value);
	bd_out_end(o);
}

static void datafield(struct bd_out *o, const char *tag, char ind1, char ind2)
{
	char i1[2] = { ind1, 0 }, i2[2] = { ind2, 0 };

	bd_out_start(o, "datafield");
	bd_out_attr(o, "tag", tag);
	bd_out_attr(o, "ind1", i1);
	bd_out_attr(o, "ind2", i2);
}

static void subfield(struct bd_out *o, char code, const char *value)
{
	char c[2] = { code, 0 };

	if (!value)
		return;
	bd_out_start(o, "subfield");
	bd_out_attr(o, "code", c);
	bd_out_text(o, value);
	bd_out_end(o);
}

/* value followed by ISBD punctuation, unless it already ends in it. */
static void subfield_p(struct bd_out *o, char code, const char *value, const char *punct)
{
	size_t n = strlen(value);
	char *s;

	if (n && strchr(".?!", value[n - 1]) && strcmp(punct, ".") == 0)
		s = bd_strdup(value);
	else
		s = bd_asprintf("%s%s", value, punct);
	subfield(o, code, s);
	free(s);
}

/* A name bindery can file: an inverted personal name ("Surname,
 * Forename") or a body (a file-as without a comma).  A name without
 * file-as could be either, in any order: it is not controlled. */
static bool is_controlled(const struct bd_person *p)
{
	return p->file_as != NULL;
}

static bool is_person(const struct bd_person *p)
{
	return p->file_as && strstr(p->file_as, ", ");
}

static void name_field(struct bd_out *o, const struct bd_person *p, bool main_entry, const char *default_role)
{
	const char *role = p->role ? p->role : default_role;
	const char *term = bd_record_relator_term(role);
	bool person = is_person(p);
	const char *name = p->file_as ? p->file_as : p->name;

	if (!is_controlled(p))
		/* 720 1_: an uncontrolled personal name, as written. */
		datafield(o, "720", '1', ' ');
	else
		datafield(o, main_entry ? (person ? "100" : "110") : (person ? "700" : "710"), person ? '1' : '2',
			  ' ');
	if (term) {
		subfield_p(o, 'a', name, ",");
		subfield_p(o, 'e', term, ".");
	} else {
		subfield_p(o, 'a', name, ".");
	}
	subfield(o, '4', role);
	bd_out_end(o);
}

/* Characters to skip when filing the title (245 second indicator): an
 * initial article in the language of the text (041), with the space or
 * apostrophe after it.  After the Library of Congress's list of initial
 * articles, for the languages bindery has a MARC code for. */
static char nonfiling(const struct bd_record_meta *m)
{
	static const struct {
		const char *lang;
		const char *const articles[10];
	} table[] = {
		{ "eng", { "The ", "A ", "An " } },
		{ "fre", { "Le ", "La ", "Les ", "L'", "L\xE2\x80\x99", "Un ", "Une " } },
		{ "ger", { "Der ", "Die ", "Das ", "Ein ", "Eine " } },
		{ "spa", { "El ", "La ", "Los ", "Las ", "Un ", "Una " } },
		{ "ita", { "Il ", "Lo ", "La ", "I ", "Gli ", "Le ", "L'", "Un ", "Una ", "Uno " } },
		{ "por", { "O ", "A ", "Os ", "As ", "Um ", "Uma " } },
		{ "dut", { "De ", "Het ", "Een " } },
	};
	const char *lang = bd_record_lang3(m->lang);

	for (size_t t = 0; m->title && t < sizeof(table) / sizeof(table[0]); t++) {
		if (strcmp(table[t].lang, lang) != 0)
			continue;
		for (size_t i = 0; i < 10 && table[t].articles[i]; i++) {
			size_t n = strlen(table[t].articles[i]);

			/* The indicator counts characters: a curly apostrophe is one. */
			if (strncmp(m->title, table[t].articles[i], n) == 0 && m->title[n])
				return (char)('0' + (strcmp(table[t].articles[i], "L\xE2\x80\x99") == 0 ? 2 : n));
		}
	}
	return '0';
}

static char *responsibility(const struct bd_record_meta *m)
{
	char *s = bd_strdup("");

	for (size_t i = 0; i < m->ncreators; i++) {
		char *t = bd_asprintf("%s%s%s", s, i == 0 ? "" : i + 1 == m->ncreators ? " and " : ", ",
				      m->creators[i].name);
		free(s);
		s = t;
	}
	return s;
}

/* The 008 field for a book that is an online resource: 40 characters. */
static void field_008(const struct bd_record_meta *m, bool illustrated, char out[41])
{
	const char *mod = m->modified ? m->modified : "";
	const char *pub = m->published ? m->published : mod;
	char entered[7] = "||||||", year[5] = "uuuu";

	if (strlen(mod) >= 10)
		snprintf(entered, sizeof(entered), "%.2s%.2s%.2s", mod + 2, mod + 5, mod + 8);
	if (strlen(pub) >= 4)
		snprintf(year, sizeof(year), "%.4s", pub);
	/* 00-05 entered, 06 single date, 07-14 dates, 15-17 place unknown,
	 * 18-21 illustrations, 22 audience, 23 online, 24-27 contents,
	 * 28 government, 29 conference, 30 festschrift, 31 index, 32 undefined,
	 * 33 not fiction, 34 biography, 35-37 language, 38 modified, 39 source. */
	/* 39: 'd' (another source than LC) only with an organisation that
	 * answers for the record (040); otherwise no attempt to code. */
	snprintf(out, 41, "%ss%s    xx %s o     000 0 %s %c", entered, year, illustrated ? "a   " : "    ",
		 bd_record_lang3(m->lang), m->marc_org ? 'd' : '|');
}

static void subjects(struct bd_out *o, const struct bd_record_meta *m)
{
	for (size_t i = 0; i < m->nsubjects; i++) {
		const struct bd_subject *s = &m->subjects[i];
		const char *tag = s->genre ? "655" : "650";

		if (!s->scheme || strcmp(s->scheme, "keyword") == 0)
			continue;
		if (strcmp(s->scheme, "MeSH") == 0) {
			datafield(o, tag, ' ', '2');
			subfield_p(o, 'a', s->label, ".");
			if (s->code) {
				char *uri = bd_asprintf("https://id.nlm.nih.gov/mesh/%s", s->code);
				subfield(o, '0', uri);
				free(uri);
			}
		} else if (strcmp(s->scheme, "LCSH") == 0) {
			datafield(o, tag, ' ', '0');
			subfield_p(o, 'a', s->label, ".");
		} else {
			datafield(o, tag, ' ', '7');
			subfield_p(o, 'a', s->label, ".");
			subfield(o, '2', s->scheme);
		}
		bd_out_end(o);
	}
	for (size_t i = 0; i < m->nsubjects; i++) {
		const struct bd_subject *s = &m->subjects[i];
		if (s->scheme && strcmp(s->scheme, "keyword") != 0)
			continue;
		datafield(o, "653", ' ', ' ');
		subfield(o, 'a', s->label);
		bd_out_end(o);
	}
}

/* 341: access modes with their assistive features, in the schema.org
 * vocabulary (source code sapdv); 532: the notes a person reads. */
static void accessibility(struct bd_out *o, const struct bd_record_meta *m)
{
	static const char *const textual[] = { "displayTransformability", "structuralNavigation",
					       "tableOfContents", "readingOrder", "ARIA" };
	static const char *const visual[] = { "alternativeText", "longDescription" };

	for (size_t i = 0; i < m->access_modes.len; i++) {
		const char *mode = m->access_modes.items[i];
		bool is_text = strcmp(mode, "textual") == 0, is_visual = strcmp(mode, "visual") == 0;

		datafield(o, "341", '0', ' ');
		subfield(o, 'a', mode);
		for (size_t f = 0; is_text && f < sizeof(textual) / sizeof(textual[0]); f++)
			if (bd_strlist_has(&m->features, textual[f]))
				subfield(o, 'b', textual[f]);
		for (size_t f = 0; is_visual && f < sizeof(visual) / sizeof(visual[0]); f++)
			if (bd_strlist_has(&m->features, visual[f]))
				subfield(o, 'c', visual[f]);
		subfield(o, '2', "sapdv");
		bd_out_end(o);
	}
}

static void accessibility_notes(struct bd_out *o, const struct bd_record_meta *m)
{
	if (m->a11y_summary) {
		datafield(o, "532", '8', ' ');
		subfield(o, 'a', m->a11y_summary);
		bd_out_end(o);
	}
	if (m->features.len) {
		char *s = bd_strdup("Accessibility features:");
		for (size_t i = 0; i < m->features.len; i++) {
			char *t = bd_asprintf("%s%s %s", s, i ? "," : "", m->features.items[i]);
			free(s);
			s = t;
		}
		datafield(o, "532", '1', ' ');
		subfield_p(o, 'a', s, ".");
		bd_out_end(o);
		free(s);
	}
	if (m->conforms_to || m->hazards.len) {
		char *s = m->conforms_to ? bd_asprintf("Conforms to %s%s%s.", m->conforms_to,
						       m->certified_by ? ", certified by " : "",
						       m->certified_by ? m->certified_by : "")
					 : bd_strdup("");
		if (m->hazards.len) {
			char *t = bd_asprintf("%s%sHazards: %s.", s, *s ? " " : "", m->hazards.items[0]);
			free(s);
			s = t;
		}
		datafield(o, "532", '0', ' ');
		subfield(o, 'a', s);
		bd_out_end(o);
		free(s);
	}
}

bool bd_records_write_marcxml(const struct bd_record_meta *m, const char *path, struct bd_diag *diag)
{
	struct bd_out o;
	bool illustrated = bd_strlist_has(&m->access_modes, "visual");
	char f008[41], f005[32] = "";
	const char *mod = m->modified ? m->modified : "";
	char *resp = responsibility(m);
	char *url = bd_record_link(m, m->epub_name);
	bool ok, main_entry;

	if (!bd_out_open(&o, path, true, diag)) {
		free(resp);
		free(url);
		return false;
	}
	if (strlen(mod) >= 19)
		snprintf(f005, sizeof(f005), "%.4s%.2s%.2s%.2s%.2s%.2s.0", mod, mod + 5, mod + 8, mod + 11, mod + 14,
			 mod + 17);
	field_008(m, illustrated, f008);

	bd_out_start(&o, "collection");
	bd_out_attr(&o, "xmlns", "http://www.loc.gov/MARC21/slim");
	bd_out_start(&o, "record");
	/* length and base address are computed by whoever writes ISO 2709;
	 * n: new, a: language material, m: monograph, a: UCS; 17 '3':
	 * abbreviated level, since a program wrote the record from the book's
	 * own metadata and no cataloguer reviewed it; i: ISBD. */
	bd_out_element(&o, "leader", NULL, "00000nam a22000003i 4500");
	controlfield(&o, "001", m->identifier);
	/* 001 is only unique within the organisation named in 003. */
	if (m->marc_org)
		controlfield(&o, "003", m->marc_org);
	if (*f005)
		controlfield(&o, "005", f005);
	/* An online text document. */
	controlfield(&o, "006", "m     o  d        ");
	/* Electronic resource (14 positions): remote, colour, no sound,
	 * the rest not coded. */
	controlfield(&o, "007", "cr cn ||||||||");
	controlfield(&o, "008", f008);
	if (m->isbn) {
		datafield(&o, "020", ' ', ' ');
		subfield(&o, 'a', m->isbn);
		subfield(&o, 'q', "EPUB");
		bd_out_end(&o);
	}
	if (m->uuid) {
		datafield(&o, "024", '7', ' ');
		subfield(&o, 'a', m->uuid);
		subfield(&o, '2', "uri");
		bd_out_end(&o);
	}
	if (m->marc_org) {
		datafield(&o, "040", ' ', ' ');
		subfield(&o, 'a', m->marc_org);
		subfield(&o, 'b', "eng");
		subfield(&o, 'e', "rda");
		subfield(&o, 'c', m->marc_org);
		bd_out_end(&o);
	}
	datafield(&o, "041", '0', ' ');
	subfield(&o, 'a', bd_record_lang3(m->lang));
	bd_out_end(&o);
	/* Only a controlled name can be the main entry. */
	main_entry = m->ncreators && is_controlled(&m->creators[0]);
	if (main_entry)
		name_field(&o, &m->creators[0], true, "aut");

	datafield(&o, "245", main_entry ? '1' : '0', nonfiling(m));
	if (m->subtitle) {
		subfield_p(&o, 'a', m->title, " :");
		subfield_p(&o, 'b', m->subtitle, *resp ? " /" : ".");
	} else {
		subfield_p(&o, 'a', m->title, *resp ? " /" : ".");
	}
	if (*resp)
		subfield_p(&o, 'c', resp, ".");
	bd_out_end(&o);
	if (m->edition) {
		datafield(&o, "250", ' ', ' ');
		subfield_p(&o, 'a', m->edition, ".");
		bd_out_end(&o);
	}
	datafield(&o, "264", ' ', '1');
	subfield(&o, 'a', "[Place of publication not identified] :");
	if (m->publisher)
		subfield_p(&o, 'b', m->publisher, ",");
	if (m->published) {
		char *year = bd_asprintf("%.4s.", m->published);
		subfield(&o, 'c', year);
		free(year);
	}
	bd_out_end(&o);
	datafield(&o, "300", ' ', ' ');
	if (illustrated) {
		subfield(&o, 'a', "1 online resource :");
		subfield(&o, 'b', "illustrations");
	} else {
		subfield(&o, 'a', "1 online resource");
	}
	bd_out_end(&o);
	datafield(&o, "336", ' ', ' ');
	subfield(&o, 'a', "text");
	subfield(&o, 'b', "txt");
	subfield(&o, '2', "rdacontent");
	bd_out_end(&o);
	if (illustrated) {
		datafield(&o, "336", ' ', ' ');
		subfield(&o, 'a', "still image");
		subfield(&o, 'b', "sti");
		subfield(&o, '2', "rdacontent");
		bd_out_end(&o);
	}
	datafield(&o, "337", ' ', ' ');
	subfield(&o, 'a', "computer");
	subfield(&o, 'b', "c");
	subfield(&o, '2', "rdamedia");
	bd_out_end(&o);
	datafield(&o, "338", ' ', ' ');
	subfield(&o, 'a', "online resource");
	subfield(&o, 'b', "cr");
	subfield(&o, '2', "rdacarrier");
	bd_out_end(&o);
	accessibility(&o, m);
	datafield(&o, "347", ' ', ' ');
	subfield(&o, 'a', "text file");
	subfield(&o, 'b', "EPUB");
	subfield(&o, '2', "rdaft");
	bd_out_end(&o);
	if (bd_record_open_licence(m)) {
		datafield(&o, "506", '0', ' ');
		subfield(&o, 'a', "Open access.");
		subfield(&o, 'f', "Unrestricted online access");
		subfield(&o, '2', "star");
		bd_out_end(&o);
	}
	if (m->description) {
		datafield(&o, "520", ' ', ' ');
		subfield(&o, 'a', m->description);
		bd_out_end(&o);
	}
	accessibility_notes(&o, m);
	if (m->rights || m->license_text || m->license_href) {
		datafield(&o, "540", ' ', ' ');
		subfield(&o, 'a', m->rights);
		subfield(&o, 'f', m->license_text);
		subfield(&o, 'u', m->license_href);
		bd_out_end(&o);
	}
	datafield(&o, "588", ' ', ' ');
	subfield(&o, 'a', "Machine-generated record: description based on the publication's own metadata (EPUB package "
			  "document), not reviewed by a cataloguer.");
	bd_out_end(&o);
	subjects(&o, m);
	for (size_t i = main_entry ? 1 : 0; i < m->ncreators; i++)
		name_field(&o, &m->creators[i], false, "aut");
	for (size_t i = 0; i < m->ncontributors; i++)
		name_field(&o, &m->contributors[i], false, "ctb");
	datafield(&o, "856", '4', '0');
	subfield(&o, 'u', url);
	subfield(&o, 'q', BD_EPUB_TYPE);
	subfield(&o, 'z', "Download the EPUB");
	bd_out_end(&o);
	bd_out_end(&o); /* record */
	bd_out_end(&o); /* collection */
	ok = bd_out_close(&o);
	free(resp);
	free(url);
	return ok;
}
