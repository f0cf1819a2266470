/* action: what a press on one of the kiosk's own buttons does. screens.c puts an action on
 * the row it makes, layout.c copies it onto the row's box, kiosk.c dispatches it through one
 * handler table. A content page's buttons carry no action (ACT_NONE): their link names the
 * page they open. So no action ever travels as a string, and a content file cannot name one.
 * Core, no SDL. */
#ifndef ACTION_H
#define ACTION_H

typedef enum {
	ACT_NONE,
	ACT_OPEN_PAGE,
	ACT_PIN_DIGIT, /* arg: the digit */
	ACT_PIN_DELETE,
	ACT_PIN_OK,
	ACT_PIN_CANCEL,
	ACT_LANGUAGE,  /* the language screen's choice: link is the language code */
	ACT_CLOSE,     /* a pop-up's Close */
	ACT_DONE,      /* Settings' Done */
	ACT_SMALLER,   /* Settings' pairs: each end of a range on a button of its own */
	ACT_LARGER,
	ACT_THEME,
	ACT_SPEECH,
	ACT_READ_ON_OPEN,
	ACT_SLOWER,
	ACT_FASTER,
	ACT_LOUDER,
	ACT_QUIETER,
	ACT_SCAN_SPEED,
	ACT_NEXT_LANGUAGE,
	ACT_RELOAD,
	ACT_QUIT,
	ACT_STAFF_DONE,
	ACT_TAKE_HOME,     /* Take it home: the page's QR code (and Print) */
	ACT_PRINT,
	ACT_HELP_CALL,     /* Call someone to help me */
	ACT_DWELL_YES,     /* the walk-up question: choose by keeping still */
	ACT_DWELL_NO,
	ACT_SWITCHES,      /* Settings: 1 switch (auto) or 2 switches (step) */
	ACT_SCAN_LABELS,
	ACT_DWELL,
	ACT_ASK_FOR_HELP,  /* the bar's Help: open the help page ([help] page), Back returns */
	ACT_COUNT
} KioskAction;

#endif
