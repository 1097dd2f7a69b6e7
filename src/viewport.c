/* viewport.c - the viewport meta tag's syntax (see viewport.h).
 *
 * A byte-wise port of EPUBCheck's ViewportMeta parser, whose special
 * characters are all ASCII: each state is one case of the switch. */
#include "viewport.h"

#include <string.h>

static bool is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

static bool is_sep(char c)
{
	return c == ',' || c == ';';
}

enum state { NAME, ASSIGN, VALUE, SEPARATOR, SPACE_OR_SEPARATOR };

enum bd_viewport_error bd_viewport_parse(const char *s, bd_viewport_fn *fn, void *data)
{
	size_t len = strlen(s), i = 0;
	size_t name = 0, name_len = 0, value = 0, value_len = 0;
	enum state st = NAME;

	if (len == 0)
		return BD_VIEWPORT_EMPTY;
	while (i < len) {
		char c = s[i];

		switch (st) {
		case NAME:
			if (is_ws(c) && name_len == 0) {
				i++;
			} else if (c == '=' || is_ws(c)) {
				st = ASSIGN;
			} else if (is_sep(c)) {
				st = SEPARATOR;
			} else {
				if (name_len == 0)
					name = i;
				name_len = i + 1 - name;
				i++;
			}
			break;
		case ASSIGN:
			if (name_len == 0)
				return BD_VIEWPORT_NAME_EMPTY;
			if (is_ws(c)) {
				i++;
			} else if (c == '=') {
				st = VALUE;
				i++;
			} else if (is_sep(c)) {
				st = SEPARATOR;
			} else {
				return BD_VIEWPORT_VALUE_EMPTY;
			}
			break;
		case VALUE:
			if (is_ws(c) && value_len == 0) {
				i++;
			} else if (is_sep(c) || is_ws(c)) {
				if (value_len == 0)
					return BD_VIEWPORT_VALUE_EMPTY;
				st = SPACE_OR_SEPARATOR;
			} else if (c == '=') {
				return BD_VIEWPORT_ASSIGN_UNEXPECTED;
			} else {
				if (value_len == 0)
					value = i;
				value_len = i + 1 - value;
				i++;
			}
			break;
		case SPACE_OR_SEPARATOR:
			if (!is_ws(c))
				st = SEPARATOR;
			/* Both white space and the separator are skipped below. */
			/* fall through */
		case SEPARATOR:
			if (name_len == 0)
				return BD_VIEWPORT_LEADING_SEPARATOR;
			if (is_sep(c) || is_ws(c)) {
				i++;
			} else {
				fn(s + name, name_len, s + value, value_len, data);
				name_len = value_len = 0;
				st = NAME;
			}
			break;
		}
	}
	if (st == VALUE && value_len == 0)
		return BD_VIEWPORT_VALUE_EMPTY;
	fn(s + name, name_len, s + value, value_len, data);
	if (st == SEPARATOR)
		return BD_VIEWPORT_TRAILING_SEPARATOR;
	return BD_VIEWPORT_OK;
}

const char *bd_viewport_error_text(enum bd_viewport_error e)
{
	switch (e) {
	case BD_VIEWPORT_OK:
		return "no error";
	case BD_VIEWPORT_EMPTY:
		return "it is empty";
	case BD_VIEWPORT_NAME_EMPTY:
		return "a value has no name before its '='";
	case BD_VIEWPORT_VALUE_EMPTY:
		return "a name has no value after it";
	case BD_VIEWPORT_LEADING_SEPARATOR:
		return "it starts with a separator";
	case BD_VIEWPORT_TRAILING_SEPARATOR:
		return "it ends with a separator";
	case BD_VIEWPORT_ASSIGN_UNEXPECTED:
		return "a value holds an '='";
	}
	return "unknown";
}

bool bd_viewport_dimension_ok(const char *value, size_t len, bool is_height)
{
	const char *kw = is_height ? "device-height" : "device-width";
	size_t i = 0;

	if (len == strlen(kw) && memcmp(value, kw, len) == 0)
		return true;
	while (i < len && value[i] >= '0' && value[i] <= '9')
		i++;
	if (i == 0)
		return false;
	if (i < len && value[i] == '.') {
		size_t frac = ++i;

		while (i < len && value[i] >= '0' && value[i] <= '9')
			i++;
		if (i == frac)
			return false;
	}
	return i == len;
}
