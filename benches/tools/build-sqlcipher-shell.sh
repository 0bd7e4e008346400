#!/usr/bin/env bash
# Builds the SQLCipher command-line shell the export benchmark compares against: the same
# SQLCipher amalgamation rusqlite bundles (libsqlite3-sys), with shell.c from the SQLite sources
# node-sqlite3 ships on npm (this machine reaches package registries only). Debian's sqlcipher
# package is 3.4 and cannot open a SQLCipher 4 file.
# Usage: benches/tools/build-sqlcipher-shell.sh OUT_DIR   → OUT_DIR/sqlcipher-shell
set -euo pipefail
out=$(realpath "${1:-target/sqlcipher-shell}")
mkdir -p "$out"
cd "$out"
amalgamation=$(ls -d "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/libsqlite3-sys-*/sqlcipher | sort -V | tail -1)
cp "$amalgamation/sqlite3.c" "$amalgamation/sqlite3.h" .
if [ ! -f shell.c ]; then
  npm pack sqlite3@6.0.1 >/dev/null
  tar xzf sqlite3-6.0.1.tgz
  tar xzf package/deps/sqlite-autoconf-*.tar.gz
  cp sqlite-autoconf-*/shell.c .
fi
cat > shim.c <<'C'
#include "sqlite3.h"
/* shell.c is from SQLite 3.52; the SQLCipher amalgamation (3.50) lacks these helpers. */
void sqlite3_str_free(sqlite3_str *p) { sqlite3_free(sqlite3_str_finish(p)); }
int sqlite3_db_status64(sqlite3 *db, int op, sqlite3_int64 *cur, sqlite3_int64 *hi, int reset) {
  int c = 0, h = 0;
  int rc = sqlite3_db_status(db, op, &c, &h, reset);
  *cur = c; *hi = h;
  return rc;
}
C
gcc -O2 -D_GNU_SOURCE -include stdint.h -DSQLITE_THREADSAFE=1 -DHAVE_USLEEP=1 -DSQLITE_HAS_CODEC \
  -DSQLCIPHER_CRYPTO_OPENSSL -DSQLITE_TEMP_STORE=2 -DSQLITE_EXTRA_INIT=sqlcipher_extra_init \
  -DSQLITE_EXTRA_SHUTDOWN=sqlcipher_extra_shutdown -DSQLITE_DBSTATUS_TEMPBUF_SPILL=13 \
  -DSQLITE_DBCONFIG_FP_DIGITS=1023 -DSQLITE_LIMIT_PARSER_DEPTH=12 -I. shell.c sqlite3.c shim.c \
  -o sqlcipher-shell -lcrypto -lpthread -ldl -lm
echo "PRAGMA cipher_version;" | ./sqlcipher-shell
