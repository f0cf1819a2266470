/* nav: where the visitor is (page and screen) and how they got there (history), so Back,
 * Home and Next behave the same from touch, keys and switches. Core module: no SDL. */
#ifndef NAV_H
#define NAV_H

#include <stdbool.h>
#include <stddef.h>

#define NAV_HISTORY_MAX 64

typedef struct {
	char page[128];
	int screen; /* 0-based */
} NavPlace;

typedef struct {
	char home[128];
	NavPlace current;
	NavPlace history[NAV_HISTORY_MAX];
	int depth;
} Nav;

/* Starts at the home page, screen 0, empty history. */
void nav_init(Nav *nav, const char *home);
/* Opens a page (pushes the current place). Returns false if the name is too long. */
bool nav_open(Nav *nav, const char *page);
/* Home: pushes the current place (so Back returns), unless already on home screen 0. */
void nav_home(Nav *nav);
/* Back: the previous screen of this page, else the previous place in history.
 * Returns false when there is nowhere to go back to. */
bool nav_back(Nav *nav);
/* Next screen of this page when there is one (screen_count of the current page). */
bool nav_next(Nav *nav, int screen_count);
bool nav_can_go_back(const Nav *nav);
bool nav_is_home(const Nav *nav);
/* Keeps the screen index inside 0..screen_count-1 (after a resize or text size change). */
void nav_clamp(Nav *nav, int screen_count);
/* Forgets history and goes home (the reset between visitors). */
void nav_reset(Nav *nav);

#endif
