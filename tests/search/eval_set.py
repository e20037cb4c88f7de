"""A small judged set for search quality: short case pages and queries.

Written for this purpose (not from the casebook): 26 pages, mostly Japanese, a
few English, and 28 queries, each with the keys of the pages a reader would
want for it, judged by topic (not by which words happen to match). The queries
cover words inside running text (in bodies, not only titles), ＡＬＴ/ALT,
half-width katakana, Café composed and decomposed, 英会話 vs 英語, and queries in
the other language than the pages'.

Used by ``bench/search_quality.py`` and ``tests/search/test_search_quality.py``.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

DECOMPOSED_CAFE = unicodedata.normalize("NFD", "Café")


@dataclass(frozen=True)
class EvalPage:
    key: str
    language: str  # "ja" or "en"
    section: str  # "school" or "community"
    title: str
    summary: str
    body: str


@dataclass(frozen=True)
class EvalQuery:
    q: str
    language: str
    relevant: frozenset[str]
    why: str


def _page(key, language, section, title, summary, body) -> EvalPage:
    return EvalPage(key, language, section, title, summary, body)


PAGES: tuple[EvalPage, ...] = (
    _page(
        "bousai",
        "ja",
        "community",
        "外国人住民と地域防災訓練",
        "ＡＬＴが通訳として参加し、やさしい日本語と英語で避難の手順を伝えた。",
        "毎年秋に行う訓練に、市内の外国人住民三十人が参加した。",
    ),
    _page(
        "bousai2",
        "ja",
        "community",
        "災害に備えるハンドブックの英訳",
        "市の防災ハンドブックを英語に訳し、窓口で配布した。",
        "災害時の避難所の場所を地図で示した。",
    ),
    _page(
        "yomikikase",
        "ja",
        "community",
        "図書館での英語の読み聞かせ",
        "毎月第二土曜日に、親子向けの会を開いた。",
        "絵本を英語で読み、簡単な歌も歌った。",
    ),
    _page(
        "eikaiwa_cafe",
        "ja",
        "school",
        "イングリッシュ・カフェ",
        "放課後に生徒が自由に英会話を楽しむ場をつくった。",
        "ＡＬＴが毎週水曜日に図書室で待っている。",
    ),
    _page(
        "eigo_club",
        "ja",
        "school",
        "英語で話そう部",
        "中学校の部活動として、英語で会話する力を伸ばした。",
        "ディベートやスピーチに挑戦した。",
    ),
    _page(
        "tabunka",
        "ja",
        "community",
        "多文化共生フェスタ",
        "地域に暮らす外国人と日本人が料理と音楽で交流した。",
        "国際交流員と外国語指導助手が企画を手伝った。",
    ),
    _page(
        "kokusai_rikai",
        "ja",
        "school",
        "小学校の国際理解教育",
        "ALTの出身国の文化を紹介する授業を行った。",
        "児童はオーストラリアの学校生活について調べた。",
    ),
    _page(
        "online",
        "ja",
        "school",
        "海外の学校とのオンライン交流",
        "タブレットを使い、アメリカの中学校と交流した。",
        "時差を考えて朝の時間に実施した。",
    ),
    _page(
        "kyozai",
        "ja",
        "school",
        "地域教材を使った授業づくり",
        "地元の特産品を英語で紹介する教材を作った。",
        "生徒は農家の方にインタビューした。",
    ),
    _page(
        "speech",
        "ja",
        "school",
        "英語スピーチコンテストの指導",
        "高校生の発表原稿づくりをＡＬＴが支えた。",
        "発音と表現の練習を重ねた。",
    ),
    _page(
        "cafe_en",
        "en",
        "school",
        "English Café for teachers",
        "A weekly conversation hour for school staff.",
        "Teachers practised English conversation over coffee.",
    ),
    _page(
        "cafe_decomposed",
        "ja",
        "community",
        f"商店街の{DECOMPOSED_CAFE}で英語を",
        "商店街の喫茶店で住民向けの講座を開いた。",
        "買い物のついでに立ち寄れる時間にした。",
    ),
    _page(
        "machizukuri",
        "ja",
        "community",
        "地域活性化と観光案内",
        "観光案内所の職員向けに英語研修を行った。",
        "外国人観光客への案内の仕方を練習した。",
    ),
    _page(
        "kominkan",
        "ja",
        "community",
        "公民館の料理教室",
        "世界の家庭料理を作りながら交流した。",
        "ALTがふるさとのレシピを紹介した。",
    ),
    _page(
        "sports",
        "ja",
        "school",
        "運動会で世界の遊び",
        "各国の伝統的な遊びを運動会に取り入れた。",
        "先生が遊び方を英語で説明した。",
    ),
    _page(
        "shogakko_eigo",
        "ja",
        "school",
        "小学校外国語の授業支援",
        "担任とＡＬＴが協力して授業を計画した。",
        "英語の歌やゲームで、児童が楽しく学んだ。",
    ),
    _page(
        "bunka_seminar",
        "ja",
        "community",
        "世界の文化セミナー",
        "市民向けに各国の文化を紹介する講座を開いた。",
        "国際理解を深める機会になった。",
    ),
    _page(
        "hogosha",
        "ja",
        "community",
        "外国人保護者への支援",
        "学校からのお便りをやさしい日本語に書き換えた。",
        "教育委員会と協力して翻訳の仕組みを整えた。",
    ),
    _page(
        "tsuyaku",
        "ja",
        "community",
        "高校生の通訳ボランティア",
        "国際交流イベントで高校生が通訳を務めた。",
        "事前に練習会を開いた。",
    ),
    _page(
        "hoikuen",
        "ja",
        "community",
        "保育園での英語あそび",
        "幼児が歌と絵本で英語に親しんだ。",
        "読み聞かせのあと、色の名前を覚えた。",
    ),
    _page(
        "en_bousai",
        "en",
        "community",
        "Evacuation drill with foreign residents",
        "Residents practised disaster preparedness in plain Japanese and English.",
        "The ALT interpreted at the evacuation centre.",
    ),
    _page(
        "en_story",
        "en",
        "community",
        "Picture books at the city library",
        "Story time in English for families on Saturdays.",
        "Children sang songs after the stories.",
    ),
    _page(
        "en_online",
        "en",
        "school",
        "Talking with a school in Australia",
        "Students met pupils abroad on tablets: an online exchange every month.",
        "The time difference meant early mornings.",
    ),
    _page(
        "camp",
        "ja",
        "school",
        "ｲﾝｸﾞﾘｯｼｭ・キャンプ",
        "夏休みに中学生が英語だけで過ごす二日間。",
        "ＡＬＴ五人が班を担当した。",
    ),
    _page(
        "jet",
        "ja",
        "school",
        "JET-ALTの一年",
        "着任から一年間の活動を振り返った。",
        "学校と地域の両方で活躍した。",
    ),
    _page(
        "eigo_kyoiku",
        "ja",
        "school",
        "町の英語教育推進計画",
        "町の小中学校で学ぶ内容をつなぐ計画をつくった。",
        "教育委員会と学校が話し合った。",
    ),
)

_ALT = frozenset(
    {
        "bousai",
        "eikaiwa_cafe",
        "kokusai_rikai",
        "speech",
        "kominkan",
        "shogakko_eigo",
        "camp",
        "jet",
    }
)


def _query(q, language, relevant, why) -> EvalQuery:
    return EvalQuery(q, language, frozenset(relevant), why)


QUERIES: tuple[EvalQuery, ...] = (
    _query("防災", "ja", {"bousai", "bousai2"}, "word in a summary; 防災訓練 topic"),
    _query("避難", "ja", {"bousai", "bousai2"}, "inside running text, body"),
    _query("読み聞かせ", "ja", {"yomikikase", "hoikuen"}, "title and body"),
    _query("ALT", "ja", _ALT | {"tabunka"}, "ALT, ＡＬＴ, JET-ALT, 外国語指導助手"),
    _query("ＡＬＴ", "ja", _ALT | {"tabunka"}, "full-width query"),
    _query("ｲﾝｸﾞﾘｯｼｭ", "ja", {"eikaiwa_cafe", "camp"}, "half-width katakana"),
    _query("イングリッシュ", "ja", {"eikaiwa_cafe", "camp"}, "full-width query"),
    _query("café", "ja", {"cafe_decomposed"}, "composed query, decomposed text"),
    _query("Cafe", "en", {"cafe_en"}, "no accent, case"),
    _query(unicodedata.normalize("NFD", "café"), "en", {"cafe_en"}, "decomposed"),
    _query("英会話", "ja", {"eikaiwa_cafe", "eigo_club"}, "英会話 vs 英語で会話"),
    _query("英語教育", "ja", {"eigo_kyoiku", "shogakko_eigo"}, "compound word"),
    _query("多文化共生", "ja", {"tabunka"}, "title"),
    _query("multicultural coexistence", "ja", {"tabunka"}, "other language"),
    _query("disaster preparedness", "ja", {"bousai", "bousai2"}, "other language"),
    _query("disaster preparedness", "en", {"en_bousai"}, "English words"),
    _query("story time", "en", {"en_story"}, "English phrase in a summary"),
    _query("オンライン交流", "ja", {"online"}, "title"),
    _query("タブレット", "ja", {"online"}, "summary"),
    _query("教育委員会", "ja", {"hogosha", "eigo_kyoiku"}, "bodies only"),
    _query("通訳", "ja", {"bousai", "tsuyaku"}, "summary and title"),
    _query("国際理解", "ja", {"kokusai_rikai", "bunka_seminar"}, "title and body"),
    _query("外国語指導助手", "ja", _ALT | {"tabunka"}, "the ALT's Japanese name"),
    _query("絵本", "ja", {"yomikikase", "hoikuen"}, "body and summary"),
    _query("観光", "ja", {"machizukuri"}, "inside 観光案内所"),
    _query("料理", "ja", {"kominkan", "tabunka"}, "inside 家庭料理"),
    _query("online exchange", "en", {"en_online"}, "English words"),
    _query("スピーチ", "ja", {"speech", "eigo_club"}, "title and body"),
)
