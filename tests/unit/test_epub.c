/* Unit tests for epub.c: entries compressed in memory come back out of the
 * written zip byte for byte, in order, stored or deflated as they should be,
 * and never larger than zlib's own best effort. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>
#include <zlib.h>

#include "epub.h"

#define EPOCH 1700000000

struct sample {
	const char *name;
	unsigned char *data;
	size_t len;
};

/* A package document's shape: thousands of near-identical lines. */
static unsigned char *manifest_like(size_t items, size_t *len)
{
	size_t cap = items * 128 + 64, n = 0;
	unsigned char *buf = malloc(cap);

	assert_non_null(buf);
	for (size_t i = 0; i < items; i++)
		n += (size_t)snprintf((char *)buf + n, cap - n,
				      "    <item id=\"a%05zu\" href=\"text/article-%05zu.xhtml\" "
				      "media-type=\"application/xhtml+xml\"/>\n", i, i);
	*len = n;
	return buf;
}

/* Bytes deflate cannot shrink (like a PNG): a fixed xorshift stream. */
static unsigned char *noise(size_t len)
{
	unsigned char *buf = malloc(len);
	unsigned x = 2463534242u;

	assert_non_null(buf);
	for (size_t i = 0; i < len; i++) {
		x ^= x << 13, x ^= x >> 17, x ^= x << 5;
		buf[i] = (unsigned char)x;
	}
	return buf;
}

static unsigned char *text(const char *s, size_t *len)
{
	*len = strlen(s);
	return (unsigned char *)strdup(s);
}

/* zlib level 9 with memLevel 9: what libzip 1.7 writes when it compresses. */
static size_t zlib_size(const unsigned char *data, size_t len)
{
	z_stream zs;
	size_t cap, out;
	unsigned char *buf;

	memset(&zs, 0, sizeof(zs));
	assert_int_equal(deflateInit2(&zs, 9, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY), Z_OK);
	cap = deflateBound(&zs, (uLong)len) + 64;
	buf = malloc(cap);
	zs.next_in = (unsigned char *)data;
	zs.avail_in = (uInt)len;
	zs.next_out = buf;
	zs.avail_out = (uInt)cap;
	assert_int_equal(deflate(&zs, Z_FINISH), Z_STREAM_END);
	out = zs.total_out;
	deflateEnd(&zs);
	free(buf);
	return out;
}

static char *temp_path(void)
{
	char *path = strdup("/tmp/test-epub-XXXXXX");
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	close(fd);
	return path;
}

static void test_entries_round_trip(void **state)
{
	struct sample s[5];
	struct bd_epub *ep = bd_epub_new(true);
	struct bd_diag d;
	char *path = temp_path();
	zip_t *za;
	int err = 0;

	(void)state;
	bd_diag_init(&d);
	s[0] = (struct sample){ "META-INF/container.xml", NULL, 0 };
	s[0].data = text("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
			 "<container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n"
			 "  <rootfiles>\n"
			 "    <rootfile full-path=\"EPUB/package.opf\" media-type=\"application/oebps-package+xml\"/>\n"
			 "  </rootfiles>\n"
			 "</container>\n", &s[0].len);
	s[1] = (struct sample){ "EPUB/package.opf", NULL, 0 };
	s[1].data = manifest_like(5000, &s[1].len);
	s[2] = (struct sample){ "EPUB/images/cover.png", noise(100000), 100000 };
	s[3] = (struct sample){ "EPUB/empty.txt", NULL, 0 };
	s[4] = (struct sample){ "EPUB/text/é.xhtml", NULL, 0 };
	s[4].data = text("<p>Ça va. Ça va. Ça va. Ça va. Ça va. Ça va. Ça va. Ça va.</p>", &s[4].len);
	for (size_t i = 0; i < 5; i++)
		bd_epub_add(ep, s[i].name, s[i].data, s[i].len);
	assert_true(bd_epub_write(ep, path, EPOCH, &d));
	assert_int_equal(d.len, 0);

	za = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &err);
	assert_non_null(za);
	assert_int_equal(zip_get_num_entries(za, 0), 6);
	{
		zip_stat_t st;
		assert_int_equal(zip_stat_index(za, 0, 0, &st), 0);
		assert_string_equal(st.name, "mimetype");
		assert_int_equal(st.comp_method, ZIP_CM_STORE);
	}
	for (size_t i = 0; i < 5; i++) {
		zip_stat_t st;
		zip_file_t *f;
		unsigned char *back = malloc(s[i].len + 1);

		assert_int_equal(zip_stat_index(za, i + 1, 0, &st), 0);
		assert_string_equal(st.name, s[i].name);
		assert_int_equal(st.size, s[i].len);
		f = zip_fopen_index(za, i + 1, 0);
		assert_non_null(f);
		/* zip_fread checks the CRC at the end of the entry. */
		assert_int_equal(zip_fread(f, back, s[i].len + 1), (zip_int64_t)s[i].len);
		assert_int_equal(zip_fclose(f), 0);
		if (s[i].len)
			assert_memory_equal(back, s[i].data, s[i].len);
		if (i == 2 || i == 3)
			assert_int_equal(st.comp_method, ZIP_CM_STORE);  /* deflate would not help */
		else
			assert_int_equal(st.comp_method, ZIP_CM_DEFLATE);
		if (i == 1)  /* the repetitive document: smaller than zlib's default */
			assert_true(st.comp_size < zlib_size(s[i].data, s[i].len));
		free(back);
	}
	zip_close(za);
	unlink(path);
	free(path);
	for (size_t i = 0; i < 5; i++)
		free(s[i].data);
	bd_epub_free(ep);
	bd_diag_fini(&d);
}

static void test_same_input_same_bytes(void **state)
{
	char *paths[2] = { temp_path(), temp_path() };
	unsigned char *files[2];
	size_t lens[2];
	struct bd_diag d;

	(void)state;
	bd_diag_init(&d);
	for (int k = 0; k < 2; k++) {
		struct bd_epub *ep = bd_epub_new(true);
		size_t len;
		unsigned char *data = manifest_like(300, &len);
		FILE *f;

		bd_epub_add(ep, "EPUB/package.opf", data, len);
		assert_true(bd_epub_write(ep, paths[k], EPOCH, &d));
		free(data);
		bd_epub_free(ep);
		f = fopen(paths[k], "rb");
		assert_non_null(f);
		files[k] = malloc(1 << 20);
		lens[k] = fread(files[k], 1, 1 << 20, f);
		fclose(f);
		unlink(paths[k]);
		free(paths[k]);
	}
	assert_int_equal(lens[0], lens[1]);
	assert_memory_equal(files[0], files[1], lens[0]);
	free(files[0]);
	free(files[1]);
	bd_diag_fini(&d);
}

static void test_missing_file_is_an_error(void **state)
{
	struct bd_epub *ep = bd_epub_new(true);
	struct bd_diag d;

	(void)state;
	bd_diag_init(&d);
	assert_false(bd_epub_add_file(ep, "EPUB/a.css", "/nonexistent/a.css", &d));
	assert_int_equal(bd_diag_errors(&d), 1);
	assert_string_equal(d.msgs[0].file, "/nonexistent/a.css");
	bd_epub_free(ep);
	bd_diag_fini(&d);
}

static void test_unwritable_output_is_an_error(void **state)
{
	struct bd_epub *ep = bd_epub_new(true);
	struct bd_diag d;

	(void)state;
	bd_diag_init(&d);
	bd_epub_add(ep, "a.txt", "abc", 3);
	assert_false(bd_epub_write(ep, "/nonexistent/dir/x.epub", EPOCH, &d));
	assert_int_equal(bd_diag_errors(&d), 1);
	bd_epub_free(ep);
	bd_diag_fini(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_entries_round_trip),
		cmocka_unit_test(test_same_input_same_bytes),
		cmocka_unit_test(test_missing_file_is_an_error),
		cmocka_unit_test(test_unwritable_output_is_an_error),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
