/* epub.c - zipping the rendered files into an EPUB container.
 *
 * libzip writes the zip structures; we only pin everything that could vary
 * between machines: entry order, compression, timestamps (set as DOS time
 * directly, since zip_file_set_mtime converts through the local time zone)
 * and file attributes.  Entries are read from files on disk
 * (zip_source_file_create), so memory does not grow with the book:
 * libzip 1.7 reads every source only inside zip_close. */
#include "epub.h"

#include <stdio.h>
#include <string.h>
#include <zip.h>

static const char mimetype[] = "application/epub+zip";

static void dos_time(time_t t, zip_uint16_t *dtime, zip_uint16_t *ddate)
{
	struct tm tm;

	gmtime_r(&t, &tm);
	/* DOS dates start in 1980. */
	if (tm.tm_year < 80) {
		tm.tm_year = 80, tm.tm_mon = 0, tm.tm_mday = 1;
		tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	}
	*dtime = (zip_uint16_t)((tm.tm_hour << 11) | (tm.tm_min << 5) | (tm.tm_sec / 2));
	*ddate = (zip_uint16_t)(((tm.tm_year - 80) << 9) | ((tm.tm_mon + 1) << 5) | tm.tm_mday);
}

static bool pin(zip_t *za, zip_int64_t idx, zip_int32_t method, zip_uint16_t dtime, zip_uint16_t ddate)
{
	return zip_set_file_compression(za, (zip_uint64_t)idx, method, method == ZIP_CM_DEFLATE ? 9 : 0) == 0 &&
	       zip_file_set_dostime(za, (zip_uint64_t)idx, dtime, ddate, 0) == 0 &&
	       zip_file_set_external_attributes(za, (zip_uint64_t)idx, 0, ZIP_OPSYS_UNIX, 0100644u << 16) == 0;
}

bool bd_epub_write(const char *out_path, const struct bd_epub_entry *entries, size_t n, time_t mtime,
		   struct bd_diag *diag)
{
	zip_uint16_t dtime, ddate;
	zip_source_t *src;
	zip_int64_t idx;
	int zerr = 0;
	zip_t *za = zip_open(out_path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);

	if (!za) {
		zip_error_t e;
		zip_error_init_with_code(&e, zerr);
		bd_diag_error(diag, out_path, 0, 0, "io", "cannot create the EPUB: %s", zip_error_strerror(&e));
		zip_error_fini(&e);
		return false;
	}
	dos_time(mtime, &dtime, &ddate);
	src = zip_source_buffer(za, mimetype, sizeof(mimetype) - 1, 0);
	if (!src || (idx = zip_file_add(za, "mimetype", src, 0)) < 0) {
		zip_source_free(src);
		goto fail;
	}
	if (!pin(za, idx, ZIP_CM_STORE, dtime, ddate))
		goto fail;
	for (size_t i = 0; i < n; i++) {
		src = zip_source_file_create(entries[i].path, 0, -1, NULL);
		if (!src) {
			bd_diag_error(diag, entries[i].path, 0, 0, "io", "cannot read");
			zip_discard(za);
			return false;
		}
		idx = zip_file_add(za, entries[i].name, src, ZIP_FL_ENC_UTF_8);
		if (idx < 0) {
			zip_source_free(src);
			goto fail;
		}
		if (!pin(za, idx, ZIP_CM_DEFLATE, dtime, ddate))
			goto fail;
	}
	if (zip_close(za) < 0)
		goto fail;
	return true;
fail:
	bd_diag_error(diag, out_path, 0, 0, "io", "cannot write the EPUB: %s", zip_strerror(za));
	zip_discard(za);
	return false;
}
