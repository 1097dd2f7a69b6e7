/* report-dump BOOK_DIR OUT_DIR: the report's view of each article, for
 * tests/book/report-vs-style.  Writes OUT_DIR/ID.txt (the running text the
 * report measures) and prints one line per article:
 *   ID WORDS SENTENCES SYLLABLES GRADE EASE SMOG */
#include "read.h"
#include "report.h"
#include "xml.h"

#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	struct bd_diag diag;
	struct bd_book *book = NULL;
	int rc = 0;

	if (argc != 3) {
		fputs("usage: report-dump BOOK_DIR OUT_DIR\n", stderr);
		return 2;
	}
	bd_diag_init(&diag);
	if (bd_book_read(argv[1], true, &diag, &book) != 0)
		rc = 1;
	for (size_t i = 0; rc == 0 && i < book->narticles; i++) {
		const struct bd_article *art = &book->articles[i];
		struct bd_node *tree = bd_article_load(book, art, &diag);
		struct bd_readability r;
		char *text, *path;
		FILE *f;

		if (!tree) {
			rc = 1;
			break;
		}
		text = bd_report_text(tree);
		path = malloc(4096);
		snprintf(path, 4096, "%s/%s.txt", argv[2], art->id);
		f = fopen(path, "w");
		if (!f || fputs(text, f) < 0 || fclose(f) != 0) {
			perror(path);
			rc = 1;
		}
		bd_readability_measure(text, &r);
		printf("%s %zu %zu %zu %.2f %.2f %.2f\n", art->id, r.words, r.sentences, r.syllables, r.grade, r.ease,
		       r.smog);
		bd_readability_fini(&r);
		free(path);
		free(text);
		bd_node_free(tree);
	}
	bd_diag_print(&diag, stderr, false);
	bd_diag_fini(&diag);
	bd_book_free(book);
	bd_xml_cleanup();
	return rc;
}
