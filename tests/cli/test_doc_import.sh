#!/bin/sh
# `orden import documents` (issue 14 item 9): a municipality's register of
# governing documents moved in from a CSV file, all or nothing. Prints TAP.
set -u
BIN=${ORDEN_BIN:-build/asan/orden}
export ORDEN_TEST_FAST_HASH=1
T=$(mktemp -d /tmp/orden-docimp-XXXXXX)
trap 'rm -rf "$T"' EXIT
. "$(dirname "$0")/tap.sh"
count() { sqlite3 "$DB" "$1"; }
has()  { echo "$1" | grep -q -- "$2"; }

DB=$T/orden.db
H="id,title,type,process,owner,approval_body,approval_case,approved_on,next_revision,units,file"

"$BIN" import documents --help 2>&1 | grep -q "approval_body"; rc=$?
check "orden import documents --help names the columns" [ $rc -eq 0 ]
"$BIN" init --db "$DB" --tenant "Testvik kommune" >/dev/null 2>&1
printf 'code,name,parent_code\nHO,Helse og omsorg,\nSH,Sykehjemmet,HO\n' > "$T/units.csv"
"$BIN" import units --db "$DB" "$T/units.csv" >/dev/null 2>&1
printf 'login,name,email,unit_code,roles,party\nkari,Kari Nordmann,,SH,leader;employee,\nkvalitet,Kvalitetsrådgiver,,HO,quality;employee,\n' > "$T/people.csv"
"$BIN" import people --db "$DB" "$T/people.csv" >/dev/null 2>&1

# A good file: one current with a PDF in a sub-folder, one draft for a
# unit, one by the Norwegian type name; semicolons, as a spreadsheet saves.
mkdir -p "$T/filer"
printf '%%PDF-1.4\n%% avvik\n%%%%EOF\n' > "$T/filer/2128.pdf"
{
	printf '\357\273\277'	# a byte-order mark
	echo "$H" | tr , ';'
	echo '2128;Rutine for melding og behandling av avvik;rutine;Sektorovergripende prosesser;kvalitet;kommunedirektøren;KD-sak 12/2025;2025-03-01;2026-03-01;;filer/2128.pdf'
	echo '3201;Rutine for legemiddelhåndtering;procedure;Tjenestespesifikke prosesser;kari;;;;;SH;'
	echo '4101;Økonomireglement;reglement;Støtteprosesser;kvalitet;kommunestyret;K.sak 12/2025;2025-01-15;;;'
	echo ''
} > "$T/good.csv"
out=$("$BIN" import documents --db "$DB" "$T/good.csv" 2>&1); rc=$?
check "a good file imports (0)" [ $rc -eq 0 ]
check "it says how many" has "$out" "3"
check "three documents in the register" [ "$(count "SELECT count(*) FROM documents")" = 3 ]
check "approved: current with version 1" [ "$(count "SELECT d.status || ' ' || d.current_version || ' ' || v.state FROM documents d JOIN document_versions v ON v.document_id = d.id WHERE d.code = '2128'")" = "current 1 current" ]
check "approval body, case and dates kept" [ "$(count "SELECT approval_body || '|' || approval_case || '|' || date(approved_on, 'unixepoch', '+12 hours') || '|' || date(next_revision, 'unixepoch', '+12 hours') FROM documents WHERE code = '2128'")" = "kommunedirektøren|KD-sak 12/2025|2025-03-01|2026-03-01" ]
check "the file is stored with its SHA-256" [ "$(count "SELECT file_name || ' ' || file_type || ' ' || file_sha256 FROM document_versions v JOIN documents d ON d.id = v.document_id WHERE d.code = '2128'")" = "2128.pdf pdf $(sha256sum "$T/filer/2128.pdf" | cut -d' ' -f1)" ]
check "no approved date: a draft" [ "$(count "SELECT status FROM documents WHERE code = '3201'")" = draft ]
check "the owner is the named login" [ "$(count "SELECT p.login FROM documents d JOIN people p ON p.id = d.owner_id WHERE d.code = '3201'")" = kari ]
check "the unit is kept" [ "$(count "SELECT u.code FROM document_units du JOIN units u ON u.id = du.unit_id JOIN documents d ON d.id = du.document_id WHERE d.code = '3201'")" = SH ]
check "the next revision defaults to 12 months" [ "$(count "SELECT date(next_revision, 'unixepoch', '+12 hours') FROM documents WHERE code = '4101'")" = 2026-01-15 ]
check "the Norwegian type name is understood" [ "$(count "SELECT doc_type FROM documents WHERE code = '4101'")" = regulation ]
check "a register moving in makes no notices to read (each reader's list has them)" [ "$(count "SELECT count(*) FROM notifications WHERE kind = 'doc_to_read'")" = 0 ]
check "the audit log says the operator imported" [ "$(count "SELECT count(*) FROM audit_log WHERE action = 'doc_import' AND actor_id IS NULL AND detail LIKE '%operator at the command line%'")" = 1 ]

# Refused files: FILE:LINE:COLUMN: reason, and nothing stored.
before=$(count "SELECT count(*) FROM documents")
vbefore=$(count "SELECT count(*) FROM document_versions")
refuse() {	# description, expected "LINE:COLUMN", expected reason, rows...
	desc=$1; where=$2; why=$3; shift 3
	{ echo "$H"; for r in "$@"; do echo "$r"; done; } > "$T/bad.csv"
	err=$("$BIN" import documents --db "$DB" "$T/bad.csv" 2>&1 >/dev/null); rc=$?
	if [ $rc -eq 1 ] && has "$err" "^$T/bad.csv:$where: " && has "$err" "$why" &&
	    [ "$(count "SELECT count(*) FROM documents")" = "$before" ] &&
	    [ "$(count "SELECT count(*) FROM document_versions")" = "$vbefore" ]; then
		ok "$desc"
	else
		nok "$desc" "rc $rc" "$err"
	fi
}
GOOD='5001,Ny rutine,rutine,Sektorovergripende prosesser,kvalitet,AMU,,2025-02-01,,,'
refuse "a bad date on line 3 is refused with line and column" "3:8" "YYYY-MM-DD" \
    "$GOOD" '5002,Annen,rutine,Sektorovergripende prosesser,kvalitet,AMU,,1. mars 2025,,,'
refuse "an ID already in the register is refused" "2:1" "Another document has that ID" \
    '2128,Kopi,rutine,Sektorovergripende prosesser,kvalitet,,,,,,'
refuse "an ID twice in the file is refused" "3:1" "Another document has that ID" \
    "$GOOD" '5001,Igjen,rutine,Sektorovergripende prosesser,kvalitet,,,,,,'
refuse "an unknown owner is refused" "2:5" "No active person has that login" \
    '5003,Rutine,rutine,Sektorovergripende prosesser,nobody,,,,,,'
refuse "an unknown unit is refused" "3:10" "unit register" \
    "$GOOD" '5004,Rutine,rutine,Sektorovergripende prosesser,kvalitet,,,,,NOPE,'
refuse "an unknown process is refused" "2:4" "no main process is named" \
    '5005,Rutine,rutine,Ingen slik prosess,kvalitet,,,,,,'
refuse "an unknown type is refused" "2:3" "document type" \
    '5006,Rutine,sang,Sektorovergripende prosesser,kvalitet,,,,,,'
printf 'hello' > "$T/filer/fake.pdf"
refuse "a file that is not what its name says is refused" "2:11" "Only PDF" \
    '5007,Rutine,rutine,Sektorovergripende prosesser,kvalitet,,,,,,filer/fake.pdf'
refuse "a file outside the CSV's folder is refused" "2:11" "relative" \
    '5008,Rutine,rutine,Sektorovergripende prosesser,kvalitet,,,,,,../orden.db'
head -c 11000000 /dev/zero | sed 's/^/%PDF-1.4/' > "$T/filer/big.pdf" 2>/dev/null
refuse "a file over 10 MB is refused" "2:11" "too large" \
    '5009,Rutine,rutine,Sektorovergripende prosesser,kvalitet,,,,,,filer/big.pdf'
refuse "an approval in the future is refused" "2:8" "future" \
    '5010,Rutine,rutine,Sektorovergripende prosesser,kvalitet,AMU,,2099-01-01,,,'
refuse "an approval without its body is refused" "2:6" "approved it" \
    '5011,Rutine,rutine,Sektorovergripende prosesser,kvalitet,,,2025-01-01,,,'
refuse "a next revision before the approval is refused" "2:9" "after the approval" \
    '5012,Rutine,rutine,Sektorovergripende prosesser,kvalitet,AMU,,2025-01-01,2024-01-01,,'
refuse "a row with too few columns is refused" "2" "expected 11 columns" \
    '5013,Rutine,rutine'
check "no refused file left an audit row" [ "$(count "SELECT count(*) FROM audit_log WHERE action IN ('doc_import', 'doc_create') AND detail LIKE '50%'")" = 0 ]
echo "id,title" > "$T/head.csv"
err=$("$BIN" import documents --db "$DB" "$T/head.csv" 2>&1 >/dev/null); rc=$?
check "a wrong header is refused on line 1" sh -c "[ $rc -eq 1 ] && echo \"\$1\" | grep -q \"^\$2:1: \"" _ "$err" "$T/head.csv"

echo "1..$n"
