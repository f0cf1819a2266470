/* diag: diagnostics about content, in the compiler style authors know:
 *   content/en/home.md:12:3: error: picture 'advocat.svg' not found in images/
 * Bad content is never fatal: loaders add a diagnostic and fall back. Plain C (core). */
#ifndef DIAG_H
#define DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef enum { DIAG_WARNING, DIAG_ERROR } DiagSeverity;

typedef struct {
	DiagSeverity severity;
	char *file; /* path as given to the loader, e.g. "content/en/home.md" */
	int line;   /* 1-based; 0 when the whole file is meant */
	int col;    /* 1-based; 0 when unknown */
	char *message;
} Diag;

typedef struct {
	Diag *items;
	size_t count, cap;
} DiagList;

/* Adds one diagnostic (copies file and the formatted message). */
void diag_add(DiagList *list, DiagSeverity severity, const char *file, int line, int col,
	      const char *fmt, ...) __attribute__((format(printf, 6, 7)));
size_t diag_count(const DiagList *list, DiagSeverity severity);
/* Formats one diagnostic as "file:line:col: error: message" (line/col left out when 0);
 * the caller frees the result. */
char *diag_format(const Diag *d);
/* Prints every diagnostic from index `from` on, one line each. */
void diag_print(const DiagList *list, size_t from, FILE *out);
/* True when some diagnostic's formatted line contains `needle` (for tests). */
bool diag_contains(const DiagList *list, const char *needle);
void diag_clear(DiagList *list);

#endif
