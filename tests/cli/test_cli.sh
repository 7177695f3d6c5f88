#!/bin/sh
# The `orden` command line as an operator uses it. Prints TAP.
set -u
BIN=${ORDEN_BIN:-build/asan/orden}
export ORDEN_TEST_FAST_HASH=1
T=$(mktemp -d /tmp/orden-cli-XXXXXX)
trap 'rm -rf "$T"' EXIT
. "$(dirname "$0")/tap.sh"
count() { sqlite3 "$DB" "$1"; }

DB=$T/orden.db

# help
out=$("$BIN" --help 2>&1); rc=$?
check "orden --help exits 0" [ $rc -eq 0 ]
for sub in init demo serve import token audit user tick check; do
	echo "$out" | grep -q "$sub" || nok "--help mentions $sub"
done
for sub in init demo serve "import units" "import people" "import deviations" "token create" "audit verify" tick "check counts"; do
	# shellcheck disable=SC2086
	"$BIN" $sub --help >/dev/null 2>&1; rc=$?
	check "orden $sub --help exits 0" [ $rc -eq 0 ]
done
# The environment an operator sets is in the help (issue 11 item 4).
# The public URL and the mail relay are what an operator sets in the first
# week (links in mails, e-mail at all); the rest of serve's is in its help.
for v in ORDEN_DB ORDEN_AUDIT_KEY ORDEN_LISTEN ORDEN_TRUSTED_PROXY ORDEN_PER_ADDRESS ORDEN_UPLOAD_SPACE ORDEN_PUBLIC_URL ORDEN_SMTP_URL ORDEN_SMTP_FROM ORDEN_SSO_CLIENT_SECRET; do
	echo "$out" | grep -q "$v" || nok "orden --help lists $v"
done
echo "$out" | grep -q "orden serve --help"; rc=$?
check "orden --help points to serve --help for the rest of its environment" [ $rc -eq 0 ]
# The overview says all a subcommand does, not its first verb only.
echo "$out" | grep -q "^  token .*create, list, revoke"; rc=$?
check "orden --help: token creates, lists and revokes" [ $rc -eq 0 ]
echo "$out" | grep -q "^  audit .*export its head"; rc=$?
check "orden --help: audit also exports its head" [ $rc -eq 0 ]
"$BIN" serve --help 2>&1 | grep -q ORDEN_AUDIT_KEY; rc=$?
check "orden serve --help names ORDEN_AUDIT_KEY" [ $rc -eq 0 ]
# The operator's language: Norwegian when LANG asks for it, English in C.
LANG=nb_NO.UTF-8 LC_ALL= LC_MESSAGES= "$BIN" --help 2>&1 | grep -q "^Bruk: orden KOMMANDO"; rc=$?
check "LANG=nb_NO gives the help in bokmål" [ $rc -eq 0 ]
LANG=nn_NO.UTF-8 LC_ALL= LC_MESSAGES= "$BIN" token --help 2>&1 | grep -q "BRUKARNAMN"; rc=$?
check "LANG=nn_NO gives orden token --help in nynorsk" [ $rc -eq 0 ]
LANG=C.UTF-8 LC_ALL= LC_MESSAGES= "$BIN" --help 2>&1 | grep -q "^Usage: orden COMMAND"; rc=$?
check "LANG=C.UTF-8 gives the help in English" [ $rc -eq 0 ]
"$BIN" frobnicate >/dev/null 2>&1; rc=$?
check "unknown subcommand is a usage error (2)" [ $rc -eq 2 ]

# init
out=$("$BIN" init --db "$DB" --tenant "Testvik kommune" 2>&1); rc=$?
check "init creates a database" [ $rc -eq 0 -a -f "$DB" ]
check "init prints the admin login" sh -c "echo \"\$1\" | grep -q admin" _ "$out"
check "init stores no clear-text password" [ "$(count "SELECT count(*) FROM people WHERE password_hash LIKE '\$argon2id\$%'")" = 1 ]
"$BIN" init --db "$DB" --tenant "Testvik kommune" >/dev/null 2>&1; rc=$?
check "init refuses an existing tenant" [ $rc -ne 0 ]
check "init seeds the default deviation categories" [ "$(count "SELECT count(*) FROM categories WHERE code IN ('bruker','bygg','hms','vold','tjenesteproduksjon','personvern','legemiddel','fall')")" = 8 ]

# webhook (issue 17): bad input is a usage error naming the flag, and nothing is saved
"$BIN" webhook --help >/dev/null 2>&1; rc=$?
check "orden webhook --help exits 0" [ $rc -eq 0 ]
err=$("$BIN" webhook add --db "$DB" --url https://10.0.0.7/x --events deviation.closed 2>&1); rc=$?
check "webhook add refuses a private address (2)" [ $rc -eq 2 ]
check "webhook add names --url" sh -c "echo \"\$1\" | grep -q -- '--url'" _ "$err"
err=$("$BIN" webhook add --db "$DB" --url https://hooks.example/x --events deviation.closed,whistle.reported 2>&1); rc=$?
check "webhook add refuses an unknown event (2)" [ $rc -eq 2 ]
check "webhook add names the unknown event" sh -c "echo \"\$1\" | grep -q whistle.reported" _ "$err"
check "nothing saved after refusals" [ "$(count "SELECT count(*) FROM webhooks")" = 0 ]
out=$("$BIN" webhook add --db "$DB" --url https://hooks.example/x --events deviation.reported,deviation.closed 2>&1); rc=$?
check "webhook add" [ $rc -eq 0 ]
secret=$(echo "$out" | grep -E '^[0-9a-f]{64}$')
check "webhook add prints the secret once" [ -n "$secret" ]
check "the secret is stored sealed" [ "$(count "SELECT count(*) FROM webhooks WHERE secret LIKE '%$secret%'")" = 0 ]
"$BIN" webhook list --db "$DB" 2>&1 | grep -q "https://hooks.example/x	deviation.reported,deviation.closed"; rc=$?
check "webhook list shows it" [ $rc -eq 0 ]
"$BIN" webhook test --db "$DB" --id 1 >/dev/null 2>&1; rc=$?
check "webhook test queues a ping" [ $rc -eq 0 -a "$(count "SELECT count(*) FROM webhook_deliveries WHERE event = 'ping'")" = 1 ]
"$BIN" webhook deliveries --db "$DB" 2>&1 | grep -q "	ping	.*	waiting	"; rc=$?
check "webhook deliveries lists it" [ $rc -eq 0 ]
"$BIN" webhook remove --db "$DB" --id 1 >/dev/null 2>&1; rc=$?
check "webhook remove" [ $rc -eq 0 ]
"$BIN" webhook remove --db "$DB" --id 1 >/dev/null 2>&1; rc=$?
check "webhook remove of a removed one fails (1)" [ $rc -eq 1 ]
check "webhook actions are audited" [ "$(count "SELECT count(*) FROM audit_log WHERE action IN ('webhook_add','webhook_test','webhook_remove')")" = 3 ]

# import units
printf 'code,name,parent_code\nHO,Helse og omsorg,\nSH,Sykehjemmet,HO\nHT,Hjemmetjenesten,HO\n' > "$T/units.csv"
"$BIN" import units --db "$DB" "$T/units.csv" >/dev/null 2>&1; rc=$?
check "import units" [ $rc -eq 0 ]
before=$(count "SELECT count(*) FROM units")
printf 'code,name,parent_code\nX1,Ny,HO\nX2,Foreldreløs,NOPE\n' > "$T/bad.csv"
err=$("$BIN" import units --db "$DB" "$T/bad.csv" 2>&1 >/dev/null); rc=$?
check "bad unit row fails" [ $rc -ne 0 ]
check "bad unit row names FILE:LINE:COLUMN (parent_code: 3)" sh -c "echo \"\$1\" | grep -q \"^\$2:3:3: unknown parent_code\"" _ "$err" "$T/bad.csv"
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
check "unknown role fails with FILE:LINE:COLUMN (roles: 5)" sh -c "[ $rc -ne 0 ] && echo \"\$1\" | grep -q \"^\$2:3:5: unknown role\"" _ "$err" "$T/badp.csv"
check "nothing from the bad people file" [ "$(count "SELECT count(*) FROM people WHERE login='per'")" = 0 ]
printf 'login,name,email,unit_code,roles,party\n"unterminated,Per,,HT,employee,\n' > "$T/badq.csv"
err=$("$BIN" import people --db "$DB" "$T/badq.csv" 2>&1 >/dev/null); rc=$?
check "broken CSV quoting fails with FILE:LINE" sh -c "[ $rc -ne 0 ] && echo \"\$1\" | grep -q \"^\$2:[0-9]*:\"" _ "$err" "$T/badq.csv"
# An office of one person given to a second person: imported (a handover
# is two holders for a while), but stderr names the line and both holders.
printf 'login,name,email,unit_code,roles,party\nmarit,Marit Ordfoerer,,,mayor;elected,Ap\n' > "$T/mayor1.csv"
err=$("$BIN" import people --db "$DB" "$T/mayor1.csv" 2>&1 >/dev/null); rc=$?
check "the first mayor imports without a warning" [ $rc -eq 0 -a -z "$err" ]
printf 'login,name,email,unit_code,roles,party\nper,Per,,HT,employee,\nhans,Hans Hansen,,,elected;mayor,H\n' > "$T/mayor2.csv"
err=$("$BIN" import people --db "$DB" "$T/mayor2.csv" 2>&1 >/dev/null); rc=$?
check "a second mayor is imported" [ $rc -eq 0 -a "$(count "SELECT count(*) FROM role_assignments r JOIN people p ON p.id=r.person_id WHERE p.login='hans' AND r.role='mayor'")" = 1 ]
check "and warned of with FILE:LINE:COLUMN naming both holders" \
    sh -c "echo \"\$1\" | grep \"^\$2:3:5: warning: \\\"mayor\\\" is an office of one person\" | grep 'Marit Ordfoerer' | grep -q 'Hans Hansen'" _ "$err" "$T/mayor2.csv"
check "only the row that gives the office is warned of" [ "$(echo "$err" | grep -c warning)" = 1 ]

# import deviations (the old system's history)
printf 'login,name,email,unit_code,roles,party\ntrine,Trine Larsen,,HO,leader;employee,\n' > "$T/head.csv"
"$BIN" import people --db "$DB" "$T/head.csv" >/dev/null 2>&1
recent=$(date -u -d '-1 hour' +%Y-%m-%dT%H:%M:%SZ)
H='number,kind,reported_at,occurred_at,unit_code,category,title,description,status,closed_at,reporter_login'
{
	echo "$H"
	echo 'AV-2024-000042,avvik,2024-03-04,2024-03-03,SH,fall,Fall på badet,"Beboer falt på badet, ingen skade.",lukket,2024-03-20,ola'
	echo ",deviation,$recent,,SH,legemiddel,Legemiddel gitt til feil tid,Morgenmedisin gitt to timer for sent.,new,,"
	echo ',forbedringsforslag,2025-01-10,,HT,,Forslag: ny kjørerute,Kortere kjørerute om morgenen.,under behandling,,kari'
} > "$T/dev.csv"
out=$("$BIN" import deviations --db "$DB" "$T/dev.csv" 2>&1); rc=$?
check "import deviations" [ $rc -eq 0 -a "$(count "SELECT count(*) FROM deviations")" = 3 ]
check "an imported number is kept" [ "$(count "SELECT status FROM deviations WHERE number='AV-2024-000042'")" = closed ]
check "an imported closed row keeps its closed_at" [ "$(count "SELECT date(closed_at,'unixepoch') FROM deviations WHERE number='AV-2024-000042'")" = 2024-03-20 ]
# (an improvement proposal is numbered FF-)
check "a row without a number gets one of its year" [ "$(count "SELECT count(*) FROM deviations WHERE number LIKE 'FF-2025-%' AND kind='improvement'")" = 1 ]
before=$(count "SELECT count(*) FROM deviations")
{
	echo "$H"
	echo ',deviation,2025-02-01,,SH,fall,Fall,Fall i gangen,closed,2025-02-03,'
	echo ',deviation,2025-02-01,,NOPE,fall,Fall,Fall i gangen,new,,'
} > "$T/baddev.csv"
err=$("$BIN" import deviations --db "$DB" "$T/baddev.csv" 2>&1 >/dev/null); rc=$?
check "a bad deviation row fails with FILE:LINE:COLUMN: reason" sh -c "[ $rc -eq 1 ] && echo \"\$1\" | grep -q \"^\$2:3:5: unknown unit\"" _ "$err" "$T/baddev.csv"
check "nothing from the bad deviation file" [ "$(count "SELECT count(*) FROM deviations")" = "$before" ]
{
	echo "$H"
	echo 'AV-2024-000042,deviation,2024-05-01,,SH,fall,Fall,Fall,new,,'
} > "$T/dupdev.csv"
err=$("$BIN" import deviations --db "$DB" "$T/dupdev.csv" 2>&1 >/dev/null); rc=$?
check "a number already in the database is refused" sh -c "[ $rc -eq 1 ] && echo \"\$1\" | grep -q ':2:1: number AV-2024-000042 is already in the database'" _ "$err"

# tick
out=$("$BIN" tick --db "$DB" 2>/dev/null); rc=$?
check "tick exits 0 and says how many notifications" sh -c "[ $rc -eq 0 ] && echo \"\$1\" | grep -q 'notifications made'" _ "$out"
# The proposal imported from 2025 is long past its deadline: history, told
# to the leader above in one summary, not a notice of its own.
check "an old deadline reaches the leader above in a summary" [ "$(count "SELECT count(*) FROM notifications n JOIN people p ON p.id=n.person_id WHERE p.login='trine' AND n.kind='overdue_summary' AND n.text='1' AND n.deviation_id IS NULL")" = 1 ]
# Three days on, the medication row's 48 h to acknowledge passed yesterday:
# a notice of its own.
out=$(ORDEN_CLOCK_OFFSET=$((3 * 86400)) "$BIN" tick --db "$DB" 2>/dev/null); rc=$?
made=$(echo "$out" | sed -n 's/^\([0-9]*\) notifications made$/\1/p')
check "tick with a moved clock escalates the overdue deviation" [ $rc -eq 0 -a "${made:-0}" -ge 1 ]
check "escalation reaches the leader above" [ "$(count "SELECT count(*) FROM notifications n JOIN people p ON p.id=n.person_id WHERE p.login='trine' AND n.kind='escalation'")" -ge 1 ]
out=$(ORDEN_CLOCK_OFFSET=$((3 * 86400)) "$BIN" tick --db "$DB" 2>/dev/null)
check "a second tick at the same time makes nothing new" sh -c "echo \"\$1\" | grep -q '^0 notifications made'" _ "$out"
"$BIN" tick --db "$DB" --tenant no.such.host >/dev/null 2>&1; rc=$?
check "tick for an unknown host fails" [ $rc -eq 1 ]

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
cp "$DB" "$T/edit.db"; cp "$DB.audit-key" "$T/edit.db.audit-key"
sqlite3 "$T/edit.db" "UPDATE audit_log SET detail='tampered' WHERE seq=3 AND tenant_id=(SELECT min(tenant_id) FROM audit_log)"
out=$("$BIN" audit verify --db "$T/edit.db" 2>&1); rc=$?
check "an edited row is found" sh -c "[ $rc -ne 0 ] && echo \"\$1\" | grep -q 3" _ "$out"
# The copy without its audit key file cannot be vouched for (issue 11).
cp "$DB" "$T/nokey.db"
out=$("$BIN" audit verify --db "$T/nokey.db" 2>&1); rc=$?
check "a database without its audit key file does not verify" sh -c "[ $rc -ne 0 ] && echo \"\$1\" | grep -q 'audit key'" _ "$out"
check "the audit key file is the owner's alone" [ "$(stat -c %a "$DB.audit-key")" = 600 ]
check "the database is the owner's alone" [ "$(stat -c %a "$DB")" = 600 ]
"$BIN" init --db "$T/newdata/o.db" --tenant "Datavik kommune" >/dev/null 2>&1
check "a new data directory is the owner's alone" [ "$(stat -c %a "$T/newdata")" = 700 ]
check "a new database is the owner's alone" [ "$(stat -c %a "$T/newdata/o.db")" = 600 ]
cp "$DB" "$T/del.db"; cp "$DB.audit-key" "$T/del.db.audit-key"
sqlite3 "$T/del.db" "DELETE FROM audit_log WHERE seq=2"
"$BIN" audit verify --db "$T/del.db" >/dev/null 2>&1; rc=$?
check "a deleted row is found" [ $rc -ne 0 ]
cp "$DB" "$T/tail.db"; cp "$DB.audit-key" "$T/tail.db.audit-key"
sqlite3 "$T/tail.db" "DELETE FROM audit_log WHERE id=(SELECT max(id) FROM audit_log)"
"$BIN" audit verify --db "$T/tail.db" >/dev/null 2>&1; rc=$?
check "a removed last row is found" [ $rc -ne 0 ]
# The head exported, signed (issue 11 item 16): cutting the log back and
# moving the head with it verifies on its own, not against the head.
out=$("$BIN" audit export-head --db "$DB" --out "$T/head" 2>&1); rc=$?
check "audit export-head writes the head" [ $rc -eq 0 ]
check "the head file is the owner's alone" [ "$(stat -c %a "$T/head")" = 600 ]
check "the signing key is the owner's alone" [ "$(stat -c %a "$DB.audit-key.sign")" = 600 ]
"$BIN" audit verify --db "$DB" --head "$T/head" >/dev/null 2>&1; rc=$?
check "audit verify --head passes on the same log" [ $rc -eq 0 ]
"$BIN" user add --db "$DB" --login head.later --name "Etter eksport" >/dev/null 2>&1
"$BIN" audit verify --db "$DB" --head "$T/head" >/dev/null 2>&1; rc=$?
check "audit verify --head passes after more events" [ $rc -eq 0 ]
cp "$DB" "$T/cut.db"; cp "$DB.audit-key" "$T/cut.db.audit-key"; cp "$DB.audit-key.sign" "$T/cut.db.audit-key.sign"
# Back to one row before the exported head of the first municipality.
tid=$(sqlite3 "$T/cut.db" "SELECT min(id) FROM tenants")
hseq=$(sqlite3 "$T/cut.db" "SELECT seq FROM audit_log WHERE tenant_id=$tid AND lower(hex(hash))='$(awk 'NR==2 {print $4}' "$T/head")'")
sqlite3 "$T/cut.db" "DELETE FROM audit_log WHERE tenant_id=$tid AND seq>=$hseq;
UPDATE tenants SET audit_seq=$((hseq - 1)), audit_head=(SELECT hash FROM audit_log WHERE tenant_id=$tid AND seq=$((hseq - 1))) WHERE id=$tid"
"$BIN" audit verify --db "$T/cut.db" >/dev/null 2>&1; rc=$?
check "a log cut back with its head verifies on its own" [ $rc -eq 0 ]
out=$("$BIN" audit verify --db "$T/cut.db" --head "$T/head" 2>&1); rc=$?
check "but not against the exported head" sh -c "[ $rc -eq 1 ] && echo \"\$1\" | grep -q 'cut back'" _ "$out"
sed 's/^tenant \([0-9]*\) [0-9]*/tenant \1 1/' "$T/head" > "$T/head.bad"
out=$("$BIN" audit verify --db "$DB" --head "$T/head.bad" 2>&1); rc=$?
check "an edited head file is refused" sh -c "[ $rc -eq 1 ] && echo \"\$1\" | grep -q 'signature'" _ "$out"
"$BIN" audit export-head --db "$DB" >/dev/null 2>&1; rc=$?
check "export-head without --out is a usage error (2)" [ $rc -eq 2 ]

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
ndev=$(sqlite3 "$D2" "SELECT count(*) FROM deviations")
check "demo has a year of deviations (>= 800)" [ "$ndev" -ge 800 ]
areas=$(sqlite3 "$D2" "SELECT count(DISTINCT a.id) FROM deviations d JOIN units u ON u.id=d.unit_id JOIN units a ON a.id=u.parent_id WHERE a.code IN ('oo','ho','oi','kso')")
check "demo deviations in all four areas" [ "$areas" = 4 ]
check "demo has both deviations and improvement proposals" [ "$(sqlite3 "$D2" "SELECT count(DISTINCT kind) FROM deviations")" = 2 ]
check "demo has new, in-progress and closed ones" [ "$(sqlite3 "$D2" "SELECT (SELECT count(*) FROM deviations WHERE status='new') > 0 AND (SELECT count(*) FROM deviations WHERE status IN ('acknowledged','returned')) > 0 AND (SELECT count(*) FROM deviations WHERE status='closed') > 0")" = 1 ]

# check counts: the demo's kept counts equal a recount; a difference is
# named and exits 1; --repair rebuilds; a database from before the counts
# (table emptied) gets them back from the ticker (orden tick).
out=$("$BIN" check counts --db "$D2" 2>&1); rc=$?
check "check counts: the demo's counts agree (0)" sh -c "[ $rc -eq 0 ] && echo \"\$1\" | grep -q 'agree'" _ "$out"
check "check counts: the demo has kept counts" [ "$(sqlite3 "$D2" "SELECT sum(n) FROM deviation_counts")" = "$ndev" ]
cp "$D2" "$T/cnt.db"
sqlite3 "$T/cnt.db" "UPDATE deviation_counts SET n = n + 1 WHERE id = (SELECT min(id) FROM deviation_counts)"
out=$("$BIN" check counts --db "$T/cnt.db" --tenant localhost 2>&1); rc=$?
check "check counts: a difference exits 1 and names the cell" sh -c "[ $rc -eq 1 ] && echo \"\$1\" | grep -q 'kept [0-9]*, recounted'" _ "$out"
# The operator who sees the difference is told how to repair it, and that
# nothing was changed (before, only --help said so).
check "check counts: a difference names --repair as the way out" sh -c "echo \"\$1\" | grep -q 'nothing was changed.*check counts --repair'" _ "$out"
"$BIN" check counts --db "$T/cnt.db" --repair >/dev/null 2>&1; rc=$?
check "check counts --repair rebuilds (0)" [ $rc -eq 0 ]
"$BIN" check counts --db "$T/cnt.db" >/dev/null 2>&1; rc=$?
check "check counts: agree after --repair" [ $rc -eq 0 ]
# The counts by year (migration 0042) are recounted too, a cell named by
# its year.
cp "$D2" "$T/cnty.db"
sqlite3 "$T/cnty.db" "UPDATE deviation_counts_year SET n = n + 1 WHERE id = (SELECT min(id) FROM deviation_counts_year)"
out=$("$BIN" check counts --db "$T/cnty.db" 2>&1); rc=$?
check "check counts: a difference in the counts by year exits 1 and names the year" sh -c "[ $rc -eq 1 ] && echo \"\$1\" | grep -q 'year [0-9][0-9][0-9][0-9], days -1: kept [0-9]*, recounted'" _ "$out"
cp "$D2" "$T/cnty.db"
sqlite3 "$T/cnty.db" "DELETE FROM deviation_close_days_year WHERE id = (SELECT min(id) FROM deviation_close_days_year)"
out=$("$BIN" check counts --db "$T/cnty.db" 2>&1); rc=$?
check "check counts: a missing cell of days to close by year exits 1 and names the year" sh -c "[ $rc -eq 1 ] && echo \"\$1\" | grep -q 'year [0-9][0-9][0-9][0-9], days [0-9]*: kept 0, recounted'" _ "$out"
"$BIN" check counts --db "$T/cnty.db" --repair >/dev/null 2>&1
"$BIN" check counts --db "$T/cnty.db" >/dev/null 2>&1; rc=$?
check "check counts --repair rebuilds the counts by year" [ $rc -eq 0 ]
# The counts by unit and month (migration 0044) too.
cp "$D2" "$T/cntu.db"
sqlite3 "$T/cntu.db" "UPDATE deviation_counts_unit SET n = n + 1 WHERE id = (SELECT min(id) FROM deviation_counts_unit)"
out=$("$BIN" check counts --db "$T/cntu.db" 2>&1); rc=$?
check "check counts: a difference in the counts by unit and month exits 1 and names the cell" sh -c "[ $rc -eq 1 ] && echo \"\$1\" | grep -q 'month [0-9-]*, all categories, kinds and statuses: kept [0-9]*, recounted'" _ "$out"
sqlite3 "$T/cntu.db" "DELETE FROM deviation_counts_unit WHERE id = (SELECT max(id) FROM deviation_counts_unit)"
"$BIN" check counts --db "$T/cntu.db" --repair >/dev/null 2>&1
"$BIN" check counts --db "$T/cntu.db" >/dev/null 2>&1; rc=$?
check "check counts --repair rebuilds the counts by unit and month" [ $rc -eq 0 -a "$(sqlite3 "$T/cntu.db" "SELECT sum(n) FROM deviation_counts_unit")" = "$(sqlite3 "$T/cntu.db" "SELECT count(*) FROM deviations")" ]
sqlite3 "$T/cnt.db" "DELETE FROM deviation_counts"
"$BIN" tick --db "$T/cnt.db" >/dev/null 2>&1
"$BIN" check counts --db "$T/cnt.db" >/dev/null 2>&1; rc=$?
check "check counts: a database without counts gets them at the tick" [ $rc -eq 0 -a "$(sqlite3 "$T/cnt.db" "SELECT sum(n) FROM deviation_counts")" = "$ndev" ]
"$BIN" check sums --db "$T/cnt.db" >/dev/null 2>&1; rc=$?
check "check: an unknown check is a usage error (2)" [ $rc -eq 2 ]
"$BIN" check counts --db "$T/cnt.db" --tenant nowhere.example >/dev/null 2>&1; rc=$?
check "check counts: an unknown host fails (1)" [ $rc -eq 1 ]
# An empty database (an empty file) holds no municipality: nothing was
# compared, nothing verified.
: > "$T/typo.db"; : > "$T/typo2.db"
out=$("$BIN" check counts --db "$T/typo.db" 2>&1); rc=$?
check "check counts: a database with no municipality fails (1) and says so" sh -c "[ $rc -eq 1 ] && echo \"\$1\" | grep -q 'no municipality'" _ "$out"
out=$("$BIN" audit verify --db "$T/typo2.db" 2>&1); rc=$?
check "audit verify: a database with no municipality fails (1), not 'intact'" sh -c "[ $rc -eq 1 ] && echo \"\$1\" | grep -q 'no municipality'" _ "$out"
# A mistyped --db PATH changes nothing: no empty database is left behind.
for c in "tick" "tenant list" "user list" "check counts" "audit verify"; do
	# shellcheck disable=SC2086
	out=$("$BIN" $c --db "$T/nodir/typo2.db" 2>&1); rc=$?
	check "$c: a --db PATH that does not exist fails (1), says so and makes nothing" sh -c "[ $rc -eq 1 ] && echo \"\$1\" | grep -q 'no database at' && [ ! -e '$T/nodir' ]" _ "$out"
done
# getaddrinfo would take port 99999 as 34463: refused as usage (2).
timeout 20 "$BIN" serve --db "$D2" --listen 127.0.0.1:99999 >/dev/null 2>&1; rc=$?
check "serve: --listen with a port above 65535 is refused (2)" [ $rc -eq 2 ]
old="reported_at < strftime('%s','now') - 90*86400"
check "nine in ten older demo deviations are closed with a summary" [ "$(sqlite3 "$D2" "SELECT (SELECT count(*) FROM deviations WHERE status='closed' AND summary IS NOT NULL AND $old) * 10 >= (SELECT count(*) FROM deviations WHERE $old) * 9")" = 1 ]
check "demo has transfers and returns with reasons" [ "$(sqlite3 "$D2" "SELECT count(DISTINCT type) FROM deviation_events WHERE type IN ('transferred','returned') AND text <> ''")" = 2 ]
out=$("$BIN" audit verify --db "$D2" 2>&1); rc=$?
check "audit verify passes after the demo" [ $rc -eq 0 ]
q="SELECT count(*) FROM deviations; SELECT count(*) FROM deviation_events; SELECT count(*) FROM people; SELECT count(*) FROM audit_log"
sqlite3 "$D2" "$q" > "$T/demo1"
"$BIN" demo --db "$D2" >/dev/null 2>&1; rc=$?
sqlite3 "$D2" "$q" > "$T/demo2"
check "demo a second time changes nothing" sh -c "[ $rc -eq 0 ] && cmp -s \"\$1\" \"\$2\"" _ "$T/demo1" "$T/demo2"
"$BIN" demo --db "$T/demo3.db" >/dev/null 2>&1
q="SELECT group_concat(title, '|') FROM (SELECT title FROM deviations ORDER BY number LIMIT 100)"
check "the demo is repeatable (a fixed seed)" [ "$(sqlite3 "$D2" "$q")" = "$(sqlite3 "$T/demo3.db" "$q")" ]
"$BIN" demo --db "$T/demo4.db" --no-deviations >/dev/null 2>&1; rc=$?
check "demo --no-deviations leaves the year out" [ $rc -eq 0 -a "$(sqlite3 "$T/demo4.db" "SELECT count(*) FROM deviations")" = 0 ]
# A second demo municipality: the server finds each by its Host, so the
# demo says which address to open (and that b.test must lead here).
out=$("$BIN" demo --db "$T/demo5.db" --no-deviations 2>&1)
check "demo prints the address to open" sh -c "echo \"\$1\" | grep -q 'http://localhost:8080/'" _ "$out"
out=$("$BIN" demo --db "$T/demo5.db" --host b.test --name "B kommune" --no-deviations 2>&1); rc=$?
check "demo --host prints its address and the hosts line" sh -c "[ $rc -eq 0 ] && echo \"\$1\" | grep -q 'http://b.test:8080/' && echo \"\$1\" | grep -q '127.0.0.1 b.test'" _ "$out"
# Run again, the demo finds them there: it still says where to open each
# (it printed the address only when it created the municipality).
out=$("$BIN" demo --db "$T/demo5.db" --no-deviations 2>&1); rc=$?
check "demo again prints the address to open" sh -c "[ $rc -eq 0 ] && echo \"\$1\" | grep -q 'already exists' && echo \"\$1\" | grep -q 'http://localhost:8080/'" _ "$out"
out=$("$BIN" demo --db "$T/demo5.db" --host b.test --name "B kommune" --no-deviations 2>&1); rc=$?
check "demo --host again prints its address and the hosts line" sh -c "[ $rc -eq 0 ] && echo \"\$1\" | grep -q 'http://b.test:8080/' && echo \"\$1\" | grep -q '127.0.0.1 b.test'" _ "$out"
out=$("$BIN" demo --logins 2>&1); rc=$?
check "demo --logins still works" sh -c "[ $rc -eq 0 ] && echo \"\$1\" | grep -q emma.johansen" _ "$out"
# serve: the deadline ticker runs at start and stops with the server
ORDEN_CLOCK_OFFSET=$((20 * 86400)) "$BIN" serve --db "$D2" --listen 127.0.0.1:0 --port-file "$T/port" 2>"$T/serve.log" &
spid=$!
i=0; while [ $i -lt 100 ] && ! grep -q 'event="tick"' "$T/serve.log" 2>/dev/null; do sleep 0.1; i=$((i + 1)); done
check "serve checks deadlines at start (moved clock: notifications made)" grep -q 'event="tick".*notifications=' "$T/serve.log"
kill -TERM $spid
i=0; while [ $i -lt 50 ] && kill -0 $spid 2>/dev/null; do sleep 0.1; i=$((i + 1)); done
check "serve with the ticker stops promptly on SIGTERM" [ $i -lt 50 ]
kill -0 $spid 2>/dev/null && kill -KILL $spid
wait $spid; rc=$?
check "serve with the ticker exits 0" [ $rc -eq 0 ]
echo "1..$n"
