/* diag: a growable list of file:line:col diagnostics. Loaders append, the app logs them
 * and `--check` prints them. */
#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

void diag_add(DiagList *list, DiagSeverity severity, const char *file, int line, int col,
	      const char *fmt, ...)
{
	if (list->count == list->cap) {
		list->cap = list->cap ? list->cap * 2 : 16;
		list->items = xrealloc(list->items, list->cap * sizeof(Diag));
	}
	va_list ap;
	va_start(ap, fmt);
	Diag *d = &list->items[list->count++];
	d->severity = severity;
	d->file = xstrdup(file ? file : "");
	d->line = line;
	d->col = col;
	d->message = xvasprintf(fmt, ap);
	va_end(ap);
}

size_t diag_count(const DiagList *list, DiagSeverity severity)
{
	size_t n = 0;
	for (size_t i = 0; i < list->count; i++)
		if (list->items[i].severity == severity)
			n++;
	return n;
}

char *diag_format(const Diag *d)
{
	const char *level = d->severity == DIAG_ERROR ? "error" : "warning";
	if (d->line > 0 && d->col > 0)
		return xasprintf("%s:%d:%d: %s: %s", d->file, d->line, d->col, level, d->message);
	if (d->line > 0)
		return xasprintf("%s:%d: %s: %s", d->file, d->line, level, d->message);
	return xasprintf("%s: %s: %s", d->file, level, d->message);
}

void diag_print(const DiagList *list, size_t from, FILE *out)
{
	for (size_t i = from; i < list->count; i++) {
		char *line = diag_format(&list->items[i]);
		fprintf(out, "%s\n", line);
		free(line);
	}
}

bool diag_contains(const DiagList *list, const char *needle)
{
	for (size_t i = 0; i < list->count; i++) {
		char *line = diag_format(&list->items[i]);
		bool found = strstr(line, needle) != NULL;
		free(line);
		if (found)
			return true;
	}
	return false;
}

void diag_clear(DiagList *list)
{
	for (size_t i = 0; i < list->count; i++) {
		free(list->items[i].file);
		free(list->items[i].message);
	}
	free(list->items);
	list->items = NULL;
	list->count = list->cap = 0;
}
