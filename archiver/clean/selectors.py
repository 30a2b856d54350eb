"""WeChat page chrome, as data.

Rules are kept here, apart from the code that applies them, so that a new widget or a new
exporter's wrapper is one line in a table (the trafilatura way). Three kinds:

- ``DROP_TAGS``: elements that are never content;
- ``DROP_LINES``: a block whose whole text is one of these (after whitespace is removed) is
  chrome: collection banners, reading prompts; ``WIDGET_WORDS``, the share/like bar's words
  (分享, 在看, 赞, Like), which a post may write as a line too, only beside another such line;
- ``TAIL_MARKERS``: a block opening with one of these starts the page's footer chrome (reward
  area, QR prompts, "read more" widgets): it and everything after it is dropped, together with
  the short lead-in blocks the reward widget puts before it (avatar, account name, slogan).
  ``TAIL_MARKER_LINES``, words a post may write too (喜欢作者, 最多40字), only where the block
  is one of them, with at most a few characters of its widget after it.
"""

from __future__ import annotations

import re

DROP_TAGS = ("script", "style", "noscript", "template", "mp-style-type", "link", "meta",
             "iframe", "object", "embed", "input", "button", "textarea", "select")

# Whole-block chrome (compared with all whitespace removed).
DROP_LINES = frozenset(s.replace(" ", "") for s in (
    "收录于合集", "收录于话题", "预览时标签不可点", "阅读原文", "轻触阅读原文", "继续滑动看下一个",
    "向上滑动看下一个", "微信扫一扫关注该公众号", "微信扫一扫可打开此内容，使用完整服务",
    "轻点两下取消赞", "轻点两下取消在看", "写留言", "ScantoFollow", "AddedtoTopStories",
    "Readmore",
))
# The widgets' words, each also a word a post may give a line of its own (a heading 视频 over
# a video, a closing "Wow"): chrome only beside another line of chrome, as the share and like
# bar and the dialogs write them one after another ("分享 / 点赞 / 在看", "取消 / 允许").
WIDGET_WORDS = frozenset((
    "在看", "分享", "点赞", "留言", "赞", "阅读", "Share", "Like", "Wow",
    "知道了", "取消", "允许", "视频", "小程序", "Video", "MiniProgram",
))

DROP_LINE_PATTERNS = (
    re.compile(r"^收录于(?:合集|话题)\s*(?:#\S+\s*)*(?:\d+个)?$"),
    re.compile(r"^(?:#\S+\s*)+\d+个$"),  # "#中亚研究 12个" collection tag line
)

# Compared with all white space removed, with the opening of a block: a paragraph that only
# quotes one ("如果你也喜欢作者的这类对比研究，欢迎转发。") is the post's, and so is all after it.
TAIL_MARKERS = (
    "微信扫一扫赞赏作者", "长按二维码向我转账", "赞赏二维码",
    "受苹果公司新规定影响，微信 iOS 版的赞赏功能被关闭",
    "预览时标签不可点", "微信扫一扫关注该公众号", "继续滑动看下一个", "向上滑动看下一个",
    "Scan with Weixin to use this Mini Program", "微信扫一扫可打开此内容",
    "轻点两下取消赞", "以上推荐为优质及原创文章",
)
TAIL_MARKER_LINES = ("喜欢作者", "最多40字", "Got It", "Scan to Follow", "Max 200 characters")
# what may follow one of TAIL_MARKER_LINES in its block: its widget's words (最多40字，当前共字)
TAIL_MARKER_LINE_REST = 6

# The reward widget's markers: the widget opens with the account's avatar, its name and its
# reward slogan, up to TAIL_LEAD_IN_BLOCKS short blocks before the marker, chrome too. (The
# other markers stand alone: what precedes them is the post's.)
REWARD_MARKERS = ("微信扫一扫赞赏作者", "长按二维码向我转账", "喜欢作者", "赞赏二维码")
# Reward widget lead-in: up to this many short blocks before a reward marker are chrome too.
TAIL_LEAD_IN_BLOCKS = 3
TAIL_LEAD_IN_MAX_CHARS = 24
# A footer's lines after a marker that stands alone: none longer (a paragraph after the
# marker is the post's, which quotes the label)
FOOTER_LINE_MAX_CHARS = 40

# Exporter wrapper text that may survive inside bodies.
WRAPPER_PATTERNS = (
    re.compile(r"^本文抓取时间\s*[:：]"),
)
