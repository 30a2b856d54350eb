"""Per-field accuracy of ``archiver refs parse`` on reference strings it was never tuned on.

``bench/data/refs-trial.jsonl``: 300 strings written for a trial of the parser, in the styles
a WeChat academic account cites (APA, Harvard, Chicago, MLA, Vancouver, IEEE, Nature,
Science, Cell, medical journals' own, GB/T 7714 and Chinese notes), each with the fields a
reader takes from it. They are written, not collected: some name real papers, others are
made up but plausible; the fields are defined by the string alone. The first 257 were
written before any output was seen; the last 43 probe the weak spots found then.
``bench/data/refs-trial-2.jsonl``: 300 more, written later the same way, all before any
output was seen, with more GB/T 7714, conference papers and strings as pasted into posts;
``refs-trial-3.jsonl``: 300 more again, as Chinese accounts in medicine, bioinformatics,
politics, economics and history paste them; ``refs-trial-4.jsonl``: 300 more, 127 of them
Chinese law and humanities notes (作者：《书名》, 载, 参见, translated and dynastic authors,
statutes and judgments) and GB/T 7714 of every type, the rest law reviews, social sciences,
computer science, engineering, psychology and medicine; ``refs-trial-5.jsonl``: 300 more,
105 of them Chinese (agriculture, food and materials journals, standards, newspapers,
Traditional Chinese), the rest chemistry (ACS, RSC, Wiley), physics (APS, IOP, JHEP), earth
sciences (Copernicus, AGU), datasets and software, Japanese, German, French and Korean
references, short forms (Ibid., 同上) and strings pasted with tabs or doubled spaces;
``refs-trial-6.jsonl``: 300 more, 70 as PubMed Central papers' lists print them, 60 OCR'd or
footnoted humanities and social-science notes, 50 GB/T 7714 of every type, 40 computer
science and engineering, 40 economics, politics and law (Bluebook cases and statutes among
them), 40 in other languages or with names and titles hard in other ways;
``refs-trial-7.jsonl``: 300 more, 80 as PDFs' reference lists come out (line-break hyphens,
missing spaces, ligatures, glued numbers), 70 as PubMed Central lists read, 70 GB/T 7714 as
Chinese accounts paste it, 40 Chinese and Japanese notes, 40 APA, Harvard, MLA and Chicago
of datasets, software, theses, reports, news and preprints; ``refs-trial-8.jsonl``: 300 more,
60 as WeChat accounts paste references into posts ("文献来源：", "（IF=12.3）", full-width
marks), 50 GB/T 7714 in its author-year and numeric forms, 40 in other languages' styles
(Russian GOST, Brazilian ABNT, Spanish, Italian, Polish, Vietnamese, Danish), 40 humanities
(Chicago chapters, editors, translators, reprints; MLA 9), 40 medicine (AMA, Vancouver,
supplements, Epub dates, PMIDs), 40 computer science and engineering (ACM, IEEE, arXiv,
proceedings), 30 hard cases (undated, in press, groups, particles, long lists);
``refs-trial-9.jsonl``: 250 more, 50 GB/T 7714 of every type, 40 biomedical (supplements,
e-locators, PMIDs), 40 social sciences and humanities (imprints, chapters, translations, group
authors), 30 physics, chemistry and engineering (IOP, APS, ACS, RSC, IEEE, JHEP), 30 computer
science (ACM, arXiv, proceedings), 30 in other languages (German, French, Spanish, ABNT,
GOST, Japanese, Korean), 30 as pasted into posts (lead-ins, numbering, links);
``refs-trial-10.jsonl``: 250 more in the styles of the labelled gold's sources: 90 as AnyStyle's
bibliographies print them (humanities and social sciences, books and chapters, editors and
translators, French, German, Italian and Spanish), 50 as GROBID's (computer science and physics
papers' reference sections), 50 as PubMed Central's, 60 GB/T 7714; ``refs-trial-11.jsonl``: 250
more the same way (80 AnyStyle, 60 GROBID with PDF artefacts, mathematics and biology among
them, 50 PubMed Central, 60 GB/T 7714 of every type); ``refs-trial-12.jsonl``: 200 more, 70 as
PubMed Central renders them (NLM, e-locators, supplements, groups, StatPearls, journals' house
styles), 50 GROBID, 50 AnyStyle, 30 GB/T 7714; ``refs-trial-13.jsonl``: 200 more, 60 as PubMed
Central renders them (e-locators, supplements, groups, Epub dates, PMID tails), 50 GROBID
(proceedings, arXiv, LNCS, IEEE), 50 AnyStyle (books, chapters, editors, translators, reprints,
other languages), 40 GB/T 7714; ``refs-trial-14.jsonl``: 200 more, 80 as PubMed Central renders
them (groups, editors, books, proceedings, theses, web pages, patents, supplements, preprints),
40 GB/T 7714 of every type code, 40 AnyStyle, 40 GROBID; ``refs-trial-15.jsonl``: 200 more, 120 as
AnyStyle's bibliographies print them (humanities, law, theology, classics, musicology, art
history, six European languages, series, multi-volume works, issues as "12/3", "Heft 4",
"fasc."), 40 GROBID, 40 PubMed Central; ``refs-trial-16.jsonl``: 200 more, 120 in AnyStyle's
styles (psychology, computer science written out in full, mathematics and physics, humanities
in six languages, multi-volume works, law, reviews), 35 GROBID (Nature and bioRxiv), 30 PubMed
Central, 15 GB/T 7714; ``refs-trial-17.jsonl``: 200 more, 130 in AnyStyle's styles
(anthropology, sociology and linguistics chapters, classics' abbreviated journals, newspapers,
theses, reprints, particles and compound surnames, seven languages), 30 GROBID (physics and
chemistry), 25 PubMed Central, 15 GB/T 7714; ``refs-trial-18.jsonl``: 200 more, 70 in AnyStyle's
styles (Chicago, MLA, APA 7, German, French, Italian, Spanish, Dutch and Portuguese books,
chapters, editors, translators, editions), 40 GROBID (with PDF artefacts), 40 PubMed Central,
30 GB/T 7714 of every type code, 20 hard cases (working papers, law, datasets, software,
theses, multi-volume works, reprints, particles); ``refs-trial-19.jsonl``: 200 more, 60 in
AnyStyle's styles (Chicago, MLA 9, APA 7; French, German, Spanish, Italian, Portuguese and
Polish books, chapters, theses, reports), 45 GROBID (with PDF artefacts, arXiv, LNCS), 45
PubMed Central (e-locators, supplements, groups, Epub dates, PMIDs), 35 GB/T 7714 of every
type code, 15 hard cases (groups, "n.d.", in press, particles, compound surnames, long
lists, lettered pages); ``refs-trial-20.jsonl``: 200 more, 50 GB/T 7714 as Chinese accounts
paste it (every type code, mixed punctuation, issue-only journals, supplements), 50 PubMed
Central (groups with members, Epub, e-locators, supplements, errata, books, preprints), 50
GROBID (APS, IOP, JHEP, LNCS, ACM, arXiv, working papers, PDF spacing), 35 AnyStyle-like
(Chicago notes, MLA 9, APA 7, French, German, Spanish), 15 hard cases (numbers in titles
and journals' names, collaborations); ``refs-trial-21.jsonl``: 200 more, 50 GB/T 7714 as
Chinese accounts paste it (every type code, GB/T 7714-1987's "[A]" parts, dynasties' marks),
45 PubMed Central (groups, Epub, supplements, errata, books, preprints, "[Internet]"), 45
GROBID (IEEE, ACM, APS, JHEP, LNCS, arXiv, mathematics, chemistry, PDF artefacts), 45
AnyStyle-like (Chicago, MLA 9, APA 7, Harvard; books, chapters, translations, reprints,
theses in six languages), 15 hard cases (groups, particles, "n.d.", long lists);
``refs-trial-22.jsonl``: 200 more as Chinese academic accounts paste references at the end of
their posts: 70 with their lists' numbers, labels ("引用本文：", "Cite this article:"),
journals' ranks ("【中科院一区】", "IF=12.3"), emoji, Markdown's marks and stray breaks, 50
GB/T 7714 of every type code, 40 English in the styles they copy (APA 7, Vancouver, Nature,
Cell, IEEE, Harvard, Chicago), 25 Chinese notes and law, 15 hard cases;
``refs-trial-23.jsonl``: 200 more in the proportions of the labelled gold's sources: 90
AnyStyle-like (APA, Chicago, MLA, Harvard, Turabian; books, chapters, reviews, theses,
newspapers, translations, reprints, multi-volume works and series, in English, French,
German, Spanish, Italian and Dutch; particles and compound surnames), 40 GROBID (PDF
artefacts, proceedings, LNCS, arXiv, a few Chinese and Japanese), 40 PubMed Central
(e-locators, supplements, Epub, PMIDs, groups, books), 30 GB/T 7714 of every type code;
``refs-trial-24.jsonl``: 200 more the same way, checked against every earlier file for
near-duplicates: 100 AnyStyle-like (history, philosophy, literature, law, economics,
education, linguistics, religion, art and music; older and looser forms, reprint years,
"n.d.", translations, editions, series; a fifth in French, German, Spanish, Italian,
Portuguese or Dutch conventions), 40 GROBID, 35 PubMed Central, 25 GB/T 7714;
``refs-trial-25.jsonl``: 200 more the same way, checked against every earlier file: 90
AnyStyle-like (APA, Chicago, Turabian, MLA 9, Harvard, older and looser forms; a fifth in
French, German, Spanish, Italian, Portuguese or Dutch conventions), 40 GROBID (IEEE, LNCS,
ACM, USENIX, APS, IOP, JHEP, ACS, RSC, ASCE, arXiv; PDF artefacts), 40 PubMed Central
(e-locators, supplements, Epub, PMIDs, groups, books, theses, preprints, patents, errata,
Cochrane), 30 GB/T 7714 of every type code; ``refs-trial-26.jsonl``: 200 more written in the
shapes of the labelled gold's own strings and in its sources' proportions (150 AnyStyle, 21
PubMed Central, 15 GROBID, 14 GB/T 7714), about other works (each file's first score is kept
in the message of the commit that added it: fixes made since were tuned on it).

Prints, per field, how many of the expected values the parser gives (after trimming,
Unicode NFKC, dashes as "-" and a trailing mark dropped; authors by their family names in
order, a value may list alternatives) and how many volumes, issues, pages, years and DOIs it
gives that the string does not have, for each file. Run from the project root: ``python
bench/refs_trial.py [FILE...]`` (the twenty-six files by default; ``--failures`` lists each
miss). No timing: this is a measure of correctness.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIELDS = ("authors", "year", "title", "container-title", "volume", "issue", "page", "DOI")
NUMBERS = ("volume", "issue", "page", "year", "DOI")


def norm(value: object) -> str:
    text = re.sub(r"[‐‑‒–—―−]", "-", unicodedata.normalize("NFKC", str(value)).strip())
    return text.rstrip(".,;:。，").strip().casefold()


def author_key(name: object) -> str:
    """An author as compared: :func:`norm`, and a foreign family name written in Chinese
    without the Latin initials after it ("卡森 R" and "卡森R" are 卡森: the trials write it
    either way, and eval_refs ignores single letters)."""
    return re.sub(r"(?<=[\u4e00-\u9fff])\s?(?:[a-z]\.?\s?){1,3}$", "", norm(name))


def fields_of(item: dict) -> dict:
    """The trial's fields of a CSL-JSON item: a Chinese name is its family and given name
    (both in Chinese: a foreign family name written in Chinese keeps its Latin initials
    apart, "斯科特 J C", which :func:`author_key` leaves out)."""
    def chinese(name: str) -> bool:
        return re.search(r"[\u4e00-\u9fff]", name) is not None

    names = [a.get("literal") or (a.get("family", "") + (
        a.get("given", "") if chinese(a.get("family", "")) and chinese(a.get("given", ""))
        else "")) for a in item.get("author", [])]
    year = ((item.get("issued") or {}).get("date-parts") or [[""]])[0][0]
    return {"authors": names, "year": str(year or ""),
            **{k: str(item.get(k, "")) for k in FIELDS[2:]}}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", nargs="*", type=Path,
                        default=[ROOT / "bench" / "data" / name for name in (
                            "refs-trial.jsonl", "refs-trial-2.jsonl", "refs-trial-3.jsonl",
                            "refs-trial-4.jsonl", "refs-trial-5.jsonl", "refs-trial-6.jsonl",
                            "refs-trial-7.jsonl", "refs-trial-8.jsonl", "refs-trial-9.jsonl",
                            "refs-trial-10.jsonl", "refs-trial-11.jsonl",
                            "refs-trial-12.jsonl", "refs-trial-13.jsonl",
                            "refs-trial-14.jsonl", "refs-trial-15.jsonl",
                            "refs-trial-16.jsonl", "refs-trial-17.jsonl",
                            "refs-trial-18.jsonl", "refs-trial-19.jsonl",
                            "refs-trial-20.jsonl", "refs-trial-21.jsonl",
                            "refs-trial-22.jsonl", "refs-trial-23.jsonl",
                            "refs-trial-24.jsonl", "refs-trial-25.jsonl",
                            "refs-trial-26.jsonl")],
                        help="JSON Lines files of cases (default: the twenty-six trials)")
    parser.add_argument("--failures", action="store_true", help="list each miss")
    args = parser.parse_args()
    for data in args.data:
        score(data, args.failures)
    return 0


def score(data: Path, failures: bool) -> None:
    """Print the per-field table and the score line of one file of cases (and its misses)."""
    cases = [json.loads(line) for line in data.read_text("utf-8").splitlines()]
    given = "\n".join(c["text"] for c in cases) + "\n"
    out = subprocess.run([sys.executable, "-m", "archiver", "refs", "parse", "-", "--json"],
                         input=given, capture_output=True, text=True, cwd=ROOT, check=True)
    right = dict.fromkeys(FIELDS, 0)
    expected = dict.fromkeys(FIELDS, 0)
    spurious = dict.fromkeys(NUMBERS, 0)
    misses = []
    for case, line in zip(cases, out.stdout.splitlines(), strict=True):
        got, want = fields_of(json.loads(line)), case["expect"]
        for field in FIELDS:
            value = want.get(field)
            if value in (None, "", []):
                if field in NUMBERS and got[field] and field not in case.get("skip_spurious",
                                                                              []):
                    spurious[field] += 1
                    misses.append((field + " (not in the string)", case["text"], got[field]))
                continue
            expected[field] += 1
            if field == "authors":
                ok = [author_key(a) for a in got[field]] == [author_key(a) for a in value]
            else:
                ok = any(norm(got[field]) == norm(v) for v in
                         (value if isinstance(value, list) else [value]))
            right[field] += ok
            if not ok:
                misses.append((field, case["text"], got[field]))
    print(data.name)
    for field in FIELDS:
        extra = f", {spurious[field]} not in the string" if field in NUMBERS else ""
        print(f"{field:16} {right[field]:4} of {expected[field]:4}{extra}")
    print(f"refs trial: {sum(right.values())} of {sum(expected.values())} fields right, "
          f"{sum(spurious.values())} given that the strings lack; n={len(cases)}")
    if failures:
        for field, text, got in misses:
            print(f"- {field}: {text}\n    gave {got!r}")


if __name__ == "__main__":
    raise SystemExit(main())
