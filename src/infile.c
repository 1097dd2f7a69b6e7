/* infile.c - opening input files without blocking (infile.h). */
#include "infile.h"

#include "alloc.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *kind_of(mode_t mode)
{
	if (S_ISDIR(mode))
		return "a folder";
	if (S_ISFIFO(mode))
		return "a FIFO";
	if (S_ISSOCK(mode))
		return "a socket";
	return "a device";
}

FILE *bd_infile_open(const char *path, enum bd_infile_status *status, const char **kind)
{
	struct stat st;
	FILE *f;
	int fd, flags, saved;

	if (kind)
		*kind = NULL;
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		*status = errno == ENOENT || errno == ENOTDIR ? BD_INFILE_MISSING : BD_INFILE_ERROR;
		return NULL;
	}
	if (fstat(fd, &st) != 0)
		goto error;
	if (!S_ISREG(st.st_mode)) {
		if (kind)
			*kind = kind_of(st.st_mode);
		close(fd);
		*status = BD_INFILE_NOT_REGULAR;
		return NULL;
	}
	/* A regular file: reads may block (briefly) as usual. */
	flags = fcntl(fd, F_GETFL);
	if (flags < 0 || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) != 0)
		goto error;
	f = fdopen(fd, "rb");
	if (!f)
		goto error;
	*status = BD_INFILE_OK;
	return f;
error:
	saved = errno;
	close(fd);
	errno = saved;
	*status = BD_INFILE_ERROR;
	return NULL;
}

bool bd_infile_read_all(FILE *f, size_t max, char **buf, size_t *len)
{
	size_t cap = 0, n;

	*buf = NULL;
	*len = 0;
	do {
		bd_grow(buf, &cap, *len + 65536 + 1, 1);
		n = fread(*buf + *len, 1, cap - *len - 1, f);
		*len += n;
		(*buf)[*len] = '\0';
	} while (n > 0 && *len <= max);
	return !ferror(f);
}

FILE *bd_infile_open_report(const char *path, const char *display, unsigned line, unsigned col,
			    struct bd_diag *diag)
{
	enum bd_infile_status status;
	const char *kind;
	FILE *f = bd_infile_open(path, &status, &kind);

	if (status == BD_INFILE_NOT_REGULAR)
		bd_diag_report(diag, BD_R_NOT_A_FILE, display, line, col,
			       "this is %s, not a regular file; bindery reads only regular files", kind);
	else if (!f)
		bd_diag_report(diag, BD_R_IO, display, line, col, "cannot open: %s",
			       strerror(status == BD_INFILE_MISSING ? ENOENT : errno));
	return f;
}
