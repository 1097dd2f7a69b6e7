/* Unit tests for the records: the shared helpers, the JSON escaper, the
 * checksum, and a record written from a small metadata struct. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>

#include "alloc.h"
#include "json.h"
#include "records.h"

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf = bd_calloc(1, 1 << 16);
	size_t n;

	assert_non_null(f);
	n = fread(buf, 1, (1 << 16) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static void test_lang3(void **state)
{
	(void)state;
	assert_string_equal(bd_record_lang3("en"), "eng");
	assert_string_equal(bd_record_lang3("en-GB"), "eng");
	assert_string_equal(bd_record_lang3("de"), "ger");
	assert_string_equal(bd_record_lang3("xx"), "und");
	assert_string_equal(bd_record_lang3(NULL), "und");
}

static void test_conformance_url(void **state)
{
	char *u;

	(void)state;
	u = bd_record_conformance_url("EPUB Accessibility 1.1 - WCAG 2.2 Level AA");
	assert_string_equal(u, "https://www.w3.org/TR/epub-a11y-11#wcag-2.2-aa");
	free(u);
	u = bd_record_conformance_url("EPUB Accessibility 1.1 - WCAG 2.0 Level A");
	assert_string_equal(u, "https://www.w3.org/TR/epub-a11y-11#wcag-2.0-a");
	free(u);
	assert_null(bd_record_conformance_url("EPUB Accessibility 1.1 - WCAG 2.2 Level B"));
	assert_null(bd_record_conformance_url("something else"));
	assert_null(bd_record_conformance_url(NULL));
}

static void test_relators(void **state)
{
	(void)state;
	assert_string_equal(bd_record_relator_term("aut"), "author");
	assert_string_equal(bd_record_relator_term("ill"), "illustrator");
	assert_null(bd_record_relator_term("zzz"));
}

static void test_json_escaper(void **state)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	(void)state;
	bd_json_string(f, "a\"b\\c\n\x01\xff\xc3\xa9");
	bd_json_string(f, NULL);
	fclose(f);
	assert_string_equal(buf, "\"a\\\"b\\\\c\\n\\u0001\\ufffd\xc3\xa9\"\"\"");
	free(buf);
}

static void test_sha256(void **state)
{
	char path[] = "/tmp/test_records_XXXXXX", hex[65];
	int fd = mkstemp(path);
	uint64_t size = 0;

	(void)state;
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "abc", 3), 3);
	close(fd);
	assert_true(bd_sha256_file(path, hex, &size));
	assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	assert_int_equal(size, 3);
	unlink(path);
}

static void fill(struct bd_record_meta *m)
{
	static struct bd_person creators[] = { { "Ada Tester", "aut", "Tester, Ada" } };
	static struct bd_subject subjects[] = { { "MeSH", "D001842", "Bone and Bones", false }, { "keyword", NULL, "bones", false } };

	memset(m, 0, sizeof(*m));
	m->slug = "b";
	m->identifier = m->uuid = "urn:uuid:4097631a-320f-51fd-a7db-14cb4376d3f8";
	m->title = "The test";
	m->lang = "en";
	m->creators = creators;
	m->ncreators = 1;
	m->subjects = subjects;
	m->nsubjects = 2;
	m->published = "2026-01-02";
	m->modified = "2026-01-02T03:04:05Z";
	m->epub_name = "b.epub";
	m->epub_version = "3.3";
	m->epub_size = 1234;
	strcpy(m->epub_sha256, "00");
}

static void test_marcxml(void **state)
{
	struct bd_record_meta m;
	struct bd_diag d;
	char path[] = "/tmp/test_records_XXXXXX";
	int fd = mkstemp(path);
	char *text, *f008;

	(void)state;
	close(fd);
	fill(&m);
	bd_diag_init(&d);
	assert_true(bd_records_write_marcxml(&m, path, &d));
	text = slurp(path);
	/* 008 is exactly 40 characters: entered 260102, single date 2026, online, English. */
	f008 = strstr(text, "<controlfield tag=\"008\">");
	assert_non_null(f008);
	f008 += strlen("<controlfield tag=\"008\">");
	assert_int_equal(strchr(f008, '<') - f008, 40);
	assert_memory_equal(f008, "260102s2026", 11);
	assert_memory_equal(f008 + 35, "eng", 3);
	assert_non_null(strstr(text, "<controlfield tag=\"005\">20260102030405.0</controlfield>"));
	/* "The " is skipped when filing the title; MeSH goes to 650 _2, keywords to 653. */
	assert_non_null(strstr(text, "tag=\"245\" ind1=\"1\" ind2=\"4\""));
	assert_non_null(strstr(text, "tag=\"650\" ind1=\" \" ind2=\"2\""));
	assert_non_null(strstr(text, "tag=\"653\""));
	assert_non_null(strstr(text, "tag=\"100\" ind1=\"1\""));
	/* Without visual content, no illustrations and no 341 for visual. */
	assert_null(strstr(text, "illustrations"));
	free(text);
	unlink(path);
	bd_diag_fini(&d);
}

/* Writes m with writer into a temporary file and returns its text. */
static char *written(bool (*writer)(const struct bd_record_meta *, const char *, struct bd_diag *),
		     const struct bd_record_meta *m)
{
	struct bd_diag d;
	char path[] = "/tmp/test_records_XXXXXX";
	int fd = mkstemp(path);
	char *text;

	close(fd);
	bd_diag_init(&d);
	assert_true(writer(m, path, &d));
	text = slurp(path);
	unlink(path);
	bd_diag_fini(&d);
	return text;
}

/* What a cataloguer would flag (issue 13), one check each. */
static void test_marc_cataloguer_fixes(void **state)
{
	static struct bd_person uncontrolled[] = { { "Ada Tester", "aut", NULL } };
	static struct bd_subject genre[] = { { "MeSH", NULL, "Patient Education Handout", true } };
	struct bd_record_meta m;
	char *text;

	(void)state;
	fill(&m);
	text = written(bd_records_write_marcxml, &m);
	/* 007 for an electronic resource has 14 positions. */
	assert_non_null(strstr(text, "<controlfield tag=\"007\">cr cn ||||||||</controlfield>"));
	/* Leader/17 says what the record is: abbreviated, machine-made. */
	assert_non_null(strstr(text, "<leader>00000nam a22000003i 4500</leader>"));
	/* No organisation code: no 003, no 040, 008/39 not coded. */
	assert_null(strstr(text, "tag=\"003\""));
	assert_null(strstr(text, "tag=\"040\""));
	assert_non_null(strstr(text, "000 0 eng |</controlfield>"));
	assert_non_null(strstr(text, "tag=\"588\""));
	free(text);

	m.marc_org = "XxTest";
	text = written(bd_records_write_marcxml, &m);
	assert_non_null(strstr(text, "<controlfield tag=\"003\">XxTest</controlfield>"));
	assert_non_null(strstr(text, "tag=\"040\""));
	assert_non_null(strstr(text, "000 0 eng d</controlfield>"));
	free(text);

	/* Initial articles by the language of the text. */
	m.marc_org = NULL;
	m.lang = "fr";
	m.title = "Le cancer";
	text = written(bd_records_write_marcxml, &m);
	assert_non_null(strstr(text, "tag=\"245\" ind1=\"1\" ind2=\"3\""));
	free(text);
	m.title = "L'os";
	text = written(bd_records_write_marcxml, &m);
	assert_non_null(strstr(text, "tag=\"245\" ind1=\"1\" ind2=\"2\""));
	free(text);
	m.lang = "de";
	m.title = "The test";   /* not an article in German */
	text = written(bd_records_write_marcxml, &m);
	assert_non_null(strstr(text, "tag=\"245\" ind1=\"1\" ind2=\"0\""));
	free(text);

	/* A name without file-as is uncontrolled: 720 1_, and no main entry. */
	m.lang = "en";
	m.creators = uncontrolled;
	text = written(bd_records_write_marcxml, &m);
	assert_null(strstr(text, "tag=\"100\""));
	assert_null(strstr(text, "tag=\"700\""));
	assert_non_null(strstr(text, "tag=\"720\" ind1=\"1\" ind2=\" \""));
	assert_non_null(strstr(text, "tag=\"245\" ind1=\"0\""));
	free(text);

	/* What the book is goes to 655, not 650. */
	m.subjects = genre;
	m.nsubjects = 1;
	text = written(bd_records_write_marcxml, &m);
	assert_non_null(strstr(text, "tag=\"655\" ind1=\" \" ind2=\"2\""));
	assert_null(strstr(text, "tag=\"650\""));
	free(text);
}

static void test_onix_cataloguer_fixes(void **state)
{
	static struct bd_subject subjects[] = { { "MeSH", "D001842", "Bone and Bones", false },
						{ "keyword", NULL, "bones", false },
						{ "keyword", NULL, "pain", false } };
	struct bd_record_meta m;
	char *text;

	(void)state;
	fill(&m);
	m.subjects = subjects;
	m.nsubjects = 3;
	text = written(bd_records_write_onix, &m);
	assert_non_null(strstr(text, "<SubjectSchemeIdentifier>06</SubjectSchemeIdentifier>\n"
				     "        <SubjectCode>D001842</SubjectCode>"));
	assert_null(strstr(text, "<SubjectSchemeIdentifier>24</SubjectSchemeIdentifier>"));
	assert_non_null(strstr(text, "<SubjectHeadingText>bones; pain</SubjectHeadingText>"));
	assert_non_null(strstr(text, "<WebsiteRole>29</WebsiteRole>"));
	assert_non_null(strstr(text, "<ProductFormFeatureType>15</ProductFormFeatureType>\n"
				     "        <ProductFormFeatureValue>101F</ProductFormFeatureValue>"));
	assert_non_null(strstr(text, "<SalesRights>"));
	/* No open licence: not free to take, ask the supplier. */
	assert_non_null(strstr(text, "<UnpricedItemType>04</UnpricedItemType>"));
	free(text);
	m.license_href = "https://creativecommons.org/licenses/by/4.0/";
	text = written(bd_records_write_onix, &m);
	assert_non_null(strstr(text, "<UnpricedItemType>01</UnpricedItemType>"));
	free(text);
	m.license_href = "https://example.org/all-rights-reserved";
	assert_false(bd_record_open_licence(&m));
	/* An EPUB 2 package is EPUB 2.0.1 in list 220, and a publisher is never left out. */
	m.epub_version = "2.0";
	m.publisher = NULL;
	text = written(bd_records_write_onix, &m);
	assert_non_null(strstr(text, "<ProductFormFeatureValue>101A</ProductFormFeatureValue>"));
	assert_non_null(strstr(text, "<PublisherName>[publisher not identified]</PublisherName>"));
	free(text);
	/* An EPUB 2 without dcterms:modified: the message is dated by the publication. */
	m.modified = NULL;
	text = written(bd_records_write_onix, &m);
	assert_non_null(strstr(text, "<SentDateTime>20260102</SentDateTime>"));
	assert_null(strstr(text, "<SentDateTime></SentDateTime>"));
	free(text);
}

/* Feeds from an EPUB made elsewhere: a bare ISBN and a plain date must
 * become the IRI and date-time that Atom and OPDS 2 require. */
static void test_opds_iri_and_date_time(void **state)
{
	struct bd_record_meta m;
	const struct bd_record_meta *books[1] = { &m };
	struct bd_diag d;
	char path[] = "/tmp/test_records_XXXXXX";
	int fd = mkstemp(path);
	char *text;

	(void)state;
	close(fd);
	fill(&m);
	m.identifier = "978-0-306-40615-7";
	m.uuid = NULL;
	m.modified = NULL;
	m.published = "2024-03-15";
	m.description = NULL;
	bd_diag_init(&d);
	assert_true(bd_records_write_opds1(books, 1, NULL, path, &d));
	text = slurp(path);
	assert_non_null(strstr(text, "<id>urn:isbn:9780306406157</id>"));
	assert_non_null(strstr(text, "<updated>2024-03-15T00:00:00Z</updated>"));
	/* Every entry has content (RFC 4287 4.1.2), here its title. */
	assert_non_null(strstr(text, "<content type=\"text\">The test</content>"));
	/* No open licence: a plain acquisition link; no thumbnail that is the full cover. */
	assert_non_null(strstr(text, "rel=\"http://opds-spec.org/acquisition\""));
	assert_null(strstr(text, "open-access"));
	assert_null(strstr(text, "thumbnail"));
	free(text);
	assert_true(bd_records_write_opds2(books, 1, NULL, path, &d));
	text = slurp(path);
	assert_non_null(strstr(text, "\"identifier\": \"urn:isbn:9780306406157\""));
	assert_non_null(strstr(text, "\"modified\": \"2024-03-15T00:00:00Z\""));
	free(text);
	/* An identifier that is neither a URI nor an ISBN gets a stable UUID URN. */
	m.identifier = "BOOK 12";
	m.license_href = "https://creativecommons.org/publicdomain/zero/1.0/";
	assert_true(bd_records_write_opds1(books, 1, NULL, path, &d));
	text = slurp(path);
	assert_non_null(strstr(text, "<id>urn:uuid:"));
	assert_non_null(strstr(text, "acquisition/open-access"));
	free(text);
	unlink(path);
	bd_diag_fini(&d);
}

static void test_onix_a11y_only_as_evidenced(void **state)
{
	struct bd_record_meta m;
	struct bd_diag d;
	char path[] = "/tmp/test_records_XXXXXX";
	int fd = mkstemp(path);
	char *text;

	(void)state;
	close(fd);
	fill(&m);
	bd_diag_init(&d);
	/* No features, no conformance: none of the codes that need evidence. */
	assert_true(bd_records_write_onix(&m, path, &d));
	text = slurp(path);
	assert_null(strstr(text, "<ProductFormFeatureValue>14</ProductFormFeatureValue>"));
	assert_null(strstr(text, "<ProductFormFeatureValue>04</ProductFormFeatureValue>"));
	free(text);
	bd_strlist_add(&m.features, "alternativeText");
	m.conforms_to = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA";
	assert_true(bd_records_write_onix(&m, path, &d));
	text = slurp(path);
	assert_non_null(strstr(text, "<ProductFormFeatureValue>14</ProductFormFeatureValue>"));
	assert_non_null(strstr(text, "<ProductFormFeatureValue>04</ProductFormFeatureValue>"));
	assert_non_null(strstr(text, "<ProductFormFeatureValue>82</ProductFormFeatureValue>"));
	assert_non_null(strstr(text, "<ProductFormFeatureValue>85</ProductFormFeatureValue>"));
	assert_null(strstr(text, "<ProductFormFeatureValue>86</ProductFormFeatureValue>"));
	free(text);
	bd_strlist_fini(&m.features);
	unlink(path);
	bd_diag_fini(&d);
}

static bool write_landing(const struct bd_record_meta *m, const char *path, struct bd_diag *d)
{
	return bd_records_write_landing(&m, 1, path, d);
}

/* What bindery keeps per book (.bindery-book-SLUG.xml) gives back every
 * field the records use: the MARC, ONIX and landing page written from the
 * book read back equal those written from the book itself. */
static void test_book_file_round_trip(void **state)
{
	static struct bd_person contributors[] = { { "Bob Editor", "edt", NULL } };
	static struct bd_subject subjects[] = { { "MeSH", "D001842", "Bone and Bones", false },
						{ "LCGFT", NULL, "Handbooks", true } };
	struct bd_record_meta m, back;
	struct bd_diag d;
	char path[] = "/tmp/test_records_XXXXXX";
	int fd = mkstemp(path);
	bool (*writers[])(const struct bd_record_meta *, const char *, struct bd_diag *) = {
		bd_records_write_marcxml, bd_records_write_onix, write_landing
	};

	(void)state;
	close(fd);
	fill(&m);
	m.subtitle = "A subtitle";
	m.edition = "Second edition";
	m.contributors = contributors;
	m.ncontributors = 1;
	m.subjects = subjects;
	m.publisher = "The tests";
	m.rights = "Rights & more";
	m.license_href = "https://creativecommons.org/licenses/by/4.0/";
	m.license_text = "CC BY 4.0";
	m.description = "About <bones>.";
	m.marc_org = "XxTest";
	m.a11y_summary = "Summary.";
	m.conforms_to = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA";
	m.certified_by = "The tests";
	m.cover_name = "b-cover.png";
	m.cover_type = "image/png";
	m.cover_alt = "A cover";
	m.check_errors = 2;
	m.check_warnings = 3;
	strcpy(m.epub_sha256, "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
	bd_strlist_add(&m.access_modes, "textual");
	bd_strlist_add(&m.sufficient, "textual,visual");
	bd_strlist_add(&m.features, "tableOfContents");
	bd_strlist_add(&m.hazards, "none");
	bd_strlist_add(&m.files, "b.epub");
	bd_strlist_add(&m.files, "b.marcxml");
	bd_diag_init(&d);
	assert_true(bd_record_book_write(&m, path, &d));
	assert_true(bd_record_book_read(path, &back));
	assert_string_equal(back.license_text, "CC BY 4.0");
	assert_string_equal(back.edition, "Second edition");
	assert_string_equal(back.cover_alt, "A cover");
	assert_string_equal(back.marc_org, "XxTest");
	assert_true(back.subjects[1].genre);
	assert_int_equal(back.check_errors, 2);
	assert_int_equal(back.check_warnings, 3);
	assert_int_equal(back.epub_size, 1234);
	assert_int_equal(back.files.len, 2);
	for (size_t i = 0; i < sizeof(writers) / sizeof(writers[0]); i++) {
		char *want = written(writers[i], &m), *got = written(writers[i], &back);
		assert_string_equal(got, want);
		free(want);
		free(got);
	}
	bd_record_meta_fini(&back);
	/* A damaged file is no error: the book is then read from its EPUB. */
	fd = open(path, O_WRONLY | O_TRUNC);
	assert_true(write(fd, "<bindery-book", 13) == 13);
	close(fd);
	assert_false(bd_record_book_read(path, &back));
	assert_int_equal(bd_diag_errors(&d), 0);
	unlink(path);
	bd_strlist_fini(&m.access_modes);
	bd_strlist_fini(&m.sufficient);
	bd_strlist_fini(&m.features);
	bd_strlist_fini(&m.hazards);
	bd_strlist_fini(&m.files);
	bd_diag_fini(&d);
}

static void test_link(void **state)
{
	struct bd_record_meta m = { 0 };
	char *s;

	(void)state;
	s = bd_record_link(&m, "b.epub");
	assert_string_equal(s, "b.epub");
	free(s);
	m.base_url = "https://intranet.example/books";
	s = bd_record_link(&m, "b.epub");
	assert_string_equal(s, "https://intranet.example/books/b.epub");
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lang3),
		cmocka_unit_test(test_conformance_url),
		cmocka_unit_test(test_relators),
		cmocka_unit_test(test_json_escaper),
		cmocka_unit_test(test_sha256),
		cmocka_unit_test(test_marcxml),
		cmocka_unit_test(test_marc_cataloguer_fixes),
		cmocka_unit_test(test_onix_cataloguer_fixes),
		cmocka_unit_test(test_opds_iri_and_date_time),
		cmocka_unit_test(test_onix_a11y_only_as_evidenced),
		cmocka_unit_test(test_link),
		cmocka_unit_test(test_book_file_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
