/* words: a tiny "key = text" reader (inih) for the kiosk's button words per language. The
 * page number format comes from content files, so it is checked here: exactly two %d. */
#include "words.h"

#include <ctype.h>
#include <ini.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "util.h"

/* Every word: its key in words.txt, where it lives in Words, its English default, and how
 * many %d it must have (the formats reach snprintf); ANY_TEXT: plain words, no check. */
#define ANY_TEXT (-1)
#define FIELD(name) offsetof(Words, name), sizeof(((Words *)0)->name)
#define ITEM(array, i) offsetof(Words, array) + (i) * WORDS_MAX, WORDS_MAX
#define FORM(array, i) offsetof(Words, array) + (i) * sizeof(((Words *)0)->array[0]), sizeof(((Words *)0)->array[0])
/* A plural rule: checked with words_plural_rule_valid, never given to snprintf. */
#define RULE (-2)

static const struct {
	const char *key;
	size_t offset, size;
	int numbers;
	const char *english;
} word_keys[] = {
	{"name", FIELD(name), ANY_TEXT, "English"},
	{"home", FIELD(home), ANY_TEXT, "Home"},
	{"back", FIELD(back), ANY_TEXT, "Back"},
	{"next", FIELD(next), ANY_TEXT, "Next"},
	{"listen", FIELD(listen), ANY_TEXT, "Listen"},
	{"stop", FIELD(stop), ANY_TEXT, "Stop"},
	{"pause", FIELD(pause), ANY_TEXT, "Pause"},
	{"go_on", FIELD(go_on), ANY_TEXT, "Go on"},
	{"again", FIELD(again), ANY_TEXT, "Again"},
	{"settings", FIELD(settings), ANY_TEXT, "Settings"},
	{"language", FIELD(language), ANY_TEXT, "Language"},
	{"help", FIELD(help), ANY_TEXT, "Help"},
	{"page_of", FIELD(page_of), 2, "Page %d of %d"},
	{"close", FIELD(close), ANY_TEXT, "Close"},
	{"hard_word_prompt", FIELD(hard_word_prompt), ANY_TEXT, "What does this mean"},
	{"in_default", FIELD(in_default), 0, "This page is in English."},
	{"attract_touch", FIELD(attract_touch), 0, "**Touch the screen** to start."},
	{"attract_switch", FIELD(attract_switch), 0, "Or **press your switch**."},
	{"attract_listen", FIELD(attract_listen), 0, "You can listen to every page."},
	{"warning_title", FIELD(warning_title), 0, "Are you still there?"},
	{"warning_touch", FIELD(warning_touch), 0, "**Touch the screen** or press any key or switch to carry on."},
	{"plural_one", FORM(plural_rule, PLURAL_ONE), RULE, "n = 1"},
	{"plural_two", FORM(plural_rule, PLURAL_TWO), RULE, ""},
	{"plural_few", FORM(plural_rule, PLURAL_FEW), RULE, ""},
	{"plural_many", FORM(plural_rule, PLURAL_MANY), RULE, ""},
	{"warning_countdown.one", FORM(warning_countdown_forms, PLURAL_ONE), 1,
	 "In **%d second** the screen will go back to the start for the next person."},
	{"warning_countdown.two", FORM(warning_countdown_forms, PLURAL_TWO), 1, ""},
	{"warning_countdown.few", FORM(warning_countdown_forms, PLURAL_FEW), 1, ""},
	{"warning_countdown.many", FORM(warning_countdown_forms, PLURAL_MANY), 1, ""},
	{"warning_countdown", FIELD(warning_countdown), 1,
	 "In **%d seconds** the screen will go back to the start for the next person."},
	{"sorry_title", FIELD(sorry_title), 0, "Sorry"},
	{"sorry_text", FIELD(sorry_text), 0, "Sorry, this page cannot be shown."},
	{"sorry_help", FIELD(sorry_help), 0, "Please press **Back** or **Home**, or ask at the desk."},
	{"text_size", FIELD(text_size), 0, "Text size"},
	{"size_normal", ITEM(size_words, 0), 0, "normal"},
	{"size_large", ITEM(size_words, 1), 0, "large"},
	{"size_largest", ITEM(size_words, 2), 0, "largest"},
	{"colours", FIELD(colours), 0, "Colours"},
	{"theme_cream", ITEM(theme_words, 0), 0, "dark on cream"},
	{"theme_yellow_on_black", ITEM(theme_words, 1), 0, "yellow on black"},
	{"theme_white_on_blue", ITEM(theme_words, 2), 0, "white on blue"},
	{"speech", FIELD(speech), 0, "Speech"},
	{"on", FIELD(on), 0, "on"},
	{"off", FIELD(off), 0, "off"},
	{"read_on_open", FIELD(read_on_open), 0, "Read each page when it opens"},
	{"yes", FIELD(yes), 0, "yes"},
	{"no", FIELD(no), 0, "no"},
	{"speed", FIELD(speed), 0, "Speaking speed"},
	{"rate_slow", ITEM(rate_words, 0), 0, "slow"},
	{"rate_normal", ITEM(rate_words, 1), 0, "normal"},
	{"rate_fast", ITEM(rate_words, 2), 0, "fast"},
	{"louder", FIELD(louder), 0, "Louder"},
	{"quieter", FIELD(quieter), 0, "Quieter"},
	{"volume_of", FIELD(volume_of), 2, "volume %d of %d"},
	{"switch_speed", FIELD(switch_speed), 0, "Switch speed: one step every"},
	{"done", FIELD(done), 0, "Done: back to the page"},
	{"smaller", FIELD(smaller), 0, "Smaller text"},
	{"larger", FIELD(larger), 0, "Larger text"},
	{"smallest", FIELD(smallest), 0, "smallest now"},
	{"largest", FIELD(largest), 0, "largest now"},
	{"slower", FIELD(slower), 0, "Slower"},
	{"faster", FIELD(faster), 0, "Faster"},
	{"slowest", FIELD(slowest), 0, "slowest now"},
	{"fastest", FIELD(fastest), 0, "fastest now"},
	{"quietest", FIELD(quietest), 0, "quietest now"},
	{"loudest", FIELD(loudest), 0, "loudest now"},
	{"now", FIELD(now), 0, "now"},
	{"more_next", FIELD(more_next), 0, "Touch Next to hear more."},
	{"take_home", FIELD(take_home), 0, "Take this page home"},
	{"point_camera", FIELD(point_camera), 0, "**Point your phone camera here.**"},
	{"print", FIELD(print), 0, "Print this page"},
	{"printing", FIELD(printing), 0, "Your page is printing. Please take it from the printer."},
	{"print_failed", FIELD(print_failed), 0, "Sorry, the printer is not working now. Please ask at the desk."},
	{"back_to_page", FIELD(back_to_page), 0, "Back to the page"},
	{"help_call", FIELD(help_call), 0, "Call someone to help me"},
	{"help_calling", FIELD(help_calling), 0, "We are calling someone. Please wait."},
	{"help_coming", FIELD(help_coming), 0, "**Someone is coming to help you.** Please wait here."},
	{"help_desk", FIELD(help_desk), 0, "**Please go to the desk.** We could not call anyone from here."},
	{"dwell", FIELD(dwell), 0, "Choose by keeping the pointer still"},
	{"dwell_off", FIELD(dwell_off), 0, "off"},
	{"switches", FIELD(switches), 0, "Switches"},
	{"switches_one", FIELD(switches_one), 0, "1 (the light moves by itself)"},
	{"switches_two", FIELD(switches_two), 0, "2 (one moves, one chooses)"},
	{"scan_labels", FIELD(scan_labels), 0, "Say what lights up"},
	{"scan_paused", FIELD(scan_paused), 0, "Press your switch to go on"},
	{"dwell_offer_title", FIELD(dwell_offer_title), 0, "Do you want to choose by keeping still?"},
	{"dwell_offer_text", FIELD(dwell_offer_text), 0, "Keep the pointer still on a button. The button presses itself."},
	{"dwell_offer_yes", FIELD(dwell_offer_yes), 0, "Yes, choose by keeping still"},
	{"dwell_offer_no", FIELD(dwell_offer_no), 0, "No, thank you"},
};

static void set_word(Words *w, size_t i, const char *text)
{
	snprintf((char *)w + word_keys[i].offset, word_keys[i].size, "%s", text);
}

void words_defaults(Words *w)
{
	memset(w, 0, sizeof(*w));
	for (size_t i = 0; i < ARRAY_LEN(word_keys); i++)
		set_word(w, i, word_keys[i].english);
}

typedef struct {
	Words *w;
	const char *path;
	DiagList *diags;
	int line;
	FILE *f;
	bool set[ARRAY_LEN(word_keys)]; /* the keys this file gave */
} Reader;

/* ---- plural rules ------------------------------------------------------------------------
 * A tiny recursive-descent reader of CLDR-style conditions on a whole number n:
 *   rule = and { "or" and } ;  and = rel { "and" rel } ;
 *   rel  = "n" [ "%" number ] ( "=" | "!=" ) range { "," range } ;  range = number [ ".." number ]
 * It evaluates while it reads; p->bad is set on anything else. */
typedef struct {
	const char *s;
	long n;
	bool bad;
} RuleReader;

static void skip_spaces(RuleReader *p)
{
	while (*p->s == ' ' || *p->s == '\t')
		p->s++;
}

static bool take(RuleReader *p, const char *word)
{
	skip_spaces(p);
	size_t len = strlen(word);
	if (strncmp(p->s, word, len) != 0)
		return false;
	/* a word ("and", "or") must end there; a sign ("=", "..") need not */
	if (isalpha((unsigned char)word[0]) && isalnum((unsigned char)p->s[len]))
		return false;
	p->s += len;
	return true;
}

static long number(RuleReader *p)
{
	skip_spaces(p);
	if (!isdigit((unsigned char)*p->s)) {
		p->bad = true;
		return 0;
	}
	long v = 0;
	while (isdigit((unsigned char)*p->s) && v < 100000000)
		v = v * 10 + (*p->s++ - '0');
	return v;
}

static bool relation(RuleReader *p)
{
	if (!take(p, "n")) {
		p->bad = true;
		return false;
	}
	long v = p->n < 0 ? -p->n : p->n;
	if (take(p, "%")) {
		long m = number(p);
		if (m <= 0) {
			p->bad = true;
			return false;
		}
		v %= m;
	}
	bool negate = take(p, "!=");
	if (!negate && !take(p, "=")) {
		p->bad = true;
		return false;
	}
	bool in = false;
	do {
		long lo = number(p), hi = lo;
		if (take(p, ".."))
			hi = number(p);
		if (lo <= v && v <= hi)
			in = true;
	} while (!p->bad && take(p, ","));
	return negate ? !in : in;
}

static bool and_condition(RuleReader *p)
{
	bool all = relation(p);
	while (!p->bad && take(p, "and"))
		all = relation(p) && all; /* read every relation, even when one is false */
	return all;
}

/* 1 when rule holds for n, 0 when not, -1 when it is not a rule. */
static int rule_holds(const char *rule, long n)
{
	RuleReader p = {rule, n, false};
	bool any = and_condition(&p);
	while (!p.bad && take(&p, "or"))
		any = and_condition(&p) || any;
	skip_spaces(&p);
	if (p.bad || *p.s != '\0')
		return -1;
	return any ? 1 : 0;
}

bool words_plural_rule_valid(const char *rule)
{
	return rule && *rule && rule_holds(rule, 0) >= 0;
}

PluralForm words_plural(const Words *w, long n)
{
	for (int f = 0; f < PLURAL_FORMS; f++)
		if (w->plural_rule[f][0] && rule_holds(w->plural_rule[f], n) == 1)
			return (PluralForm)f;
	return PLURAL_OTHER;
}

const char *words_countdown(const Words *w, int seconds)
{
	PluralForm f = words_plural(w, seconds);
	if (f != PLURAL_OTHER && w->warning_countdown_forms[f][0])
		return w->warning_countdown_forms[f];
	return w->warning_countdown;
}

static char *reader_gets(char *str, int num, void *stream)
{
	Reader *r = stream;
	char *s = fgets(str, num, r->f);
	if (s)
		r->line++;
	return s;
}

/* How many %d a format has; -1 when it has any other % directive (content files must not
 * reach printf with anything else). */
static int count_numbers(const char *fmt)
{
	int d = 0;
	for (const char *p = fmt; *p; p++) {
		if (*p != '%')
			continue;
		if (p[1] == 'd')
			d++;
		else if (p[1] != '%')
			return -1;
		p++;
	}
	return d;
}

static int handler(void *user, const char *section, const char *key, const char *value)
{
	Reader *r = user;
	(void)section;
	if (!utf8_valid(value, strlen(value), NULL)) {
		diag_add(r->diags, DIAG_WARNING, r->path, r->line, 0, "'%s' is not UTF-8 text and is ignored", key);
		return 1;
	}
	for (size_t i = 0; i < ARRAY_LEN(word_keys); i++) {
		if (strcmp(key, word_keys[i].key) != 0)
			continue;
		/* Too long is refused whole: cutting could leave a lone % for snprintf or half a
		 * UTF-8 character on screen. */
		if (strlen(value) >= word_keys[i].size) {
			diag_add(r->diags, DIAG_WARNING, r->path, r->line, 0,
				 "'%s' is longer than %zu bytes and is ignored (keep the kiosk's words short)", key,
				 word_keys[i].size - 1);
			return 1;
		}
		int want = word_keys[i].numbers;
		if (want == RULE) {
			if (*value && !words_plural_rule_valid(value)) {
				diag_add(r->diags, DIAG_WARNING, r->path, r->line, 0,
					 "'%s' is not a plural rule like \"n %% 10 = 2..4 and n %% 100 != 12..14\": ignored",
					 key);
				return 1;
			}
			set_word(r->w, i, value);
			r->set[i] = true;
			return 1;
		}
		if (want != ANY_TEXT && count_numbers(value) != want) {
			if (want == 2 && strcmp(key, "page_of") == 0)
				diag_add(r->diags, DIAG_WARNING, r->path, r->line, 0,
					 "page_of needs two %%d, for the screen and the count (like \"Page %%d of %%d\")");
			else
				diag_add(r->diags, DIAG_WARNING, r->path, r->line, 0,
					 "'%s' must have %d %%d (where the number goes) and no other %%: ignored", key,
					 want);
			return 1;
		}
		set_word(r->w, i, value);
		r->set[i] = true;
		return 1;
	}
	diag_add(r->diags, DIAG_WARNING, r->path, r->line, 0, "unknown word '%s' is ignored", key);
	return 1;
}

bool words_load(Words *w, const char *path, DiagList *diags)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return true;
	Reader r = {.w = w, .path = path, .diags = diags, .line = 0, .f = f};
	int rc = ini_parse_stream(reader_gets, &r, handler, &r);
	fclose(f);
	/* A language's plural rules and forms replace the ones it had (English): a file that
	 * gives "warning_countdown" but no ".one" means one form for every number, not the
	 * English ".one"; a file that gives any rule gives all the rules it wants. */
	bool rules = false;
	for (size_t i = 0; i < ARRAY_LEN(word_keys); i++)
		rules = rules || (word_keys[i].numbers == RULE && r.set[i]);
	for (size_t i = 0; i < ARRAY_LEN(word_keys); i++) {
		if (r.set[i])
			continue;
		const char *dot = strchr(word_keys[i].key, '.');
		bool base_set = false;
		for (size_t b = 0; dot && b < ARRAY_LEN(word_keys); b++)
			if (strlen(word_keys[b].key) == (size_t)(dot - word_keys[i].key) &&
			    strncmp(word_keys[b].key, word_keys[i].key, (size_t)(dot - word_keys[i].key)) == 0)
				base_set = r.set[b];
		if (base_set || (rules && word_keys[i].numbers == RULE))
			set_word(w, i, "");
	}
	if (rc > 0)
		diag_add(diags, DIAG_WARNING, path, rc, 0, "this line is not 'word = text' and is ignored");
	return true;
}
