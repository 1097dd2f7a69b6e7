/* epub.c - assembling the EPUB container in memory and writing it.
 *
 * Renderers hand over each document as bytes; a second thread deflates it
 * with zlib while the next one is rendered, and only the compressed stream
 * and its CRC are kept.  A queue bounded in bytes keeps memory in check when
 * rendering runs ahead.  If the thread cannot start, entries are compressed
 * as they are added: the bytes are the same either way.  libzip then writes
 * the zip structures: it reads each entry through a source that says the
 * data is already deflated, so zip_close copies it instead of compressing
 * again (libzip 1.7 reads every source only inside zip_close, so sources
 * that still held uncompressed text would all be alive at once).
 *
 * Everything that could vary between machines is pinned: entry order,
 * compression settings, timestamps (set as DOS time directly, since
 * zip_file_set_mtime converts through the local time zone) and file
 * attributes. */
#define ZLIB_CONST
#include "epub.h"

#include "alloc.h"
#include "infile.h"
#include "worker.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zip.h>
#include <zlib.h>

static const char mimetype[] = "application/epub+zip";

struct packed {
	char *name;            /* path inside the EPUB */
	unsigned char *raw;    /* the bytes as added, until compressed */
	unsigned char *data;   /* the raw deflate stream, or the bytes as they are when stored */
	size_t len;            /* bytes in data */
	size_t size;           /* uncompressed size */
	uint32_t crc;
	bool deflated;
	bool failed;           /* zlib failed */
	size_t pos;            /* read position while libzip copies it */
};

/* Uncompressed bytes that may wait for the compressing thread. */
#define QUEUE_MAX ((size_t)16 * 1024 * 1024)

struct bd_epub {
	struct packed **items;  /* pointers: the array moves as it grows, the items do not */
	size_t len, cap;
	/* The compressing thread takes items[next..len) in order.  It waits on
	 * wake_thread for work; the caller waits on wake_caller for room. */
	struct bd_worker w;
	size_t next;
	size_t compressed;      /* items[0..compressed) are done with their raw bytes */
	size_t raw_freed;       /* items[0..raw_freed) have had them freed */
	size_t queued;          /* uncompressed bytes added and not yet compressed */
	bool closing;
};

static void compress_packed(struct packed *p);
static void free_raw(struct bd_epub *ep, size_t upto);

static void *compress_queue(void *arg)
{
	struct bd_epub *ep = arg;

	pthread_mutex_lock(&ep->w.lock);
	for (;;) {
		struct packed *p;
		while (ep->next == ep->len && !ep->closing)
			pthread_cond_wait(&ep->w.wake_thread, &ep->w.lock);
		if (ep->next == ep->len)
			break;
		p = ep->items[ep->next++];
		pthread_mutex_unlock(&ep->w.lock);
		compress_packed(p);
		pthread_mutex_lock(&ep->w.lock);
		ep->compressed++;
		ep->queued -= p->size;
		pthread_cond_signal(&ep->w.wake_caller);
	}
	pthread_mutex_unlock(&ep->w.lock);
	return NULL;
}

struct bd_epub *bd_epub_new(bool threads)
{
	struct bd_epub *ep = bd_calloc(1, sizeof(struct bd_epub));

	/* Without the thread, each entry is compressed as it is added. */
	if (threads)
		bd_worker_start(&ep->w, compress_queue, ep);
	return ep;
}

/* Waits until every entry added so far is compressed; stops the thread. */
static void finish(struct bd_epub *ep)
{
	if (!ep->w.running)
		return;
	pthread_mutex_lock(&ep->w.lock);
	ep->closing = true;
	pthread_cond_signal(&ep->w.wake_thread);
	pthread_mutex_unlock(&ep->w.lock);
	bd_worker_join(&ep->w);
	free_raw(ep, ep->len);
}

void bd_epub_free(struct bd_epub *ep)
{
	if (!ep)
		return;
	finish(ep);
	for (size_t i = 0; i < ep->len; i++) {
		free(ep->items[i]->name);
		free(ep->items[i]->raw);
		free(ep->items[i]->data);
		free(ep->items[i]);
	}
	free(ep->items);
	free(ep);
}

/* ---- compression -------------------------------------------------------- */

/* A raw deflate stream (no zlib header: zip wants the bare stream) of in,
 * at level 9 with the given memLevel; NULL if zlib fails. */
static unsigned char *deflate_raw(const unsigned char *in, size_t len, int mem_level, size_t *out_len)
{
	z_stream zs;
	unsigned char *out = NULL;
	size_t cap = len / 4 + 1024, left = len;
	int rc = Z_OK;

	memset(&zs, 0, sizeof(zs));
	if (deflateInit2(&zs, 9, Z_DEFLATED, -15, mem_level, Z_DEFAULT_STRATEGY) != Z_OK)
		return NULL;
	out = bd_malloc(cap);
	zs.next_in = in;
	zs.next_out = out;
	zs.avail_out = (uInt)cap;
	/* avail_in and avail_out are 32-bit: feed and drain in slices. */
	while (rc != Z_STREAM_END) {
		if (zs.avail_in == 0 && left > 0) {
			zs.avail_in = left > (1u << 30) ? (1u << 30) : (uInt)left;
			left -= zs.avail_in;
		}
		if (zs.avail_out == 0) {
			size_t used = (size_t)(zs.next_out - out);
			if (used == cap)
				bd_grow(&out, &cap, cap + 1, 1);
			zs.next_out = out + used;
			zs.avail_out = cap - used > (1u << 30) ? (1u << 30) : (uInt)(cap - used);
		}
		rc = deflate(&zs, left == 0 && zs.avail_in == 0 ? Z_FINISH : Z_NO_FLUSH);
		if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR) {
			free(out);
			deflateEnd(&zs);
			return NULL;
		}
	}
	*out_len = (size_t)zs.total_out;
	deflateEnd(&zs);
	/* Kept until the zip is written: give back the slack (up to half of a
	 * doubled buffer, 20 MB over a 10,000-article book). */
	return bd_realloc(out, *out_len ? *out_len : 1);
}

/* Above this size a second encoding may pay off; below it one block
 * covers the file and memLevel 9 is best. */
#define SMALL_FILE ((size_t)64 * 1024)
#define SAMPLE ((size_t)64 * 1024)
#define SMALL_TEXT ((size_t)16 * 1024)

/* zlib level 9 with memLevel 9 suits ordinary text best.  A long file of
 * near-identical lines (the package document of a large book: a manifest
 * item and a spine entry per article) compresses far better in smaller
 * blocks, and a lower memLevel makes zlib end its blocks sooner: for
 * 10,000 articles 82 KB instead of 91 KB, where zip -9 makes 88 KB.  The
 * first 64 KiB decide whether the second encoding is worth trying on all of
 * it: on such files it wins there by 5 to 9%, on the nav, NCX and glossary
 * by at most 0.5% (and loses on the whole).  The smaller result wins, so it
 * is never worse. */
static unsigned char *deflate_best(const unsigned char *in, size_t len, size_t *out_len)
{
	unsigned char *best, *other = NULL, *a, *b;
	size_t best_len, other_len = 0, a_len = 0, b_len = 0;

	/* zlib clears a hash table of 2^(memLevel + 7) entries for every
	 * stream, which for a 5 KB article cost more than deflating it.  Up to
	 * 16 KiB memLevel 7 writes the very same bytes (checked on all 12,249
	 * such files of the real book and the 1,000- and 10,000-article books)
	 * with a quarter of that. */
	best = deflate_raw(in, len, len <= SMALL_TEXT ? 7 : 9, &best_len);
	/* Data that deflate cannot halve (a PNG, JPEG, or ordinary text in
	 * small blocks) does not have the long repeats the second encoding is for. */
	if (!best || len <= SMALL_FILE || best_len > len / 2)
		return *out_len = best_len, best;
	a = deflate_raw(in, SAMPLE, 9, &a_len);
	b = deflate_raw(in, SAMPLE, 3, &b_len);
	if (a && b && b_len * 100 < a_len * 98)
		other = deflate_raw(in, len, 3, &other_len);
	free(a);
	free(b);
	if (other && other_len < best_len) {
		free(best);
		best = other, best_len = other_len;
	} else {
		free(other);
	}
	*out_len = best_len;
	return best;
}

static void compress_packed(struct packed *p)
{
	size_t len = p->size;

	p->crc = 0;
	for (size_t done = 0; done < len;) {
		uInt n = len - done > (1u << 30) ? (1u << 30) : (uInt)(len - done);
		p->crc = (uint32_t)crc32(p->crc, p->raw + done, n);
		done += n;
	}
	p->data = len ? deflate_best(p->raw, len, &p->len) : NULL;
	p->deflated = true;
	if (len && !p->data) {
		p->failed = true;
	} else if (p->len >= len) {
		/* Stored when deflate does not help (PNG, JPEG) or the file is empty. */
		free(p->data);
		p->data = p->raw;
		p->len = len;
		p->deflated = false;
		p->raw = NULL;
	}
	/* p->raw stays: the thread that allocated it frees it (free_raw). */
}

/* Frees the uncompressed bytes of items[raw_freed..upto), which the
 * compressing thread is done with.  Here rather than there: they were
 * allocated on this thread, and freeing into another thread's malloc arena
 * contends for its lock (measured: several percent of a build). */
static void free_raw(struct bd_epub *ep, size_t upto)
{
	for (; ep->raw_freed < upto; ep->raw_freed++) {
		free(ep->items[ep->raw_freed]->raw);
		ep->items[ep->raw_freed]->raw = NULL;
	}
}

void bd_epub_take(struct bd_epub *ep, const char *name, unsigned char *data, size_t len)
{
	struct packed *p = bd_calloc(1, sizeof(*p));
	size_t upto;

	p->name = bd_strdup(name);
	p->raw = data;
	p->size = len;
	if (!ep->w.running) {
		compress_packed(p);
		bd_grow(&ep->items, &ep->cap, ep->len + 1, sizeof(*ep->items));
		ep->items[ep->len++] = p;
		free_raw(ep, ep->len);
		return;
	}
	pthread_mutex_lock(&ep->w.lock);
	/* One entry larger than the queue still goes in, alone. */
	while (ep->queued > 0 && ep->queued + len > QUEUE_MAX)
		pthread_cond_wait(&ep->w.wake_caller, &ep->w.lock);
	bd_grow(&ep->items, &ep->cap, ep->len + 1, sizeof(*ep->items));
	ep->items[ep->len++] = p;
	ep->queued += len;
	upto = ep->compressed;
	pthread_cond_signal(&ep->w.wake_thread);
	pthread_mutex_unlock(&ep->w.lock);
	free_raw(ep, upto);
}

void bd_epub_add(struct bd_epub *ep, const char *name, const void *data, size_t len)
{
	unsigned char *copy = len ? bd_malloc(len) : NULL;

	if (len)
		memcpy(copy, data, len);
	bd_epub_take(ep, name, copy, len);
}

bool bd_epub_add_file(struct bd_epub *ep, const char *name, const char *path, struct bd_diag *diag)
{
	FILE *f = bd_infile_open_report(path, path, 0, 0, diag);
	unsigned char *buf = NULL;
	size_t len = 0, cap = 0;
	bool ok = false;
	struct stat st;

	if (!f)
		return false;
	/* Sized by what the file says (one byte more to see its end), then
	 * grown if it lies: the buffer is kept until compressed, and a 64 KiB
	 * read size for each of 1,000 small SVGs held 128 MB at once. */
	if (fstat(fileno(f), &st) == 0 && st.st_size >= 0 && (uint64_t)st.st_size < BD_EPUB_FILE_MAX) {
		cap = (size_t)st.st_size + 1;
		buf = bd_malloc(cap);
	}
	for (;;) {
		size_t n;
		if (len == cap)
			bd_grow(&buf, &cap, len + 65536, 1);
		n = fread(buf + len, 1, cap - len, f);
		len += n;
		if (len > BD_EPUB_FILE_MAX) {
			bd_diag_report(diag, BD_R_IO, path, 0, 0, "is larger than %zu MiB; not put into the EPUB",
				      BD_EPUB_FILE_MAX >> 20);
			goto out;
		}
		if (n == 0)
			break;
	}
	if (ferror(f)) {
		bd_diag_report(diag, BD_R_IO, path, 0, 0, "cannot read");
		goto out;
	}
	bd_epub_take(ep, name, len < cap ? bd_realloc(buf, len ? len : 1) : buf, len);
	buf = NULL;
	ok = true;
out:
	fclose(f);
	free(buf);
	return ok;
}

/* ---- writing ------------------------------------------------------------ */

/* A libzip source over a packed entry.  Its stat says how the data is
 * compressed, with size and CRC, so libzip copies the bytes as they are. */
static zip_int64_t packed_source(void *userdata, void *data, zip_uint64_t len, zip_source_cmd_t cmd)
{
	struct packed *p = userdata;

	switch (cmd) {
	case ZIP_SOURCE_OPEN:
		p->pos = 0;
		return 0;
	case ZIP_SOURCE_READ: {
		size_t n = p->len - p->pos;
		if (n > len)
			n = (size_t)len;
		if (n)
			memcpy(data, p->data + p->pos, n);
		p->pos += n;
		return (zip_int64_t)n;
	}
	case ZIP_SOURCE_CLOSE:
	case ZIP_SOURCE_FREE:
		return 0;
	case ZIP_SOURCE_STAT: {
		zip_stat_t *st = data;
		if (len < sizeof(*st))
			return -1;
		zip_stat_init(st);
		st->valid = ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_COMP_METHOD | ZIP_STAT_CRC |
			    ZIP_STAT_ENCRYPTION_METHOD;
		st->size = p->size;
		st->comp_size = p->len;
		st->comp_method = p->deflated ? ZIP_CM_DEFLATE : ZIP_CM_STORE;
		st->crc = p->crc;
		st->encryption_method = ZIP_EM_NONE;
		return sizeof(*st);
	}
	case ZIP_SOURCE_GET_FILE_ATTRIBUTES: {
		/* Bits 1-2 of the flags tell how hard deflate worked: level 9 is
		 * "maximum", as libzip writes when it compresses itself. */
		zip_file_attributes_t *at = data;
		if (len < sizeof(*at))
			return -1;
		if (p->deflated) {
			at->valid |= ZIP_FILE_ATTRIBUTES_GENERAL_PURPOSE_BIT_FLAGS;
			at->general_purpose_bit_flags = 0x0002;
			at->general_purpose_bit_mask = 0x0006;
		}
		return sizeof(*at);
	}
	case ZIP_SOURCE_ERROR: {
		zip_error_t e;
		zip_int64_t n;
		zip_error_init_with_code(&e, ZIP_ER_INTERNAL);
		n = zip_error_to_data(&e, data, len);
		zip_error_fini(&e);
		return n;
	}
	case ZIP_SOURCE_SUPPORTS:
		return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE,
						      ZIP_SOURCE_STAT, ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE,
						      ZIP_SOURCE_GET_FILE_ATTRIBUTES, -1);
	default:
		return -1;
	}
}

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

bool bd_epub_write(struct bd_epub *ep, const char *out_path, time_t mtime, struct bd_diag *diag)
{
	zip_uint16_t dtime, ddate;
	zip_source_t *src;
	zip_int64_t idx;
	int zerr = 0;
	zip_t *za;

	finish(ep);
	for (size_t i = 0; i < ep->len; i++) {
		if (ep->items[i]->failed) {
			bd_diag_report(diag, BD_R_IO, ep->items[i]->name, 0, 0, "cannot compress");
			return false;
		}
	}
	za = zip_open(out_path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
	if (!za) {
		zip_error_t e;
		zip_error_init_with_code(&e, zerr);
		bd_diag_report(diag, BD_R_IO, out_path, 0, 0, "cannot create the EPUB: %s", zip_error_strerror(&e));
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
	for (size_t i = 0; i < ep->len; i++) {
		struct packed *p = ep->items[i];

		src = zip_source_function(za, packed_source, p);
		if (!src || (idx = zip_file_add(za, p->name, src, ZIP_FL_ENC_UTF_8)) < 0) {
			zip_source_free(src);
			goto fail;
		}
		if (!pin(za, idx, p->deflated ? ZIP_CM_DEFLATE : ZIP_CM_STORE, dtime, ddate))
			goto fail;
	}
	if (zip_close(za) < 0)
		goto fail;
	return true;
fail:
	bd_diag_report(diag, BD_R_IO, out_path, 0, 0, "cannot write the EPUB: %s", zip_strerror(za));
	zip_discard(za);
	return false;
}
