/* publish.c - a folder of books, published one run at a time through a
 * journal (see publish.h for the steps, README "What dist/ holds" for the
 * guarantee). */
#define _GNU_SOURCE 1 /* syncfs, renameat2 */
#include "publish.h"

#include "alloc.h"
#include "build.h"
#include "outfile.h"
#include "records.h"
#include "strmap.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

/* From this many staged files one syncfs() is cheaper than an fsync() each
 * (tests/bench/publish: 31 against 37 ms for a 12-file publish on ext4). */
#define SYNCFS_FROM 4

/* A file name with its SHA-256. */
struct hashed {
	char *name;
	char hex[65];
};
struct hashlist {
	struct hashed *items;
	size_t len, cap;
	struct bd_map *index;   /* name -> 1 + its place: a web edition adds a file per article */
};

static void hashlist_add(struct hashlist *l, const char *name, const char *hex)
{
	if (!l->index)
		l->index = bd_map_new();
	bd_grow(&l->items, &l->cap, l->len + 1, sizeof(*l->items));
	l->items[l->len].name = bd_strdup(name);
	memcpy(l->items[l->len].hex, hex, 64);
	l->items[l->len].hex[64] = '\0';
	l->len++;
	/* A name listed twice keeps its first hash, as a scan would find it. */
	bd_map_add(l->index, name, (void *)l->len);
}

static const char *hashlist_get(const struct hashlist *l, const char *name)
{
	size_t at = (size_t)bd_map_get(l->index, name);

	return at ? l->items[at - 1].hex : NULL;
}

static void hashlist_fini(struct hashlist *l)
{
	for (size_t i = 0; i < l->len; i++)
		free(l->items[i].name);
	free(l->items);
	bd_map_free(l->index);
	memset(l, 0, sizeof(*l));
}

struct bd_publish {
	char *dir, *stage;
	int lock_fd;
	const struct bd_publish_options *opts;
	unsigned step;
	struct bd_record_meta **books; /* added by the caller, or catalogued during commit */
	size_t nbooks, cap;
	struct hashlist known;         /* staged files the caller hashed (bd_publish_hashed) */
};

void bd_publish_hashed(struct bd_publish *p, const char *name, const char *hex)
{
	hashlist_add(&p->known, name, hex);
}

static void step(struct bd_publish *p)
{
	p->step++;
	if (p->opts->test_step)
		p->opts->test_step(p->step, p->opts->test_arg);
}

bool bd_publish_interrupted(struct bd_publish *p, struct bd_diag *diag)
{
	if (!p->opts->interrupted || !*p->opts->interrupted)
		return false;
	bd_diag_report(diag, BD_R_INTERRUPTED, p->dir, 0, 0,
		       "interrupted: nothing was published and the folder is as it was");
	return true;
}

const char *bd_publish_stage(const struct bd_publish *p)
{
	return p->stage;
}

static char *join(const char *dir, const char *name)
{
	return bd_asprintf("%s/%s", dir, name);
}

static bool is_regular(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static bool fsync_path(const char *path, int flags)
{
	int fd = open(path, flags | O_RDONLY | O_CLOEXEC);
	bool ok = fd >= 0 && fsync(fd) == 0;

	if (fd >= 0)
		close(fd);
	return ok;
}

static bool sync_dir(const char *dir, struct bd_diag *diag)
{
	if (fsync_path(dir, O_DIRECTORY))
		return true;
	bd_diag_report(diag, BD_R_IO, dir, 0, 0, "cannot sync the folder: %s", strerror(errno));
	return false;
}

static bool is_dir(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* A folder and everything in it (a staging folder holds a web edition's
 * folder); symbolic links are removed, never followed. */
static void remove_folder(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;

	while (d && (e = readdir(d)) != NULL) {
		char *f;
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		f = join(path, e->d_name);
		if (is_dir(f))
			remove_folder(f);
		else
			unlink(f);
		free(f);
	}
	if (d)
		closedir(d);
	rmdir(path);
}

/* The regular files below dir/rel, as "rel/NAME" paths, into out; false if
 * the tree holds anything else (a link, a device) or cannot be read. */
static bool list_tree(const char *dir, const char *rel, struct bd_strlist *out)
{
	char *path = join(dir, rel);
	DIR *d = opendir(path);
	struct dirent *e;
	bool ok = d != NULL;

	while (ok && (e = readdir(d)) != NULL) {
		char *name, *full;
		struct stat st;
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		name = join(rel, e->d_name);
		full = join(dir, name);
		if (lstat(full, &st) != 0)
			ok = false;
		else if (S_ISDIR(st.st_mode))
			ok = list_tree(dir, name, out);
		else if (S_ISREG(st.st_mode))
			bd_strlist_add(out, name);
		else
			ok = false;
		free(full);
		free(name);
	}
	if (d)
		closedir(d);
	free(path);
	return ok;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in dir, sorted; false if it cannot be read. */
static bool list_dir(const char *dir, struct bd_strlist *names)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (!d)
		return false;
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, ".."))
			bd_strlist_add(names, e->d_name);
	closedir(d);
	if (names->len)
		qsort(names->items, names->len, sizeof(*names->items), by_name);
	return true;
}

static bool starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static bool ends(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* ---- the journal --------------------------------------------------------- */

/* Moves the folder stage/name (a web edition) into dir in one step: a plain
 * rename cannot replace a folder that holds files, so an existing one is
 * exchanged with it (renameat2 RENAME_EXCHANGE) and the old one, now in
 * the staging folder, goes with it.  ino is the new folder's inode, which
 * makes a replay idempotent: once dir/name is the new folder, nothing is
 * left to do. */
static bool publish_folder(const char *stage, const char *dir, const char *name, unsigned long long ino)
{
	char *from = join(stage, name), *to = join(dir, name);
	struct stat st;
	bool ok = true;

	if (lstat(to, &st) == 0 && (unsigned long long)st.st_ino == ino) {
		/* done before */
	} else if (lstat(from, &st) != 0 || (unsigned long long)st.st_ino != ino) {
		errno = ENOENT;
		ok = false;
	} else if (is_dir(to)) {
		ok = renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_EXCHANGE) == 0;
	} else {
		ok = rename(from, to) == 0;
	}
	free(from);
	free(to);
	return ok;
}

/* Removes dir/name, and the folders it leaves empty on the way up (a file
 * of a web edition that is no more). */
static bool remove_file(const char *dir, const char *name)
{
	char *path = join(dir, name);
	bool ok = unlink(path) == 0;

	for (char *slash = strrchr(path, '/'); ok && slash && strchr(name, '/'); slash = strrchr(path, '/')) {
		*slash = '\0';
		if (strlen(path) <= strlen(dir) || rmdir(path) != 0)
			break;
	}
	free(path);
	return ok;
}

/* Replays DIR/.bindery-journal: a killed run had staged and synced every
 * file and written the whole journal, so finishing it is always right.
 * Each step is idempotent (a rename already done finds no source). */
static bool replay_journal(const char *dir, struct bd_diag *diag)
{
	char *path = join(dir, BD_PUBLISH_JOURNAL), *stage = NULL;
	FILE *f = fopen(path, "r");
	char line[4096];
	bool complete = false, ok = true;
	struct bd_strlist ops = { 0 };

	if (!f) {
		free(path);
		return true;
	}
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		if (strcmp(line, "end") == 0)
			complete = true;
		else
			bd_strlist_add(&ops, line);
	}
	fclose(f);
	for (size_t i = 0; complete && i < ops.len; i++) {
		const char *op = ops.items[i];
		if (starts(op, "stage ")) {
			free(stage);
			stage = join(dir, op + 6);
		} else if (starts(op, "rename ") && stage) {
			char *from = join(stage, op + 7), *to = join(dir, op + 7);
			if (rename(from, to) != 0 && errno != ENOENT) {
				bd_diag_report(diag, BD_R_IO, to, 0, 0, "cannot finish the interrupted publish: %s",
					       strerror(errno));
				ok = false;
			}
			free(from);
			free(to);
		} else if (starts(op, "folder ") && stage) {
			unsigned long long ino = 0;
			int at = 0;
			if (sscanf(op + 7, "%llu %n", &ino, &at) == 1 && at > 0 && !publish_folder(stage, dir, op + 7 + at, ino)) {
				bd_diag_report(diag, BD_R_IO, dir, 0, 0, "cannot finish the interrupted publish of %s: %s",
					       op + 7 + at, strerror(errno));
				ok = false;
			}
		} else if (starts(op, "remove ")) {
			remove_file(dir, op + 7);
		}
	}
	if (ok && sync_dir(dir, diag))
		unlink(path);
	free(stage);
	free(path);
	bd_strlist_fini(&ops);
	return ok;
}

/* .SLUG.XXXXXX: the staging folder of a bindery before the journal, which
 * an interrupted run left behind, empty. */
static bool old_stage_name(const char *name)
{
	size_t n = strlen(name);

	if (n < 9 || name[0] != '.' || name[n - 7] != '.')
		return false;
	for (size_t i = n - 6; i < n; i++)
		if (!((name[i] >= 'a' && name[i] <= 'z') || (name[i] >= 'A' && name[i] <= 'Z') ||
		      (name[i] >= '0' && name[i] <= '9')))
			return false;
	return strspn(name + 1, "abcdefghijklmnopqrstuvwxyz0123456789-") == n - 8;
}

/* A web edition's folder .bindery-web.PID.XXXXXX: its build still runs
 * (builds render before they take the lock). */
static bool builder_alive(const char *name)
{
	long pid = strtol(name + strlen(BD_PUBLISH_WORK_PREFIX), NULL, 10);

	return pid > 0 && (kill((pid_t)pid, 0) == 0 || errno == EPERM);
}

/* Under the lock: finish a journal, drop an unfinished one (its run had
 * renamed nothing yet) and every staging folder (no other run has one),
 * and the web edition folders of builds that are gone. */
static bool recover(const char *dir, struct bd_diag *diag)
{
	struct bd_strlist names = { 0 };
	char *tmp = bd_asprintf("%s/%s.tmp", dir, BD_PUBLISH_JOURNAL);
	bool ok = replay_journal(dir, diag);

	unlink(tmp);
	free(tmp);
	if (ok && list_dir(dir, &names)) {
		for (size_t i = 0; i < names.len; i++) {
			char *stale = join(dir, names.items[i]);
			if (starts(names.items[i], BD_PUBLISH_STAGE_PREFIX))
				remove_folder(stale);
			else if (starts(names.items[i], BD_PUBLISH_WORK_PREFIX) && !builder_alive(names.items[i]))
				remove_folder(stale);
			else if (old_stage_name(names.items[i]))
				rmdir(stale); /* only if empty: it may be the user's */
			free(stale);
		}
	}
	bd_strlist_fini(&names);
	return ok;
}

/* ---- begin and end ------------------------------------------------------- */

void bd_publish_progress(const struct bd_publish_options *opts, enum bd_progress kind, const char *fmt, ...)
{
	va_list ap;
	char *line;
	int n;

	if (!opts || !opts->progress)
		return;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	line = bd_malloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(line, (size_t)n + 1, fmt, ap);
	va_end(ap);
	opts->progress(kind, line, opts->progress_arg);
	free(line);
}

struct bd_publish *bd_publish_begin(const char *dir, const struct bd_publish_options *opts, struct bd_diag *diag)
{
	struct bd_publish *p = bd_calloc(1, sizeof(*p));
	char *lock = join(dir, BD_PUBLISH_LOCK);

	p->dir = bd_strdup(dir);
	p->opts = opts;
	p->lock_fd = -1;
	if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
		bd_diag_report(diag, BD_R_IO, dir, 0, 0, "cannot create folder: %s", strerror(errno));
		goto fail;
	}
	p->lock_fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (p->lock_fd < 0) {
		bd_diag_report(diag, BD_R_IO, lock, 0, 0, "cannot open the lock file: %s", strerror(errno));
		goto fail;
	}
	if (flock(p->lock_fd, LOCK_EX | LOCK_NB) != 0) {
		if (errno != EWOULDBLOCK) {
			bd_diag_report(diag, BD_R_IO, lock, 0, 0, "cannot lock: %s", strerror(errno));
			goto fail;
		}
		if (opts->no_wait) {
			bd_diag_report(diag, BD_R_FOLDER_BUSY, dir, 0, 0,
				       "another bindery is publishing into this folder; try again later, or leave out "
				       "--no-wait to wait for it");
			goto fail;
		}
		bd_publish_progress(opts, BD_PROGRESS_WAITING, "bindery: waiting for another bindery to finish publishing into %s", dir);
		/* Poll rather than block: a signal that came just before a
		 * blocking flock() would not interrupt it. */
		while (flock(p->lock_fd, LOCK_EX | LOCK_NB) != 0) {
			const struct timespec tick = { 0, 10 * 1000 * 1000 };
			if (errno != EWOULDBLOCK && errno != EINTR) {
				bd_diag_report(diag, BD_R_IO, lock, 0, 0, "cannot lock: %s", strerror(errno));
				goto fail;
			}
			if (bd_publish_interrupted(p, diag))
				goto fail;
			nanosleep(&tick, NULL);
		}
	}
	step(p);
	if (!recover(dir, diag) || bd_publish_interrupted(p, diag))
		goto fail;
	p->stage = bd_asprintf("%s/%sXXXXXX", dir, BD_PUBLISH_STAGE_PREFIX);
	if (!mkdtemp(p->stage)) {
		bd_diag_report(diag, BD_R_IO, dir, 0, 0, "cannot create a staging folder: %s", strerror(errno));
		free(p->stage);
		p->stage = NULL;
		goto fail;
	}
	step(p);
	free(lock);
	return p;
fail:
	free(lock);
	bd_publish_end(p);
	return NULL;
}

void bd_publish_add(struct bd_publish *p, struct bd_record_meta *m)
{
	bd_grow(&p->books, &p->cap, p->nbooks + 1, sizeof(*p->books));
	p->books[p->nbooks] = bd_malloc(sizeof(**p->books));
	*p->books[p->nbooks++] = *m;
	memset(m, 0, sizeof(*m));
}

void bd_publish_end(struct bd_publish *p)
{
	if (!p)
		return;
	if (p->stage)
		remove_folder(p->stage);
	if (p->lock_fd >= 0)
		close(p->lock_fd); /* releases the lock; the file stays */
	for (size_t i = 0; i < p->nbooks; i++) {
		bd_record_meta_fini(p->books[i]);
		free(p->books[i]);
	}
	free(p->books);
	hashlist_fini(&p->known);
	free(p->stage);
	free(p->dir);
	free(p);
}

/* ---- commit -------------------------------------------------------------- */

struct commit {
	struct bd_publish *p;
	struct hashlist manifest;     /* what bindery wrote before */
	struct hashlist hashes;       /* of files in the folder, once read */
	struct hashlist staged_hashes; /* of files in the staging folder, once read */
	struct bd_record_meta **kept; /* books already there */
	size_t nkept, kept_cap;
	struct bd_strlist removals;   /* files of replaced or deleted books */
	struct bd_strlist staged;     /* names in the staging folder */
	struct bd_strlist web_kept;   /* "SLUG/NAME": web editions of books read again from their EPUB */
};

static bool claimed(const struct commit *c, const char *slug, const char *identifier)
{
	for (size_t i = 0; i < c->p->nbooks; i++) {
		const struct bd_record_meta *m = c->p->books[i];
		if ((slug && strcmp(m->slug, slug) == 0) || (identifier && strcmp(m->identifier, identifier) == 0))
			return true;
	}
	for (size_t i = 0; i < c->nkept; i++)
		if (slug && strcmp(c->kept[i]->slug, slug) == 0)
			return true;
	return false;
}

/* The SHA-256 of dir/name, hashed once into cache; NULL if it is no
 * readable regular file. */
static const char *cached_hash(struct hashlist *cache, const char *dir, const char *name)
{
	const char *known = hashlist_get(cache, name);
	char *path, hex[65];
	bool ok;

	if (known)
		return known;
	path = join(dir, name);
	ok = is_regular(path) && bd_sha256_file(path, hex, NULL);
	free(path);
	if (!ok)
		return NULL;
	hashlist_add(cache, name, hex);
	return hashlist_get(cache, name);
}

/* Of a file in the folder, and of one in the staging folder. */
static const char *dir_hash(struct commit *c, const char *name)
{
	return cached_hash(&c->hashes, c->p->dir, name);
}

static const char *stage_hash(struct commit *c, const char *name)
{
	return cached_hash(&c->staged_hashes, c->p->stage, name);
}

/* Writes "HEX  NAME" lines, as `sha256sum -c` reads them (two spaces: text
 * mode), for SHA256SUMS and the manifest alike. */
static bool write_hashes(const char *path, const struct hashlist *l, struct bd_diag *diag)
{
	FILE *f = bd_outfile_open(path, diag);

	if (!f)
		return false;
	for (size_t i = 0; i < l->len; i++)
		fprintf(f, "%s  %s\n", l->items[i].hex, l->items[i].name);
	return bd_outfile_close(f, path, diag);
}

/* True when bindery wrote DIR/name as it is now. */
static bool ours(struct commit *c, const char *name)
{
	const char *was = hashlist_get(&c->manifest, name), *is;

	if (!was)
		return false;
	is = dir_hash(c, name);
	return is && strcmp(was, is) == 0;
}

/* "HEX  NAME" lines (SHA256SUMS, the manifest) into l. */
static bool read_sums(const char *path, struct hashlist *l)
{
	FILE *f = fopen(path, "r");
	char line[4096];

	if (!f)
		return false;
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		if (strlen(line) > 66 && line[64] == ' ' && line[65] == ' ') {
			line[64] = '\0';
			hashlist_add(l, line + 66, line);
		}
	}
	fclose(f);
	return true;
}

/* The files bindery wrote into the folder, as it wrote them.  A folder
 * published by bindery before it kept a manifest (one book; its SHA256SUMS
 * lists check-report.txt) is adopted: what its SHA256SUMS lists, and
 * SHA256SUMS itself, count as bindery's, and the records under their old
 * names are removed. */
static void read_manifest(struct commit *c)
{
	static const char *const old_names[] = { "check-report.txt", "check-report.json", "record.marcxml",
						 "record.onix.xml", "report.json", "report.html" };
	char *path = join(c->p->dir, BD_PUBLISH_MANIFEST), *sums = join(c->p->dir, BD_REC_SUMS);
	const char *hex;

	if (!read_sums(path, &c->manifest) && read_sums(sums, &c->manifest) &&
	    hashlist_get(&c->manifest, "check-report.txt") && (hex = dir_hash(c, BD_REC_SUMS)) != NULL) {
		hashlist_add(&c->manifest, BD_REC_SUMS, hex);
		for (size_t i = 0; i < sizeof(old_names) / sizeof(old_names[0]); i++)
			if (hashlist_get(&c->manifest, old_names[i]))
				bd_strlist_add(&c->removals, old_names[i]);
	}
	free(sums);
	free(path);
}

static void remove_book_files(struct commit *c, struct bd_record_meta *m)
{
	char *book_file = bd_record_book_file(m->slug);

	for (size_t i = 0; i < m->files.len; i++)
		bd_strlist_add(&c->removals, m->files.items[i]);
	bd_strlist_add(&c->removals, book_file);
	free(book_file);
}

/* A book read again from its EPUB only because a record went missing keeps
 * its web edition, which the EPUB alone cannot make again: when every file
 * of it is there as bindery published it (the manifest's hash).  A web
 * edition with a page missing or changed is not kept in part: it goes. */
static void keep_web_edition(struct commit *c, const struct bd_record_meta *m)
{
	size_t n = strlen(m->slug), first = c->web_kept.len;

	for (size_t i = 0; i < m->files.len; i++) {
		const char *f = m->files.items[i], *want, *have;

		if (strncmp(f, m->slug, n) != 0 || f[n] != '/')
			continue;
		want = hashlist_get(&c->manifest, f);
		have = want ? dir_hash(c, f) : NULL;
		if (!have || strcmp(want, have) != 0) {
			while (c->web_kept.len > first)
				free(c->web_kept.items[--c->web_kept.len]);
			return;
		}
		bd_strlist_add(&c->web_kept, f);
	}
}

/* The files keep_web_edition kept for slug, added to files. */
static void add_kept_web(const struct commit *c, const char *slug, struct bd_strlist *files)
{
	size_t n = strlen(slug);

	for (size_t i = 0; i < c->web_kept.len; i++)
		if (strncmp(c->web_kept.items[i], slug, n) == 0 && c->web_kept.items[i][n] == '/')
			bd_strlist_add(files, c->web_kept.items[i]);
}

/* True when every file of the book is in dir. */
static bool all_present(const char *dir, const struct bd_record_meta *m)
{
	bool ok = true;

	for (size_t i = 0; ok && i < m->files.len; i++) {
		char *path = join(dir, m->files.items[i]);
		ok = is_regular(path);
		free(path);
	}
	return ok;
}

/* The books already in the folder: each from its metadata file when its
 * EPUB is the one recorded there, else (an EPUB bindery did not publish, or
 * one changed since) catalogued again from its package.  Books the new ones
 * replace (same slug or identifier) and books whose EPUB was deleted are
 * listed for removal. */
static int read_folder(struct commit *c, struct bd_diag *diag)
{
	struct bd_publish *p = c->p;
	struct bd_strlist names = { 0 };
	size_t nnew = p->nbooks;
	int rc = BD_EXIT_OK;

	if (!list_dir(p->dir, &names)) {
		bd_diag_report(diag, BD_R_IO, p->dir, 0, 0, "cannot list the folder: %s", strerror(errno));
		return BD_EXIT_IO;
	}
	for (size_t i = 0; i < names.len; i++) {
		const char *n = names.items[i];
		struct bd_record_meta m;
		char *path, *epub;
		const char *hex;

		if (!starts(n, BD_REC_BOOK_PREFIX) || !ends(n, ".xml"))
			continue;
		path = join(p->dir, n);
		if (!bd_record_book_read(path, &m)) {
			/* Damaged: its EPUB is catalogued again below. */
			bd_strlist_add(&c->removals, n);
			free(path);
			continue;
		}
		free(path);
		epub = join(p->dir, m.epub_name);
		hex = is_regular(epub) ? dir_hash(c, m.epub_name) : NULL;
		if (claimed(c, m.slug, m.identifier) || !hex) {
			remove_book_files(c, &m);
			bd_record_meta_fini(&m);
		} else if (strcmp(hex, m.epub_sha256) != 0 || !all_present(p->dir, &m)) {
			/* Its EPUB was replaced, or a record deleted, by hand: read it
			 * again, below; what it no longer has goes. */
			if (strcmp(hex, m.epub_sha256) == 0)
				keep_web_edition(c, &m);
			remove_book_files(c, &m);
			bd_record_meta_fini(&m);
		} else {
			bd_grow(&c->kept, &c->kept_cap, c->nkept + 1, sizeof(*c->kept));
			c->kept[c->nkept] = bd_malloc(sizeof(**c->kept));
			*c->kept[c->nkept++] = m;
		}
		free(epub);
	}
	for (size_t i = 0; rc == BD_EXIT_OK && i < names.len; i++) {
		const char *n = names.items[i];
		char *path, *slug;

		if (n[0] == '.' || !ends(n, BD_REC_EPUB) || strchr(n, '\n'))
			continue;
		slug = bd_strndup(n, strlen(n) - strlen(BD_REC_EPUB));
		path = join(p->dir, n);
		if (!claimed(c, slug, NULL) && is_regular(path)) {
			struct bd_catalog_epub e;
			bool older = false;

			/* Its package, read once: an older copy of a book being
			 * published, under another name, goes; any other is added. */
			rc = bd_catalog_read(path, &e, diag);
			for (size_t k = 0; rc == BD_EXIT_OK && k < nnew; k++)
				older = older || strcmp(p->books[k]->identifier, e.meta.identifier) == 0;
			if (rc == BD_EXIT_OK && older)
				bd_strlist_add(&c->removals, n);
			else if (rc == BD_EXIT_OK) {
				/* Listed as its files, a kept web edition stays. */
				add_kept_web(c, slug, &e.meta.files);
				rc = bd_catalog_stage_read(p, path, false, &e, p->opts->base_url, diag);
			}
			bd_catalog_epub_fini(&e);
		}
		free(path);
		free(slug);
	}
	bd_strlist_fini(&names);
	return rc;
}

static bool write_shared(struct commit *c, struct bd_record_meta **all, size_t n, struct bd_diag *diag)
{
	const struct bd_record_meta *const *books = (const struct bd_record_meta *const *)all;
	const char *base = c->p->opts->base_url;
	char *opds1 = join(c->p->stage, BD_REC_OPDS1), *opds2 = join(c->p->stage, BD_REC_OPDS2);
	char *landing = join(c->p->stage, BD_REC_LANDING);
	bool ok = bd_records_write_opds1(books, n, base, opds1, diag) &&
		  bd_records_write_opds2(books, n, base, opds2, diag) &&
		  bd_records_write_landing(books, n, landing, diag);

	free(opds1);
	free(opds2);
	free(landing);
	return ok;
}

static int by_slug(const void *a, const void *b)
{
	return strcmp((*(struct bd_record_meta *const *)a)->slug, (*(struct bd_record_meta *const *)b)->slug);
}

/* A staged file about to replace or remove DIR/name: only bindery's own,
 * or an equal file, or any file with --force. */
static bool may_replace(struct commit *c, const char *name, const char *staged_hex, struct bd_diag *diag)
{
	char *path = join(c->p->dir, name);
	struct stat st;
	const char *is;
	bool ok = true;

	if (lstat(path, &st) != 0) {
		/* nothing there */
	} else if (!S_ISREG(st.st_mode)) {
		bd_diag_report(diag, BD_R_FOREIGN_FILE, path, 0, 0,
			       "is not a regular file, so bindery cannot publish %s here: move it away", name);
		ok = false;
	} else if (name[0] != '.' && !ours(c, name) && !c->p->opts->force &&
		   (!staged_hex || !(is = dir_hash(c, name)) || strcmp(is, staged_hex) != 0)) {
		const char *verb = staged_hex ? "overwrite" : "remove";
		bd_diag_report(diag, BD_R_FOREIGN_FILE, path, 0, 0,
			       "%s, so bindery will not %s it; move it away, or give --force to %s it",
			       hashlist_get(&c->manifest, name) ? "was changed since bindery wrote it"
								 : "was not written by bindery",
			       verb, verb);
		ok = false;
	}
	free(path);
	return ok;
}

/* True when the folder name in the staging folder holds the very files of
 * DIR/name (a web edition built again from the same book). */
static bool same_folder(struct commit *c, const char *name)
{
	struct bd_strlist staged = { 0 }, there = { 0 };
	bool same = list_tree(c->p->stage, name, &staged) && list_tree(c->p->dir, name, &there) &&
		    staged.len == there.len;

	for (size_t i = 0; same && i < staged.len; i++) {
		const char *a = stage_hash(c, staged.items[i]), *b = dir_hash(c, staged.items[i]);
		same = a && b && strcmp(a, b) == 0;
	}
	bd_strlist_fini(&staged);
	bd_strlist_fini(&there);
	return same;
}

/* A staged folder about to replace DIR/name: only when each file in it is
 * bindery's own, as bindery wrote it, or with --force. */
static bool may_replace_folder(struct commit *c, const char *name, struct bd_diag *diag)
{
	char *path = join(c->p->dir, name);
	struct bd_strlist there = { 0 };
	struct stat st;
	bool ok = true;

	if (lstat(path, &st) != 0) {
		/* the first web edition */
	} else if (!S_ISDIR(st.st_mode)) {
		bd_diag_report(diag, BD_R_FOREIGN_FILE, path, 0, 0,
			       "is not a folder, so bindery cannot publish the web edition %s/ here: move it away", name);
		ok = false;
	} else if (!list_tree(c->p->dir, name, &there) && !c->p->opts->force) {
		bd_diag_report(diag, BD_R_FOREIGN_FILE, path, 0, 0,
			       "holds a link or special file, so bindery will not replace it; move it away, or give "
			       "--force to replace it");
		ok = false;
	} else {
		for (size_t i = 0; !c->p->opts->force && i < there.len; i++) {
			char *file;
			if (ours(c, there.items[i]))
				continue;
			file = join(c->p->dir, there.items[i]);
			bd_diag_report(diag, BD_R_FOREIGN_FILE, file, 0, 0,
				       "%s, so bindery will not replace the folder %s; move it away, or give --force to "
				       "replace it",
				       hashlist_get(&c->manifest, there.items[i]) ? "was changed since bindery wrote it"
										   : "was not written by bindery",
				       name);
			free(file);
			ok = false;
		}
	}
	bd_strlist_fini(&there);
	free(path);
	return ok;
}

/* syncfs() reports write-back errors only since Linux 5.8: before that
 * only an fsync() of each file is safe. */
static bool syncfs_reports_errors(void)
{
	struct utsname u;
	unsigned major = 0, minor = 0;

	if (uname(&u) != 0 || sscanf(u.release, "%u.%u", &major, &minor) != 2)
		return false;
	return major > 5 || (major == 5 && minor >= 8);
}

static bool sync_stage(struct commit *c, struct bd_diag *diag)
{
	bool ok = true;

#ifdef __linux__
	if (c->staged.len >= SYNCFS_FROM && syncfs_reports_errors()) {
		int fd = open(c->p->stage, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		ok = fd >= 0 && syncfs(fd) == 0 && fsync(fd) == 0;
		if (fd >= 0)
			close(fd);
		if (!ok)
			bd_diag_report(diag, BD_R_IO, c->p->stage, 0, 0, "cannot sync: %s", strerror(errno));
		return ok;
	}
#endif
	for (size_t i = 0; ok && i < c->staged.len; i++) {
		char *path = join(c->p->stage, c->staged.items[i]);
		if (is_dir(path)) {
			/* A web edition: each file, then each file's folder. */
			struct bd_strlist files = { 0 };
			ok = list_tree(c->p->stage, c->staged.items[i], &files);
			for (size_t k = 0; ok && k < files.len; k++) {
				char *file = join(c->p->stage, files.items[k]);
				ok = fsync_path(file, 0);
				*strrchr(file, '/') = '\0';
				ok = ok && fsync_path(file, O_DIRECTORY);
				free(file);
			}
			bd_strlist_fini(&files);
			if (!ok)
				bd_diag_report(diag, BD_R_IO, path, 0, 0, "cannot sync: %s", strerror(errno));
		} else if (!fsync_path(path, 0)) {
			bd_diag_report(diag, BD_R_IO, path, 0, 0, "cannot sync: %s", strerror(errno));
			ok = false;
		}
		free(path);
	}
	return ok && sync_dir(c->p->stage, diag);
}

/* Journal order: the books' files, then the shared files, SHA256SUMS and the
 * manifest last, so a reader mostly sees new books before the feeds name them. */
static int journal_rank(const char *name)
{
	if (strcmp(name, BD_PUBLISH_MANIFEST) == 0)
		return 4;
	if (strcmp(name, BD_REC_SUMS) == 0)
		return 3;
	if (strcmp(name, BD_REC_OPDS1) == 0 || strcmp(name, BD_REC_OPDS2) == 0 || strcmp(name, BD_REC_LANDING) == 0)
		return 2;
	return starts(name, BD_REC_BOOK_PREFIX) ? 1 : 0;
}

static bool write_journal(struct commit *c, struct bd_diag *diag)
{
	char *tmp = bd_asprintf("%s/%s.tmp", c->p->dir, BD_PUBLISH_JOURNAL);
	char *path = join(c->p->dir, BD_PUBLISH_JOURNAL);
	FILE *f = fopen(tmp, "w");
	bool ok = f != NULL;

	if (f) {
		fprintf(f, "bindery-journal 1\nstage %s\n", strrchr(c->p->stage, '/') + 1);
		for (int rank = 0; rank <= 4; rank++) {
			for (size_t i = 0; i < c->staged.len; i++) {
				char *staged = join(c->p->stage, c->staged.items[i]);
				struct stat st;
				if (journal_rank(c->staged.items[i]) != rank)
					;
				else if (lstat(staged, &st) == 0 && S_ISDIR(st.st_mode))
					fprintf(f, "folder %llu %s\n", (unsigned long long)st.st_ino, c->staged.items[i]);
				else
					fprintf(f, "rename %s\n", c->staged.items[i]);
				free(staged);
			}
		}
		for (size_t i = 0; i < c->removals.len; i++)
			fprintf(f, "remove %s\n", c->removals.items[i]);
		fputs("end\n", f);
		ok = fflush(f) == 0 && !ferror(f) && fsync(fileno(f)) == 0;
		ok = fclose(f) == 0 && ok;
	}
	ok = ok && rename(tmp, path) == 0;
	if (!ok) {
		bd_diag_report(diag, BD_R_IO, path, 0, 0, "cannot write the journal: %s", strerror(errno));
		unlink(tmp);
	}
	free(tmp);
	free(path);
	return ok && sync_dir(c->p->dir, diag);
}

/* The manifest: what bindery wrote now, or wrote before and is unchanged. */
static bool write_manifest(struct commit *c, const struct bd_strlist *published, struct bd_diag *diag)
{
	struct hashlist ours_now = { 0 };
	char *path = join(c->p->stage, BD_PUBLISH_MANIFEST);
	bool ok;

	for (size_t i = 0; i < published->len; i++) {
		const char *n = published->items[i], *hex = stage_hash(c, n);

		if (!hex && ours(c, n))
			hex = hashlist_get(&c->manifest, n);
		if (hex)
			hashlist_add(&ours_now, n, hex);
	}
	ok = write_hashes(path, &ours_now, diag);
	hashlist_fini(&ours_now);
	free(path);
	return ok;
}

int bd_publish_commit(struct bd_publish *p, size_t *changed, struct bd_diag *diag)
{
	struct commit c = { .p = p };
	struct bd_record_meta **all = NULL;
	struct bd_strlist published = { 0 }, sums = { 0 };
	struct hashlist sums_list = { 0 };
	struct bd_map *listed = bd_map_new();  /* published and sums, for the removals */
	size_t n = 0, done = 0;
	int rc = BD_EXIT_IO;
	bool ok = true, refused = false;

	if (changed)
		*changed = 0;
	/* What the caller hashed as it wrote, staged_hashes need not read. */
	c.staged_hashes = p->known;
	memset(&p->known, 0, sizeof(p->known));
	read_manifest(&c);
	rc = read_folder(&c, diag);
	if (rc != BD_EXIT_OK || bd_publish_interrupted(p, diag))
		goto out;
	rc = BD_EXIT_IO;
	/* Every book, sorted by slug, linked from the folder's address. */
	all = bd_calloc(p->nbooks + c.nkept + 1, sizeof(*all));
	for (size_t i = 0; i < p->nbooks; i++)
		all[n++] = p->books[i];
	for (size_t i = 0; i < c.nkept; i++)
		all[n++] = c.kept[i];
	for (size_t i = 0; i < n; i++) {
		free(all[i]->base_url);
		all[i]->base_url = bd_strdup(p->opts->base_url);
	}
	if (n)
		qsort(all, n, sizeof(*all), by_slug);
	if (!write_shared(&c, all, n, diag))
		goto out;
	/* MARC 856, ONIX and the feeds name each EPUB by a relative address:
	 * right beside it, wrong in a catalogue that imports the records. */
	if (n && (!p->opts->base_url || !*p->opts->base_url))
		bd_diag_report(diag, BD_R_RECORD_LINKS_RELATIVE, p->dir, 0, 0,
			       "the records link to the EPUBs by relative addresses, which work only beside them; "
			       "give --base-url URL for records that a catalogue imports elsewhere");
	/* SHA256SUMS: every book's files and the shared files, wherever they are now. */
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < all[i]->files.len; k++)
			bd_strlist_add(&published, all[i]->files.items[k]);
	bd_strlist_add(&published, BD_REC_OPDS1);
	bd_strlist_add(&published, BD_REC_OPDS2);
	bd_strlist_add(&published, BD_REC_LANDING);
	qsort(published.items, published.len, sizeof(*published.items), by_name);
	for (size_t i = 0; i < published.len; i++) {
		const char *h = stage_hash(&c, published.items[i]);

		if (!h)
			h = dir_hash(&c, published.items[i]);
		if (!h) {
			bd_diag_report(diag, BD_R_IO, published.items[i], 0, 0, "cannot read");
			goto out;
		}
		hashlist_add(&sums_list, published.items[i], h);
	}
	{
		char *path = join(p->stage, BD_REC_SUMS);

		ok = write_hashes(path, &sums_list, diag);
		free(path);
		if (!ok)
			goto out;
	}
	bd_strlist_add(&published, BD_REC_SUMS);
	if (!write_manifest(&c, &published, diag))
		goto out;
	/* What is staged: unchanged files stay as they are; the rest must be ours
	 * to replace.  (sums: every staged name, kept for the removals below.) */
	list_dir(p->stage, &sums);
	for (size_t i = 0; i < sums.len; i++) {
		const char *hex, *there;
		char *spath = join(p->stage, sums.items[i]);

		if (is_dir(spath)) {
			/* A web edition: unchanged, or replaced as a whole. */
			if (same_folder(&c, sums.items[i]))
				remove_folder(spath);
			else if (may_replace_folder(&c, sums.items[i], diag))
				bd_strlist_add(&c.staged, sums.items[i]);
			else
				refused = true;
			free(spath);
			continue;
		}
		free(spath);
		hex = stage_hash(&c, sums.items[i]);
		if (!hex) {
			ok = false;
			continue;
		}
		if ((there = dir_hash(&c, sums.items[i])) && strcmp(there, hex) == 0) {
			char *staged = join(p->stage, sums.items[i]);
			unlink(staged);
			free(staged);
		} else if (may_replace(&c, sums.items[i], hex, diag)) {
			bd_strlist_add(&c.staged, sums.items[i]);
		} else {
			refused = true;
		}
	}
	/* A removal of a file also staged is a replacement.  Looked up in a
	 * map: a rebuilt book's removals list every page of its web edition. */
	for (size_t i = 0; i < published.len; i++)
		bd_map_add(listed, published.items[i], (void *)1);
	for (size_t i = 0; i < sums.len; i++)
		bd_map_add(listed, sums.items[i], (void *)1);
	for (size_t i = 0; i < c.removals.len;) {
		char *path = join(p->dir, c.removals.items[i]);
		bool drop = bd_map_get(listed, c.removals.items[i]) || !is_regular(path);
		if (!drop && !may_replace(&c, c.removals.items[i], NULL, diag))
			refused = true;
		free(path);
		if (drop) {
			free(c.removals.items[i]);
			c.removals.items[i] = c.removals.items[--c.removals.len];
		} else {
			i++;
		}
	}
	if (!ok || refused) {
		/* A file in the way is the user's to move: an error, not an I/O failure. */
		rc = ok ? BD_EXIT_ERRORS : BD_EXIT_IO;
		goto out;
	}
	if (bd_publish_interrupted(p, diag))
		goto out;
	step(p);
	if (!sync_stage(&c, diag))
		goto out;
	step(p);
	if (bd_publish_interrupted(p, diag) || !write_journal(&c, diag))
		goto out;
	/* From here on the run finishes, or the next one finishes it. */
	step(p);
	for (int rank = 0; rank <= 4; rank++) {
		for (size_t i = 0; i < c.staged.len; i++) {
			char *from, *to;
			if (journal_rank(c.staged.items[i]) != rank)
				continue;
			from = join(p->stage, c.staged.items[i]);
			to = join(p->dir, c.staged.items[i]);
			if (is_dir(from)) {
				struct stat st;
				if (lstat(from, &st) != 0 || chmod(from, 0755) != 0 ||
				    !publish_folder(p->stage, p->dir, c.staged.items[i], (unsigned long long)st.st_ino)) {
					bd_diag_report(diag, BD_R_IO, to, 0, 0, "cannot publish: %s", strerror(errno));
					ok = false;
				} else {
					done++;
				}
			} else if (chmod(from, 0644) != 0 || rename(from, to) != 0) {
				bd_diag_report(diag, BD_R_IO, to, 0, 0, "cannot publish: %s", strerror(errno));
				ok = false;
			} else if (c.staged.items[i][0] != '.') {
				done++;
			}
			free(from);
			free(to);
			step(p);
		}
	}
	for (size_t i = 0; i < c.removals.len; i++) {
		if (remove_file(p->dir, c.removals.items[i]) && c.removals.items[i][0] != '.')
			done++;
		step(p);
	}
	if (!sync_dir(p->dir, diag))
		ok = false;
	step(p);
	if (ok) {
		char *journal = join(p->dir, BD_PUBLISH_JOURNAL);
		unlink(journal);
		free(journal);
	}
	step(p);
	if (changed)
		*changed = done;
	rc = ok ? BD_EXIT_OK : BD_EXIT_IO;
out:
	for (size_t i = 0; i < c.nkept; i++) {
		bd_record_meta_fini(c.kept[i]);
		free(c.kept[i]);
	}
	free(c.kept);
	free(all);
	hashlist_fini(&c.manifest);
	hashlist_fini(&c.hashes);
	hashlist_fini(&c.staged_hashes);
	hashlist_fini(&sums_list);
	bd_strlist_fini(&c.removals);
	bd_strlist_fini(&c.staged);
	bd_strlist_fini(&c.web_kept);
	bd_strlist_fini(&published);
	bd_strlist_fini(&sums);
	bd_map_free(listed);
	return rc;
}
