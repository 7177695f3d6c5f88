#!/bin/sh
# The `orden` command line as an operator uses it. Prints TAP.
set -u
BIN=${ORDEN_BIN:-build/asan/orden}
export ORDEN_TEST_FAST_HASH=1
T=$(mktemp -d /tmp/orden-cli-XXXXXX)
trap 'rm -rf "$T"' EXIT
n=0
ok()   { n=$((n + 1)); echo "ok $n - $1"; }
nok()  { n=$((n + 1)); echo "not ok $n - $1"; shift; for l in "$@"; do echo "# $l"; done; }
check() { desc=$1; shift; if "$@"; then ok "$desc"; else nok "$desc"; fi; }
count() { sqlite3 "$DB" "$1"; }

DB=$T/orden.db

# help
out=$("$BIN" --help 2>&1); rc=$?
check "orden --help exits 0" [ $rc -eq 0 ]
for sub in init demo serve import token audit user; do
	echo "$out" | grep -q "$sub" || nok "--help mentions $sub"
done
for sub in init demo serve "import units" "import people" "token create" "audit verify"; do
	# shellcheck disable=SC2086
	"$BIN" $sub --help >/dev/null 2>&1; rc=$?
	check "orden $sub --help exits 0" [ $rc -eq 0 ]
done
"$BIN" frobnicate >/dev/null 2>&1; rc=$?
check "unknown subcommand is a usage error (2)" [ $rc -eq 2 ]

# init
out=$("$BIN" init --db "$DB" --tenant "Testvik kommune" 2>&1); rc=$?
check "init creates a database" [ $rc -eq 0 -a -f "$DB" ]
check "init prints the admin login" sh -c "echo \"\$1\" | grep -q admin" _ "$out"
check "init stores no clear-text password" [ "$(count "SELECT count(*) FROM people WHERE password_hash LIKE '\$argon2id\$%'")" = 1 ]
"$BIN" init --db "$DB" --tenant "Testvik kommune" >/dev/null 2>&1; rc=$?
check "init refuses an existing tenant" [ $rc -ne 0 ]

# import units
printf 'code,name,parent_code\nHO,Helse og omsorg,\nSH,Sykehjemmet,HO\nHT,Hjemmetjenesten,HO\n' > "$T/units.csv"
"$BIN" import units --db "$DB" "$T/units.csv" >/dev/null 2>&1; rc=$?
check "import units" [ $rc -eq 0 ]
before=$(count "SELECT count(*) FROM units")
printf 'code,name,parent_code\nX1,Ny,HO\nX2,Foreldreløs,NOPE\n' > "$T/bad.csv"
err=$("$BIN" import units --db "$DB" "$T/bad.csv" 2>&1 >/dev/null); rc=$?
check "bad unit row fails" [ $rc -ne 0 ]
check "bad unit row names FILE:LINE" sh -c "echo \"\$1\" | grep -q \"^\$2:3: \"" _ "$err" "$T/bad.csv"
check "bad unit file imports nothing" [ "$(count "SELECT count(*) FROM units")" = "$before" ]
printf 'code,name,parent_code\nA,En,B\nB,To,A\n' > "$T/cycle.csv"
"$BIN" import units --db "$DB" "$T/cycle.csv" >/dev/null 2>&1; rc=$?
check "a cycle is refused" [ $rc -ne 0 ]
printf 'code,name,parent_code\nSH,Sykehjemmet avd. Nord,HO\nNY,Ny enhet,SH2\nSH2,Sykehjem 2,HO\n' > "$T/re.csv"
"$BIN" import units --db "$DB" "$T/re.csv" >/dev/null 2>&1; rc=$?
check "re-import updates and parents may come later" [ $rc -eq 0 -a "$(count "SELECT name FROM units WHERE code='SH'")" = "Sykehjemmet avd. Nord" ]

# import people
printf 'login,name,email,unit_code,roles,party\nkari,Kari Nordmann,kari@example.org,SH,leader;employee,\nola,Ola Nordmann,,HT,employee,Sp\n' > "$T/people.csv"
"$BIN" import people --db "$DB" "$T/people.csv" >/dev/null 2>&1; rc=$?
check "import people" [ $rc -eq 0 -a "$(count "SELECT count(*) FROM people WHERE login IN ('kari','ola')")" = 2 ]
check "roles are granted" [ "$(count "SELECT count(*) FROM role_assignments r JOIN people p ON p.id=r.person_id WHERE p.login='kari'")" -ge 2 ]
printf 'login,name,email,unit_code,roles,party\nper,Per,,HT,employee,\nlise,Lise,,HT,emperor,\n' > "$T/badp.csv"
err=$("$BIN" import people --db "$DB" "$T/badp.csv" 2>&1 >/dev/null); rc=$?
check "unknown role fails with FILE:LINE" sh -c "[ $rc -ne 0 ] && echo \"\$1\" | grep -q \"^\$2:3: \"" _ "$err" "$T/badp.csv"
check "nothing from the bad people file" [ "$(count "SELECT count(*) FROM people WHERE login='per'")" = 0 ]
printf 'login,name,email,unit_code,roles,party\n"unterminated,Per,,HT,employee,\n' > "$T/badq.csv"
err=$("$BIN" import people --db "$DB" "$T/badq.csv" 2>&1 >/dev/null); rc=$?
check "broken CSV quoting fails with FILE:LINE" sh -c "[ $rc -ne 0 ] && echo \"\$1\" | grep -q \"^\$2:[0-9]*:\"" _ "$err" "$T/badq.csv"

# token
out=$("$BIN" token create --db "$DB" --login kari 2>&1); rc=$?
tok=$(echo "$out" | tail -n 1)
check "token create prints a token last" sh -c "[ $rc -eq 0 ] && echo \"\$1\" | grep -Eq '^orden_[A-Za-z0-9_-]{40,}$'" _ "$tok"
check "only the token's hash is stored" [ "$(count "SELECT count(*) FROM api_tokens WHERE token_hash = '$tok'")" = 0 ]
"$BIN" token create --db "$DB" --login nobody >/dev/null 2>&1; rc=$?
check "token for an unknown login fails" [ $rc -ne 0 ]

# audit
out=$("$BIN" audit verify --db "$DB" 2>&1); rc=$?
check "audit verify passes on an intact log" [ $rc -eq 0 ]
rows=$(count "SELECT count(*) FROM audit_log")
check "org changes were audited" [ "$rows" -ge 5 ]
cp "$DB" "$T/edit.db"
sqlite3 "$T/edit.db" "UPDATE audit_log SET detail='tampered' WHERE seq=3 AND tenant_id=(SELECT min(tenant_id) FROM audit_log)"
out=$("$BIN" audit verify --db "$T/edit.db" 2>&1); rc=$?
check "an edited row is found" sh -c "[ $rc -ne 0 ] && echo \"\$1\" | grep -q 3" _ "$out"
cp "$DB" "$T/del.db"
sqlite3 "$T/del.db" "DELETE FROM audit_log WHERE seq=2"
"$BIN" audit verify --db "$T/del.db" >/dev/null 2>&1; rc=$?
check "a deleted row is found" [ $rc -ne 0 ]
cp "$DB" "$T/tail.db"
sqlite3 "$T/tail.db" "DELETE FROM audit_log WHERE id=(SELECT max(id) FROM audit_log)"
"$BIN" audit verify --db "$T/tail.db" >/dev/null 2>&1; rc=$?
check "a removed last row is found" [ $rc -ne 0 ]

# demo
D2=$T/demo.db
out=$("$BIN" demo --db "$D2" 2>&1); rc=$?
check "demo creates a municipality" [ $rc -eq 0 ]
check "demo has the four sector areas" [ "$(sqlite3 "$D2" "SELECT count(*) FROM units WHERE name IN ('Oppvekst og opplæring','Helse og omsorg','Økonomistyring og infrastruktur','Kultur, samfunn og organisasjon')")" = 4 ]
for r in chief_executive mayor opposition_leader formannskap quality hr chief_safety_rep leader employee admin; do
	c=$(sqlite3 "$D2" "SELECT count(*) FROM role_assignments WHERE role='$r'")
	check "demo has someone with role $r" [ "$c" -ge 1 ]
done
check "demo prints the logins" sh -c "echo \"\$1\" | grep -q 'demo-passord-2026'" _ "$out"
"$BIN" demo --db "$D2" >/dev/null 2>&1; rc=$?
check "demo a second time changes nothing" [ $rc -eq 0 ]
echo "1..$n"
