-- 0089: which categories a safety representative (verneombud, AML § 6-2)
-- reads in their area. It was the codes 'hms' and 'vold' alone, so a
-- category a municipality added for its own working-environment reports
-- (say "Arbeidsulykke", reported to Arbeidstilsynet) was hidden from the
-- safety representatives (w20-probe). Now a setting of each category,
-- true for the two defaults.
ALTER TABLE categories ADD COLUMN safety_rep BIGINT NOT NULL DEFAULT 0;
UPDATE categories SET safety_rep = 1 WHERE code IN ('hms', 'vold');
