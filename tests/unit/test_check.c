/* Unit tests for the EPUB checker: each test writes a small EPUB with libzip
 * (a valid book with one defect put in) and expects the defect's rule. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "alloc.h"
#include "check.h"
#include "rules_epubcheck.h"
#include "check_internal.h"
#include "diag.h"
#include "xml.h"

static char tmpdir[] = "/tmp/bd-test-check-XXXXXX";
static int counter;
static char *rule_table;

/* ---- the valid book ------------------------------------------------------ */

static const char CONTAINER[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n"
	"  <rootfiles>\n"
	"    <rootfile full-path=\"EPUB/package.opf\" media-type=\"application/oebps-package+xml\"/>\n"
	"  </rootfiles>\n"
	"</container>\n";

static const char OPF[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" unique-identifier=\"uid\" xml:lang=\"en\">\n"
	"  <metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
	"    <dc:identifier id=\"uid\">urn:uuid:12345678-1234-1234-1234-123456789abc</dc:identifier>\n"
	"    <dc:title>Test</dc:title>\n"
	"    <dc:language>en-GB</dc:language>\n"
	"    <meta property=\"dcterms:modified\">2024-05-01T12:00:00Z</meta>\n"
	"    <meta property=\"schema:accessMode\">textual</meta>\n"
	"    <meta property=\"schema:accessMode\">visual</meta>\n"
	"    <meta property=\"schema:accessModeSufficient\">textual,visual</meta>\n"
	"    <meta property=\"schema:accessibilityFeature\">alternativeText</meta>\n"
	"    <meta property=\"schema:accessibilityFeature\">tableOfContents</meta>\n"
	"    <meta property=\"schema:accessibilityHazard\">none</meta>\n"
	"    <meta property=\"schema:accessibilitySummary\">Fully accessible.</meta>\n"
	"    <meta property=\"dcterms:conformsTo\">EPUB Accessibility 1.1 - WCAG 2.1 Level AA</meta>\n"
	"    <meta property=\"a11y:certifiedBy\">Us</meta>\n"
	"  </metadata>\n"
	"  <manifest>\n"
	"    <item id=\"nav\" href=\"nav.xhtml\" media-type=\"application/xhtml+xml\" properties=\"nav\"/>\n"
	"    <item id=\"ch1\" href=\"ch1.xhtml\" media-type=\"application/xhtml+xml\"/>\n"
	"    <item id=\"ch2\" href=\"text/ch2.xhtml\" media-type=\"application/xhtml+xml\"/>\n"
	"    <item id=\"img\" href=\"img.png\" media-type=\"image/png\"/>\n"
	"    <item id=\"css\" href=\"style.css\" media-type=\"text/css\"/>\n"
	"  </manifest>\n"
	"  <spine>\n"
	"    <itemref idref=\"ch1\"/>\n"
	"    <itemref idref=\"ch2\"/>\n"
	"  </spine>\n"
	"</package>\n";

static const char NAV[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<!DOCTYPE html>\n"
	"<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\" lang=\"en\">\n"
	"<head><title>Contents</title></head>\n"
	"<body>\n"
	"<nav epub:type=\"toc\"><h1>Contents</h1>\n"
	"  <ol>\n"
	"    <li><a href=\"ch1.xhtml\">One</a></li>\n"
	"    <li><span>Part</span><ol><li><a href=\"text/ch2.xhtml#s1\">Two</a></li></ol></li>\n"
	"  </ol>\n"
	"</nav>\n"
	"<nav epub:type=\"landmarks\"><ol><li><a epub:type=\"bodymatter\" href=\"ch1.xhtml\">Start</a></li></ol></nav>\n"
	"</body>\n"
	"</html>\n";

static const char CH1[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<!DOCTYPE html>\n"
	"<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n"
	"<head><title>One</title><link rel=\"stylesheet\" href=\"style.css\"/></head>\n"
	"<body>\n"
	"<h1 id=\"top\">One</h1>\n"
	"<p><img src=\"img.png\" alt=\"A dot\"/></p>\n"
	"<p><a href=\"text/ch2.xhtml#s1\">next</a> <a href=\"#top\">top</a> "
	"<a href=\"https://example.org/\">web</a></p>\n"
	"</body>\n"
	"</html>\n";

static const char CH2[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<!DOCTYPE html>\n"
	"<html xmlns=\"http://www.w3.org/1999/xhtml\" xml:lang=\"en\">\n"
	"<head><title>Two</title><style>p { background: url('../img.png') }</style></head>\n"
	"<body><section id=\"s1\"><h1>Two</h1><p style=\"color: red\">Text.</p>\n"
	"<p><a href=\"../ch1.xhtml#top\">back</a></p></section></body>\n"
	"</html>\n";

static const char CSS[] = "/* url(nothing.png) in a comment */\nbody { background: url(\"img.png\"); }\n";

static const char PNG[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";

struct file {
	const char *name;
	const char *data;
	size_t len;
};

static const struct file book[] = {
	{ "mimetype", "application/epub+zip", 20 },
	{ "META-INF/container.xml", CONTAINER, sizeof(CONTAINER) - 1 },
	{ "EPUB/package.opf", OPF, sizeof(OPF) - 1 },
	{ "EPUB/nav.xhtml", NAV, sizeof(NAV) - 1 },
	{ "EPUB/ch1.xhtml", CH1, sizeof(CH1) - 1 },
	{ "EPUB/text/ch2.xhtml", CH2, sizeof(CH2) - 1 },
	{ "EPUB/img.png", PNG, sizeof(PNG) - 1 },
	{ "EPUB/style.css", CSS, sizeof(CSS) - 1 },
};
#define NBOOK (sizeof(book) / sizeof(book[0]))

/* ---- writing a book with changes ------------------------------------------ */

/* A change: replace the named file's content, add it when it is new, or
 * remove it when data is NULL. */
struct change {
	const char *name;
	const char *data;
};

enum {
	MIMETYPE_LAST = 1 << 0,
	MIMETYPE_DEFLATE = 1 << 1,
	MIMETYPE_EXTRA = 1 << 2,
};

static void add_file(zip_t *za, const char *name, const char *data, size_t len, bool store)
{
	zip_source_t *src = zip_source_buffer(za, data, len, 0);
	zip_int64_t idx;

	assert_non_null(src);
	idx = zip_file_add(za, name, src, ZIP_FL_ENC_UTF_8);
	assert_true(idx >= 0);
	assert_int_equal(zip_set_file_compression(za, (zip_uint64_t)idx, store ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 0), 0);
	if (store)
		return;
}

static char *new_path(void)
{
	return bd_asprintf("%s/t%d.epub", tmpdir, counter++);
}

static char *write_epub(const struct change *changes, size_t nchanges, unsigned flags)
{
	char *path = new_path();
	int err = 0;
	zip_t *za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);

	assert_non_null(za);
	for (size_t i = 0; i < NBOOK + nchanges; i++) {
		const char *name = i < NBOOK ? book[i].name : changes[i - NBOOK].name;
		const char *data = i < NBOOK ? book[i].data : changes[i - NBOOK].data;
		size_t len = i < NBOOK ? book[i].len : (data ? strlen(data) : 0);
		bool is_default = false, changed = false;

		for (size_t k = 0; k < NBOOK; k++)
			is_default |= strcmp(book[k].name, name) == 0;
		if (i >= NBOOK && is_default)
			continue; /* applied in place below */
		for (size_t c = 0; c < nchanges && i < NBOOK; c++) {
			if (strcmp(changes[c].name, name) == 0) {
				data = changes[c].data;
				len = data ? strlen(data) : 0;
				changed = true;
			}
		}
		(void)changed;
		if (!data)
			continue;
		if (i == 0 && (flags & MIMETYPE_LAST))
			continue;
		add_file(za, name, data, len, i == 0 ? !(flags & MIMETYPE_DEFLATE) : i % 2 == 0);
		if (i == 0 && (flags & MIMETYPE_EXTRA))
			assert_int_equal(zip_file_extra_field_set(za, 0, 0xCAFE, ZIP_EXTRA_FIELD_NEW,
								  (const zip_uint8_t *)"abcd", 4, ZIP_FL_LOCAL),
					 0);
	}
	if (flags & MIMETYPE_LAST)
		add_file(za, "mimetype", book[0].data, book[0].len, true);
	assert_int_equal(zip_close(za), 0);
	return path;
}

/* Replaces the first `from` in base with `to`; a new string. */
static char *edit(const char *base, const char *from, const char *to)
{
	const char *at = strstr(base, from);

	assert_non_null(at);
	return bd_asprintf("%.*s%s%s", (int)(at - base), base, to, at + strlen(from));
}

static void check_file(const char *path, const struct bd_check_options *opts, struct bd_diag *d, int want_rc)
{
	bd_diag_init(d);
	assert_int_equal(bd_check_epub(path, opts, d), want_rc);
	/* Every rule the checker uses is in the rule table. */
	for (size_t i = 0; i < d->len; i++) {
		char *needle = bd_asprintf("\n%s ", d->msgs[i].rule);

		if (!strstr(rule_table, needle))
			fail_msg("rule '%s' is not in the rule table", d->msgs[i].rule);
		free(needle);
	}
}

static void run(const struct change *changes, size_t n, unsigned flags, const struct bd_check_options *opts,
		struct bd_diag *d)
{
	char *path = write_epub(changes, n, flags);

	check_file(path, opts, d, 0);
	unlink(path);
	free(path);
}

static bool has_rule(const struct bd_diag *d, const char *rule, enum bd_severity sev)
{
	for (size_t i = 0; i < d->len; i++)
		if (strcmp(d->msgs[i].rule, rule) == 0 && d->msgs[i].severity == sev)
			return true;
	return false;
}

static void dump(const struct bd_diag *d)
{
	bd_diag_print(d, stderr, false);
}

/* Runs the book with one change and expects rule at severity sev. */
static void expect(const struct change *changes, size_t n, unsigned flags, const char *rule, enum bd_severity sev)
{
	struct bd_diag d;

	run(changes, n, flags, NULL, &d);
	if (!has_rule(&d, rule, sev)) {
		dump(&d);
		fail_msg("expected [%s]", rule);
	}
	bd_diag_fini(&d);
}

static void expect_edit(const char *name, const char *base, const char *from, const char *to, const char *rule,
			enum bd_severity sev)
{
	char *text = edit(base, from, to);
	struct change c = { name, text };

	expect(&c, 1, 0, rule, sev);
	free(text);
}

#define OPF_EDIT(from, to, rule) expect_edit("EPUB/package.opf", OPF, from, to, rule, BD_ERROR)
#define CH1_EDIT(from, to, rule) expect_edit("EPUB/ch1.xhtml", CH1, from, to, rule, BD_ERROR)
#define NAV_EDIT(from, to, rule) expect_edit("EPUB/nav.xhtml", NAV, from, to, rule, BD_ERROR)

/* ---- the tests -------------------------------------------------------------- */

static void test_valid_book(void **state)
{
	struct bd_diag d;

	(void)state;
	run(NULL, 0, 0, NULL, &d);
	if (d.len)
		dump(&d);
	assert_int_equal(d.len, 0);
	bd_diag_fini(&d);
}

static void test_mimetype(void **state)
{
	struct change wrong = { "mimetype", "application/epub+zip\n" };

	(void)state;
	expect(NULL, 0, MIMETYPE_LAST, "mimetype-not-first", BD_ERROR);
	expect(NULL, 0, MIMETYPE_DEFLATE, "mimetype-compressed", BD_ERROR);
	expect(NULL, 0, MIMETYPE_EXTRA, "mimetype-extra-field", BD_ERROR);
	expect(&wrong, 1, 0, "mimetype-content", BD_ERROR);
}

static void test_container(void **state)
{
	struct change gone = { "META-INF/container.xml", NULL };
	struct change no_rootfile = { "META-INF/container.xml",
				      "<container xmlns='urn:oasis:names:tc:opendocument:xmlns:container'>"
				      "<rootfiles/></container>" };

	(void)state;
	expect(&gone, 1, 0, "container-missing", BD_ERROR);
	expect(&no_rootfile, 1, 0, "container-invalid", BD_ERROR);
	expect_edit("META-INF/container.xml", CONTAINER, "EPUB/package.opf", "EPUB/missing.opf", "rootfile-missing",
		    BD_ERROR);
	expect_edit("META-INF/container.xml", CONTAINER, "application/oebps-package+xml", "text/xml",
		    "rootfile-media-type", BD_ERROR);
}

static void test_file_names(void **state)
{
	struct change traversal[] = { { "../evil.txt", "x" } };
	struct change folded[] = { { "EPUB/CH1.xhtml", "x" } };
	/* "é" composed and decomposed are the same name after NFC. */
	struct change nfc[] = { { "EPUB/caf\xc3\xa9.txt", "x" }, { "EPUB/cafe\xcc\x81.txt", "y" } };
	struct change colon[] = { { "EPUB/a:b.txt", "x" } };
	struct change dot[] = { { "EPUB/name.", "x" } };
	struct change absolute[] = { { "/etc/x.txt", "x" } };

	(void)state;
	expect(traversal, 1, 0, "filename-traversal", BD_ERROR);
	expect(folded, 1, 0, "filename-duplicate", BD_ERROR);
	expect(nfc, 2, 0, "filename-duplicate", BD_ERROR);
	expect(colon, 1, 0, "filename-forbidden-char", BD_ERROR);
	expect(dot, 1, 0, "filename-forbidden-char", BD_ERROR);
	expect(absolute, 1, 0, "filename-traversal", BD_ERROR);
}

static void test_metadata(void **state)
{
	(void)state;
	OPF_EDIT("    <meta property=\"dcterms:modified\">2024-05-01T12:00:00Z</meta>\n", "", "modified-missing");
	OPF_EDIT("2024-05-01T12:00:00Z", "2024-05-01", "modified-format");
	OPF_EDIT("2024-05-01T12:00:00Z", "2024-13-01T12:00:00Z", "modified-format");
	OPF_EDIT("    <meta property=\"dcterms:modified\">",
		 "    <meta property=\"dcterms:modified\">2024-05-01T12:00:00Z</meta>\n<meta property=\"dcterms:modified\">",
		 "modified-multiple");
	OPF_EDIT("<dc:title>Test</dc:title>", "", "title-missing");
	OPF_EDIT("<dc:language>en-GB</dc:language>", "", "language-missing");
	OPF_EDIT("en-GB", "en_GB", "language-invalid");
	OPF_EDIT("en-GB", "en--GB", "language-invalid");
	OPF_EDIT("en-GB", "e", "language-invalid");
	OPF_EDIT("en-GB", "en-x", "language-invalid");
	/* Well-formed, but not registered (lang.c's table). */
	OPF_EDIT("en-GB", "xx", "language-invalid");
	OPF_EDIT("en-GB", "English", "language-invalid");
	OPF_EDIT("en-GB", "en-UK", "language-invalid");
	OPF_EDIT("unique-identifier=\"uid\"", "unique-identifier=\"nope\"", "unique-identifier");
	OPF_EDIT("version=\"3.0\"", "version=\"3.1\"", "package-version");
}

static void test_language_tags(void **state)
{
	struct change c;
	const char *good[] = { "en", "en-US", "zh-Hant-TW", "sr-Latn-RS", "de-CH-1901", "x-private", "en-a-bbb-x-ccc",
			       "zh-yue-HK", "es-419" };

	(void)state;
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		char *text = edit(OPF, "en-GB", good[i]);
		struct bd_diag d;

		c.name = "EPUB/package.opf";
		c.data = text;
		run(&c, 1, 0, NULL, &d);
		if (has_rule(&d, "language-invalid", BD_ERROR))
			fail_msg("'%s' should be accepted", good[i]);
		bd_diag_fini(&d);
		free(text);
	}
}

static void test_manifest(void **state)
{
	struct change extra[] = { { "EPUB/extra.txt", "stray" } };
	struct change not_png[] = { { "EPUB/img.png", "GIF89a......" } };
	struct change svg[] = { { "EPUB/ch1.xhtml", NULL } };
	char *with_svg;

	(void)state;
	OPF_EDIT("<item id=\"css\"", "<item id=\"gone\" href=\"gone.xhtml\" media-type=\"application/xhtml+xml\"/><item id=\"css\"",
		 "manifest-file-missing");
	expect(extra, 1, 0, "file-not-in-manifest", BD_WARNING);
	OPF_EDIT("<item id=\"css\"", "<item id=\"img2\" href=\"img.png\" media-type=\"image/png\"/><item id=\"css\"",
		 "manifest-href-duplicate");
	OPF_EDIT("id=\"css\"", "id=\"img\"", "manifest-id-duplicate");
	OPF_EDIT("media-type=\"text/css\"", "media-type=\"text/css\" properties=\"nav\"", "nav-multiple");
	OPF_EDIT(" properties=\"nav\"", "", "nav-missing");
	expect(not_png, 1, 0, "media-type-mismatch", BD_ERROR);

	with_svg = edit(CH1, "<p><img", "<p><svg xmlns=\"http://www.w3.org/2000/svg\"><rect/></svg><img");
	svg[0].data = with_svg;
	expect(svg, 1, 0, "manifest-property-missing", BD_ERROR);
	free(with_svg);
	OPF_EDIT("href=\"ch1.xhtml\" media-type=\"application/xhtml+xml\"",
		 "href=\"ch1.xhtml\" media-type=\"application/xhtml+xml\" properties=\"scripted\"",
		 "manifest-property-unneeded");
	CH1_EDIT("</body>", "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mi>x</mi></math></body>",
		 "manifest-property-missing");
}

static void test_spine(void **state)
{
	(void)state;
	OPF_EDIT("<itemref idref=\"ch2\"/>", "<itemref idref=\"ch2\"/><itemref idref=\"nope\"/>", "spine-idref-unknown");
	OPF_EDIT("<itemref idref=\"ch2\"/>", "<itemref idref=\"ch2\"/><itemref idref=\"ch1\"/>", "spine-idref-duplicate");
	OPF_EDIT("<itemref idref=\"ch1\"/>\n    <itemref idref=\"ch2\"/>",
		 "<itemref idref=\"ch1\" linear=\"no\"/><itemref idref=\"ch2\" linear=\"no\"/>", "spine-no-linear");
	OPF_EDIT("<itemref idref=\"ch2\"/>", "<itemref idref=\"ch2\"/><itemref idref=\"css\"/>", "spine-item-type");
	/* ch2 out of the spine: ch1 and the toc still link to it. */
	OPF_EDIT("<itemref idref=\"ch2\"/>", "", "link-target-not-in-spine");
	OPF_EDIT("<itemref idref=\"ch2\"/>", "", "nav-link-not-in-spine");
}

static void test_content(void **state)
{
	struct bd_diag d;
	char *text;
	struct change c = { "EPUB/ch1.xhtml", NULL };

	(void)state;
	CH1_EDIT("text/ch2.xhtml#s1", "text/ch3.xhtml", "link-broken");
	CH1_EDIT("text/ch2.xhtml#s1", "text/ch2.xhtml#nowhere", "fragment-broken");
	CH1_EDIT("href=\"#top\"", "href=\"#bottom\"", "fragment-broken");
	CH1_EDIT("text/ch2.xhtml#s1", "../../outside.xhtml", "link-broken");
	CH1_EDIT(" alt=\"A dot\"", "", "img-alt-missing");
	expect_edit("EPUB/ch1.xhtml", CH1, "<p><img src=\"img.png\" alt=\"A dot\"/></p>",
		    "<figure><img src=\"img.png\"/><figcaption>A dot</figcaption></figure>", "img-alt-figcaption",
		    BD_WARNING);
	expect_edit("EPUB/ch1.xhtml", CH1, " lang=\"en\"", "", "html-lang-missing", BD_WARNING);
	CH1_EDIT("<p><img", "<p id=\"top\"><img", "duplicate-id");
	CH1_EDIT("src=\"img.png\"", "src=\"missing.png\"", "link-broken");
	CH1_EDIT("src=\"img.png\"", "src=\"http://example.org/x.png\"", "remote-resource-forbidden");
	CH1_EDIT("src=\"img.png\"", "src=\"http://example.org/x.png\"", "manifest-property-missing");
	expect_edit("EPUB/style.css", CSS, "img.png", "nothere.png", "link-broken", BD_ERROR);
	/* cssrefs.c reads escapes: this is url(nothere.png). */
	expect_edit("EPUB/style.css", CSS, "url(\"img.png\")", "u\\72l(not\\68 ere.png)", "link-broken", BD_ERROR);
	expect_edit("EPUB/style.css", CSS, "url(\"img.png\")", "url(https://example.org/x.png)",
		    "remote-resource-forbidden", BD_ERROR);
	expect_edit("EPUB/text/ch2.xhtml", CH2, "url('../img.png')", "url('../nothere.png')", "link-broken", BD_ERROR);
	expect_edit("EPUB/text/ch2.xhtml", CH2, "color: red", "background: url(../x.png)", "link-broken", BD_ERROR);
	CH1_EDIT("<head>", "<!DOCTYPE x [<!ENTITY a \"aaaa\">]><head>", "xml-syntax");

	/* An entity declaration is refused before it can expand. */
	c.data = "<?xml version=\"1.0\"?>\n<!DOCTYPE html [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>\n"
		 "<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head><title>x</title></head>"
		 "<body><p>&b;</p></body></html>";
	expect(&c, 1, 0, "xml-entity", BD_ERROR);

	/* A remote video is allowed when remote-resources is declared and the
	 * manifest lists it (as every publication resource, remote or not). */
	text = edit(CH1, "<p><img", "<video src=\"https://example.org/v.mp4\"></video><p><img");
	{
		char *opf = edit(OPF, "href=\"ch1.xhtml\" media-type=\"application/xhtml+xml\"",
				 "href=\"ch1.xhtml\" media-type=\"application/xhtml+xml\" properties=\"remote-resources\"");
		char *listed = edit(opf, "</manifest>",
				    "<item id=\"v\" href=\"https://example.org/v.mp4\" media-type=\"video/mp4\"/></manifest>");
		struct change both[] = { { "EPUB/ch1.xhtml", text }, { "EPUB/package.opf", listed } };
		struct change unlisted[] = { { "EPUB/ch1.xhtml", text }, { "EPUB/package.opf", opf } };

		run(both, 2, 0, NULL, &d);
		if (bd_diag_errors(&d))
			dump(&d);
		assert_int_equal(bd_diag_errors(&d), 0);
		bd_diag_fini(&d);
		expect(unlisted, 2, 0, "resource-not-in-manifest", BD_ERROR);
		free(listed);
		free(opf);
	}
	free(text);
}

static void test_nav(void **state)
{
	(void)state;
	NAV_EDIT("epub:type=\"toc\"", "epub:type=\"lot\"", "nav-toc-missing");
	NAV_EDIT("<li><a href=\"ch1.xhtml\">One</a></li>", "<li><a href=\"ch1.xhtml\"> </a></li>", "nav-label-empty");
	NAV_EDIT("<li><span>Part</span><ol><li><a href=\"text/ch2.xhtml#s1\">Two</a></li></ol></li>",
		 "<li><span>Part</span></li>", "nav-structure");
	NAV_EDIT("<li><a href=\"ch1.xhtml\">One</a></li>", "<li><p>One</p></li>", "nav-structure");
	NAV_EDIT("<ol><li><a href=\"text/ch2.xhtml#s1\">Two</a></li></ol>", "<ol></ol>", "nav-structure");
	NAV_EDIT("epub:type=\"bodymatter\" ", "", "nav-landmarks");
	NAV_EDIT("<nav epub:type=\"landmarks\">", "<nav epub:type=\"toc\"><ol><li><a href=\"ch1.xhtml\">x</a></li></ol></nav><nav epub:type=\"landmarks\">",
		 "nav-toc-multiple");
	expect_edit("EPUB/nav.xhtml", NAV,
		    "<li><a href=\"ch1.xhtml\">One</a></li>\n"
		    "    <li><span>Part</span><ol><li><a href=\"text/ch2.xhtml#s1\">Two</a></li></ol></li>",
		    "<li><a href=\"text/ch2.xhtml#s1\">Two</a></li><li><a href=\"ch1.xhtml\">One</a></li>", "nav-toc-order",
		    BD_WARNING);
}

static void test_ncx(void **state)
{
	const char *ncx = "<ncx xmlns=\"http://www.daisy.org/z3986/2005/ncx/\" version=\"2005-1\"><head>"
			  "<meta name=\"dtb:uid\" content=\"other\"/></head><docTitle><text>T</text></docTitle>"
			  "<navMap><navPoint id=\"n1\"><navLabel><text>One</text></navLabel>"
			  "<content src=\"missing.xhtml\"/></navPoint></navMap></ncx>";
	char *opf = edit(OPF, "<item id=\"css\"", "<item id=\"ncx\" href=\"toc.ncx\" media-type=\"application/x-dtbncx+xml\"/><item id=\"css\"");
	struct change c[] = { { "EPUB/package.opf", opf }, { "EPUB/toc.ncx", ncx } };

	(void)state;
	expect(c, 2, 0, "ncx-uid-mismatch", BD_ERROR);
	expect(c, 2, 0, "ncx-link-broken", BD_ERROR);
	free(opf);
}

static void test_accessibility(void **state)
{
	struct bd_diag d;
	struct bd_check_options werror = { .werror = true };
	char *opf = edit(OPF, "    <meta property=\"schema:accessibilitySummary\">Fully accessible.</meta>\n", "");
	struct change c = { "EPUB/package.opf", opf };

	(void)state;
	expect(&c, 1, 0, "a11y-metadata-missing", BD_WARNING);
	run(&c, 1, 0, &werror, &d);
	assert_true(has_rule(&d, "a11y-metadata-missing", BD_ERROR));
	bd_diag_fini(&d);
	free(opf);

	expect_edit("EPUB/ch1.xhtml", CH1, "alt=\"A dot\"", "alt=\"\"", "a11y-alt-claim", BD_WARNING);
	expect_edit("EPUB/package.opf", OPF, ">alternativeText<", ">glossary<", "a11y-value-invalid", BD_WARNING);
	expect_edit("EPUB/package.opf", OPF, ">none<", ">noFlashing<", "a11y-value-invalid", BD_WARNING);
	expect_edit("EPUB/package.opf", OPF, "textual,visual", "textual,smell", "a11y-value-invalid", BD_WARNING);
	expect_edit("EPUB/package.opf", OPF, "WCAG 2.1 Level AA", "WCAG 2.1 Level AAAA", "a11y-conformance-invalid",
		    BD_WARNING);
	expect_edit("EPUB/package.opf", OPF, "<meta property=\"a11y:certifiedBy\">Us</meta>", "",
		    "a11y-certifier-missing", BD_WARNING);
	expect_edit("EPUB/package.opf", OPF, "<meta property=\"schema:accessMode\">visual</meta>", "",
		    "a11y-visual-missing", BD_WARNING);
	expect_edit("EPUB/package.opf", OPF, ">tableOfContents<", ">longDescription<", "a11y-longdesc-claim",
		    BD_WARNING);
	expect_edit("EPUB/nav.xhtml", NAV, "epub:type=\"toc\"", "epub:type=\"lot\"", "a11y-toc-claim", BD_WARNING);
	/* The EPUB Accessibility 1.0 URL is still a valid claim. */
	opf = edit(OPF, "<meta property=\"dcterms:conformsTo\">EPUB Accessibility 1.1 - WCAG 2.1 Level AA</meta>",
		   "<link rel=\"dcterms:conformsTo\" href=\"http://www.idpf.org/epub/a11y/accessibility-20170105.html#wcag-aa\"/>");
	c.data = opf;
	run(&c, 1, 0, NULL, &d);
	if (d.len)
		dump(&d);
	assert_int_equal(d.len, 0);
	bd_diag_fini(&d);
	free(opf);
}

static void test_glossary(void **state)
{
	const char *map = "<search-key-map xmlns=\"http://www.idpf.org/2007/ops\" xml:lang=\"en\">"
			  "<search-key-group href=\"gloss.xhtml#t1\"><match value=\"one\"/></search-key-group>"
			  "<search-key-group href=\"gloss.xhtml#t9\"><match value=\"nine\"/></search-key-group>"
			  "<search-key-group href=\"ch1.xhtml#top\"><match value=\"top\"/></search-key-group>"
			  "</search-key-map>";
	const char *gloss = "<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\" lang=\"en\">"
			    "<head><title>G</title></head><body><dl epub:type=\"glossary\"><dt id=\"t1\">one</dt><dd>1</dd></dl>"
			    "</body></html>";
	char *opf = edit(OPF, "<item id=\"css\"",
			 "<item id=\"map\" href=\"map.xml\" media-type=\"application/vnd.epub.search-key-map+xml\" properties=\"search-key-map glossary\"/>"
			 "<item id=\"g\" href=\"gloss.xhtml\" media-type=\"application/xhtml+xml\" properties=\"glossary\"/><item id=\"css\"");
	char *spine = edit(opf, "<itemref idref=\"ch2\"/>", "<itemref idref=\"ch2\"/><itemref idref=\"g\" linear=\"no\"/>");
	struct change c[] = { { "EPUB/package.opf", spine }, { "EPUB/map.xml", map }, { "EPUB/gloss.xhtml", gloss } };
	struct bd_diag d;
	size_t broken = 0;

	(void)state;
	run(c, 3, 0, NULL, &d);
	for (size_t i = 0; i < d.len; i++)
		broken += strcmp(d.msgs[i].rule, "glossary-link-broken") == 0;
	if (broken != 2)
		dump(&d);
	assert_int_equal(broken, 2); /* t9 is missing; ch1 is no glossary */
	bd_diag_fini(&d);
	free(spine);
	free(opf);
}

static void test_epub2(void **state)
{
	struct bd_diag d;
	char *opf = edit(OPF, "version=\"3.0\"", "version=\"2.0\"");
	struct change c = { "EPUB/package.opf", opf };

	(void)state;
	run(&c, 1, 0, NULL, &d);
	assert_true(has_rule(&d, "package-epub2", BD_NOTE));
	/* An EPUB 3 book called 2.0 is checked as EPUB 2 and fails it: OPF
	 * 2.0.1 has no meta property, no nav, and a spine toc is required. */
	assert_true(has_rule(&d, "opf2-schema", BD_ERROR));
	assert_true(has_rule(&d, "epub2-toc", BD_ERROR));
	assert_false(has_rule(&d, "nav-missing", BD_ERROR));
	bd_diag_fini(&d);
	free(opf);
}

/* ---- hostile files ---------------------------------------------------------- */

static char *write_raw(const char *data, size_t len)
{
	char *path = new_path();
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	fclose(f);
	return path;
}

static void expect_file(const char *path, const struct bd_check_options *opts, int rc, const char *rule)
{
	struct bd_diag d;

	check_file(path, opts, &d, rc);
	if (!has_rule(&d, rule, BD_ERROR)) {
		dump(&d);
		fail_msg("expected [%s]", rule);
	}
	bd_diag_fini(&d);
}

static void test_not_a_zip(void **state)
{
	char *path = write_raw("This is not a ZIP file at all, just text.\n", 42);
	char *empty = write_raw("", 0);

	(void)state;
	expect_file(path, NULL, 0, "zip-invalid");
	expect_file(empty, NULL, 0, "zip-invalid");
	expect_file("/nonexistent/book.epub", NULL, 3, "epub-unreadable");
	expect_file(tmpdir, NULL, 3, "not-a-file");
	unlink(path);
	unlink(empty);
	free(path);
	free(empty);
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = bd_malloc((size_t)n);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static void test_truncated_and_corrupt(void **state)
{
	char *good = write_epub(NULL, 0, 0);
	size_t len, cut;
	char *bytes = slurp(good, &len);
	char *trunc, *corrupt;
	struct bd_diag d;

	(void)state;
	/* Cut in the middle of the central directory, and in the middle of the data. */
	for (int k = 0; k < 2; k++) {
		cut = k == 0 ? len - 30 : len / 2;
		trunc = write_raw(bytes, cut);
		check_file(trunc, NULL, &d, 0);
		assert_true(bd_diag_errors(&d) >= 1);
		assert_true(has_rule(&d, "zip-invalid", BD_ERROR) || has_rule(&d, "zip-structure", BD_ERROR));
		bd_diag_fini(&d);
		unlink(trunc);
		free(trunc);
	}
	/* Flip a byte inside a stored entry: the CRC no longer matches. */
	{
		char *at = NULL;

		for (size_t i = 0; i + 8 <= len && !at; i++)
			if (memcmp(bytes + i, "urn:uuid", 8) == 0)
				at = bytes + i;

		assert_non_null(at);
		at[0] = 'U';
		corrupt = write_raw(bytes, len);
		check_file(corrupt, NULL, &d, 0);
		if (!has_rule(&d, "zip-entry-corrupt", BD_ERROR) && !has_rule(&d, "zip-structure", BD_ERROR)) {
			dump(&d);
			fail_msg("a CRC error went unnoticed");
		}
		bd_diag_fini(&d);
		unlink(corrupt);
		free(corrupt);
	}
	unlink(good);
	free(good);
	free(bytes);
}

static void test_zip_bomb(void **state)
{
	size_t big = 4 << 20;
	char *zeros = bd_calloc(big + 1, 1);
	struct bd_check_options small = { .max_total = 1 << 20 };
	struct bd_check_options xml_cap = { .max_xml = 1024 };
	char *path;
	struct change c[] = { { "EPUB/bomb.bin", NULL } };

	(void)state;
	memset(zeros, 'A', big);
	c[0].data = zeros;
	path = write_epub(c, 1, 0);
	expect_file(path, &small, 0, "zip-too-large");
	unlink(path);
	free(path);

	/* One XML entry over max_xml: refused, not read whole. */
	path = write_epub(NULL, 0, 0);
	expect_file(path, &xml_cap, 0, "xml-too-large");
	unlink(path);
	free(path);
	free(zeros);
}

/* Past --max-size nothing more is read, so the accessibility claims cannot be
 * compared with content never seen: no a11y-toc-claim for an unread nav
 * (found by the corpus: a large image listed before the nav). */
static void test_limit_stops_claims(void **state)
{
	size_t big = 2 << 20;
	char *zeros = bd_calloc(big + 1, 1);
	char *opf = edit(OPF, "  </manifest>",
			 "    <item id=\"big\" href=\"big.png\" media-type=\"image/png\"/>\n  </manifest>");
	struct change c[] = { { "EPUB/package.opf", opf }, { "EPUB/big.png", zeros } };
	struct bd_check_options small = { .max_total = 1 << 20 };
	struct bd_diag d;

	(void)state;
	memset(zeros, 'A', big);
	run(c, 2, 0, &small, &d);
	assert_true(has_rule(&d, "zip-too-large", BD_ERROR));
	if (has_rule(&d, "a11y-toc-claim", BD_WARNING)) {
		dump(&d);
		fail_msg("claims were compared with content that was not read");
	}
	bd_diag_fini(&d);
	free(opf);
	free(zeros);
}

static void test_too_complex(void **state)
{
	/* 4 MiB of empty elements: small as text, huge as a tree. */
	size_t n = 1 << 20;
	char *body = bd_malloc(n * 4 + 200);
	size_t len;
	struct change c = { "EPUB/text/ch2.xhtml", body };

	(void)state;
	len = (size_t)snprintf(body, 200, "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body>");
	for (size_t i = 0; i < n; i++, len += 4)
		memcpy(body + len, "<b/>", 4);
	memcpy(body + len, "</body></html>", 15);
	expect(&c, 1, 0, "xml-too-complex", BD_ERROR);
	free(body);
}

/* ---- helpers and output --------------------------------------------------- */

static void test_resolve(void **state)
{
	char *frag = NULL;
	char *p;

	(void)state;
	p = bd_check_resolve("EPUB/text/a.xhtml", "../img/b%20c.png#x%41", &frag);
	assert_string_equal(p, "EPUB/img/b c.png");
	assert_string_equal(frag, "xA");
	free(p);
	free(frag);
	p = bd_check_resolve("EPUB/a.xhtml", "#top", &frag);
	assert_string_equal(p, "EPUB/a.xhtml");
	assert_string_equal(frag, "top");
	free(p);
	free(frag);
	assert_null(bd_check_resolve("EPUB/a.xhtml", "../../x", NULL));
	p = bd_check_resolve("EPUB/a.xhtml", "./b/./c.xhtml?q=1", &frag);
	assert_string_equal(p, "EPUB/b/c.xhtml");
	assert_null(frag);
	free(p);
	assert_int_equal(bd_check_ref_kind("HTTPS://x"), BD_REF_REMOTE);
	assert_int_equal(bd_check_ref_kind("mailto:x"), BD_REF_OTHER);
	assert_int_equal(bd_check_ref_kind("a:b/c"), BD_REF_OTHER);
	assert_int_equal(bd_check_ref_kind("a/b:c"), BD_REF_LOCAL);
	assert_int_equal(bd_check_ref_kind("#x"), BD_REF_SAME_DOC);
}

static void test_json(void **state)
{
	struct bd_diag d[2];
	const struct bd_diag *per_file[] = { &d[0], &d[1] };
	const char *files[] = { "a \"b\".epub", "c.epub" };
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	(void)state;
	bd_diag_init(&d[0]);
	bd_diag_init(&d[1]);
	bd_diag_report(&d[0], BD_R_LINK_BROKEN, "a.epub!x\\y", 3, 4, "bad\n\x01 \xff");
	bd_diag_report(&d[0], BD_R_NAV_TOC_ORDER, "a.epub", 0, 0, "w");
	bd_check_write_json(f, files, per_file, 2);
	fclose(f);
	assert_non_null(strstr(out, "\"file\":\"a \\\"b\\\".epub\""));
	assert_non_null(strstr(out, "\"file\":\"a.epub!x\\\\y\",\"line\":3,\"col\":4"));
	assert_non_null(strstr(out, "\"message\":\"bad\\n\\u0001 \\ufffd\""));
	assert_non_null(strstr(out, "\"errors\":1,\"warnings\":1"));
	assert_non_null(strstr(out, "\"messages\":[],\"errors\":0,\"warnings\":0"));
	free(out);
	bd_diag_fini(&d[0]);
	bd_diag_fini(&d[1]);
}

static int setup(void **state)
{
	size_t len = 0;
	FILE *f = open_memstream(&rule_table, &len);

	(void)state;
	fputc('\n', f);
	bd_rules_list_epubcheck(f);
	fclose(f);
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	free(rule_table);
	rmdir(tmpdir);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_book),
		cmocka_unit_test(test_mimetype),
		cmocka_unit_test(test_container),
		cmocka_unit_test(test_file_names),
		cmocka_unit_test(test_metadata),
		cmocka_unit_test(test_language_tags),
		cmocka_unit_test(test_manifest),
		cmocka_unit_test(test_spine),
		cmocka_unit_test(test_content),
		cmocka_unit_test(test_nav),
		cmocka_unit_test(test_ncx),
		cmocka_unit_test(test_accessibility),
		cmocka_unit_test(test_glossary),
		cmocka_unit_test(test_epub2),
		cmocka_unit_test(test_not_a_zip),
		cmocka_unit_test(test_truncated_and_corrupt),
		cmocka_unit_test(test_zip_bomb),
		cmocka_unit_test(test_limit_stops_claims),
		cmocka_unit_test(test_too_complex),
		cmocka_unit_test(test_resolve),
		cmocka_unit_test(test_json),
	};
	int rc = cmocka_run_group_tests(tests, setup, teardown);

	bd_xml_cleanup();
	return rc;
}
