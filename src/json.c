/* json.c - the JSON string escaper. */
#include "json.h"

#include <string.h>
#include <utf8proc.h>

void bd_json_string(FILE *out, const char *s)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)(s ? s : "");
	size_t left = strlen((const char *)p);

	fputc('"', out);
	while (left > 0) {
		utf8proc_int32_t c;
		utf8proc_ssize_t n = utf8proc_iterate(p, (utf8proc_ssize_t)left, &c);

		if (n <= 0) {
			fputs("\\ufffd", out);
			p++, left--;
			continue;
		}
		if (c == '"')
			fputs("\\\"", out);
		else if (c == '\\')
			fputs("\\\\", out);
		else if (c == '\n')
			fputs("\\n", out);
		else if (c < 0x20 || c == 0x7F)
			fprintf(out, "\\u%04x", (unsigned)c);
		else
			fwrite(p, 1, (size_t)n, out);
		p += n, left -= (size_t)n;
	}
	fputc('"', out);
}
