build2/src/share.o: src/share.c src/share.h src/kiosk.h src/content.h \
 src/diag.h src/settings.h src/dwell.h src/scan.h src/session.h \
 src/glossary.h src/layout.h src/narrate.h src/recording.h src/nav.h \
 src/usage.h src/words.h src/export.h src/helpcall.h src/qr.h \
 src/screens.h src/util.h
src/share.h:
src/kiosk.h:
src/content.h:
src/diag.h:
src/settings.h:
src/dwell.h:
src/scan.h:
src/session.h:
src/glossary.h:
src/layout.h:
src/narrate.h:
src/recording.h:
src/nav.h:
src/usage.h:
src/words.h:
src/export.h:
src/helpcall.h:
src/qr.h:
src/screens.h:
src/util.h:
