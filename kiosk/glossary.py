"""Plain words: the government's terms and what a resident reads on the kiosk instead.

One wording for each concept, everywhere a resident reads or hears it (the screens, the
voice, the English translation). Staff-facing pages, logs and the catalog's own data may keep
the official terms; tests/test_plain_words.py keeps the resident's screens free of them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    official: str  # the government's term
    plain: str  # what a resident reads (Chinese)
    plain_en: str  # ...and in English
    note: str = ""


GLOSSARY: tuple[Term, ...] = (
    Term(
        "已通过数据共享获取",
        "由部门提供",
        "From the departments",
        "a form field the departments' shared records filled in",
    ),
    Term(
        "已通过数据共享获取，无需提供",
        "部门已有，您不用带",
        "The departments have it: nothing to bring",
        "a material the departments' shared records give",
    ),
    Term(
        "由部门核查",
        "部门已有，您不用带",
        "The departments have it: nothing to bring",
        "the same material when sharing could not be reached just now: for the resident it is "
        "the same thing (nothing to bring), so it reads the same",
    ),
    Term(
        "数据共享",
        "部门之间查询",
        "the departments' records",
        "the service itself, where a message must name it (it cannot be reached, it is busy)",
    ),
    Term("结果送达", "办好后怎么拿", "How to get the result"),
    Term("情形", "情况", "situation", "您的情形 → 您的情况"),
    Term("一次告知", "办这件事要准备什么", "What you need", "the notice screen's purpose"),
    Term("事项名称", "办什么", "What it is"),
    Term("适用范围", "谁可以办", "Who can apply"),
    Term("一件事，一次办", "办一件事，只跑一次", "One life event, one visit"),
    Term("本表即是", "就是这张申请表", "This form"),
    Term("已签承诺代替", "您已签承诺，不用带", "You signed a pledge instead"),
    Term("已拍照上传", "刚才已拍照", "Photographed just now"),
    Term("已在本机读卡", "刚才已读卡", "Card read just now"),
)

# Official terms that never appear on a resident's screen or in what the kiosk says.
NOT_FOR_RESIDENTS: tuple[str, ...] = (
    "一次告知",
    "事项名称",
    "适用范围",
    "结果送达",
    "情形",
    "数据共享获取",
    "由部门核查",
    "本表即是",
    "已签承诺代替",
    "已拍照上传",
    "已在本机读卡",
)


def plain(official: str) -> str:
    """What a resident reads for an official term (the term itself when it has no entry)."""
    return next((t.plain for t in GLOSSARY if t.official == official), official)
