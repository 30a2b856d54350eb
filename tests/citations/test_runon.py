"""A reference list that reached the record as one line is read as its entries again.

The entries below are built from recorded Crossref records in ``tests/fixtures/crossref/``
(10.1038/ng.3834, 10.1371/journal.pone.0000030, 10.1186/1471-2164-7-187) as APA 7 and GB/T
7714 print them; the others are real works in the forms their styles print (the Chinese
ones in the form of the standard's own examples).
"""

from __future__ import annotations

import pytest

from archiver.citations.runon import split_run_together

CHIANG = ("Chiang, C., Scott, A. J., Davis, J. R., Tsang, E. K., Li, X., Kim, Y., et al. (2017). "
          "The impact of structural variation on human gene expression. Nature Genetics, 49(5), "
          "692–699. https://doi.org/10.1038/ng.3834")
RALSER = ("Ralser, M., Heeren, G., Breitenbach, M., Lehrach, H., & Krobitsch, S. (2006). Triose "
          "phosphate isomerase deficiency is caused by altered dimerization–not catalytic "
          "inactivity–of the mutant enzymes. PLoS ONE, 1(1), e30.")
MYERS = ("Myers, C. L., Barrett, D. R., Hibbs, M. A., Huttenhower, C., & Troyanskaya, O. G. "
         "(2006). Finding function: evaluation methods for functional genomic data. BMC "
         "Genomics, 7, 187. https://doi.org/10.1186/1471-2164-7-187")
GBT_ARTICLE = "张三, 李四. 中亚国家的多元平衡外交[J]. 国际政治研究, 2020, 41(2): 33-58."
GBT_BOOK = "王五. 哈萨克斯坦外交政策研究[M]. 北京: 社会科学文献出版社, 2019."
GBT_CHIANG = ("CHIANG C, SCOTT A J, DAVIS J R, et al. The impact of structural variation on human "
              "gene expression[J]. Nature Genetics, 2017, 49(5): 692-699. DOI: 10.1038/ng.3834.")


def test_bracketed_numbers_counting_on_part_the_entries_and_the_heading():
    line = f"参考文献： [1] {CHIANG} [2] {RALSER} [3] {MYERS}"
    assert split_run_together(line) == ["参考文献：", f"[1] {CHIANG}", f"[2] {RALSER}",
                                        f"[3] {MYERS}"]


def test_full_width_brackets_and_a_heading_with_no_colon():
    line = f"References ［1］{GBT_CHIANG} ［2］{GBT_ARTICLE}"
    assert split_run_together(line) == ["References", f"［1］{GBT_CHIANG}", f"［2］{GBT_ARTICLE}"]


def test_numbers_with_a_full_stop_part_the_entries_but_not_a_volume_number_inside_one():
    # "Vol. 2." is a number and a full stop after a space, as the next entry's "2." is; the
    # text before it is no entry (no year yet), so it is no cut
    book = ("1. Knuth, D. E. The Art of Computer Programming, Vol. 2. Seminumerical "
            "Algorithms. Reading, MA: Addison-Wesley, 1969.")
    assert split_run_together(f"{book} 2. {MYERS}") == [book, f"2. {MYERS}"]


def test_unnumbered_entries_part_after_a_doi_or_a_full_stop_before_authors():
    assert split_run_together(f"{CHIANG} {RALSER} {MYERS}") == [CHIANG, RALSER, MYERS]


@pytest.mark.parametrize("entry", [
    # from the reference corpus (AnyStyle's, PMC's and GB/T 7714's own examples)
    "Del Rey, Lester. The Eleventh Commandment. Evanston, Ill.: Regency, 1962.",
    "VANDAMME, Géraldine. Du cœur à l’ouvrage. L'Infirmière Magazine, mars 2004, n°191. p. "
    "37-39.",
    "Ben Ali Y, Verger R, Carrière F, Petry S, Muller G, et al (2012) The molecular mechanism "
    "of human hormone-sensitive lipase inhibition by substituted "
    "3-phenyl-5-alkoxy-1,3,4-oxadiazol-2-ones. Biochimie 94: 137– 145",
    "中国职工教育研究会. 职工教育研究论文集[G]. 北京: 人民教育出版社, 1985.",
])
def test_authors_written_as_other_styles_write_them_open_an_entry(entry):
    assert split_run_together(f"{CHIANG} {entry}") == [CHIANG, entry]


def test_bracketed_numbers_part_entries_that_read_as_none():
    # an entry by the same author as the one before, and one with no year
    ditto = "———. The Short Stories of Ernest Hemingway. New York: Charles Scribner, 1953."
    web = "National Center for Biotechnology Information. GenBank Overview."
    assert split_run_together(f"[1] {CHIANG} [2] {ditto} [3] {web}") == [
        f"[1] {CHIANG}", f"[2] {ditto}", f"[3] {web}"]


def test_a_titles_full_stop_before_an_editors_name_is_no_entrys_end():
    chapter = ("Myers, C. L. (2006). Finding function. Barrett, D. R. (Ed.), Functional genomic "
               "data (pp. 187–200). BMC.")
    assert split_run_together(f"{chapter} {CHIANG}") == [chapter, CHIANG]


def test_two_short_chinese_entries_are_split_too():
    """GB/T 7714's own examples, two of them in 81 characters: a Chinese character counts as
    two Latin letters towards the length a line must have to hold two entries."""
    first = "[1] 王夫之. 船山全书[M]. 长沙: 岳麓书社, 2011."
    second = "[2] 中国职工教育研究会. 职工教育研究论文集[G]. 北京: 人民教育出版社, 1985."
    assert split_run_together(f"{first} {second}") == [first, second]


def test_chinese_authors_open_an_entry_only_before_a_gbt_type_of_work():
    assert split_run_together(f"参考文献：{GBT_ARTICLE} {GBT_BOOK} {GBT_CHIANG}") == [
        "参考文献：", GBT_ARTICLE, GBT_BOOK, GBT_CHIANG]
    prose = (f"{GBT_ARTICLE} 作者认为. 中亚国家的外交在二〇二〇年前后发生了变化，其原因值得"
             "进一步讨论，本文不再展开。")
    assert split_run_together(prose) == [prose]


@pytest.mark.parametrize("line", [
    # a short line: no two entries fit in it
    f"[1] {GBT_ARTICLE}",
    # prose citing by number: the first number does not open the line
    "研究表明结构变异影响基因表达[1]，而且这一影响在不同组织中并不相同[2]。" * 3,
    # one entry whole, with a second number that does not count on from its own
    f"[1] {CHIANG} [3] and further reading",
    # the same with a number and its full stop
    f"1. {CHIANG} 3. and further reading",
    # an initial's full stop before a publisher's name is no entry's end (GB/T 7714's own
    # example), nor is a place before its publisher's colon an entry's authors
    "YUFIN S A. Geoecology and computers: proceedings of the Third International Conference "
    "on Advances of Computer Methods in Geotechnical and Geoenvironmental Engineering, Moscow, "
    "Russia, February 1-4, 2000[C]. Rotterdam: A. A. Balkema, 2000.",
    "American Association for the Advancement of Science. Science[J]. 1883, 1(1)-. "
    "Washington, D.C.: American Association for the Advancement of Science, 1883-.",
    # a conference's place after its proceedings, or a book's before its publisher: no
    # authors of a next entry (Crossref's record 10.1109/icdcsw.2003.1203662, GB/T 7714)
    "Arya V, Turletti T. Accurate and explicit differentiation of wireless and congestion "
    "losses[C]//23rd International Conference on Distributed Computing Systems Workshops, 2003. "
    "Proceedings. Providence, RI, USA: IEEE, 2003: 877-882. DOI: 10.1109/ICDCSW.2003.1203662.",
    "Ren S, He K, Girshick R, Sun J. Faster R-CNN: towards real-time object detection with "
    "region proposal networks. In: Advances in Neural Information Processing Systems (NIPS "
    "2015), pp. 91–99. Montreal, Canada. December 2015.",
    "Smith J, Jones K. A title on learning (ICML 2019), pp. 1–10, 2019. PMLR, Long Beach, CA.",
    "Hobbes, Thomas. Leviathan, or the Matter, Forme and Power of a Commonwealth, 1651, pp. "
    "1–300. London, Andrew Crooke, 1651.",
    # a part's number and its full stop, and PubMed's Epub after one
    "1. Smith J, Jones K, Lee M. A title of a study of things. Clin Infect Dis. 2020;71 Suppl 2. "
    "Epub 2020 Jun 3. doi:10.1093/cid/ciaa123, pp. 10–20, 2020.",
    "1. Smith J. A history of the place: 1900 to the present day. 2019. Part 2. The later "
    "years, pp. 100–120.",
    # a bracketed number a sentence refers to
    f"[1] {CHIANG} (cited as [2] in the review this post follows, with its figures).",
    # a heading and prose after it
    "References: the works this post draws on are listed at the end of the second part, "
    "after the figures, with links to each of them.",
])
def test_what_holds_no_entries_run_together_stays_one_line(line):
    assert split_run_together(line) == [line]


def test_the_last_cut_is_undone_when_what_follows_it_is_no_entry():
    line = f"1. {CHIANG} 2. {RALSER} 3. see the figures"
    assert split_run_together(line) == [f"1. {CHIANG}", f"2. {RALSER} 3. see the figures"]
