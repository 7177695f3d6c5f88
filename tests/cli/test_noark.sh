#!/bin/sh
# `orden export noark5` as an archivist meets it: the demo municipality's
# closed deviations as arkivstruktur.xml that Arkivverket's schema accepts
# (src/noark/schemas/, offline), one saksmappe per closed deviation of the
# period, titles intact however they are written, personal data skjermet,
# nothing of another municipality in the same database. Prints TAP.
set -u
BIN=${ORDEN_BIN:-build/asan/orden}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
XSD=$ROOT/src/noark/schemas/arkivstruktur.xsd
export ORDEN_TEST_FAST_HASH=1 TZ=Europe/Oslo
T=$(mktemp -d /tmp/orden-noark-XXXXXX)
trap 'rm -rf "$T"' EXIT
. "$(dirname "$0")/tap.sh"
DB=$T/orden.db
q() { sqlite3 "$DB" "$1"; }
# The value of an XPath over the default (arkivstruktur) namespace.
xp() { xmllint --xpath "$2" "$1" 2>/dev/null; }
N='*[local-name()="'

"$BIN" export --help >/dev/null 2>&1; rc=$?
check "orden export --help exits 0" [ $rc -eq 0 ]
"$BIN" --help 2>&1 | grep -q export
check "orden --help lists export" [ $? -eq 0 ]
"$BIN" export frobnicate --db "$DB" --out "$T/x" >/dev/null 2>&1; rc=$?
check "an unknown export is a usage error" [ $rc -eq 2 ]
"$BIN" export noark5 --db "$DB" --out "$T/x" --from 2026-02-30 >/dev/null 2>&1; rc=$?
check "a day that does not exist is a usage error" [ $rc -eq 2 ]

# The demo municipality (the run's template when there is one), and a
# second municipality with a closed case of its own.
if [ -n "${ORDEN_TEST_DEMO_DB:-}" ] && [ -f "$ORDEN_TEST_DEMO_DB" ]; then
	for f in "$ORDEN_TEST_DEMO_DB"*; do cp "$f" "$T/orden.db${f#"$ORDEN_TEST_DEMO_DB"}"; done
else
	"$BIN" demo --db "$DB" >"$T/demo.log" 2>&1 || { nok "orden demo" "$(tail -3 "$T/demo.log")"; echo "1..$n"; exit 1; }
fi
"$BIN" tenant add --db "$DB" --name "Annen kommune" --host annen.example >/dev/null 2>&1
printf 'code,name,parent_code\nAK,Annen kommune,\n' > "$T/units.csv"
"$BIN" import units --db "$DB" --tenant annen.example "$T/units.csv" >/dev/null 2>&1
H='number,kind,reported_at,occurred_at,unit_code,category,title,description,status,closed_at,reporter_login'
{
	echo "$H"
	echo 'AV-2025-000777,avvik,2025-03-04,,AK,fall,Annen kommunes hemmelige sak,Skal ikke ut.,lukket,2025-03-20,'
} > "$T/other.csv"
"$BIN" import deviations --db "$DB" --tenant annen.example "$T/other.csv" >"$T/imp.log" 2>&1
check "the other municipality has its closed case" [ "$(q "SELECT count(*) FROM deviations WHERE title LIKE 'Annen%' AND status='closed'")" = 1 ]
{
	echo "$H"
	echo 'AV-2025-000999,avvik,2025-05-02,,barnevern,fall,"Brann <&> ""røyk"" i kjelleren",Alarm & slokking <ok>.,lukket,2025-05-06,'
} > "$T/odd.csv"
"$BIN" import deviations --db "$DB" --tenant localhost "$T/odd.csv" >"$T/imp2.log" 2>&1
check "the demo has a closed case with <&> in its title" [ "$(q "SELECT count(*) FROM deviations WHERE number='AV-2025-000999' AND status='closed'")" = 1 ]

# The whole archive.
out=$("$BIN" export noark5 --db "$DB" --tenant localhost --out "$T/all" 2>&1); rc=$?
X=$T/all/arkivstruktur.xml
check "export noark5 succeeds" sh -c "[ $rc -eq 0 ] && [ -s \"\$1\" ]" _ "$X"
err=$(xmllint --noout --schema "$XSD" "$X" 2>&1); rc=$?
check "arkivstruktur.xml is valid against Arkivverket's arkivstruktur.xsd" [ $rc -eq 0 ] || echo "$err" | tail -5 | sed 's/^/# /'
want=$(q "SELECT count(*) FROM deviations d JOIN tenants t ON t.id = d.tenant_id WHERE t.host='localhost' AND d.status='closed'")
got=$(xp "$X" "count(//${N}mappe\"])")
check "one saksmappe per closed deviation ($want)" [ "$got" = "$want" -a "$want" -gt 100 ]
check "every saksmappe has its report and its closing" [ "$(xp "$X" "count(//${N}registrering\"])")" = $((want * 2)) ]
check "the count is said" sh -c "echo \"\$1\" | grep -q \"\$2 closed deviations\"" _ "$out" "$want"
check "a title with <&> survives" [ "$(xp "$X" "string(//${N}mappe\"][${N}mappeID\"]='AV-2025-000999']/${N}tittel\"])")" = 'Brann <&> "røyk" i kjelleren' ]
check "and is escaped in the file" grep -q 'Brann &lt;&amp;&gt; ' "$X"
pd=$(q "SELECT number FROM deviations WHERE personal_data=1 AND status='closed' AND tenant_id=(SELECT id FROM tenants WHERE host='localhost') LIMIT 1")
check "a deviation with personal data is skjermet (Offl. § 13)" [ "$(xp "$X" "string(//${N}mappe\"][${N}mappeID\"]='$pd']/${N}skjerming\"]/${N}skjermingshjemmel\"])")" = 'Offl. § 13, jf. fvl. § 13' ]
check "and so are its journalposter" [ "$(xp "$X" "count(//${N}mappe\"][${N}mappeID\"]='$pd']/${N}registrering\"]/${N}skjerming\"])")" = 2 ]
npd=$(q "SELECT count(*) FROM deviations WHERE personal_data=1 AND status='closed' AND tenant_id=(SELECT id FROM tenants WHERE host='localhost')")
check "only those with personal data are skjermet ($npd)" [ "$(xp "$X" "count(//${N}mappe\"]/${N}skjerming\"])")" = "$npd" ]
check "nothing of the other municipality" sh -c "! grep -q -e 'hemmelige' -e 'AV-2025-000777' -e 'Annen kommune' \"\$1\"" _ "$X"
check "every saksmappe is Avsluttet" [ "$(xp "$X" "count(//${N}mappe\"][${N}saksstatus\"]='Avsluttet'])")" = "$want" ]
# An improvement proposal is archived as one: its report's document is a
# "Forbedringsforslag", not an "Avviksmelding" (it was).
ff=$(q "SELECT number FROM deviations WHERE kind='improvement' AND status='closed' AND tenant_id=(SELECT id FROM tenants WHERE host='localhost') LIMIT 1")
check "a proposal's report is a Forbedringsforslag ($ff)" [ -n "$ff" -a "$(xp "$X" "string(//${N}mappe\"][${N}mappeID\"]='$ff']/${N}registrering\"][${N}journalpostnummer\"]='1']/${N}dokumentbeskrivelse\"]/${N}dokumenttype\"])")" = Forbedringsforslag ]
check "and a deviation's an Avviksmelding" [ "$(xp "$X" "string(//${N}mappe\"][${N}mappeID\"]='$pd']/${N}registrering\"][${N}journalpostnummer\"]='1']/${N}dokumentbeskrivelse\"]/${N}dokumenttype\"])")" = Avviksmelding ]
# The documents: a file per journalpost in DOKUMENT/, its SHA-256 and size
# in its dokumentobjekt.
check "a document file per journalpost" [ "$(ls "$T/all/DOKUMENT" | wc -l)" = $((want * 2)) ]
xp "$X" "//${N}dokumentobjekt\"]/${N}referanseDokumentfil\"]/text()" > "$T/refs"
xp "$X" "//${N}dokumentobjekt\"]/${N}sjekksum\"]/text()" > "$T/sums"
(cd "$T/all" && xargs sha256sum < "$T/refs" | cut -d' ' -f1) > "$T/real"
check "every sjekksum is the SHA-256 of its file" sh -c "[ -s \"\$1\" ] && cmp -s \"\$1\" \"\$2\"" _ "$T/sums" "$T/real"
f=$(xp "$X" "string(//${N}mappe\"][${N}mappeID\"]='AV-2025-000999']//${N}referanseDokumentfil\"])")
check "the report's document has its text" grep -q 'Alarm & slokking <ok>' "$T/all/$f"
# The ADDML description: valid, arkivstruktur.xml's SHA-256, the counts.
A=$T/all/arkivuttrekk.xml
err=$(xmllint --noout --schema "$ROOT/src/noark/schemas/addml.xsd" "$A" 2>&1); rc=$?
check "arkivuttrekk.xml is valid against Arkivverket's addml.xsd" [ $rc -eq 0 ] || echo "$err" | tail -5 | sed 's/^/# /'
check "it gives arkivstruktur.xml's SHA-256" [ "$(xp "$A" "string(//${N}property\"][@name='checksum']//${N}property\"][@name='value']/${N}value\"])")" = "$(sha256sum "$X" | cut -d' ' -f1)" ]
check "and the number of saksmapper" [ "$(xp "$A" "string(//${N}property\"][@name='numberOfOccurrences'][${N}value\"]='mappe']/${N}properties\"]/${N}property\"]/${N}value\"])")" = "$want" ]
# The change log: each transfer of a closed case to another unit.
L=$T/all/endringslogg.xml
err=$(xmllint --noout --schema "$ROOT/src/noark/schemas/endringslogg.xsd" "$L" 2>&1); rc=$?
check "endringslogg.xml is valid against Arkivverket's endringslogg.xsd" [ $rc -eq 0 ] || echo "$err" | tail -5 | sed 's/^/# /'
tr=$(q "SELECT count(*) FROM deviation_events e JOIN deviations d ON d.id = e.deviation_id JOIN tenants t ON t.id = d.tenant_id WHERE t.host='localhost' AND d.status='closed' AND e.type='transferred'")
check "it has each transfer of a closed case ($tr)" [ "$(xp "$L" "count(//${N}endring\"][${N}referanseMetadata\"]='administrativEnhet'])")" = "$tr" -a "$tr" -ge 1 ]
check "arkivuttrekk.xml gives its SHA-256" sh -c "grep -q \"\$(sha256sum \"\$1\" | cut -d' ' -f1)\" \"\$2\"" _ "$L" "$A"
# The two journals: every journalpost of the extract in each; the public
# one without the titles of skjermet cases and without who reported.
LJ=$T/all/loependeJournal.xml
OJ=$T/all/offentligJournal.xml
for j in loependeJournal offentligJournal; do
	err=$(xmllint --noout --schema "$ROOT/src/noark/schemas/$j.xsd" "$T/all/$j.xml" 2>&1); rc=$?
	check "$j.xml is valid against Arkivverket's $j.xsd" [ $rc -eq 0 ] || echo "$err" | tail -5 | sed 's/^/# /'
	check "$j.xml has every journalpost ($((want * 2))) and says so" sh -c "[ \"\$(xmllint --xpath 'count(//*[local-name()=\"journalpost\"])' \"\$1\")\" = \"\$2\" ] && [ \"\$(xmllint --xpath 'string(//*[local-name()=\"antallJournalposter\"])' \"\$1\")\" = \"\$2\" ]" _ "$T/all/$j.xml" "$((want * 2))"
	check "arkivuttrekk.xml gives $j.xml's SHA-256" sh -c "grep -q \"\$(sha256sum \"\$1\" | cut -d' ' -f1)\" \"\$2\"" _ "$T/all/$j.xml" "$A"
done
xp "$X" "//${N}registrering\"]/${N}systemID\"]/text()" | sort > "$T/ids.a"
xp "$OJ" "//${N}journalpost\"]/${N}systemID\"]/text()" | sort > "$T/ids.o"
check "the journals' journalposter are arkivstruktur's (the same systemIDs)" sh -c "[ -s \"\$1\" ] && cmp -s \"\$1\" \"\$2\"" _ "$T/ids.a" "$T/ids.o"
pdt=$(q "SELECT title FROM deviations WHERE number='$pd'")
check "the running journal has a skjermet case's title" grep -qF "$pdt" "$LJ"
check "the public journal has not: only its number" sh -c "! grep -qF \"\$1\" \"\$2\" && [ \"\$(xmllint --xpath \"string(//*[local-name()='saksmappe'][*[local-name()='mappeID']='\$3']/*[local-name()='offentligTittel'])\" \"\$2\")\" = \"Avvik \$3\" ]" _ "$pdt" "$OJ" "$pd"
check "a case without personal data has its title in the public journal" [ "$(xp "$OJ" "string(//${N}saksmappe\"][${N}mappeID\"]='AV-2025-000999']/${N}offentligTittel\"])")" = 'Brann <&> "røyk" i kjelleren' ]
rp=$(q "SELECT d.number || '|' || p.name || '|' || u.name FROM deviations d JOIN people p ON p.id = d.reporter_id JOIN units u ON u.id = d.unit_id WHERE d.status='closed' AND d.tenant_id=(SELECT id FROM tenants WHERE host='localhost') AND NOT EXISTS (SELECT 1 FROM deviations d2 JOIN deviation_events e ON e.deviation_id = d2.id WHERE e.actor_id = p.id AND e.type = 'closed') LIMIT 1")
rn=${rp%%|*}; rest=${rp#*|}; rname=${rest%%|*}; runit=${rest#*|}
sender() { xp "$1" "string(//${N}journalregistrering\"][${N}saksmappe\"]/${N}mappeID\"]='$rn'][${N}journalpost\"]/${N}journalpostnummer\"]='1']/${N}journalpost\"]/${N}korrespondansepart\"]/${N}korrespondansepartNavn\"])"; }
check "the running journal names who reported ($rn)" [ -n "$rname" -a "$(sender "$LJ")" = "$rname" ]
check "the public journal names the unit, not the reporter" sh -c "[ \"\$1\" = \"\$2\" ] && ! grep -qF \"\$3\" \"\$4\"" _ "$(sender "$OJ")" "$runit" "$rname" "$OJ"
# The schemas travel with the extract, as Arkivverket's copies, and each
# file validates against the copy beside it; arkivuttrekk.xml names them.
for x in arkivstruktur metadatakatalog addml endringslogg loependeJournal offentligJournal; do
	check "the extract carries $x.xsd, Arkivverket's own" cmp -s "$T/all/$x.xsd" "$ROOT/src/noark/schemas/$x.xsd"
done
check "each file validates against the schema in the extract" sh -c "cd \"\$1\" && xmllint --noout --schema arkivstruktur.xsd arkivstruktur.xml && xmllint --noout --schema addml.xsd arkivuttrekk.xml && xmllint --noout --schema offentligJournal.xsd offentligJournal.xml" _ "$T/all" 2>/dev/null
check "arkivuttrekk.xml names each schema with its SHA-256" sh -c "for x in arkivstruktur metadatakatalog endringslogg loependeJournal offentligJournal; do [ \"\$(xmllint --xpath \"string(//*[@name='schema']//*[@name='file'][.//*[@name='name']/*='\$x.xsd']//*[@name='checksum']//*[@name='value']/*)\" \"\$1/arkivuttrekk.xml\")\" = \"\$(sha256sum \"\$1/\$x.xsd\" | cut -d' ' -f1)\" ] || exit 1; done" _ "$T/all"
uuids=$(xp "$X" "//${N}systemID\"]/text()" | sort | uniq -d | wc -l)
check "every systemID is unique" [ "$uuids" = 0 ]
"$BIN" export noark5 --db "$DB" --tenant localhost --out "$T/again" >/dev/null 2>&1
a=$(xp "$X" "//${N}mappe\"]/${N}systemID\"]/text()" | md5sum)
b=$(xp "$T/again/arkivstruktur.xml" "//${N}mappe\"]/${N}systemID\"]/text()" | md5sum)
check "the systemIDs are the same in a second export" [ "$a" = "$b" ]

# A period: the deviations closed from --from to --to, whole Oslo days.
"$BIN" export noark5 --db "$DB" --tenant localhost --out "$T/p" --from 2025-05-01 --to 2025-05-31 >/dev/null 2>&1; rc=$?
P=$T/p/arkivstruktur.xml
want=$(q "SELECT count(*) FROM deviations d JOIN tenants t ON t.id = d.tenant_id WHERE t.host='localhost' AND d.status='closed' AND date(d.closed_at,'unixepoch','localtime') BETWEEN '2025-05-01' AND '2025-05-31'")
check "a period's export is valid" sh -c "[ $rc -eq 0 ] && xmllint --noout --schema \"\$1\" \"\$2\" 2>/dev/null" _ "$XSD" "$P"
check "and has the deviations closed in it ($want)" [ "$(xp "$P" "count(//${N}mappe\"])")" = "$want" -a "$want" -ge 1 ]
check "a period without transfers has no endringslogg.xml (nor its schema), and a valid arkivuttrekk.xml" sh -c "[ ! -e \"\$1/endringslogg.xml\" ] && [ ! -e \"\$1/endringslogg.xsd\" ] && xmllint --noout --schema \"\$2\" \"\$1/arkivuttrekk.xml\" 2>/dev/null" _ "$T/p" "$ROOT/src/noark/schemas/addml.xsd"
check "and says its period" [ "$(xp "$P" "string(//${N}arkivperiodeSluttDato\"])")" = 2025-05-31 ]
check "its journals are valid and hold its journalposter ($((want * 2)))" sh -c "xmllint --noout --schema \"\$1\" \"\$2\" 2>/dev/null && [ \"\$(xmllint --xpath 'count(//*[local-name()=\"journalpost\"])' \"\$2\")\" = \"\$3\" ]" _ "$ROOT/src/noark/schemas/loependeJournal.xsd" "$T/p/loependeJournal.xml" "$((want * 2))"
check "and say what was selected" [ "$(xp "$T/p/offentligJournal.xml" "string(//${N}seleksjon\"])")" = "Journalposter i saker avsluttet 2025-05-01–2025-05-31" ]
"$BIN" export noark5 --db "$DB" --tenant localhost --out "$T/e" --from 1990-01-01 --to 1990-01-31 >/dev/null 2>&1; rc=$?
check "a period without closed cases has no journals (their schemas want one)" sh -c "[ $rc -eq 0 ] && [ ! -e \"\$1/loependeJournal.xml\" ] && [ ! -e \"\$1/offentligJournal.xml\" ] && ! ls -A \"\$1\" | grep -q part && xmllint --noout --schema \"\$2\" \"\$1/arkivuttrekk.xml\" 2>/dev/null" _ "$T/e" "$ROOT/src/noark/schemas/addml.xsd"

# The other municipality alone.
"$BIN" export noark5 --db "$DB" --tenant annen.example --out "$T/o" >/dev/null 2>&1; rc=$?
check "the other municipality exports its own case only" sh -c "[ $rc -eq 0 ] && [ \"\$(xmllint --xpath 'count(//*[local-name()=\"mappe\"])' \"\$1\")\" = 1 ] && grep -q AV-2025-000777 \"\$1\"" _ "$T/o/arkivstruktur.xml"
"$BIN" export noark5 --db "$DB" --out "$T/n" >/dev/null 2>&1; rc=$?
check "with several municipalities --tenant is needed" [ $rc -eq 1 ]

echo "1..$n"
