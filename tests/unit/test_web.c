/* Unit tests for the web edition's check (web.c): pages whose recorded
 * references include a broken link, a missing id, a way out of the folder
 * and remote loads, a style sheet with a remote @import and a listed file
 * that is missing are refused with located messages; a link to the web
 * from the text is allowed; a reference repeated in one folder is judged
 * once. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alloc.h"
#include "diag.h"
#include "records.h"
#include "web.h"

static void write_text(const char *dir, const char *name, const char *text)
{
	char *path = bd_asprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	free(path);
}

static size_t count(const struct bd_diag *d, const char *rule, unsigned line)
{
	size_t n = 0;

	for (size_t i = 0; i < d->len; i++)
		if (d->msgs[i].rule && strcmp(d->msgs[i].rule, rule) == 0 && (!line || d->msgs[i].line == line))
			n++;
	return n;
}

static void test_check(void **state)
{
	char dir[] = "/tmp/bindery-web-test.XXXXXX";
	struct bd_strlist files = { 0 };
	struct bd_diag d;
	struct bd_web_links *links;
	char *sub;

	(void)state;
	assert_non_null(mkdtemp(dir));
	sub = bd_asprintf("%s/text", dir);
	assert_int_equal(mkdir(sub, 0755), 0);
	write_text(dir, "index.html",
		   "<!DOCTYPE html>\n<html lang=\"en\"><head><title>t</title>\n"
		   "<link rel=\"stylesheet\" href=\"web.css\">\n"
		   "<script src=\"https://cdn.example/x.js\"></script></head>\n"
		   "<body><p id=\"here\"><a href=\"text/a.html#sec\">ok</a>\n"
		   "<a href=\"text/a.html#nope\">no id</a>\n"
		   "<a href=\"missing.html\">no file</a>\n"
		   "<a href=\"https://www.nhs.uk/\">the web is fine to link to</a>\n"
		   "<a href=\"#here\">here</a></p></body></html>\n");
	write_text(dir, "text/a.html",
		   "<!DOCTYPE html>\n<html lang=\"en\"><head><title>a</title></head>\n"
		   "<body><section id=\"sec\"><a href=\"../index.html#here\">back</a>\n"
		   "<img src=\"../../outside.png\" alt=\"\"></section></body></html>\n");
	write_text(dir, "web.css", "body { color: black }\n@import url(\"https://fonts.example/f.css\");\n");
	bd_strlist_add(&files, "index.html");
	bd_strlist_add(&files, "text/a.html");
	bd_strlist_add(&files, "web.css");
	bd_strlist_add(&files, "gone.html");

	links = bd_web_links_new();
	bd_web_links_ref(links, "index.html", 3, "web.css", true);
	bd_web_links_ref(links, "index.html", 4, "https://cdn.example/x.js", true);
	bd_web_links_ref(links, "index.html", 5, "text/a.html#sec", false);
	bd_web_links_id(links, "index.html", "here");
	bd_web_links_ref(links, "index.html", 6, "text/a.html#nope", false);
	bd_web_links_ref(links, "index.html", 7, "missing.html", false);
	bd_web_links_ref(links, "index.html", 8, "https://www.nhs.uk/", false);
	bd_web_links_ref(links, "index.html", 9, "#here", false);
	bd_web_links_id(links, "text/a.html", "sec");
	bd_web_links_ref(links, "text/a.html", 3, "../index.html#here", false);
	bd_web_links_ref(links, "text/a.html", 4, "../../outside.png", true);
	bd_web_links_ref(links, "text/b.html", 9, "../../outside.png", true);

	bd_diag_init(&d);
	assert_false(bd_web_check(dir, "dist/book", &files, links, &d));
	assert_int_equal(count(&d, "web-remote", 4), 1);  /* the script */
	assert_int_equal(count(&d, "web-remote", 2), 1);  /* the @import in web.css */
	assert_int_equal(count(&d, "web-remote", 0), 2);
	assert_int_equal(count(&d, "web-link", 6), 1);    /* no such id */
	assert_int_equal(count(&d, "web-link", 7), 1);    /* no such file */
	assert_int_equal(count(&d, "web-link", 0), 4);    /* and gone.html, and the way out of the folder */
	for (size_t i = 0; i < d.len; i++)
		assert_true(strncmp(d.msgs[i].file, "dist/book/", 10) == 0);
	bd_diag_fini(&d);
	bd_web_links_free(links);

	bd_strlist_fini(&files);
	for (const char *const *n = (const char *const[]){ "index.html", "text/a.html", "web.css", NULL }; *n; n++) {
		char *path = bd_asprintf("%s/%s", dir, *n);
		unlink(path);
		free(path);
	}
	rmdir(sub);
	rmdir(dir);
	free(sub);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_check),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
