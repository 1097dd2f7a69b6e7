/* main.c - the command line: parse arguments, call one entry point, map the
 * result to an exit code.  Everything else lives in the library. */
#include "bindery.h"

#include <getopt.h>
#include <malloc.h>
#include <inttypes.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char usage_text[] =
	"Usage: bindery build [BOOK_DIR] [-o OUT_DIR] [--edition FILE] [--base-url URL] [--report[=FORMATS]]\n"
	"                     [--werror] [--no-web] [--no-wait] [--force] [--quiet]\n"
	"       bindery check [--json] [--werror] [--max-size BYTES] [--quiet] FILE.epub...\n"
	"       bindery build --list-rules | bindery check --list-rules\n"
	"       bindery catalog FILE.epub [-o DIR] [--base-url URL] [--no-wait] [--force] [--quiet]\n"
	"       bindery catalog DIR [--base-url URL] [--no-wait] [--force] [--quiet]\n"
	"       bindery --help | --version\n"
	"\n"
	"Commands:\n"
	"  build   Read BOOK_DIR (default: book), check every source, and publish a\n"
	"          checked EPUB 3 as OUT_DIR/SLUG.epub (default OUT_DIR: dist) with\n"
	"          its cover, check report, MARCXML and ONIX records (SLUG-*) and its\n"
	"          web edition (OUT_DIR/SLUG/, to read in any browser), beside\n"
	"          the other books there; then rebuild the folder's OPDS catalogs,\n"
	"          landing page (index.html) and SHA256SUMS for every book in it.\n"
	"          The editions book.xml lists are built and published beside it.\n"
	"  check   Check EPUB files against EPUB 3.3 and EPUB Accessibility 1.1.\n"
	"  catalog Check any EPUB and publish it with the same records from its\n"
	"          package document into DIR (default: the EPUB's folder); given a\n"
	"          folder, rebuild its shared files from the EPUBs in it.\n"
	"\n"
	"Options:\n"
	"  -o, --output DIR     where build writes the EPUB and its records (default:\n"
	"                       dist), or catalog its records\n"
	"      --edition FILE   build: build only the edition that FILE describes\n"
	"                       (OUT_DIR/SLUG--ID.epub)\n"
	"      --base-url URL   build, catalog: links in the records start with URL\n"
	"                       (default: relative to the records' folder)\n"
	"  -q, --quiet          print errors only\n"
	"      --json           check: print results as JSON on standard output\n"
	"      --report[=FORMATS]\n"
	"                       build: the plain-language report (reading grade and more per\n"
	"                       article); FORMATS is a comma-separated list of text (standard\n"
	"                       output, the default), json and html (OUT_DIR/SLUG-report.json,\n"
	"                       OUT_DIR/SLUG-report.html, written only when the build succeeds)\n"
	"      --no-web         build: no web edition (OUT_DIR/SLUG/) beside the EPUB\n"
	"      --no-wait        build, catalog: fail at once if another bindery is publishing\n"
	"                       into the same folder (default: wait for it)\n"
	"      --force          build, catalog: overwrite or remove files in the folder that\n"
	"                       bindery did not write\n"
	"      --werror         build: treat warnings as errors; check: treat accessibility\n"
	"                       warnings as errors\n"
	"      --max-size BYTES check: refuse EPUBs that unpack to more (default: 4 GiB)\n"
	"      --list-rules     build: list the rules bindery checks in the sources;\n"
	"                       check: the rules of the EPUB checker; each with its severity\n"
	"  -h, --help           show this help\n"
	"  -V, --version        show the version\n"
	"\n"
	"Environment:\n"
	"  SOURCE_DATE_EPOCH    build: the modification date to record (seconds since 1970)\n"
	"  NO_COLOR             never colour the messages\n"
	"\n"
	"Exit status: 0 success, 1 errors found, 2 usage error, 3 I/O or internal failure.\n";

enum { OPT_JSON = 256, OPT_WERROR, OPT_MAX_SIZE, OPT_LIST_RULES, OPT_BASE_URL, OPT_REPORT, OPT_NO_WAIT, OPT_FORCE,
       OPT_NO_WEB, OPT_TEST_PAUSE_AT, OPT_EDITION };

static const struct option long_options[] = {
	{ "output", required_argument, NULL, 'o' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "werror", no_argument, NULL, OPT_WERROR },
	{ "max-size", required_argument, NULL, OPT_MAX_SIZE },
	{ "list-rules", no_argument, NULL, OPT_LIST_RULES },
	{ "report", optional_argument, NULL, OPT_REPORT },
	{ "base-url", required_argument, NULL, OPT_BASE_URL },
	{ "edition", required_argument, NULL, OPT_EDITION },
	{ "no-wait", no_argument, NULL, OPT_NO_WAIT },
	{ "no-web", no_argument, NULL, OPT_NO_WEB },
	{ "force", no_argument, NULL, OPT_FORCE },
	/* Tests only, not in --help: pause at step N of publishing (publish.h),
	 * so that a test can kill the process there. */
	{ "test-pause-at", required_argument, NULL, OPT_TEST_PAUSE_AT },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

struct args {
	const char *command;
	const char *out_dir;
	const char *base_url;
	const char *edition;
	bool quiet, json, werror, list_rules, no_wait, force, no_web;
	unsigned report;   /* BINDERY_REPORT_* */
	unsigned pause_at; /* --test-pause-at */
	uint64_t max_size;
};

/* The signal that asked the run to stop; the library polls it (publish.h). */
static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
	interrupted = sig;
}

/* SIGINT and SIGTERM set the flag, without SA_RESTART, so that a wait for
 * the folder's lock returns at once. */
static void catch_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

/* After the library cleaned up: die of the signal, as a shell expects. */
static void exit_if_interrupted(void)
{
	int sig = interrupted;

	if (!sig)
		return;
	signal(sig, SIG_DFL);
	raise(sig);
}

/* --test-pause-at=N: at step N say so and wait to be killed (or for
 * SIGINT/SIGTERM, which the library then handles like any other). */
static void pause_at(unsigned step, void *arg)
{
	const struct timespec tick = { 0, 10 * 1000 * 1000 };

	if (step != *(const unsigned *)arg)
		return;
	fprintf(stderr, "bindery: test: paused at step %u\n", step);
	fflush(stderr);
	while (!interrupted)
		nanosleep(&tick, NULL);
}

/* The waiting line goes to standard error, before the messages; what a
 * run wrote, to standard output. */
static void progress(enum bindery_progress kind, const char *line, void *arg)
{
	(void)arg;
	fprintf(kind == BINDERY_PROGRESS_WAITING ? stderr : stdout, "%s\n", line);
}

/* Colour only on a terminal, and never when NO_COLOR is set and not empty. */
static bool want_colour(FILE *out)
{
	const char *no_colour = getenv("NO_COLOR");

	if (no_colour && *no_colour)
		return false;
	return isatty(fileno(out)) == 1;
}

static void publish_options(struct bindery_publish_options *p, struct args *a)
{
	p->no_wait = a->no_wait;
	p->force = a->force;
	/* --quiet: no progress lines at all. */
	p->progress = a->quiet ? NULL : progress;
	p->interrupted = &interrupted;
	if (a->pause_at) {
		p->test_step = pause_at;
		p->test_arg = &a->pause_at;
	}
}

static int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("bindery: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\nTry 'bindery --help'.\n", stderr);
	return BINDERY_USAGE;
}

/* build and catalog: their messages, the count of them, and the result freed. */
static void finish(struct bindery_result *r, bool quiet)
{
	size_t e = bindery_result_severity_count(r, BINDERY_ERROR), w = bindery_result_severity_count(r, BINDERY_WARNING);

	bindery_result_print(r, stderr, quiet, want_colour(stderr));
	if ((!quiet || e) && (e || w))
		fprintf(stderr, "bindery: %zu error%s, %zu warning%s\n", e, e == 1 ? "" : "s", w, w == 1 ? "" : "s");
	bindery_result_free(r);
}

static int run_build(struct args *a, int argc, char **argv)
{
	struct bindery_build_options opts = { .book_dir = "book", .out_dir = a->out_dir ? a->out_dir : "dist",
					      .base_url = a->base_url, .report = a->report, .werror = a->werror,
					      .edition = a->edition, .no_web = a->no_web,
					      .report_out = stdout, .source_date_epoch = getenv("SOURCE_DATE_EPOCH") };
	const char *threads = getenv("BINDERY_THREADS");
	struct bindery_result *result = NULL;
	int rc;

	if (argc > 1)
		return usage_error("build takes one book folder, not '%s' too", argv[1]);
	if (argc == 1)
		opts.book_dir = argv[0];
	/* BINDERY_THREADS=1: everything on one thread (the same output, slower). */
	opts.threads = threads && strcmp(threads, "1") == 0 ? 1 : 0;
	publish_options(&opts.publish, a);
#ifdef M_MMAP_THRESHOLD
	/* Large buffers (a rendered nav or NCX, an EPUB entry) get their own
	 * mappings, so freeing them gives the memory back.  glibc's default
	 * raises this threshold after the first large free, after which such
	 * buffers fragment the heap and the peak grows with the book. */
	mallopt(M_MMAP_THRESHOLD, 256 * 1024);
#endif
	rc = bindery_build(&opts, &result);
	finish(result, a->quiet);
	return rc;
}

static int run_check(const struct args *a, int argc, char **argv)
{
	struct bindery_check_options opts = { .werror = a->werror, .max_size = a->max_size };
	struct bindery_result **found;
	int rc = BINDERY_OK;
	size_t errors = 0, warnings = 0;

	if (a->list_rules) {
		bindery_rules_print(stdout, BINDERY_SCOPE_CHECK);
		return BINDERY_OK;
	}
	if (argc == 0)
		return usage_error("%s", "check needs at least one EPUB file");
	found = calloc((size_t)argc, sizeof(*found));
	if (!found)
		return BINDERY_IO;
	for (int i = 0; i < argc; i++) {
		if (bindery_check(argv[i], &opts, &found[i]) == BINDERY_IO)
			rc = BINDERY_IO;
		errors += bindery_result_severity_count(found[i], BINDERY_ERROR);
		warnings += bindery_result_severity_count(found[i], BINDERY_WARNING);
		if (!a->json)
			bindery_result_print(found[i], stderr, a->quiet, want_colour(stderr));
	}
	if (a->json)
		bindery_check_write_json(stdout, (const char *const *)argv, (const struct bindery_result *const *)found,
					 (size_t)argc);
	else if (!a->quiet || errors)
		fprintf(stderr, "bindery: checked %d file%s: %zu error%s, %zu warning%s\n", argc, argc == 1 ? "" : "s",
			errors, errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s");
	for (int i = 0; i < argc; i++)
		bindery_result_free(found[i]);
	free(found);
	if (rc == BINDERY_OK && errors)
		rc = BINDERY_ERRORS;
	return rc;
}

static int run_catalog(struct args *a, int argc, char **argv)
{
	struct bindery_catalog_options opts = { .out_dir = a->out_dir, .base_url = a->base_url };
	struct bindery_result *result = NULL;
	struct stat st;
	int rc;

	if (argc != 1)
		return usage_error("%s", "catalog takes one EPUB file or one folder");
	if (a->out_dir && stat(argv[0], &st) == 0 && S_ISDIR(st.st_mode))
		return usage_error("%s", "catalog DIR rebuilds DIR itself: leave out --output");
	publish_options(&opts.publish, a);
	rc = bindery_catalog(argv[0], &opts, &result);
	finish(result, a->quiet);
	return rc;
}

/* "text,json,html" (any of them, in any order); NULL means text. */
static bool parse_report(const char *value, unsigned *formats)
{
	static const struct {
		const char *name;
		unsigned format;
	} names[] = { { "text", BINDERY_REPORT_TEXT }, { "json", BINDERY_REPORT_JSON }, { "html", BINDERY_REPORT_HTML } };
	const char *p = value;

	if (!value) {
		*formats |= BINDERY_REPORT_TEXT;
		return true;
	}
	do {
		size_t len = strcspn(p, ",");
		bool known = false;
		for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
			if (strlen(names[i].name) == len && strncmp(p, names[i].name, len) == 0) {
				*formats |= names[i].format;
				known = true;
			}
		}
		if (!known)
			return false;
		p += len;
	} while (*p++ == ',');
	return true;
}

static int parse(int argc, char **argv, const char *optstring, struct args *a)
{
	int c;

	while ((c = getopt_long(argc, argv, optstring, long_options, NULL)) != -1) {
		switch (c) {
		case 'o':
			a->out_dir = optarg;
			break;
		case 'q':
			a->quiet = true;
			break;
		case OPT_JSON:
			a->json = true;
			break;
		case OPT_WERROR:
			a->werror = true;
			break;
		case OPT_REPORT:
			if (!parse_report(optarg, &a->report))
				return usage_error("--report takes text, json or html (comma-separated), not '%s'", optarg);
			break;
		case OPT_LIST_RULES:
			a->list_rules = true;
			break;
		case OPT_BASE_URL:
			a->base_url = optarg;
			break;
		case OPT_EDITION:
			a->edition = optarg;
			break;
		case OPT_NO_WEB:
			a->no_web = true;
			break;
		case OPT_NO_WAIT:
			a->no_wait = true;
			break;
		case OPT_FORCE:
			a->force = true;
			break;
		case OPT_TEST_PAUSE_AT:
			a->pause_at = (unsigned)strtoul(optarg, NULL, 10);
			break;
		case OPT_MAX_SIZE: {
			char *end;
			unsigned long long v = strtoull(optarg, &end, 10);
			if (*end || v == 0 || optarg[0] == '-')
				return usage_error("--max-size takes a number of bytes, not '%s'", optarg);
			a->max_size = v;
			break;
		}
		case 'h':
			fputs(usage_text, stdout);
			exit(BINDERY_OK);
		case 'V':
			printf("bindery %s\n", bindery_version());
			exit(BINDERY_OK);
		default:
			return BINDERY_USAGE;
		}
	}
	return BINDERY_OK;
}

int main(int argc, char **argv)
{
	struct args a = { 0 };
	int rc;

	/* Options may come before the command ("+": stop at it) or anywhere after it. */
	if ((rc = parse(argc, argv, "+o:qhV", &a)) != 0)
		return rc;
	if (optind >= argc)
		return usage_error("%s", "no command given (build, check or catalog)");
	a.command = argv[optind];
	argc -= optind;
	argv += optind;
	optind = 0;  /* glibc: start afresh, permuting operands to the end */
	if ((rc = parse(argc, argv, "o:qhV", &a)) != 0)
		return rc;
	argc -= optind;
	argv += optind;
	catch_signals();
	if (strcmp(a.command, "build") == 0) {
		if (a.json || a.max_size)
			return usage_error("%s", "--json and --max-size belong to check");
		if (a.list_rules) {
			bindery_rules_print(stdout, BINDERY_SCOPE_BUILD);
			return BINDERY_OK;
		}
		rc = run_build(&a, argc, argv);
	} else if (strcmp(a.command, "check") == 0) {
		if (a.out_dir || a.base_url || a.no_wait || a.force)
			return usage_error("%s", "--output, --base-url, --no-wait and --force belong to build and catalog");
		if (a.report || a.edition || a.no_web)
			return usage_error("%s", "--report, --edition and --no-web belong to build");
		rc = run_check(&a, argc, argv);
	} else if (strcmp(a.command, "catalog") == 0) {
		if (a.json || a.werror || a.max_size || a.list_rules)
			return usage_error("%s", "--json, --werror, --max-size and --list-rules belong to build and check");
		if (a.report || a.edition || a.no_web)
			return usage_error("%s", "--report, --edition and --no-web belong to build");
		rc = run_catalog(&a, argc, argv);
	} else {
		return usage_error("unknown command '%s' (expected build, check or catalog)", a.command);
	}
	bindery_cleanup();
	exit_if_interrupted();
	return rc;
}
