/* check-example.c - a program built against the installed libbindery
 * (tests/lib/install-example): checks each EPUB named and prints the rule
 * names it got back, through the callback, then the count from the list. */
#include <bindery.h>
#include <stdio.h>

static void print_rule(const struct bindery_message *m, void *arg)
{
	printf("%s: %s\n", (const char *)arg, m->rule ? m->rule : "-");
}

int main(int argc, char **argv)
{
	int worst = BINDERY_OK;

	for (int i = 1; i < argc; i++) {
		struct bindery_check_options opts = { .on_message = print_rule, .message_arg = argv[i] };
		struct bindery_result *result = NULL;
		enum bindery_status status = bindery_check(argv[i], &opts, &result);

		printf("%s: %zu messages, status %d\n", argv[i], bindery_result_count(result), (int)status);
		worst = status > worst ? (int)status : worst;
		bindery_result_free(result);
	}
	printf("%zu rules, the first '%s'\n", bindery_rule_count(), bindery_rule_at(0).name);
	bindery_cleanup();
	return worst;
}
