/* strmap.c - a string-keyed hash map (strmap.h): open addressing, linear
 * probing, the full hash kept beside each key so most probes skip strcmp. */
#include "strmap.h"

#include "alloc.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct map_slot {
	char *key;
	void *value;
	uint64_t hash;
};

struct bd_map {
	struct map_slot *slots;
	size_t cap, len;    /* cap: a power of two */
};

static uint64_t map_seed;
static pthread_once_t seed_once = PTHREAD_ONCE_INIT;

/* Set once per process, whichever thread comes first: a seed that changed
 * while a map was in use would lose its keys. */
static void pick_seed(void)
{
	map_seed = ((uint64_t)time(NULL) << 20) ^ (uint64_t)(uintptr_t)&seed_once ^ (uint64_t)getpid();
}

static uint64_t map_hash(const char *key)
{
	uint64_t h = 0xcbf29ce484222325ULL ^ map_seed;

	for (const unsigned char *p = (const unsigned char *)key; *p; p++)
		h = (h ^ *p) * 0x100000001b3ULL;
	/* Final mix so that the low bits, which pick the slot, depend on all. */
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return h;
}

struct bd_map *bd_map_new(void)
{
	struct bd_map *m = bd_calloc(1, sizeof(*m));

	pthread_once(&seed_once, pick_seed);
	m->cap = 16;
	m->slots = bd_calloc(m->cap, sizeof(*m->slots));
	return m;
}

void bd_map_free(struct bd_map *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->cap; i++)
		free(m->slots[i].key);
	free(m->slots);
	free(m);
}

static struct map_slot *map_find(const struct bd_map *m, const char *key, uint64_t h)
{
	size_t i = (size_t)h & (m->cap - 1);

	while (m->slots[i].key && (m->slots[i].hash != h || strcmp(m->slots[i].key, key) != 0))
		i = (i + 1) & (m->cap - 1);
	return &m->slots[i];
}

static int map_put(struct bd_map *m, char *key, void *value)
{
	uint64_t h = map_hash(key);
	struct map_slot *s = map_find(m, key, h);

	if (s->key) {
		free(key);
		return -1;
	}
	s->key = key;
	s->value = value;
	s->hash = h;
	if (++m->len * 10 > m->cap * 7) {
		struct map_slot *old = m->slots;
		size_t old_cap = m->cap;

		m->cap *= 2;
		m->slots = bd_calloc(m->cap, sizeof(*m->slots));
		for (size_t i = 0; i < old_cap; i++)
			if (old[i].key)
				*map_find(m, old[i].key, old[i].hash) = old[i];
		free(old);
	}
	return 0;
}

int bd_map_add(struct bd_map *m, const char *key, void *value)
{
	return map_put(m, bd_strdup(key), value);
}

void *bd_map_get(const struct bd_map *m, const char *key)
{
	return m && key ? map_find(m, key, map_hash(key))->value : NULL;
}

size_t bd_map_len(const struct bd_map *m)
{
	return m ? m->len : 0;
}

/* Pairs are joined with a newline, which no path or id of a valid book has.
 * into has room for the pair when it is not NULL; else the key is new. */
static char *join2(const char *a, const char *b, char *into, size_t room)
{
	size_t na = strlen(a), nb = strlen(b);
	char *key = na + nb + 2 <= room ? into : bd_malloc(na + nb + 2);

	memcpy(key, a, na);
	key[na] = '\n';
	memcpy(key + na + 1, b, nb + 1);
	return key;
}

int bd_map_add2(struct bd_map *m, const char *a, const char *b, void *value)
{
	return map_put(m, join2(a, b, NULL, 0), value);
}

void *bd_map_get2(const struct bd_map *m, const char *a, const char *b)
{
	char small[256], *key;
	void *v;

	if (!m || !a || !b)
		return NULL;
	/* Most lookups fit on the stack: no allocation per link. */
	key = join2(a, b, small, sizeof(small));
	v = bd_map_get(m, key);
	if (key != small)
		free(key);
	return v;
}

/* ---- fingerprint sets ------------------------------------------------------ */

struct bd_fpset {
	uint64_t *slots;    /* 0: empty; a fingerprint of 0 is stored as 1 */
	size_t cap, len;    /* cap: a power of two */
};

struct bd_fpset *bd_fpset_new(void)
{
	struct bd_fpset *s = bd_calloc(1, sizeof(*s));

	pthread_once(&seed_once, pick_seed);
	s->cap = 64;
	s->slots = bd_calloc(s->cap, sizeof(*s->slots));
	return s;
}

void bd_fpset_free(struct bd_fpset *s)
{
	if (!s)
		return;
	free(s->slots);
	free(s);
}

static uint64_t *fp_find(const struct bd_fpset *s, uint64_t fp)
{
	size_t i = (size_t)fp & (s->cap - 1);

	while (s->slots[i] && s->slots[i] != fp)
		i = (i + 1) & (s->cap - 1);
	return &s->slots[i];
}

static uint64_t fingerprint(const char *key)
{
	uint64_t h = map_hash(key);

	return h ? h : 1;
}

bool bd_fpset_add(struct bd_fpset *s, const char *key)
{
	uint64_t fp = fingerprint(key), *slot = fp_find(s, fp);

	if (*slot)
		return false;
	*slot = fp;
	/* Three quarters full at most: a probe reads neighbouring slots, eight to
	 * a cache line, so it stays cheap, and a member costs 8 to 16 bytes. */
	if (++s->len * 4 > s->cap * 3) {
		uint64_t *old = s->slots;
		size_t old_cap = s->cap;

		s->cap *= 2;
		s->slots = bd_calloc(s->cap, sizeof(*s->slots));
		for (size_t i = 0; i < old_cap; i++)
			if (old[i])
				*fp_find(s, old[i]) = old[i];
		free(old);
	}
	return true;
}

bool bd_fpset_has(const struct bd_fpset *s, const char *key)
{
	return s && key && *fp_find(s, fingerprint(key)) != 0;
}
