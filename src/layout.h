/* layout: turns one content page and a screen size into screens of boxes, following
 * measured easy-read rules. Pure C (core): text is measured through a function the caller
 * gives (the renderer passes SDL_ttf; tests pass a fake), so every rule is unit-tested
 * without a window. Speech and switch scanning read the same boxes the renderer draws.
 *
 * Rules (see layout_metrics for the numbers):
 *  - body line height >= 1/18 of the shorter screen side (x text_scale), line height = 1.5 x
 *    font size, title larger than body, at most ~60 characters per line;
 *  - rows: picture box (>= 1/6 of the shorter side, square) on the left, text on the right,
 *    left aligned, ragged right, words never split unless a single word is wider than a
 *    whole line (then it is broken by characters and LayoutPage.overflow is set);
 *  - targets (buttons, nav) >= 1/9 of the shorter side in both directions, with gaps;
 *  - no scrolling: rows that do not fit go to the next screen ("Page 2 of 3"); a row taller
 *    than a screen is split at line boundaries (later parts have continued = true);
 *  - nav bar at the bottom with Home, (Help, Listen, Again, Settings,) Back, page number and
 *    Next, in the same place on every screen; a disabled button keeps its slot but is not
 *    drawn; on a narrow (portrait) screen the bar takes two rows;
 *  - no two boxes overlap, nothing leaves the screen;
 *  - right-to-left languages (LayoutParams.rtl) get the mirror image: pictures on the right,
 *    text right aligned, the nav bar reversed (Home at the right end, Next at the left).
 *    Text of mixed direction is cut into pieces at direction changes and each line's pieces
 *    are placed in visual order (bidi.h), so "25" inside Urdu still reads "25".
 * Start reading at layout_page. */
#ifndef LAYOUT_H
#define LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

#include "content.h"

typedef struct {
	int x, y, w, h;
} LayoutRect;

/* Width in px of text[0..len) (UTF-8) drawn at font size px, bold or regular. */
typedef int (*LayoutMeasureFn)(void *ctx, const char *text, size_t len, int px, bool bold);

typedef enum {
	BOX_TITLE,        /* the page title, at the top of every screen of the page */
	BOX_ROW,          /* a text row (ROW_TEXT or ROW_HEADING) with its picture */
	BOX_BUTTON,       /* a link row: a large button with picture and words */
	BOX_NAV_HOME,
	BOX_NAV_BACK,
	BOX_NAV_LISTEN,   /* "Listen", or "Stop" while reading */
	BOX_NAV_PAUSE,    /* "Pause" / "Go on" while reading */
	BOX_NAV_AGAIN,    /* say the last row again */
	BOX_NAV_SETTINGS,
	BOX_NAV_LANGUAGE, /* shown when the content has more than one language */
	BOX_NAV_HELP,     /* open the help page ("Ask for help") from any screen, in one press */
	BOX_NAV_NEXT,
	BOX_PAGE_NUMBER,  /* "Page 2 of 3": text only, not a target */
	BOX_HARD_WORD,    /* a hard word in the row before it: text_rect is the word, picture_rect
			   * the "?" badge after it, rect the target (inside the row), link the
			   * glossary's word. Only on the screen that shows the word. */
	BOX_ROLE_COUNT
} LayoutRole;

/* One piece of text placed on the screen: a word, or the part of a word in one style
 * ("**in**dependent" gives two pieces with glue_next set on the first: no space between). */
typedef struct {
	size_t offset, len; /* byte range in the box's text */
	int x, y, w, h;     /* absolute screen px; y/h are the line box (line height) */
	int line;           /* line index inside the box */
	bool bold;
	bool glue_next;     /* the next piece continues this word (no space between) */
	int level;          /* bidi embedding level: odd = right to left, so the renderer
			     * shapes the piece right to left; even = as written */
	int badge;          /* px kept free after this piece, at the end of its word in reading
			     * order, for a hard word's badge (0: none) */
	const char *hard_word; /* with badge: the glossary's word it explains (borrowed) */
} LayoutWord;

typedef struct {
	LayoutRole role;
	LayoutRect rect;          /* the whole box: the target area for buttons */
	LayoutRect text_rect;     /* where the words are */
	LayoutRect picture_rect;  /* w == 0 when there is no picture */
	const char *text;         /* borrowed (row text, title) or points at label */
	char label[64];           /* generated text: nav words, "Page 2 of 3" */
	const char *picture;      /* borrowed: path of the picture or icon, NULL when none */
	const char *picture_alt;  /* borrowed: spoken description, NULL when none */
	bool picture_missing;     /* draw a neutral placeholder */
	const char *link;         /* BOX_BUTTON: target page name (borrowed); ACT_LANGUAGE: the code;
				   * BOX_HARD_WORD: the glossary's word */
	KioskAction action;       /* a kiosk button's action (action.h), ACT_NONE on content */
	int action_arg;
	int row_index;            /* index into page->rows, -1 for title and nav */
	bool continued;           /* a later part of a row split across screens */
	bool enabled;             /* nav: false = keep the slot, draw nothing, not a target */
	bool focusable;           /* a target for touch, keys and switches */
	int font_px;              /* font size of the words */
	int line_height;
	LayoutWord *words;        /* owned; in reading (logical) order, which on a
				   * right-to-left line is not left to right on screen */
	size_t word_count;
	int line_count;
	int tile_row;             /* a menu's tile: its row in the grid on this screen, from 1
				   * (scanning walks rows, then tiles); 0: not a tile */
} LayoutBox;

typedef struct {
	LayoutBox *boxes; /* owned; title first, then rows in order, then nav */
	size_t box_count;
} LayoutScreen;

/* Every size the rules derive from one screen size and text scale. */
typedef struct {
	int screen_w, screen_h;
	int shorter;        /* min(screen_w, screen_h) */
	int margin;         /* outer margin */
	int body_px;        /* body font size: line_height / 1.5 */
	int line_height;    /* >= shorter / 18 x text_scale */
	int title_px, title_line_height;
	int picture;        /* square picture box side, >= shorter / 6 */
	int target;         /* minimum target side, >= shorter / 9 */
	int gap;            /* gap between targets and between rows (>= 0.5 line height) */
	int max_text_w;     /* ~60 characters of body text */
	int nav_h;          /* height of the nav bar */
	int icon;           /* nav icon side */
} LayoutMetrics;

typedef struct {
	int screen_w, screen_h;
	double text_scale;        /* 1.0, 1.25 or 1.5 */
	LayoutMeasureFn measure;
	void *measure_ctx;
	/* Words on the nav buttons and the page number format (one %d for the screen, one
	 * for the count), in the content language. NULL: English defaults. */
	const char *label_home, *label_back, *label_next, *label_listen, *label_settings;
	const char *label_pause, *label_again, *label_language, *label_help;
	/* The other word of the Listen/Stop and Pause/Go on slots (the one not shown now; NULL:
	 * "Stop" and "Go on"). Each slot is as wide as the wider of its two words, so no button
	 * moves when the label swaps. */
	const char *label_listen_alt, *label_pause_alt;
	const char *page_of_format; /* "Page %d of %d" */
	/* Icon paths for nav buttons (borrowed; NULL: words only). */
	const char *icon_home, *icon_back, *icon_next, *icon_listen, *icon_settings;
	const char *icon_pause, *icon_again, *icon_language, *icon_help;
	bool can_go_back;         /* history is not empty: Back on screen 1 leaves the page */
	bool is_home;             /* the home page: Home is disabled */
	bool show_listen, show_settings;
	/* speech tools: show_pause while reading (Again's slot then shows Pause or Go on, as
	 * Listen's shows Stop), show_again whenever speech is on */
	bool show_pause, show_again;
	bool show_language;          /* more than one language */
	/* The Help slot (next to Home) is in the bar when the content has a help page; show_help:
	 * a target (the kiosk's screens with a bar). */
	bool help_slot, show_help;
	int min_body_px;             /* body text at least this size (visual angle rule), 0: none */
	/* The content language is written right to left (bidi.h lang_is_rtl): mirror the
	 * page and the nav bar, right-align text, and swap the Back and Next icons so each
	 * arrow points the way its page moves. */
	bool rtl;
	/* Hard words: the glossary's word for a bold run text[0..len) of a row, or NULL (the
	 * string must outlive the layout). NULL function: no hard words. Each one found gets
	 * a badge with its own space after the word and a BOX_HARD_WORD after its row. */
	const char *(*hard_word)(void *ctx, const char *text, size_t len);
	void *hard_word_ctx;
} LayoutParams;

typedef struct {
	LayoutScreen *screens; /* owned, at least one */
	size_t screen_count;
	LayoutMetrics metrics;
	bool overflow;         /* a word had to be broken: content is wrong for this size */
	/* When a rule could not hold at full strength, what gave way, as one sentence for the
	 * log ("" when nothing did). Layout degrades in this order and never breaks a word:
	 * 1. the bottom bar's words shrink, to 3/4 of the default body size;
	 * 2. the gaps between its buttons narrow, to half a margin;
	 * 3. the words in its buttons come nearer their sides (half the inner padding);
	 * 4. the bar takes two rows (speech tools and Settings above);
	 * 5. the page number shrinks until it fits its slot without cutting a word;
	 * 6. only then, on absurd sizes, buttons are squeezed below the target size and
	 *    overflow is set. Rows never shrink: they go to the next screen. */
	char degraded[256];
} LayoutPage;

void layout_metrics(int screen_w, int screen_h, double text_scale, LayoutMetrics *out);
/* Lays a page out; the result is owned by the caller (layout_page_destroy). The page and
 * params' strings must outlive the result (boxes borrow them). Never returns NULL. */
LayoutPage *layout_page(const ContentPage *page, const LayoutParams *params);
void layout_page_destroy(LayoutPage *lp); /* NULL is a no-op */
/* The text drawn in a box (text or label), never NULL. */
const char *layout_box_text(const LayoutBox *box);
/* The focusable box under a point on a screen, or NULL; a hard word's target wins over the
 * row it lies in. */
const LayoutBox *layout_hit(const LayoutScreen *screen, int x, int y);
/* Greedy line breaking of one text into lines no wider than max_w, used by layout_page and
 * exposed for tests: fills words[] (caller frees with free()) and returns the line count. */
int layout_break_text(const char *text, const ContentSpan *spans, size_t span_count, int px,
		      int x, int y, int max_w, int line_height, LayoutMeasureFn measure, void *ctx,
		      LayoutWord **words, size_t *word_count, bool *overflow);

#endif
