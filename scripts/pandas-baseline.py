#!/usr/bin/env python3
"""The pandas baseline of `npm run bench` (issue #11): part of what `steward package` does, done
the way a data engineer would do it in pandas, on the same CSV in the same run.

    python3 scripts/pandas-baseline.py <register.csv> <out.csv>

Reads the CSV (every cell as text), checks the GB 11643 check digit of every 公民身份号码, checks
every code field (性别, 民族, 婚姻状况, 文化程度, 与户主关系) against the code tables the app
ships (shared/code-tables/data, codes, names and accepted spellings), writes the coded values and
an issue count per row with to_csv, and prints `PANDAS_STATS {json}` (peak memory, counts) on
stderr. It does less than the workbench (no other rules, no provenance, no project, no zip).
"""
import json
import os
import re
import resource
import sys

import numpy as np
import pandas as pd

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ID_WEIGHTS = np.array([7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2])
ID_CHECK = np.array(list("10X98765432"))
ID_FORMAT = re.compile(r"^[0-9]{17}[0-9X]$")


def load_code_fields():
    """(column title, {spelling: code}) for each code field of pop-base's population dataset."""
    with open(os.path.join(ROOT, "shared/packs/pop-base.json"), encoding="utf-8") as f:
        pack = json.load(f)
    dataset = next(d for d in pack["datasets"] if d["name"] == "population")
    fields = []
    for field in dataset["fields"]:
        table_id = field.get("constraints", {}).get("codeTable")
        if table_id is None:
            continue
        builtin = pack["codeTables"][table_id].get("builtin", table_id)
        path = os.path.join(ROOT, "shared/code-tables/data", builtin + ".json")
        with open(path, encoding="utf-8") as f:
            table = json.load(f)
        lookup = {}
        for entry in table["entries"]:
            for spelling in [entry["code"], entry["name"], *entry.get("aliases", [])]:
                lookup.setdefault(spelling, entry["code"])
        fields.append((field["title"], lookup))
    return fields


def check_ids(ids):
    """A boolean Series: True where the ID is 18 characters with a right GB 11643 check digit."""
    ids = ids.str.strip().str.upper()
    well_formed = ids.str.match(ID_FORMAT).fillna(False).to_numpy()
    good = np.zeros(len(ids), dtype=bool)
    if well_formed.any():
        chosen = ids[well_formed].to_numpy()
        digits = np.frombuffer("".join(chosen).encode("ascii"), dtype=np.uint8).reshape(-1, 18)
        body = digits[:, :17].astype(np.int64) - 48
        expected = ID_CHECK[(body @ ID_WEIGHTS) % 11]
        actual = np.array([s[17] for s in chosen])
        good[well_formed] = expected == actual
    return pd.Series(good, index=ids.index)


def peak_rss_bytes():
    """This process's own peak memory: VmHWM where Linux has it, since ru_maxrss there starts
    at the parent's peak (the bench's; see scripts/peak-rss.ts); else ru_maxrss (kilobytes)."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def main():
    source, out = sys.argv[1], sys.argv[2]
    df = pd.read_csv(source, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    issues = np.zeros(len(df), dtype=np.int64)
    bad_ids = ~check_ids(df["公民身份号码"])
    issues += bad_ids.to_numpy()
    bad_codes = 0
    for title, lookup in load_code_fields():
        if title not in df.columns:
            continue
        values = df[title].str.strip()
        coded = values.map(lookup)
        bad = coded.isna() & (values != "")
        bad_codes += int(bad.sum())
        issues += bad.to_numpy()
        df[title] = coded.fillna(values)
    df["问题数"] = issues
    df.to_csv(out, index=False)
    stats = {
        "rows": len(df),
        "badIds": int(bad_ids.sum()),
        "badCodes": bad_codes,
        "maxRssBytes": peak_rss_bytes(),
    }
    sys.stderr.write("PANDAS_STATS " + json.dumps(stats) + "\n")


if __name__ == "__main__":
    main()
