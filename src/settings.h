/* settings: the content folder's kiosk.ini, parsed with inih into one plain struct.
 * Three layers: compiled defaults (settings_defaults), the site's kiosk.ini
 * (settings_load), then command-line flags applied by the app. Core module: no SDL. */
#ifndef SETTINGS_H
#define SETTINGS_H

#include <stdbool.h>

#include "diag.h"

#define SETTINGS_MAX_LANGS 16
#define SETTINGS_STR 128

typedef enum { THEME_CREAM, THEME_YELLOW_ON_BLACK, THEME_WHITE_ON_BLUE, THEME_COUNT } ThemeId;

/* Text size steps: x1, x1.25, x1.5 of the default body size. */
typedef enum { TEXT_NORMAL, TEXT_LARGE, TEXT_LARGEST, TEXT_SIZE_COUNT } TextSize;

typedef struct {
	/* [kiosk] */
	char name[SETTINGS_STR];           /* shown on the attract screen and window title */
	char home[SETTINGS_STR];           /* home page file name inside each language folder */
	char languages[SETTINGS_MAX_LANGS][16];
	int language_count;                /* 0: every folder under content/ with pages */
	char default_language[16];
	char images_dir[SETTINGS_STR];     /* relative to the content folder */
	/* [display] */
	ThemeId theme;
	TextSize text_size;
	double panel_width_mm;             /* 0 = unknown; with viewing_distance_mm checks EN 301 549 5.1.4 */
	double viewing_distance_mm;
} Settings;

void settings_defaults(Settings *s);
/* Reads path over the current values. A missing file is not an error (defaults stay,
 * returns true); an unreadable one returns false. Unknown sections or keys and bad
 * values add a warning naming path:line and keep the previous value. */
bool settings_load(Settings *s, const char *path, DiagList *diags);
/* Text scale for a TextSize: 1.0, 1.25, 1.5. */
double settings_text_scale(TextSize size);
const char *settings_theme_name(ThemeId theme);

#endif
