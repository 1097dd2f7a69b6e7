/* outfile.c - plain files with one "cannot write" (see outfile.h). */
#include "outfile.h"

FILE *bd_outfile_open(const char *path, struct bd_diag *diag)
{
	FILE *out = fopen(path, "wb");

	if (!out)
		bd_diag_report(diag, BD_R_IO, path, 0, 0, "cannot write");
	return out;
}

bool bd_outfile_close(FILE *out, const char *path, struct bd_diag *diag)
{
	bool ok = !ferror(out);

	if (fclose(out) != 0)
		ok = false;
	if (!ok)
		bd_diag_report(diag, BD_R_IO, path, 0, 0, "cannot write");
	return ok;
}
