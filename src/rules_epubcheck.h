/* rules_epubcheck.h - for each rule the checker reports, the closest
 * EPUBCheck message ids, so that users who move from EPUBCheck can map
 * their reports (shown by `check --json` and `check --list-rules`). */
#ifndef BD_RULES_EPUBCHECK_H
#define BD_RULES_EPUBCHECK_H

#include "rules.h"

#include <stdio.h>

/* The EPUBCheck message ids of rule, closest first, separated by commas
 * ("RSC-003,OPF-016"); "none" when EPUBCheck has no such message; NULL when
 * the table has no entry (a rule only the builder reports). */
const char *bd_rule_epubcheck(enum bd_rule rule);

/* `check --list-rules`: name, severity, EPUBCheck ids ("-": none) and text
 * of every rule the checker reports. */
void bd_rules_list_epubcheck(FILE *out);

#endif
