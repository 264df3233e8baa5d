/* store_search: the one search of tasks, for every command and view.
 *
 * A task matches a search text when its code, title or description
 * contains it by the rule of text.h (ASCII and full-width Latin letters
 * case-folded, every other character as it is; one character or more).
 * The rule is written once, in C, and SQL calls it as plancon_match(): a
 * function of this connection only, used in queries, never in the schema,
 * so any other program can still write to the file. A text of three
 * characters or more is first looked up in the trigram index task_fts
 * (db/migrations/0005_perf_indexes.sql); the index folds the case of more
 * letters than the rule does, so what it finds is a superset of the
 * matches, which the queries then narrow with plancon_match. A shorter
 * text has no trigram and is tested on each task of the scope. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

#include "plancon/text.h"
#include "plancon/xalloc.h"

/* plancon_match(text, field...): 1 when one of the fields contains text
 * by the search rule, 0 when none does, NULL when text is NULL. The
 * folded text is kept with the statement (it is a bound parameter). */
static void
sql_match(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
		sqlite3_result_null(cx);
		return;
	}
	char *key = sqlite3_get_auxdata(cx, 0);
	bool mine = false;
	if (!key) {
		const char *t = (const char *)sqlite3_value_text(argv[0]);
		key = text_search_key(t, (size_t)sqlite3_value_bytes(argv[0]), NULL);
		mine = true;
	}
	size_t keylen = strlen(key);
	int hit = 0;
	for (int i = 1; i < argc && !hit; i++) {
		const char *f = (const char *)sqlite3_value_text(argv[i]);
		hit = f && text_search_contains(f, (size_t)sqlite3_value_bytes(argv[i]), key, keylen);
	}
	if (mine)
		sqlite3_set_auxdata(cx, 0, key, free);   /* SQLite frees it, now or later */
	sqlite3_result_int(cx, hit);
}

int
store_search_register(sqlite3 *db)
{
	return sqlite3_create_function_v2(db, "plancon_match", -1,
	                                  SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL, sql_match,
	                                  NULL, NULL, NULL);
}

enum err_code
store_search_terms(const char *text, struct search_terms *t, struct error *e)
{
	*t = (struct search_terms){ 0 };
	if (!text || !*text)
		return ERR_OK;
	if (!text_valid_utf8(text, strlen(text)))
		return err_set(e, ERR_INVALID, "%s", _("the search text is not valid UTF-8"));
	t->text = text;
	size_t quotes = 0;
	for (const char *p = text; *p; p++)
		quotes += *p == '"';
	if (text_chars(text, strlen(text)) < 3)
		return ERR_OK;
	/* A phrase: the text as a substring, its quotes doubled. */
	char *o = t->phrase = xmalloc(strlen(text) + quotes + 3);
	*o++ = '"';
	for (const char *p = text; *p; p++) {
		if (*p == '"')
			*o++ = '"';
		*o++ = *p;
	}
	*o++ = '"';
	*o = '\0';
	return ERR_OK;
}

void
store_search_bind(sqlite3_stmt *st, int text_param, const struct search_terms *t)
{
	store_bind_text(st, text_param, t->text);
	if (t->phrase && sqlite3_bind_parameter_count(st) >= SEARCH_PHRASE_PARAM)
		sqlite3_bind_text(st, SEARCH_PHRASE_PARAM, t->phrase, -1, SQLITE_TRANSIENT);
}

void
store_search_free(struct search_terms *t)
{
	free(t->phrase);
	*t = (struct search_terms){ 0 };
}
