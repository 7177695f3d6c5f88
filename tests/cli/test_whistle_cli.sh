#!/bin/sh
# `orden whistle` and the recovery key as an operator meets them: init shows
# it once and keeps only the public half; reseal accepts it and nothing
# else; the demo saves its key privately; a password reset drops the old
# whistleblowing key. Prints TAP.
set -u
BIN=${ORDEN_BIN:-build/asan/orden}
export ORDEN_TEST_FAST_HASH=1
T=$(mktemp -d /tmp/orden-wcli-XXXXXX)
trap 'rm -rf "$T"' EXIT
. "$(dirname "$0")/tap.sh"
DB=$T/orden.db

"$BIN" whistle --help >/dev/null 2>&1; rc=$?
check "orden whistle --help exits 0" [ $rc -eq 0 ]
"$BIN" --help 2>&1 | grep -q whistle
check "orden --help lists whistle" [ $? -eq 0 ]
"$BIN" whistle frobnicate --db "$DB" >/dev/null 2>&1; rc=$?
check "an unknown whistle action is a usage error" [ $rc -eq 2 ]

out=$("$BIN" init --db "$DB" --tenant "Testvik kommune" 2>&1); rc=$?
key=$(echo "$out" | grep -E '^    [0-9A-Z]{4}(-[0-9A-Z]{4}){13}$' | tr -d ' ')
check "init prints a recovery key of 14 groups" [ $rc -eq 0 -a -n "$key" ]
check "init says to keep it offline" sh -c "echo \"\$1\" | grep -qi offline" _ "$out"
check "the database keeps only the public recovery key" \
    [ "$(sqlite3 "$DB" "SELECT count(*) || ':' || length(public_key) FROM tenant_recovery_keys")" = "1:32" ]
check "the admin has a keypair from the one-time password" \
    [ "$(sqlite3 "$DB" "SELECT count(*) FROM person_keys")" = 1 ]
if grep -qa "$key" "$DB" "$DB-wal" 2>/dev/null; then nok "the recovery secret is not in the database"
else ok "the recovery secret is not in the database"; fi

"$BIN" whistle recovery-key --db "$DB" >"$T/out" 2>&1; rc=$?
check "a second recovery key is refused" [ $rc -eq 1 ]
check "and nothing is printed that looks like a key" sh -c "! grep -qE '[0-9A-Z]{4}(-[0-9A-Z]{4}){13}' \"\$1\"" _ "$T/out"

printf '# saved\n%s\n' "$key" > "$T/key.txt"
out=$("$BIN" whistle reseal --db "$DB" --recovery-key "$T/key.txt" 2>&1); rc=$?
check "reseal accepts the printed key from a file" sh -c "[ $rc -eq 0 ] && echo \"\$1\" | grep -q 'Gave 0'" _ "$out"
echo "$key" | tr 'A-Z' 'a-z' | "$BIN" whistle reseal --db "$DB" --recovery-key - >/dev/null 2>&1; rc=$?
check "reseal reads the key typed on standard input, any case" [ $rc -eq 0 ]
bad=$(echo "$key" | sed 's/^\(.\)./\1X/; s/^\(.\)XX/\1Y/')
[ "$bad" = "$key" ] && bad=$(echo "$key" | sed 's/^./Z/')
echo "$bad" | "$BIN" whistle reseal --db "$DB" --recovery-key - >"$T/out" 2>&1; rc=$?
check "a key with a typo is refused" sh -c "[ $rc -eq 1 ] && grep -q 'typing mistake' \"\$1\"" _ "$T/out"
"$BIN" init --db "$T/other.db" --tenant "Annen kommune" >/dev/null 2>&1
"$BIN" whistle reseal --db "$T/other.db" --recovery-key "$T/key.txt" >"$T/out" 2>&1; rc=$?
check "another municipality's key is refused" sh -c "[ $rc -eq 1 ] && grep -q 'another municipality' \"\$1\"" _ "$T/out"
"$BIN" whistle reseal --db "$DB" >/dev/null 2>&1; rc=$?
check "reseal without --recovery-key is a usage error" [ $rc -eq 2 ]

"$BIN" user passwd --db "$DB" --login admin >"$T/out" 2>&1; rc=$?
check "user passwd drops the old whistleblowing key" \
    sh -c "[ $rc -eq 0 ] && [ \"\$(sqlite3 \"\$1\" 'SELECT count(*) FROM person_keys')\" = 0 ] && grep -q 'whistle reseal' \"\$2\"" _ "$DB" "$T/out"
check "and the drop is audited" [ "$(sqlite3 "$DB" "SELECT count(*) FROM audit_log WHERE action = 'vault_key_dropped' AND detail IS NULL")" = 1 ]

mkdir "$T/demo"
out=$("$BIN" demo --db "$T/demo/orden.db" --no-deviations 2>&1); rc=$?
check "the demo mentions its recovery key file" sh -c "[ $rc -eq 0 ] && echo \"\$1\" | grep -q recovery-key.txt" _ "$out"
check "the demo's key file is private (0600)" [ "$(stat -c %a "$T/demo/recovery-key.txt")" = 600 ]
"$BIN" whistle reseal --db "$T/demo/orden.db" --recovery-key "$T/demo/recovery-key.txt" >/dev/null 2>&1; rc=$?
check "the demo's key file works for reseal" [ $rc -eq 0 ]
nk=$(sqlite3 "$T/demo/orden.db" "SELECT count(*) FROM person_keys")
nh=$(sqlite3 "$T/demo/orden.db" "SELECT count(DISTINCT person_id) FROM role_assignments WHERE role IN ('leader','hr','hr_head','finance_head','chief_executive','mayor','opposition_leader','formannskap','group_leader','elected')")
check "every demo handler has a keypair ($nk of $nh)" [ "$nk" = "$nh" -a "$nk" -ge 40 ]
ne=$(sqlite3 "$T/demo/orden.db" "SELECT count(*) FROM person_keys k JOIN people p ON p.id = k.person_id WHERE p.login IN ('emma.johansen','admin','ingrid.haugen')")
check "employees, admin and quality get theirs at first login, not from the demo" [ "$ne" = 0 ]

# The acknowledgement deadline is the municipality's to set.
D=$T/demo/orden.db
out=$("$BIN" whistle settings --db "$D" 2>&1); rc=$?
check "whistle settings shows the 7-day default" sh -c "[ $rc -eq 0 ] && echo \"\$1\" | grep -q 'within: 7 days'" _ "$out"
"$BIN" whistle settings --db "$D" --ack-days 5 >/dev/null 2>&1; rc=$?
check "the acknowledgement deadline can be changed" [ $rc -eq 0 -a "$(sqlite3 "$D" "SELECT ack_days FROM whistle_settings")" = 5 ]
"$BIN" whistle settings --db "$D" --ack-days 0 >/dev/null 2>&1; rc=$?
check "a deadline of 0 days is refused and changes nothing" [ $rc -ne 0 -a "$(sqlite3 "$D" "SELECT ack_days FROM whistle_settings")" = 5 ]
check "the change is audited" [ "$(sqlite3 "$D" "SELECT count(*) FROM audit_log WHERE action = 'whistle_deadlines_set'")" = 1 ]

# orden check whistle: the open cases nobody can handle, by number only.
out=$("$BIN" check whistle --db "$D" 2>&1); rc=$?
check "check whistle passes when every open case has an active handler" [ $rc -eq 0 -a -n "$out" ]
# A case as one made before a last handler's deactivation was refused:
# open, with only an inactive handler (content is not read: empty here).
sqlite3 "$D" "INSERT INTO whistle_cases (tenant_id, number, procedure, state,
    reporter_category, anonymous, on_behalf_of_others, has_account, oral,
    meant_as_whistleblowing, received_at, ack_due_at, feedback_due_at, content,
    recovery_sealed, updated_at) SELECT id, 'VA-2026-0999', 1, 'received',
    'employee', 1, 0, 0, 0, 1, 1, 2, 3, x'', x'00', 1 FROM tenants;
    INSERT INTO whistle_handlers (tenant_id, case_id, person_id, basis, added_at)
    SELECT c.tenant_id, c.id, p.id, 'nearest_leader', 1 FROM whistle_cases c, people p
    WHERE c.number = 'VA-2026-0999' AND p.login = 'bjorn.saether';
    UPDATE people SET active = 0 WHERE login = 'bjorn.saether';" 2>"$T/err"
check "a case left without an active handler is made" [ ! -s "$T/err" ]
out=$("$BIN" check whistle --db "$D" 2>&1); rc=$?
check "check whistle fails (1) naming the case's number and the way out" \
    sh -c "[ $rc -eq 1 ] && echo \"\$1\" | grep -q 'VA-2026-0999' && echo \"\$1\" | grep -q 'whistle reseal'" _ "$out"
# A second mayor, imported by mistake: both receive procedure 2's cases,
# so the check names the office and both holders.
check "a case only: no office is reported" sh -c "! echo \"\$1\" | grep -q 'Hilde Sandvik'" _ "$out"
sqlite3 "$D" "INSERT INTO role_assignments (tenant_id, person_id, role, unit_id, created_at)
    SELECT tenant_id, id, 'mayor', 0, 1 FROM people WHERE login = 'hilde.sandvik'" 2>"$T/err"
out=$("$BIN" check whistle --db "$D" 2>&1); rc=$?
check "check whistle names a second mayor with both holders (1)" \
    sh -c "[ $rc -eq 1 ] && echo \"\$1\" | grep 'mayor' | grep 'Hilde Sandvik' | grep -q 'Arne Brattli'" _ "$out"
"$BIN" check whistle --db "$D" --repair >/dev/null 2>&1; rc=$?
check "check whistle --repair is a usage error" [ $rc -eq 2 ]
echo "1..$n"
