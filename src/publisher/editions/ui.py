"""The few words the site itself says (not the reports), in each language the tool ships.

Languages without an entry here fall back to English, as Sphinx does for its own messages.
"""

from __future__ import annotations

from babel import Locale

from publisher.lang.dates import locale_of

__all__ = ["ui_strings", "language_name", "count_text"]

_STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "contents": "Contents",
        "languages": "Languages",
        "read_in": "Read this report in",
        "untranslated": "Not yet translated: shown in {language}",
        "fuzzy": "Translation out of date: shown in {language}",
        "banner": "This edition is {percent}% translated. Passages not yet translated are "
        "shown in {language} and marked.",
        "source_edition": "This is the original edition, written in {language}.",
        "translated_from": "Translated from {language}",
        "built_from": "Built from the {language} source",
        "revision": "revision {revision} of {date}",
        "uncommitted": "with changes not yet committed",
        "not_versioned": "not under version control",
        "translated_share": "{percent}% translated",
        "reports": "Reports",
        "all_languages": "All languages",
        "no_reports": "No report is published in this language yet.",
        "choose_language": "Choose a language",
        "footnotes": "Notes",
        "organisers": "Organizers",
        "partners": "Partners",
        "authors": "Authors",
        "bilingual": "Bilingual edition",
        "dashboard": "Translation status",
        "original": "Original",
        "report_one": "{count} report",
        "report_other": "{count} reports",
        "latest": "Latest reports",
        "also_in": "Also in",
        "feed": "Feed",
        "intro": "Reports published in {languages}.",
        "all_reports": "All reports in {language}",
        "pdf": "PDF",
        "summary": "Summary",
        "number": "No. {number}",
        "bilingual_link": "Bilingual edition ({languages})",
        "colophon": "About this edition",
        "licence": "Licence",
        "page_of": "Page {page} of {pages}",
        "translation_notice": "Translation notice",
        "source_revision": "Source revision",
        "edition": "English edition",
        "edition_label": "Edition",
        "cite_as": "Cite as",
    },
    "ja": {
        "contents": "目次",
        "languages": "言語",
        "read_in": "この報告書を他の言語で読む",
        "untranslated": "未翻訳：{language}で表示しています",
        "fuzzy": "翻訳が原文の更新に追いついていません：{language}で表示しています",
        "banner": "この版は{percent}%が翻訳済みです。"
        "未翻訳の箇所は{language}で表示し、印を付けています。",
        "source_edition": "これは{language}で書かれた原文の版です。",
        "translated_from": "{language}からの翻訳",
        "built_from": "{language}の原文から作成",
        "revision": "{date}のリビジョン {revision}",
        "uncommitted": "未コミットの変更を含む",
        "not_versioned": "バージョン管理外",
        "translated_share": "翻訳率 {percent}%",
        "reports": "報告書",
        "all_languages": "すべての言語",
        "no_reports": "この言語で公開されている報告書はまだありません。",
        "choose_language": "言語を選択してください",
        "footnotes": "注",
        "organisers": "主催",
        "partners": "協力",
        "authors": "著者",
        "bilingual": "対訳版",
        "dashboard": "翻訳状況",
        "original": "原文",
        "report_one": "報告書 {count}件",
        "report_other": "報告書 {count}件",
        "latest": "最新の報告書",
        "also_in": "他の言語",
        "feed": "フィード",
        "intro": "{languages}で公開している報告書です。",
        "all_reports": "{language}の報告書一覧",
        "pdf": "PDF",
        "summary": "要旨",
        "number": "第{number}号",
        "bilingual_link": "対訳版（{languages}）",
        "colophon": "この版について",
        "licence": "ライセンス",
        "page_of": "{page} / {pages}",
        "translation_notice": "翻訳についての注記",
        "source_revision": "原文のリビジョン",
        "edition": "日本語版",
        "edition_label": "版",
        "cite_as": "引用表記",
    },
    "ko": {
        "contents": "목차",
        "languages": "언어",
        "read_in": "이 보고서를 다른 언어로 읽기",
        "untranslated": "아직 번역되지 않음: {language}로 표시",
        "fuzzy": "원문이 바뀌어 번역을 고쳐야 함: {language}로 표시",
        "banner": "이 판은 {percent}% 번역되었습니다. 아직 번역되지 않은 부분은 {language}로 "
        "표시하고 따로 표시해 두었습니다.",
        "source_edition": "{language}로 쓰인 원문판입니다.",
        "translated_from": "{language} 원문 번역",
        "built_from": "{language} 원문으로 작성",
        "revision": "{date} 리비전 {revision}",
        "uncommitted": "커밋되지 않은 변경 포함",
        "not_versioned": "버전 관리 대상 아님",
        "translated_share": "번역률 {percent}%",
        "reports": "보고서",
        "all_languages": "모든 언어",
        "no_reports": "이 언어로 공개된 보고서가 아직 없습니다.",
        "choose_language": "언어를 선택하세요",
        "footnotes": "주",
        "organisers": "주최",
        "partners": "협력",
        "authors": "저자",
        "bilingual": "대역판",
        "dashboard": "번역 현황",
        "original": "원문",
        "report_one": "보고서 {count}건",
        "report_other": "보고서 {count}건",
        "latest": "최신 보고서",
        "also_in": "다른 언어",
        "feed": "피드",
        "intro": "{languages}로 발행한 보고서입니다.",
        "all_reports": "{language} 보고서 목록",
        "pdf": "PDF",
        "summary": "요약",
        "number": "제{number}호",
        "bilingual_link": "대역판({languages})",
        "colophon": "이 판에 대하여",
        "licence": "라이선스",
        "page_of": "{page} / {pages}",
        "translation_notice": "번역 안내",
        "source_revision": "원문 리비전",
        "edition": "한국어판",
        "edition_label": "판",
        "cite_as": "인용 표기",
    },
}


def ui_strings(language: str) -> dict[str, str]:
    """The site's own words in ``language`` (English for what is missing)."""
    base = language.split("-")[0].split("_")[0]
    return {**_STRINGS["en"], **_STRINGS.get(base, {})}


def count_text(language: str, count: int, key: str = "report") -> str:
    """``count`` things in words, with the plural form the language wants (CLDR, from Babel)."""
    ui = ui_strings(language)
    form = locale_of(language).plural_form(count)
    return ui.get(f"{key}_{form}", ui[f"{key}_other"]).format(count=count)


def language_name(code: str, in_language: str | None = None) -> str:
    """A language's name, by default in that language itself (English, 日本語, 한국어)."""
    locale: Locale = locale_of(code)
    name = locale.get_display_name(locale_of(in_language or code)) or code
    return name[:1].upper() + name[1:] if (in_language or code) == code else name
