//! What a document is, as a reviewer sees it on opening it, whatever it is called: the
//! provincial notice sent back, a cover letter (报送函) instead of what it sends, last
//! year's material, a plan filed as the summary, a text that is only a download link,
//! a placeholder (后补), a blank form. Judged from the extracted text (its title lines
//! and its content) and the file name; a check decides what follows from it.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use super::tally;
use crate::inspect::text::TextFacts;

/// The notice itself (辽社指〔2020〕11号 with 辽教办〔2020〕124号 attached): cities
/// forward it back by mistake, under the name of their own plan.
const NOTICE: &str = include_str!("../notice.txt");

static NOTICE_SHINGLES: LazyLock<HashSet<u64>> = LazyLock::new(|| tally::shingles(NOTICE));

/// Share of a document's shingles found in the notice above which it is the notice (or
/// a part of it) rather than a text quoting it.
const NOTICE_SHARE: f64 = 0.8;

/// A cover letter is short: longer, it also holds what it sends.
const COVER_LETTER_MAX_WORDS: usize = 400;

/// A letter naming its 附件 may sum up what it sends at some length; a real plan after
/// a letter's first lines runs longer.
const COVER_LETTER_WITH_ATTACHMENT_MAX_WORDS: usize = 1000;

/// Text left, in 字, once links and their labels are taken away, below which a text is
/// only a link.
const LINK_ONLY_WORDS: usize = 60;

/// How many non-empty lines open a document: the red head, the document number and
/// the title.
const TITLE_LINES: usize = 3;

/// Longest line, in characters, taken for a title line rather than body text.
const TITLE_CHARS: usize = 60;

/// Titles of a document about the week itself (a plan, a summary), whose year is the
/// year of the week; a person's exemplar titled 2019年度百姓学习之星 is not.
static WEEK_TITLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"活动周|学习周|方案|总结|安排|计划|报告").expect("valid pattern"));

static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(20[0-9]{2})\s*(年|学年|年度)").expect("valid pattern"));

/// A date of an event: 2019年10月26日.
static DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(20[0-9]{2})\s*年\s*[0-9]{1,2}\s*月").expect("valid pattern"));

static LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)https?://\S+|www\.\S+|\S+\.(com|cn|net)/\S*|链接[:：]?|提取码[:：]?\s*\w*|密码[:：]?\s*\w*|超大附件|网盘|云盘|百度网盘|下载地址|下载链接|有效期[^\n]{0,20}|到期|复制这段内容[^\n]*|打开[^\n]{0,12}App[^\n]*",
    )
    .expect("valid pattern")
});

static LINK_SIGN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)https?://|www\.|超大附件|网盘|云盘|提取码|下载地址|下载链接")
        .expect("valid pattern")
});

static PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"后补|后续(补|报|提供)|正在(整理|收集|制作|编辑|撰写|完善)|待(补充|完善|上报|提供|定稿)|稍后(补|报|发|提供)|另行(报送|补报|提供)|暂缺|暂无|尚未(完成|形成|定稿)",
    )
    .expect("valid pattern")
});

static COVER_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"报送[^\n]{0,60}的?(函|报告|说明)\s*$|^关于报送|^报送函|函\s*$")
        .expect("valid pattern")
});

static COVER_BODY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"现将[^\n]{0,80}(报送|报上|呈报|上报|发送|提交)|(报送|报上|呈报)[^\n]{0,20}(你们|贵中心|贵单位|如下)|特此(函告|报送|函)|请(查收|审阅|审核)")
        .expect("valid pattern")
});

static ATTACHMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"附件\s*[0-9一二三四五六七八九十]*\s*[:：]\s*[0-9.、]*\s*([^\n]{2,60})")
        .expect("valid pattern")
});

/// What a letter sends, when it has no 附件 line: the title in 《》 of its 现将 clause.
static SENT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"现将[^\n《]{0,20}《([^》\n]{4,60})》").expect("valid pattern"));

/// The attachments a letter names: its 附件 lines, else what its 现将 clause sends;
/// each once, without 《》 and trailing punctuation.
fn attachments(text: &str) -> Vec<String> {
    let mut found: Vec<String> = ATTACHMENT
        .captures_iter(text)
        .map(|c| c[1].to_owned())
        .collect();
    if found.is_empty() {
        found = SENT.captures_iter(text).map(|c| c[1].to_owned()).collect();
    }
    let mut seen = Vec::new();
    for a in found {
        let a = a
            .trim()
            .trim_matches(['《', '》'])
            .trim_end_matches(['。', '；', ';', '，', ','])
            .to_owned();
        if !a.is_empty() && !seen.contains(&a) {
            seen.push(a);
        }
    }
    seen
}

static FORM_TITLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(推荐|申报|登记|信息|审批|汇总)表").expect("valid pattern"));

/// What a text document is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Nature {
    /// The material itself, as far as its text shows.
    Material,
    /// The provincial notice (or a part of it), `percent` of its text the notice's.
    Notice { percent: u32 },
    /// A cover letter, naming what it sends.
    CoverLetter { attachments: Vec<String> },
    /// Material of another year than the rules'.
    OtherYear { year: i32 },
    /// A text that is only a link to files elsewhere (网盘, 超大附件).
    Link,
    /// A placeholder: 材料正在整理中, 后补.
    Placeholder,
    /// A form with its labels and little else.
    BlankForm,
}

/// The first non-empty lines of a text, where its title is.
pub fn title_lines(text: &str) -> Vec<&str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(TITLE_LINES)
        .collect()
}

/// The title of a document or a spreadsheet (its first rows: 附件5.xlsx titled
/// 开幕式参会人员名单), for placing it when its name says nothing.
pub fn title_of(facts: &crate::inspect::Facts) -> Option<String> {
    match facts {
        crate::inspect::Facts::Text(t) => title_for_placing(&t.text),
        crate::inspect::Facts::Sheet(sheets) => sheets.first().and_then(|sheet| {
            let cells: Vec<&str> = sheet
                .rows
                .iter()
                .take(2)
                .flatten()
                .map(String::as_str)
                .collect();
            title_for_placing(&cells.join("\n"))
        }),
        _ => None,
    }
}

/// The title a document announces itself with, for placing it when its name says
/// nothing: its first short lines (a red head, 附件1, the title), up to the first line
/// long enough to be body text, which may name anything.
pub fn title_for_placing(text: &str) -> Option<String> {
    const TITLE_CHARS: usize = 40;
    let lines: Vec<&str> = title_lines(text)
        .into_iter()
        .take_while(|l| l.chars().count() <= TITLE_CHARS)
        .collect();
    (!lines.is_empty()).then(|| lines.join(" "))
}

/// The title: the first line that is not a red head or a document number, shortened.
pub fn title(text: &str) -> String {
    let lines = title_lines(text);
    let line = lines
        .iter()
        .find(|l| l.contains("关于") || l.contains("方案") || l.contains("总结"))
        .or(lines.first())
        .copied()
        .unwrap_or_default();
    line.chars().take(40).collect()
}

/// What the document is. `stem` is its file name without extension; `year` the
/// rules' year; `body_year` also judges by the years its body names (plans and
/// summaries, whose body is about one week); `min_words` is what the requirement
/// asks, below which stubs are told apart.
pub fn nature(
    text: &TextFacts,
    stem: &str,
    year: Option<i32>,
    body_year: bool,
    min_words: usize,
) -> Nature {
    let words = text.counts.words;
    let prints = tally::shingles(&text.text);
    if prints.len() >= tally::MIN_SHINGLES {
        let shared = prints
            .iter()
            .filter(|s| NOTICE_SHINGLES.contains(s))
            .count();
        let share = shared as f64 / prints.len() as f64;
        if share >= NOTICE_SHARE {
            return Nature::Notice {
                percent: (share * 100.0).round() as u32,
            };
        }
    }
    let titles: Vec<&str> = title_lines(&text.text)
        .into_iter()
        .filter(|l| l.chars().count() <= TITLE_CHARS)
        .collect();
    let head = titles.join("\n");
    let titled_letter = titles.iter().any(|l| COVER_TITLE.is_match(l));
    let attachments = attachments(&text.text);
    // A letter that sums up what it sends runs longer; one that goes on to hold the
    // whole plan is the plan.
    let limit = if attachments.is_empty() {
        COVER_LETTER_MAX_WORDS
    } else {
        COVER_LETTER_WITH_ATTACHMENT_MAX_WORDS
    };
    if (titled_letter && words < limit)
        || (COVER_BODY.is_match(&text.text) && words < COVER_LETTER_MAX_WORDS / 2)
    {
        return Nature::CoverLetter { attachments };
    }
    if let Some(year) = year
        && let Some(other) = other_year(&head, stem, &text.text, year, body_year)
    {
        return Nature::OtherYear { year: other };
    }
    if words >= min_words {
        return Nature::Material;
    }
    if LINK_SIGN.is_match(&text.text) {
        let rest = LINK.replace_all(&text.text, "");
        if crate::inspect::wordcount::count(&rest).words < LINK_ONLY_WORDS {
            return Nature::Link;
        }
    }
    if PLACEHOLDER.is_match(&text.text) {
        return Nature::Placeholder;
    }
    if FORM_TITLE.is_match(stem) || FORM_TITLE.is_match(&head) || !text.tables.is_empty() {
        return Nature::BlankForm;
    }
    Nature::Material
}

/// The other year a document is for:
/// - its title (or, without a year in the title, its file name) names another year and
///   not the rules' year: a renamed 2019 summary keeps its 2019 heading;
/// - with `body_year` (plans and summaries) and no year in the title or file name, a
///   body that never names the rules' year but dates its events in another
///   (2019年10月26日, twice or more), or names another year 3 or more times.
fn other_year(head: &str, stem: &str, text: &str, year: i32, body_year: bool) -> Option<i32> {
    let years = |s: &str| -> Vec<i32> {
        YEAR.captures_iter(s)
            .filter_map(|c| c[1].parse().ok())
            .collect()
    };
    let about_the_week = body_year || WEEK_TITLE.is_match(head) || WEEK_TITLE.is_match(stem);
    let (in_head, in_stem) = (years(head), years(stem));
    let named = if in_head.is_empty() {
        &in_stem
    } else {
        &in_head
    };
    if about_the_week && !named.is_empty() && !named.contains(&year) {
        return Some(named[0]);
    }
    // A title or file name naming this year settles it: a summary may compare with last
    // year's dates at length.
    if !body_year || named.contains(&year) {
        return None;
    }
    let body: String = text
        .lines()
        .filter(|l| !head.lines().any(|h| h == l.trim()))
        .collect::<Vec<_>>()
        .join("\n");
    if years(&body).contains(&year) {
        return None;
    }
    let most = |counts: std::collections::BTreeMap<i32, usize>, at_least: usize| {
        counts
            .into_iter()
            .filter(|&(_, n)| n >= at_least)
            .max_by_key(|&(_, n)| n)
            .map(|(y, _)| y)
    };
    let mut dates: std::collections::BTreeMap<i32, usize> = Default::default();
    for c in DATE.captures_iter(&body) {
        if let Ok(y) = c[1].parse::<i32>() {
            *dates.entry(y).or_default() += 1;
        }
    }
    if let Some(y) = most(dates, 2) {
        return Some(y);
    }
    if !named.is_empty() {
        return None;
    }
    let mut counts: std::collections::BTreeMap<i32, usize> = Default::default();
    for y in years(&body) {
        *counts.entry(y).or_default() += 1;
    }
    most(counts, 3)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inspect::wordcount;

    fn facts(text: &str) -> TextFacts {
        TextFacts {
            counts: wordcount::count(text),
            text: text.to_owned(),
            tables: Vec::new(),
            format: "txt",
            pictures: 0,
            parts: Vec::new(),
        }
    }

    #[test]
    fn the_notice_is_known_in_whole_or_in_part() {
        let first_part = &NOTICE[..NOTICE.len() / 2];
        assert!(matches!(
            nature(&facts(NOTICE), "工作方案", Some(2020), true, 300),
            Nature::Notice { .. }
        ));
        assert!(matches!(
            nature(&facts(first_part), "方案", Some(2020), true, 300),
            Nature::Notice { .. }
        ));
    }

    #[test]
    fn a_cover_letter_names_what_it_sends() {
        let letter = "关于报送2020年全民终身学习活动周工作方案的函\n省社区教育指导中心：\n现将《沈阳市2020年全民终身学习活动周工作方案》报送你们，请审阅。\n附件：沈阳市2020年全民终身学习活动周工作方案\n沈阳市社区教育指导中心";
        let Nature::CoverLetter { attachments } =
            nature(&facts(letter), "报送函", Some(2020), true, 300)
        else {
            panic!("a cover letter");
        };
        assert!(
            attachments.iter().any(|a| a.contains("工作方案")),
            "{attachments:?}"
        );
    }

    #[test]
    fn last_years_material_is_told_by_its_title_or_body() {
        let text = format!(
            "2019年全民终身学习活动周工作总结\n{}",
            "我市开展了丰富多彩的活动。".repeat(40)
        );
        assert_eq!(
            nature(&facts(&text), "工作总结", Some(2020), true, 300),
            Nature::OtherYear { year: 2019 }
        );
        let body = "2019年活动周期间，我市举办讲座。".repeat(5) + &"居民踊跃参加。".repeat(40);
        assert_eq!(
            nature(
                &facts(&format!("活动周工作总结\n{body}")),
                "总结",
                Some(2020),
                true,
                300
            ),
            Nature::OtherYear { year: 2019 }
        );
        let this_year = format!(
            "2020年活动周工作总结\n与2019年相比，{}",
            "参与人数增加。".repeat(40)
        );
        assert_eq!(
            nature(&facts(&this_year), "总结", Some(2020), true, 300),
            Nature::Material
        );
    }

    #[test]
    fn stubs_are_named_for_what_they_are() {
        let link = "链接：https://pan.baidu.com/s/1AbCdEf 提取码：8k2m\n链接有效期7天";
        assert_eq!(nature(&facts(link), "典型", None, false, 200), Nature::Link);
        let later = "特色案例材料正在整理中，后补。";
        assert_eq!(
            nature(&facts(later), "特色案例（后补）", None, false, 200),
            Nature::Placeholder
        );
        let form = "百姓学习之星推荐表\n姓名\n性别\n出生年月\n工作单位\n主要事迹\n推荐意见";
        assert_eq!(
            nature(&facts(form), "推荐表", None, false, 200),
            Nature::BlankForm
        );
    }
}
