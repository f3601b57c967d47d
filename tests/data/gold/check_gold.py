#!/usr/bin/env python3
"""Validate the extraction gold set (pure stdlib).

Usage: python3 tests/data/gold/check_gold.py [path/to/extraction_gold.jsonl]

Checks every line of the JSONL file against the conventions documented in
README.md next to this script, prints the counts, and exits with status 1 if
any error was found or a minimum size target is not met.
"""
import collections
import json
import os
import re
import sys

SOURCE_TYPES = {
    "country_report", "judgment", "ag_opinion", "commission_report",
    "law_review", "equality_body", "national_court",
}
DIRECTIVES = {
    "2000/43", "2000/78", "2004/113", "2006/54", "2010/41",
    "2024/1499", "2024/1500", "79/7", "2023/970",
}
GAPS = {"not-transposed", "partial", "incorrect"}
NEAR_MISS = {"hedged", "negated", "historical", "beyond", "general"}

# "8", "2(2)(b)(ii)", "4(2), second subparagraph", "16, first paragraph"
PATH_RE = re.compile(
    r"^\d+(\(\d+\))?(\([a-z]+\))*(\([ivx]+\))?"
    r"(, (first|second|third|fourth|fifth) (subparagraph|paragraph|sentence|indent))?$"
)
CASE_CANON_RE = re.compile(r"^[CTF]-\d{1,4}/\d{2}$")
# case numbers as they may appear in running text (hyphen-minus, U+2010, U+2011, en dash)
CASE_TEXT_RE = re.compile(r"\b([CTF])\s?[-\u2010\u2011\u2013]\s?(\d{1,4})/(\d{2})\b")
ECLI_CANON_RE = re.compile(r"^ECLI:[A-Z]{2}:[A-Z0-9]+:\d{4}:[A-Za-z0-9.]+$")
ECLI_TEXT_RE = re.compile(
    r"(?:ECLI:)?EU:[CTF]:\d{4}:\d+|ECLI:[A-Z]{2}:[A-Z0-9]+:\d{4}:[A-Za-z0-9.]*[A-Za-z0-9]"
)
ID_RE = re.compile(r"^g\d{3,}$")

TARGETS = [
    ("paragraphs", 120),
    ("provision items", 330),
    ("case numbers", 80),
    ("ECLIs", 50),
    ("gap sentences", 70),
    ("hedged/negated near-misses", 25),
]


def squash(s):
    return re.sub(r"\s+", "", s)


def main(path):
    errors = []

    def err(rid, msg):
        errors.append(f"{rid}: {msg}")

    recs = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                recs.append(json.loads(line))
            except ValueError as e:
                errors.append(f"line {n}: invalid JSON ({e})")

    seen = set()
    c = collections.Counter()
    by_source = collections.Counter()
    by_directive = collections.Counter()
    by_gap = collections.Counter()
    by_nm = collections.Counter()
    eclis_eu = eclis_nat = 0

    for r in recs:
        rid = r.get("id", "?")
        for key in ("id", "source_type", "text", "provisions", "case_numbers", "eclis", "sentences"):
            if key not in r:
                err(rid, f"missing field {key!r}")
        if not ID_RE.match(str(rid)):
            err(rid, "bad id")
        if rid in seen:
            err(rid, "duplicate id")
        seen.add(rid)
        if r.get("source_type") not in SOURCE_TYPES:
            err(rid, "bad source_type {!r}".format(r.get("source_type")))
        by_source[r.get("source_type")] += 1
        text = r.get("text", "")
        wc = len(text.split())
        if not 60 <= wc <= 250:
            err(rid, f"text has {wc} words (expected 60-250)")

        # provisions
        last = -1
        for p in r.get("provisions", []):
            surf = p.get("surface", "")
            if not surf or surf not in text:
                err(rid, f"provision surface not in text: {surf!r}")
                continue
            if "start" in p or "end" in p:
                s, e = p.get("start"), p.get("end")
                if not (isinstance(s, int) and isinstance(e, int) and text[s:e] == surf):
                    err(rid, f"provision offsets do not match surface {surf!r}")
                    continue
                if s < last:
                    err(rid, f"provisions not in order of appearance at {surf!r}")
                last = s
            d = p.get("directive")
            if d is not None and d not in DIRECTIVES:
                err(rid, f"bad directive {d!r}")
            if not PATH_RE.match(str(p.get("path"))):
                err(rid, "bad path {!r}".format(p.get("path")))
            by_directive[d] += 1
            c["provision items"] += 1

        # case numbers
        norm = text
        found = ["{}-{}/{}".format(*m.groups()) for m in CASE_TEXT_RE.finditer(norm)]
        for cn in r.get("case_numbers", []):
            if not CASE_CANON_RE.match(cn):
                err(rid, f"non-canonical case number {cn!r}")
        if found != r.get("case_numbers", []):
            err(rid, "case_numbers {!r} do not match text occurrences {!r}".format(r.get("case_numbers"), found))
        c["case numbers"] += len(r.get("case_numbers", []))

        # ECLIs
        found = [e if e.startswith("ECLI:") else "ECLI:" + e for e in ECLI_TEXT_RE.findall(text)]
        for e in r.get("eclis", []):
            if not ECLI_CANON_RE.match(e):
                err(rid, f"non-canonical ECLI {e!r}")
            if e.startswith("ECLI:EU:"):
                eclis_eu += 1
            else:
                eclis_nat += 1
        if found != r.get("eclis", []):
            err(rid, "eclis {!r} do not match text occurrences {!r}".format(r.get("eclis"), found))
        c["ECLIs"] += len(r.get("eclis", []))

        # sentences
        pos = 0
        for s in r.get("sentences", []):
            st = s.get("text", "")
            j = text.find(st, pos) if st else -1
            if j < 0:
                err(rid, f"sentence not an in-order substring: {st[:60]!r}")
                continue
            if text[pos:j].strip():
                err(rid, f"text between sentences not covered: {text[pos:j][:60]!r}")
            pos = j + len(st)
            gap = s.get("gap")
            prov = s.get("provision")
            nm = s.get("near_miss")
            c["sentences"] += 1
            if gap is not None:
                if gap not in GAPS:
                    err(rid, f"bad gap label {gap!r}")
                if not isinstance(prov, dict) or set(prov) != {"directive", "path"}:
                    err(rid, "gap sentence needs provision {directive, path}")
                else:
                    if prov["directive"] is not None and prov["directive"] not in DIRECTIVES:
                        err(rid, "bad gap directive {!r}".format(prov["directive"]))
                    if prov["path"] is not None and not PATH_RE.match(prov["path"]):
                        err(rid, "bad gap path {!r}".format(prov["path"]))
                    if prov["directive"] is None and prov["path"] is None:
                        err(rid, "gap provision with neither directive nor path should be null")
                if s.get("hedged") or nm:
                    err(rid, "gap sentence cannot be hedged/near_miss")
                by_gap[gap] += 1
                c["gap sentences"] += 1
            else:
                if prov is not None:
                    err(rid, "non-gap sentence must have provision null")
                c["non-gap sentences"] += 1
                if nm is not None:
                    if nm not in NEAR_MISS:
                        err(rid, f"bad near_miss {nm!r}")
                    by_nm[nm] += 1
                if "hedged" in s and s["hedged"] is not True:
                    err(rid, "hedged must be true when present")
                if bool(s.get("hedged")) != (nm == "hedged"):
                    err(rid, "hedged:true must go with near_miss 'hedged'")
        if text[pos:].strip():
            err(rid, f"text after last sentence not covered: {text[pos:][:60]!r}")
        if squash("".join(s.get("text", "") for s in r.get("sentences", []))) != squash(text):
            err(rid, "sentences do not cover the text exactly")

    c["paragraphs"] = len(recs)
    c["hedged/negated near-misses"] = by_nm["hedged"] + by_nm["negated"]

    print("file:", path)
    print("paragraphs:", c["paragraphs"])
    for k, v in sorted(by_source.items(), key=lambda kv: -kv[1]):
        print(f"   {k:<18} {v:4d}  ({100.0 * v / max(1, len(recs)):.0f}%)")
    print("provision items:", c["provision items"])
    for k, v in sorted(by_directive.items(), key=lambda kv: -kv[1]):
        print(f"   {k if k else 'null (unresolved)':<18} {v:4d}")
    print("case numbers:", c["case numbers"])
    print("ECLIs:", c["ECLIs"], f"(EU {eclis_eu}, national {eclis_nat})")
    print("sentences:", c["sentences"])
    print("gap sentences:", c["gap sentences"], dict(by_gap))
    print("non-gap sentences:", c["non-gap sentences"])
    print("near-misses (non-gap):", dict(by_nm))
    print("hedged/negated near-misses:", c["hedged/negated near-misses"])

    ok = True
    for name, minimum in TARGETS:
        if c[name] < minimum:
            ok = False
            print(f"TARGET FAILED: {name} = {c[name]} < {minimum}")
    if c["non-gap sentences"] < c["gap sentences"]:
        ok = False
        print("TARGET FAILED: fewer non-gap than gap sentences")
    if errors:
        print(f"\n{len(errors)} error(s):")
        for e in errors:
            print("  ", e)
    print("RESULT:", "PASS" if ok and not errors else "FAIL")
    return 0 if ok and not errors else 1


if __name__ == "__main__":
    default = os.path.join(os.path.dirname(os.path.abspath(__file__)), "extraction_gold.jsonl")
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else default))
